package app

import (
	"strings"
	"testing"

	"gorm.io/gorm"

	"wxcomponent/db"
	"wxcomponent/db/dbtest"
)

// TestLegacyDatabaseUpgrade starts the service on a database created with the
// original template's schema and data: the old admin logs in with the old
// password, the authorizer is read back through the API, and emoji now store.
// The pushes it received before the upgrade stay while RECORD_RETENTION_DAYS is
// unset, and go once the operator sets it.
func TestLegacyDatabaseUpgrade(t *testing.T) {
	opts := dbtest.Options(t, db.MySQL)
	g, _, err := db.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	dbtest.ExecFile(t, g, "../testdata/legacy_schema.sql")
	if err := g.Exec("INSERT INTO wxcallback_biz (receivetime, createtime, appid, msgtype, postbody) VALUES ('2024-03-01 08:00:00', '2024-03-01 08:00:00', 'wx1111111111111111', 'text', '{}')").Error; err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"MYSQL_ADDRESS": opts.MySQLAddress, "MYSQL_USERNAME": opts.MySQLUsername, "MYSQL_DATABASE": opts.MySQLDatabase,
		"DATA_DIR": t.TempDir(), // the restart below must find the same secret key
	}
	ta := startApp(t, env)
	ta.login(t, "admin", "Aa123456")
	status, envl := ta.call(t, "GET", ta.base+"/wxcomponent/admin/authorizer-list?appid=wx1111111111111111", nil)
	if status != 200 || !strings.Contains(string(envl.Data), "Legacy Shop") || !strings.Contains(string(envl.Data), "|17|18") {
		t.Fatalf("legacy authorizer through the API: %d %s", status, envl.Data)
	}
	if err := g.Exec("UPDATE authorizers SET nickname = ? WHERE appid = ?", "小店🛍️", "wx1111111111111111").Error; err != nil {
		t.Fatalf("emoji must store after the utf8mb4 conversion: %v", err)
	}
	var collation string
	g.Raw("SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'wxcallback_biz'").Scan(&collation)
	if !strings.HasPrefix(collation, "utf8mb4") {
		t.Fatalf("wxcallback_biz still %s", collation)
	}
	var legacyUsers int64
	g.Raw("SELECT COUNT(*) FROM user").Scan(&legacyUsers)
	if legacyUsers != 1 {
		t.Fatalf("no extra admin may be seeded into a database that has one, got %d users", legacyUsers)
	}
	waitFor(t, "the retention announcement", func() bool { return strings.Contains(ta.stdout.String(), "Retention") })
	if out := ta.stdout.String(); !strings.Contains(out, "history from before the upgrade") || !strings.Contains(out, "1 in wxcallback_biz)") {
		t.Fatalf("start-up must say the pre-upgrade history is kept: %s", out)
	}
	ta.shutdown(t)
	if oldPushes(t, g) != 1 {
		t.Fatal("the default retention deleted a push received before the upgrade")
	}

	env["RECORD_RETENTION_DAYS"] = "30"
	ta = startApp(t, env)
	waitFor(t, "the retention announcement", func() bool { return strings.Contains(ta.stdout.String(), "Retention") })
	if out := ta.stdout.String(); !strings.Contains(out, "Retention (30 days)") || !strings.Contains(out, "1 in wxcallback_biz") || strings.Contains(out, "history") {
		t.Fatalf("an explicit retention announces what it removes: %s", out)
	}
	waitFor(t, "the explicit retention to prune the old push", func() bool { return oldPushes(t, g) == 0 })
}

// A database the service creates has no pre-upgrade history; start-up still says what goes.
func TestRetentionAnnouncedAtStart(t *testing.T) {
	ta := startApp(t, nil)
	waitFor(t, "the retention announcement", func() bool { return strings.Contains(ta.stdout.String(), "Retention") })
	if out := ta.stdout.String(); !strings.Contains(out, "Retention (90 days): the first prune removes pushes received before") ||
		!strings.Contains(out, "0 in wxcallback_component, 0 in wxcallback_biz.") {
		t.Fatalf("retention announcement: %s", out)
	}
}

// oldPushes counts the pushes the original received before the upgrade.
func oldPushes(t *testing.T, g *gorm.DB) int64 {
	t.Helper()
	var n int64
	if err := g.Raw("SELECT COUNT(*) FROM wxcallback_biz WHERE receivetime < '2025-01-01'").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
