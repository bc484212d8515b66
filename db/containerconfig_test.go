package db_test

import (
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"wxcomponent/db"
	"wxcomponent/db/dbtest"
)

var update = flag.Bool("update", false, "rewrite container.config.json's executeSQLs from the migrated schema")

var legacyTables = []string{"wxcallback_component", "wxcallback_biz", "comm", "user", "authorizers", "wxcallback_rules", "wxtoken", "counter"}

// TestContainerConfigMatchesSchema keeps container.config.json true: its
// executeSQLs create exactly the tables start-up migrations would.
func TestContainerConfigMatchesSchema(t *testing.T) {
	raw, err := os.ReadFile("../container.config.json")
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(raw, &cfg); err != nil {
		t.Fatalf("container.config.json is not strict JSON: %v", err)
	}
	migrated := dbtest.Open(t, db.MySQL)
	want := showCreate(t, migrated)
	if *update {
		writeExecuteSQLs(t, cfg, want)
		return
	}
	fromConfig := dbtest.OpenEmpty(t, db.MySQL)
	for _, stmt := range cfg["executeSQLs"].([]any) {
		s := stmt.(string)
		if strings.HasPrefix(s, "CREATE DATABASE") || strings.HasPrefix(s, "USE ") {
			continue
		}
		if err := fromConfig.Exec(s).Error; err != nil {
			t.Fatalf("executeSQL failed: %v\n%s", err, s)
		}
	}
	got := showCreate(t, fromConfig)
	for i, table := range legacyTables {
		if got[i] != want[i] {
			t.Errorf("%s differs from the migrated schema (run: go test ./db -run ContainerConfig -update)\nconfig:   %s\nmigrated: %s", table, got[i], want[i])
		}
	}
	if err := db.Migrate(fromConfig, db.MySQL); err != nil {
		t.Fatalf("start-up migrations on the executeSQLs schema: %v", err)
	}
}

func showCreate(t *testing.T, g *gorm.DB) []string {
	t.Helper()
	out := make([]string, len(legacyTables))
	for i, table := range legacyTables {
		var name, ddl string
		if err := g.Raw("SHOW CREATE TABLE `"+table+"`").Row().Scan(&name, &ddl); err != nil {
			t.Fatal(err)
		}
		ddl = regexp.MustCompile(`\s*\n\s*`).ReplaceAllString(ddl, " ")
		out[i] = strings.Replace(ddl, "CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1)
	}
	return out
}

func writeExecuteSQLs(t *testing.T, cfg map[string]any, ddl []string) {
	t.Helper()
	sqls := []any{"CREATE DATABASE IF NOT EXISTS wxcomponent DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", "USE wxcomponent"}
	for _, d := range ddl {
		sqls = append(sqls, d)
	}
	cfg["executeSQLs"] = sqls
	b, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("../container.config.json", append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
