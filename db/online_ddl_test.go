package db_test

import (
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"wxcomponent/db"
	"wxcomponent/db/dbtest"
)

// An index is added online (reads and writes continue); a column type change, which MariaDB
// and MySQL can only do by copying the table, falls back to the copy and says why.
func TestAlterTableUsesOnlineDDLWhenTheServerAllowsIt(t *testing.T) {
	g := dbtest.Open(t, db.MySQL)
	if err := g.Exec("INSERT INTO wxcallback_biz (receivetime, createtime, postbody) VALUES (NOW(), NOW(), 'x')").Error; err != nil {
		t.Fatal(err)
	}
	core, logs := observer.New(zapcore.DebugLevel)
	if err := db.AlterTable(g, zap.New(core), "wxcallback_biz", []string{"ADD INDEX `idx_test_tousername` (`tousername`)"}); err != nil {
		t.Fatal(err)
	}
	done := logs.FilterMessage("upgraded table").All()
	if len(done) != 1 || done[0].ContextMap()["algorithm"] != "algorithm=inplace, lock=none" {
		t.Fatalf("adding an index: %v", logs.All())
	}
	if logs.FilterMessageSnippet("refused by the server").Len() != 0 {
		t.Fatalf("an online change was reported refused: %v", logs.All())
	}

	core, logs = observer.New(zapcore.DebugLevel)
	if err := db.AlterTable(g, zap.New(core), "wxcallback_biz", []string{"MODIFY COLUMN `tousername` varchar(80) NOT NULL DEFAULT ''", "MODIFY COLUMN `createtime` timestamp NOT NULL"}); err != nil {
		t.Fatal(err)
	}
	refused := logs.FilterMessageSnippet("refused by the server").All()
	done = logs.FilterMessage("upgraded table").All()
	if len(refused) != 1 || refused[0].ContextMap()["reason"] == "" || len(done) != 1 || done[0].ContextMap()["algorithm"] != "server default (table copy)" {
		t.Fatalf("a type change: %v", logs.All())
	}
	var n int64
	g.Raw("SELECT COUNT(*) FROM wxcallback_biz").Scan(&n)
	if n != 1 {
		t.Fatalf("rows after the copy: %d", n)
	}
}

// A statement the server rejects for another reason than the algorithm is an error, not retried.
func TestAlterTableReportsABadChange(t *testing.T) {
	g := dbtest.Open(t, db.MySQL)
	err := db.AlterTable(g, zap.NewNop(), "wxcallback_biz", []string{"ADD COLUMN `appid` varchar(8)"})
	if err == nil {
		t.Fatal("adding an existing column succeeded")
	}
}
