// Package dbtest opens real, migrated databases for tests: a temporary SQLite
// file and a fresh database on the local MariaDB. With CI=true a missing
// MariaDB fails the test instead of skipping it.
package dbtest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"gorm.io/gorm"

	"wxcomponent/db"
)

// MySQLAddr is the MariaDB the tests use; override with TEST_MYSQL_ADDRESS.
func MySQLAddr() string {
	if a := os.Getenv("TEST_MYSQL_ADDRESS"); a != "" {
		return a
	}
	return "127.0.0.1:3306"
}

// Dialects lists the databases every storage test runs on.
var Dialects = []string{db.SQLite, db.MySQL}

// Open returns a migrated database of the given dialect, removed when the test ends.
func Open(t testing.TB, dialect string) *gorm.DB {
	t.Helper()
	g := OpenEmpty(t, dialect)
	if err := db.Migrate(g, dialect); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return g
}

// OpenEmpty returns an unmigrated database of the given dialect.
func OpenEmpty(t testing.TB, dialect string) *gorm.DB {
	t.Helper()
	opts := Options(t, dialect)
	g, _, err := db.Open(opts)
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() {
		if sqlDB, err := g.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	return g
}

// Options returns connection options for a fresh database of the dialect;
// for MySQL the database is created now and dropped at cleanup.
func Options(t testing.TB, dialect string) db.Options {
	t.Helper()
	if dialect == db.SQLite {
		return db.Options{SQLitePath: filepath.Join(t.TempDir(), "test.db")}
	}
	name := "wxc_test_" + randomHex(6)
	admin := mysqlAdmin(t)
	if err := admin.Exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci").Error; err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		_ = admin.Exec("DROP DATABASE IF EXISTS `" + name + "`").Error
		if sqlDB, err := admin.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	return db.Options{MySQLAddress: MySQLAddr(), MySQLUsername: "root", MySQLDatabase: name}
}

// mysqlAdmin connects without a database; a MariaDB that is down skips the
// test locally and fails it in CI.
func mysqlAdmin(t testing.TB) *gorm.DB {
	t.Helper()
	g, _, err := db.Open(db.Options{MySQLAddress: MySQLAddr(), MySQLUsername: "root", MySQLDatabase: ""})
	if err == nil {
		err = g.Exec("SELECT 1").Error
	}
	if err != nil {
		msg := fmt.Sprintf("MariaDB at %s unavailable: %v (start it: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd)", MySQLAddr(), err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return g
}

// ForEach runs fn as a subtest on every dialect.
func ForEach(t *testing.T, fn func(t *testing.T, dialect string)) {
	for _, d := range Dialects {
		t.Run(d, func(t *testing.T) { fn(t, d) })
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
