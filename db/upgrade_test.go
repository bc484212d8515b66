package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
	"gorm.io/gorm"

	"wxcomponent/db"
	"wxcomponent/db/dbtest"
)

// openOriginal returns a MariaDB database as the original template left it, with old pushes.
func openOriginal(t *testing.T) *gorm.DB {
	t.Helper()
	g := dbtest.OpenEmpty(t, db.MySQL)
	dbtest.ExecFile(t, g, "../testdata/legacy_schema.sql")
	for _, stmt := range []string{
		"INSERT INTO wxcallback_biz (receivetime, createtime, appid, msgtype, postbody) VALUES ('2024-03-01 08:00:00', '2024-03-01 08:00:00', 'wx1111111111111111', 'text', '{}')",
		"INSERT INTO wxcallback_component (receivetime, createtime, infotype, postbody) VALUES ('2024-03-01 08:00:00', '2024-03-01 08:00:00', 'component_verify_ticket', '{}')",
	} {
		if err := g.Exec(stmt).Error; err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// The first migration of an original database records when it happened, once; the tables end
// up with the columns of a database wxcomponent creates, and the old pushes are still there.
func TestUpgradeOfTheOriginalRecordsItsTimeAndMatchesAFreshSchema(t *testing.T) {
	g := openOriginal(t)
	before := time.Now().Add(-time.Second)
	core, logs := observer.New(zapcore.InfoLevel)
	if err := db.MigrateWithLog(g, db.MySQL, zap.New(core)); err != nil {
		t.Fatal(err)
	}
	at, err := db.UpgradedAt(context.Background(), g)
	if err != nil || at.Before(before) || at.After(time.Now()) {
		t.Fatalf("upgrade time %v (%v), want about now", at, err)
	}
	if err := db.Migrate(g, db.MySQL); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.UpgradedAt(context.Background(), g); !again.Equal(at) {
		t.Fatalf("a second migration moved the upgrade time from %v to %v", at, again)
	}
	// One table copy; making the (new, all-NULL) dedupe key compare bytes afterwards is an
	// online index rebuild, since the charset conversion resets a collation set in the same ALTER.
	if n := logs.FilterMessage("online change refused by the server: copying the table, writes to it wait until the copy ends").FilterField(zap.String("table", "wxcallback_biz")).Len(); n != 1 {
		t.Fatalf("wxcallback_biz copied %d times in the log, want once: %v", n, logs.All())
	}
	fresh := dbtest.Open(t, db.MySQL)
	for _, table := range []string{"wxcallback_component", "wxcallback_biz", "comm", "user", "authorizers", "wxcallback_rules", "wxtoken"} {
		if got, want := columnsOf(t, g, table), columnsOf(t, fresh, table); got != want {
			t.Errorf("%s after the upgrade:\n  %s\nfresh:\n  %s", table, got, want)
		}
	}
	var old int64
	g.Raw("SELECT COUNT(*) FROM wxcallback_biz WHERE receivetime = '2024-03-01 08:00:00'").Scan(&old)
	if old != 1 {
		t.Fatalf("the original's push is gone or its time changed (%d rows)", old)
	}
}

// columnsOf describes the columns of table: name, type, nullability and collation. Integer
// widths and text sizes are left out: the upgrade keeps the original's int(11) ids and its
// utf8mb4 conversion turns TEXT into MEDIUMTEXT (wider than the model asks, never narrower).
func columnsOf(t *testing.T, g *gorm.DB, table string) string {
	t.Helper()
	var cols []string
	err := g.Raw(`SELECT CONCAT_WS(' ', COLUMN_NAME, CASE WHEN DATA_TYPE LIKE '%int' THEN 'integer'
		WHEN DATA_TYPE LIKE '%text' THEN 'text' ELSE COLUMN_TYPE END, IS_NULLABLE, IFNULL(COLLATION_NAME, '-'))
		FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY COLUMN_NAME`, table).Scan(&cols).Error
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(cols, ", ")
}

// A database wxcomponent created itself carries no upgrade time: its retention applies to all.
func TestFreshDatabaseHasNoUpgradeTime(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		at, err := db.UpgradedAt(context.Background(), dbtest.Open(t, dialect))
		if err != nil || !at.IsZero() {
			t.Fatalf("fresh database upgraded at %v (%v)", at, err)
		}
	})
}
