// Package mysqlflag declares the flags by which every bench finds the MariaDB/MySQL server it
// creates its scratch database on, with the same names and defaults in each command.
package mysqlflag

import (
	"flag"
	"os"
)

// Vars declares -mysql (default $TEST_MYSQL_ADDRESS, else 127.0.0.1:3306), -mysql-user (root)
// and -mysql-password (default $BENCH_MYSQL_PASSWORD) on the command line's flag set.
func Vars(addr, user, password *string) {
	def := os.Getenv("TEST_MYSQL_ADDRESS")
	if def == "" {
		def = "127.0.0.1:3306"
	}
	flag.StringVar(addr, "mysql", def, "MariaDB/MySQL address ($TEST_MYSQL_ADDRESS when set)")
	flag.StringVar(user, "mysql-user", "root", "MySQL user (needs CREATE/DROP DATABASE)")
	flag.StringVar(password, "mysql-password", os.Getenv("BENCH_MYSQL_PASSWORD"), "MySQL password ($BENCH_MYSQL_PASSWORD when set)")
}
