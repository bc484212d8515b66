package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"time"

	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// service is the running binary and its throw-away database.
type service struct {
	cmd     *exec.Cmd
	base    string
	dbName  string
	dataDir string
	admin   *gorm.DB
}

// startService creates a database, starts the binary on free ports and waits for /readyz.
func startService(ctx context.Context, o options) (*service, error) {
	admin, err := gorm.Open(mysql.Open(fmt.Sprintf("%s:%s@tcp(%s)/", o.mysqlUser, o.mysqlPass, o.mysqlAddr)), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, fmt.Errorf("connect to MariaDB: %w", err)
	}
	s := &service{admin: admin, dbName: "bench_login_" + randHex(4)}
	if err := admin.Exec("CREATE DATABASE `" + s.dbName + "` CHARACTER SET utf8mb4").Error; err != nil {
		return nil, fmt.Errorf("create database: %w", err)
	}
	if s.dataDir, err = os.MkdirTemp("", "loginflood"); err != nil {
		s.stop()
		return nil, err
	}
	port, inner := freePort(), freePort()
	s.base = "http://127.0.0.1:" + strconv.Itoa(port)
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	s.cmd = exec.CommandContext(ctx, o.binary)
	s.cmd.Env = append(os.Environ(),
		"PORT="+strconv.Itoa(port), "INNER_ADDR=127.0.0.1:"+strconv.Itoa(inner),
		"MYSQL_ADDRESS="+o.mysqlAddr, "MYSQL_USERNAME="+o.mysqlUser, "MYSQL_PASSWORD="+o.mysqlPass, "MYSQL_DATABASE="+s.dbName,
		"DATA_DIR="+s.dataDir, "SECRET_KEY="+base64.StdEncoding.EncodeToString(key),
		"ADMIN_USERNAME="+ownerUsername, "ADMIN_PASSWORD="+ownerPassword,
		"WX_APPID=wxbenchcomponent1", "WX_CALLBACK_MODE=cloudrun", "GIN_MODE=release", "LOG_LEVEL=error",
		"TRUSTED_PROXIES=", "CBR_ENV_ID=")
	if o.hashSlots > 0 {
		s.cmd.Env = append(s.cmd.Env, "LOGIN_HASH_CONCURRENCY="+strconv.Itoa(o.hashSlots))
	}
	s.cmd.Stderr = os.Stderr
	if err := s.cmd.Start(); err != nil {
		s.stop()
		return nil, fmt.Errorf("start %s: %w", o.binary, err)
	}
	if err := waitHealthy(s.base); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// stop ends the binary and drops the database.
func (s *service) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = s.cmd.Process.Kill()
		}
	}
	_ = s.admin.Exec("DROP DATABASE IF EXISTS `" + s.dbName + "`").Error
	if s.dataDir != "" {
		_ = os.RemoveAll(s.dataDir)
	}
}

func waitHealthy(base string) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("service at %s not healthy after 30 s", base)
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
