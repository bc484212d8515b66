// Package binsvc runs the real wxcomponent binary for the benches that need a whole process
// (bench/loginflood, bench/crash): a scratch MariaDB database, free ports, the environment of
// a CloudRun-mode instance with a seeded admin, and, for fault injection, SIGKILL and a restart
// on the same ports and database.
package binsvc

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// The admin the service is seeded with (ADMIN_USERNAME / ADMIN_PASSWORD): a password the
// policy accepts, so the account needs no change before the API can be used.
const (
	AdminUsername = "admin"
	AdminPassword = "Bench-owner-2026"
)

// Options say where the database is and how the binary runs.
type Options struct {
	Binary                          string
	MySQLAddr, MySQLUser, MySQLPass string
	DBPrefix                        string    // the scratch database is DBPrefix + random hex
	Env                             []string  // extra KEY=value settings, after the defaults
	Stderr                          io.Writer // the service's stderr; nil: this process's
}

// Service is the running binary and its throw-away database.
type Service struct {
	Base    string // http://127.0.0.1:<port>
	DBName  string
	DataDir string
	Server  *gorm.DB // the MySQL server, no database selected (CREATE / DROP)
	DB      *gorm.DB // the scratch database, for a bench's own queries
	env     []string
	binary  string
	stderr  io.Writer
	cmd     *exec.Cmd
	exited  chan struct{}
}

// Start creates the database, starts the binary on free ports and waits for /readyz.
func Start(ctx context.Context, o Options) (*Service, error) {
	s, err := create(o)
	if err != nil {
		return nil, err
	}
	if err := s.Launch(ctx); err != nil {
		s.Stop(false)
		return nil, err
	}
	if _, err := s.WaitReady(60 * time.Second); err != nil {
		s.Stop(false)
		return nil, err
	}
	return s, nil
}

// create makes the scratch database and the data directory and fixes the environment, so
// every later Launch is the same instance again.
func create(o Options) (*Service, error) {
	dsn := fmt.Sprintf("%s:%s@tcp(%s)/", o.MySQLUser, o.MySQLPass, o.MySQLAddr)
	server, err := gorm.Open(mysql.Open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, fmt.Errorf("connect to MariaDB: %w", err)
	}
	s := &Service{Server: server, DBName: o.DBPrefix + RandHex(4), binary: o.Binary, stderr: o.Stderr}
	if s.stderr == nil {
		s.stderr = os.Stderr
	}
	if err := server.Exec("CREATE DATABASE `" + s.DBName + "` CHARACTER SET utf8mb4").Error; err != nil {
		return nil, fmt.Errorf("create database: %w", err)
	}
	if s.DB, err = gorm.Open(mysql.Open(dsn+s.DBName+"?parseTime=true"), &gorm.Config{Logger: logger.Discard}); err != nil {
		s.Stop(false)
		return nil, err
	}
	if s.DataDir, err = os.MkdirTemp("", "wxcomponent-bench"); err != nil {
		s.Stop(false)
		return nil, err
	}
	port, inner := FreePort(), FreePort()
	s.Base = "http://127.0.0.1:" + strconv.Itoa(port)
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	s.env = append(append(os.Environ(),
		"PORT="+strconv.Itoa(port), "INNER_ADDR=127.0.0.1:"+strconv.Itoa(inner),
		"MYSQL_ADDRESS="+o.MySQLAddr, "MYSQL_USERNAME="+o.MySQLUser, "MYSQL_PASSWORD="+o.MySQLPass, "MYSQL_DATABASE="+s.DBName,
		"DATA_DIR="+s.DataDir, "SECRET_KEY="+base64.StdEncoding.EncodeToString(key),
		"ADMIN_USERNAME="+AdminUsername, "ADMIN_PASSWORD="+AdminPassword,
		"WX_APPID=wxbenchcomponent1", "WX_CALLBACK_MODE=cloudrun", "GIN_MODE=release", "LOG_LEVEL=error",
		"TRUSTED_PROXIES=", "CBR_ENV_ID="), o.Env...)
	return s, nil
}

// Launch starts the binary (again) with the instance's environment; it does not wait.
func (s *Service) Launch(ctx context.Context) error {
	cmd := exec.CommandContext(ctx, s.binary)
	cmd.Env, cmd.Stderr = s.env, s.stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", s.binary, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	s.cmd, s.exited = cmd, exited
	return nil
}

// Kill ends the process with SIGKILL, as a crash or an OOM kill would, and reaps it.
func (s *Service) Kill() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.exited
	s.cmd = nil
}

// WaitReady polls /readyz every 10 ms until it answers 200 and says how long that took.
func (s *Service) WaitReady(limit time.Duration) (time.Duration, error) {
	start := time.Now()
	client := &http.Client{Timeout: time.Second}
	for time.Since(start) < limit {
		if resp, err := client.Get(s.Base + "/readyz"); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), nil
			}
		}
		select {
		case <-s.exited:
			return 0, fmt.Errorf("service at %s exited before it was ready", s.Base)
		case <-time.After(10 * time.Millisecond):
		}
	}
	return 0, fmt.Errorf("service at %s not ready after %s", s.Base, limit)
}

// Stop ends the binary (interrupt, then SIGKILL after 10 s) and, unless keep, drops the
// database and removes the data directory.
func (s *Service) Stop(keep bool) {
	if s.cmd != nil {
		_ = s.cmd.Process.Signal(os.Interrupt)
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			s.Kill()
		}
		s.cmd = nil
	}
	if s.DB != nil {
		if db, err := s.DB.DB(); err == nil {
			_ = db.Close()
		}
	}
	if keep {
		return
	}
	_ = s.Server.Exec("DROP DATABASE IF EXISTS `" + s.DBName + "`").Error
	if s.DataDir != "" {
		_ = os.RemoveAll(s.DataDir)
	}
}

// PushJSON sends one CloudRun push (plaintext JSON, x-wx-source) to an authorizer's callback
// and answers nil only when it was answered 200 "success", as WeChat requires.
func PushJSON(client *http.Client, base, appid, body string) error {
	req, err := http.NewRequest(http.MethodPost, base+"/wxcallback/biz/"+appid, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Wx-Source", "wx")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	b, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(b) != "success" {
		return fmt.Errorf("push: HTTP %d %.80s", resp.StatusCode, b)
	}
	return nil
}

// FreePort is a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// RandHex is n random bytes in hex.
func RandHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
