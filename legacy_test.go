package main

import (
	"os"
	"strings"
	"testing"

	"wxcomponent/db"
	"wxcomponent/db/dbtest"
)

// TestLegacyDatabaseUpgrade starts the service on a database created with the
// original template's schema and data: the old admin logs in with the old
// password, the authorizer is read back through the API, and emoji now store.
func TestLegacyDatabaseUpgrade(t *testing.T) {
	opts := dbtest.Options(t, db.MySQL)
	g, _, err := db.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := os.ReadFile("testdata/legacy_schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range splitSQL(string(schema)) {
		if err := g.Exec(stmt).Error; err != nil {
			t.Fatalf("legacy schema: %v\n%s", err, stmt)
		}
	}
	ta := startApp(t, map[string]string{
		"MYSQL_ADDRESS": opts.MySQLAddress, "MYSQL_USERNAME": opts.MySQLUsername, "MYSQL_DATABASE": opts.MySQLDatabase,
	})
	ta.login(t, "admin", "Aa123456")
	status, env := ta.call(t, "GET", ta.base+"/wxcomponent/admin/authorizer-list?appid=wx1111111111111111", nil)
	if status != 200 || !strings.Contains(string(env.Data), "Legacy Shop") || !strings.Contains(string(env.Data), "|17|18") {
		t.Fatalf("legacy authorizer through the API: %d %s", status, env.Data)
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
}

func splitSQL(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ";\n") {
		var lines []string
		for _, l := range strings.Split(part, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "--") {
				lines = append(lines, l)
			}
		}
		if stmt := strings.TrimSpace(strings.Join(lines, "\n")); stmt != "" {
			out = append(out, strings.TrimSuffix(stmt, ";"))
		}
	}
	return out
}
