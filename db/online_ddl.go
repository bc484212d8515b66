package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
	"go.uber.org/zap"
	gormmysql "gorm.io/driver/mysql"
	"gorm.io/gorm"
	gormlogger "gorm.io/gorm/logger"
)

// progressEvery is how often a long ALTER reports its progress.
const progressEvery = 5 * time.Second

// alterAlgorithms are tried cheapest first. INSTANT changes only metadata; INPLACE with
// LOCK=NONE rebuilds while reads and writes continue; the server's default (a table copy for a
// column type change such as TIMESTAMP→DATETIME) lets reads continue but makes writes wait.
func alterAlgorithms() []string {
	return []string{"ALGORITHM=INSTANT", "ALGORITHM=INPLACE, LOCK=NONE", ""}
}

// alterTable applies changes to table in one ALTER TABLE (so it is rebuilt at most once), with
// the cheapest algorithm the server accepts, logging what it does, how, and how long it took.
// A new upgrade step calls it with its own clauses.
func alterTable(db *gorm.DB, log *zap.Logger, table string, changes []string) error {
	if len(changes) == 0 {
		return nil
	}
	log = log.With(zap.String("table", table))
	log.Info("upgrading table", zap.Int64("rows_estimate", estimatedRows(db, table)), zap.Strings("changes", changes))
	start := time.Now()
	pool, err := ddlPool(db)
	if err != nil {
		return err
	}
	defer pool.Close()
	for _, algo := range alterAlgorithms() {
		stmt := "ALTER TABLE `" + table + "` " + strings.Join(changes, ", ")
		if algo != "" {
			stmt += ", " + algo
		}
		err := execWithProgress(pool, db, log, stmt)
		if err == nil {
			log.Info("upgraded table", zap.String("algorithm", algorithmName(algo)), zap.Duration("took", time.Since(start)))
			return nil
		}
		if !refusedAlgorithm(err) {
			return fmt.Errorf("upgrade table %s: %w", table, err)
		}
		log.Debug("algorithm refused, trying the next", zap.String("algorithm", algorithmName(algo)), zap.String("reason", err.Error()))
		if algo == "ALGORITHM=INPLACE, LOCK=NONE" {
			log.Info("online change refused by the server: copying the table, writes to it wait until the copy ends",
				zap.String("reason", err.Error()))
		}
	}
	return fmt.Errorf("upgrade table %s: no algorithm accepted", table)
}

// algorithmName names the algorithm clause for the log.
func algorithmName(algo string) string {
	if algo == "" {
		return "server default (table copy)"
	}
	return strings.ToLower(algo)
}

// refusedAlgorithm tells whether the server rejected the ALGORITHM/LOCK clause itself; such a
// refusal is immediate and changes nothing, so the next algorithm can be tried.
func refusedAlgorithm(err error) bool {
	var me *mysql.MySQLError
	if !errors.As(err, &me) {
		return false
	}
	switch me.Number {
	case 1800, 1801, 1845, 1846: // unknown algorithm/lock (older servers), operation not supported (with reason)
		return true
	}
	return false
}

// estimatedRows is the server's row estimate of table (free: no scan), -1 when unknown.
func estimatedRows(db *gorm.DB, table string) int64 {
	var n *int64
	db.Raw(`SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`, table).Scan(&n)
	if n == nil {
		return -1
	}
	return *n
}

// execWithProgress runs a DDL statement on a connection of pool and, while it runs, logs every
// progressEvery how far it got (MariaDB reports a percentage per connection, read through db).
func execWithProgress(pool *sql.DB, db *gorm.DB, log *zap.Logger, stmt string) error {
	ctx := context.Background()
	conn, err := pool.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect for the upgrade: %w", err)
	}
	defer conn.Close()
	var id int64
	if err := conn.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id); err != nil {
		return err
	}
	done := make(chan struct{})
	defer close(done)
	go reportProgress(db, log, id, done)
	_, err = conn.ExecContext(ctx, stmt)
	return err
}

// ddlPool opens a one-connection pool like db's but without its read timeout: the service's
// 30 s timeout notices a dead server on ordinary queries, but would cut short the copy of a
// table of a million rows or more (TCP keep-alive still notices a dead server).
func ddlPool(db *gorm.DB) (*sql.DB, error) {
	d, ok := db.Dialector.(*gormmysql.Dialector)
	if !ok || d.Config == nil {
		return nil, errors.New("upgrade: not a MySQL connection")
	}
	cfg, err := mysql.ParseDSN(d.DSN)
	if err != nil {
		return nil, fmt.Errorf("upgrade: parse the MySQL DSN: %w", err)
	}
	cfg.ReadTimeout = 0
	pool, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		return nil, fmt.Errorf("connect for the upgrade: %w", err)
	}
	pool.SetMaxOpenConns(1)
	return pool, nil
}

// reportProgress logs the progress of connection id's statement until done is closed.
func reportProgress(db *gorm.DB, log *zap.Logger, id int64, done <-chan struct{}) {
	start := time.Now()
	// A failed poll (MySQL lacks the columns) must not log an error every 5 s.
	quiet := db.Session(&gorm.Session{Logger: db.Logger.LogMode(gormlogger.Silent)})
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
		}
		var p struct {
			Stage, MaxStage *int
			Progress        *float64
		}
		// These columns are MariaDB's (a copy, then an index build, each 0-100 %); on MySQL the
		// query fails and only the elapsed time is logged.
		quiet.Raw("SELECT STAGE AS stage, MAX_STAGE AS max_stage, PROGRESS AS progress FROM information_schema.PROCESSLIST WHERE ID = ?", id).Scan(&p)
		fields := []zap.Field{zap.Duration("elapsed", time.Since(start).Round(time.Second))}
		if p.Progress != nil && p.Stage != nil && p.MaxStage != nil {
			// The percentage rests on the row estimate and can overshoot.
			pct := min(*p.Progress, 100)
			fields = append(fields, zap.String("progress", fmt.Sprintf("stage %d of %d, %.0f%%", *p.Stage, *p.MaxStage, pct)))
		}
		log.Info("still upgrading table", fields...)
	}
}
