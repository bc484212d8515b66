// Command records measures the console's message-records lists at scale: it creates a scratch
// MariaDB database, migrates it with the real migrations, loads -rows pushes into wxcallback_biz
// (50 appids over 90 days, a realistic message/event mix, bodies of about 500 bytes) and a tenth
// as many into wxcallback_component, then times every kind of page through the real dao -runs
// times and prints the median and p99 of each. The scratch database is dropped at the end
// unless -keep is given (to EXPLAIN by hand).
//
//	go run ./bench/records                      # 1,000,000 rows on 127.0.0.1:3306 (root, no password)
//	go run ./bench/records -rows 200000 -addr db:3306 -user root -password secret
package main

import (
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"time"

	"wxcomponent/db"
	"wxcomponent/db/dao"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "pushes to load into wxcallback_biz (wxcallback_component gets a tenth)")
	runs := flag.Int("runs", 50, "times each page kind is read")
	addr := flag.String("addr", "127.0.0.1:3306", "MariaDB/MySQL address")
	user := flag.String("user", "root", "user allowed to create and drop databases")
	password := flag.String("password", "", "password of -user")
	keep := flag.Bool("keep", false, "keep the scratch database (its name is printed)")
	reuse := flag.String("reuse", "", "measure a database kept by an earlier -keep run instead of loading one")
	flag.Parse()
	opts := db.Options{MySQLAddress: *addr, MySQLUsername: *user, MySQLPassword: *password}
	if *reuse != "" {
		opts.MySQLDatabase = *reuse
		if err := remeasure(opts, *runs); err != nil {
			fmt.Fprintln(os.Stderr, "records bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(opts, *rows, *runs, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "records bench:", err)
		os.Exit(1)
	}
}

func run(opts db.Options, rows, runs int, keep bool) error {
	admin, _, err := db.Open(opts)
	if err != nil {
		return err
	}
	name := "wxc_bench_records_" + randomHex(4)
	if err := admin.Exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci").Error; err != nil {
		return fmt.Errorf("create scratch database: %w", err)
	}
	defer func() {
		if keep {
			fmt.Println("kept the scratch database", name)
			return
		}
		if err := admin.Exec("DROP DATABASE IF EXISTS `" + name + "`").Error; err != nil {
			fmt.Fprintln(os.Stderr, "drop scratch database:", err)
		}
	}()
	opts.MySQLDatabase = name
	g, _, err := db.Open(opts)
	if err != nil {
		return err
	}
	if err := db.Migrate(g, db.MySQL); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	start := time.Now()
	if err := load(g, now, rows); err != nil {
		return err
	}
	fmt.Printf("loaded %d rows into wxcallback_biz and %d into wxcallback_component in %s\n",
		rows, rows/10, time.Since(start).Round(time.Millisecond))
	// Fresh statistics, as a server that has run for a while would have.
	if err := g.Exec("ANALYZE TABLE wxcallback_biz, wxcallback_component").Error; err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	store := dao.New(g, db.MySQL, nil)
	return measure(store, now, runs)
}

// remeasure times the pages of a kept database (migrated again, in case indexes changed).
func remeasure(opts db.Options, runs int) error {
	g, _, err := db.Open(opts)
	if err != nil {
		return err
	}
	if err := db.Migrate(g, db.MySQL); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var newest time.Time
	if err := g.Raw("SELECT MAX(receivetime) FROM wxcallback_biz").Scan(&newest).Error; err != nil {
		return err
	}
	return measure(dao.New(g, db.MySQL, nil), newest.Add(time.Second), runs)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
