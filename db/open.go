// Package db opens the database (MySQL or the embedded SQLite) and migrates it.
package db

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/glebarez/sqlite"
	"go.uber.org/zap"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	gormlogger "gorm.io/gorm/logger"
)

// Dialects the service runs on.
const (
	MySQL  = "mysql"
	SQLite = "sqlite"
)

// Options selects and tunes the database.
type Options struct {
	MySQLAddress, MySQLUsername, MySQLPassword, MySQLDatabase string
	SQLitePath                                                string
	Logger                                                    *zap.Logger
}

// Open connects to MySQL when an address is given, else to the embedded SQLite file.
// It returns the dialect name along with the handle.
func Open(o Options) (*gorm.DB, string, error) {
	cfg := &gorm.Config{Logger: newGormLogger(o.Logger), NowFunc: func() time.Time { return time.Now().UTC() }}
	if o.MySQLAddress != "" {
		db, err := openMySQL(o, cfg)
		return db, MySQL, err
	}
	db, err := openSQLite(o.SQLitePath, cfg)
	return db, SQLite, err
}

// MySQLDSN builds the DSN. Times are kept in UTC on both sides so TIMESTAMP→DATETIME
// conversions and reads agree whatever the server's zone; utf8mb4 so emoji store.
func MySQLDSN(user, pass, addr, database string) string {
	q := url.Values{}
	q.Set("charset", "utf8mb4")
	q.Set("collation", "utf8mb4_unicode_ci")
	q.Set("parseTime", "true")
	q.Set("loc", "UTC")
	q.Set("time_zone", "'+00:00'")
	q.Set("timeout", "5s")
	q.Set("readTimeout", "30s")
	q.Set("writeTimeout", "30s")
	// Bind parameters client-side: one round trip per statement instead of
	// prepare/execute/close (measured +15-20 % push throughput); safe with utf8mb4.
	q.Set("interpolateParams", "true")
	return fmt.Sprintf("%s:%s@tcp(%s)/%s?%s", user, pass, addr, database, q.Encode())
}

// openMySQL connects and sizes the pool for a fleet of instances sharing one server.
func openMySQL(o Options, cfg *gorm.Config) (*gorm.DB, error) {
	dsn := MySQLDSN(o.MySQLUsername, o.MySQLPassword, o.MySQLAddress, o.MySQLDatabase)
	db, err := gorm.Open(mysql.Open(dsn), cfg)
	if err != nil {
		// The DSN carries the password: name only the address and database.
		return nil, fmt.Errorf("connect to MySQL %s/%s: %w", o.MySQLAddress, o.MySQLDatabase, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	// CloudRun may run up to 50 instances against one MySQL whose max_connections
	// is often 151-1000; 20 open / 10 idle per instance keeps the fleet inside it
	// while still letting the push ingester batch in parallel.
	sqlDB.SetMaxOpenConns(20)
	sqlDB.SetMaxIdleConns(10)
	sqlDB.SetConnMaxLifetime(30 * time.Minute)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// openSQLite opens (creating if need be) the embedded database file.
func openSQLite(path string, cfg *gorm.Config) (*gorm.DB, error) {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create SQLite directory %s: %w", dir, err)
		}
	}
	// WAL lets readers run while the ingester writes; busy_timeout makes the
	// single writer wait instead of failing with SQLITE_BUSY.
	dsn := path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	db, err := gorm.Open(sqlite.Open(dsn), cfg)
	if err != nil {
		return nil, fmt.Errorf("open SQLite %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	// SQLite has one writer; a single connection avoids lock contention between
	// pooled connections and keeps transactions strictly serialised.
	sqlDB.SetMaxOpenConns(1)
	return db, nil
}

// newGormLogger routes GORM's notices to zap, or discards them when l is nil.
func newGormLogger(l *zap.Logger) gormlogger.Interface {
	if l == nil {
		return gormlogger.Discard
	}
	// GORM's own logger would print SQL with bound values (tokens, secrets): keep
	// only slow-query and error notices, without parameters.
	return gormlogger.New(zapWriter{l.Named("gorm")}, gormlogger.Config{
		SlowThreshold:             time.Second,
		LogLevel:                  gormlogger.Warn,
		IgnoreRecordNotFoundError: true,
		ParameterizedQueries:      true,
	})
}

// zapWriter adapts zap to GORM's logger.Writer.
type zapWriter struct{ l *zap.Logger }

// Printf logs one GORM notice at warn level, the only level GORM is configured to emit.
func (w zapWriter) Printf(format string, args ...any) { w.l.Warn(fmt.Sprintf(format, args...)) }
