// Command upgrade measures how long start-up migrations take on a large database of the
// original CloudRun template: it loads testdata/legacy_schema.sql into a scratch MariaDB
// database, fills wxcallback_biz with -rows pushes (and wxcallback_component with a tenth),
// runs the real db.Migrate with progress logging, prints the time of every step and of the
// whole upgrade, and drops the scratch database.
//
//	go run ./bench/upgrade                 # 1,000,000 rows on 127.0.0.1:3306 (root, no password)
//	go run ./bench/upgrade -rows 200000 -addr db:3306 -user root -password secret
package main

import (
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"gorm.io/gorm"

	"wxcomponent/db"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "pushes to load into wxcallback_biz")
	addr := flag.String("addr", "127.0.0.1:3306", "MariaDB/MySQL address")
	user := flag.String("user", "root", "user allowed to create and drop databases")
	password := flag.String("password", "", "password of -user")
	schema := flag.String("schema", "testdata/legacy_schema.sql", "the original template's schema")
	flag.Parse()
	if err := run(*rows, db.Options{MySQLAddress: *addr, MySQLUsername: *user, MySQLPassword: *password}, *schema); err != nil {
		fmt.Fprintln(os.Stderr, "upgrade bench:", err)
		os.Exit(1)
	}
}

func run(rows int, opts db.Options, schemaPath string) error {
	admin, _, err := db.Open(opts)
	if err != nil {
		return err
	}
	name := "wxc_upgrade_bench_" + randomHex(4)
	if err := admin.Exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb3").Error; err != nil {
		return fmt.Errorf("create scratch database: %w", err)
	}
	defer func() {
		if err := admin.Exec("DROP DATABASE IF EXISTS `" + name + "`").Error; err != nil {
			fmt.Fprintln(os.Stderr, "drop scratch database:", err)
		}
	}()
	opts.MySQLDatabase = name
	opts.Logger = stepLogger(zapcore.InfoLevel)
	g, _, err := db.Open(opts)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := load(g, schemaPath, rows); err != nil {
		return err
	}
	fmt.Printf("loaded the original schema with %d rows in wxcallback_biz, %d in wxcallback_component in %s\n",
		rows, rows/10, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	if err := migrate(g, opts.Logger); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	elapsed := time.Since(start)
	fmt.Printf("upgrade of the original database (%d rows in wxcallback_biz): %s (%.1f s per million rows)\n",
		rows, elapsed.Round(time.Millisecond), elapsed.Seconds()*1e6/float64(rows))
	return nil
}

// load creates the original tables and fills the two push tables by doubling.
func load(g *gorm.DB, schemaPath string, rows int) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	for _, stmt := range splitSQL(string(raw)) {
		if err := g.Exec(stmt).Error; err != nil {
			return fmt.Errorf("original schema: %w", err)
		}
	}
	if err := fill(g, "wxcallback_biz", "tousername, appid, msgtype, event, postbody",
		"'gh_0123456789ab', CONCAT('wx', LPAD(FLOOR(RAND()*100), 16, '0')), 'event', 'weapp_audit_success', ?", rows); err != nil {
		return err
	}
	return fill(g, "wxcallback_component", "infotype, postbody", "'component_verify_ticket', ?", rows/10)
}

// fill inserts one row then doubles the table with INSERT … SELECT until it holds n rows; the
// receive times spread over the last two years, as a long-running original would have them.
func fill(g *gorm.DB, table, cols, first string, n int) error {
	body := `{"ToUserName":"gh_0123456789ab","FromUserName":"o-user-openid-0123456789","CreateTime":1650000000,` +
		`"MsgType":"event","Event":"weapp_audit_success","SuccTime":1650000000,"Reason":"","ScreenShot":"` +
		strings.Repeat("x", 200) + `"}`
	insert := fmt.Sprintf("INSERT INTO %s (receivetime, createtime, %s) SELECT NOW() - INTERVAL FLOOR(RAND()*63072000) SECOND, NOW(), %s",
		table, cols, first)
	if err := g.Exec(insert, body).Error; err != nil {
		return fmt.Errorf("fill %s: %w", table, err)
	}
	// At most 100,000 rows per statement: each stays well inside the DSN's 30 s read timeout.
	for have := 1; have < n; {
		add := min(have, n-have, 100_000)
		dup := fmt.Sprintf("INSERT INTO %[1]s (receivetime, createtime, %[2]s) SELECT NOW() - INTERVAL FLOOR(RAND()*63072000) SECOND, createtime, %[2]s FROM %[1]s LIMIT %[3]d",
			table, cols, add)
		if err := g.Exec(dup).Error; err != nil {
			return fmt.Errorf("fill %s: %w", table, err)
		}
		have += add
	}
	return nil
}

// stepLogger prints the migration's progress lines to stdout, without stack traces.
func stepLogger(level zapcore.Level) *zap.Logger {
	cfg := zap.NewDevelopmentConfig()
	cfg.Level = zap.NewAtomicLevelAt(level)
	cfg.OutputPaths = []string{"stdout"}
	cfg.DisableStacktrace = true
	cfg.DisableCaller = true
	cfg.EncoderConfig.EncodeTime = zapcore.TimeEncoderOfLayout("15:04:05.000")
	l, err := cfg.Build()
	if err != nil {
		return zap.NewNop()
	}
	return l
}

// splitSQL cuts a schema file into statements, dropping comment lines.
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

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
