package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != "8080" || c.InnerAddr != "127.0.0.1:8081" || c.MySQLDatabase != "wxcomponent" || c.SQLitePath != "data/wxcomponent.db" {
		t.Fatalf("unexpected defaults: %+v", c)
	}
	if c.UsesMySQL() || c.WxCallbackMode != ModeStandard {
		t.Fatalf("no MySQL and standard mode expected, got mysql=%v mode=%s", c.UsesMySQL(), c.WxCallbackMode)
	}
}

func TestCloudRunDefaults(t *testing.T) {
	c, err := FromEnv(env(map[string]string{"CBR_ENV_ID": "wx0123456789abcdef-prod-1a2b", "SECRET_KEY": "c2VjcmV0"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.WxCallbackMode != ModeCloudRun || c.WxAppID != "wx0123456789abcdef" {
		t.Fatalf("CloudRun env should select cloudrun mode and derive the appid, got %s %s", c.WxCallbackMode, c.WxAppID)
	}
	if len(c.TrustedProxies) == 0 {
		t.Fatal("on CloudRun the gateway's internal hops are trusted so the client IP is real")
	}
	if _, err := FromEnv(env(map[string]string{"CBR_ENV_ID": "wx0123456789abcdef-prod"})); err == nil || !strings.Contains(err.Error(), "SECRET_KEY") {
		t.Fatalf("CloudRun without SECRET_KEY must refuse to start, got %v", err)
	}
}

func TestAllErrorsReportedTogether(t *testing.T) {
	_, err := FromEnv(env(map[string]string{
		"PORT": "http", "INNER_ADDR": "0.0.0.0:8081", "WX_CALLBACK_MODE": "magic",
		"WX_ENCODING_AES_KEY": "short", "LOG_LEVEL": "loud", "MYSQL_ADDRESS": "db:3306", "TRUSTED_PROXIES": "not-an-ip",
	}))
	if err == nil {
		t.Fatal("expected an error")
	}
	for _, want := range []string{"PORT", "INNER_ADDR", "WX_CALLBACK_MODE", "WX_ENCODING_AES_KEY", "LOG_LEVEL", "MYSQL_USERNAME", "TRUSTED_PROXIES"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s:\n%v", want, err)
		}
	}
}

func TestRealEnvironmentWinsOverDotenv(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(path, []byte("WXC_TEST_PORT_A=9001\nWXC_TEST_PORT_B=9002\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("WXC_TEST_PORT_A", "7001")
	if _, err := Load(path, os.Getenv); err != nil {
		t.Fatal(err)
	}
	if got := os.Getenv("WXC_TEST_PORT_A"); got != "7001" {
		t.Errorf("environment should win, got %s", got)
	}
	if got := os.Getenv("WXC_TEST_PORT_B"); got != "9002" {
		t.Errorf(".env value should be loaded, got %q", got)
	}
	os.Unsetenv("WXC_TEST_PORT_B")
}

func TestMissingDotenvIsFine(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "absent.env"), env(nil)); err != nil {
		t.Fatal(err)
	}
}

func TestRedactedHidesSecrets(t *testing.T) {
	c, err := FromEnv(env(map[string]string{
		"MYSQL_PASSWORD": "hunter2-very-secret", "WX_APPSECRET": "0123456789abcdef0123456789abcdef",
		"ADMIN_PASSWORD": "AdminPass123", "MYSQL_ADDRESS": "db:3306", "MYSQL_USERNAME": "root",
	}))
	if err != nil {
		t.Fatal(err)
	}
	r := c.Redacted()
	for _, secret := range []string{"hunter2-very-secret", "0123456789abcdef0123456789abcdef", "AdminPass123"} {
		for k, v := range r {
			if strings.Contains(v, secret) {
				t.Errorf("%s leaks a secret: %s", k, v)
			}
		}
	}
	if r["MySQLAddress"] != "db:3306" {
		t.Errorf("non-secret fields stay readable, got %q", r["MySQLAddress"])
	}
	if Mask("0123456789abcdef0123456789abcdef") != "01234***cdef" {
		t.Errorf("mask shape: %s", Mask("0123456789abcdef0123456789abcdef"))
	}
}

// Only a RECORD_RETENTION_DAYS the operator gave counts as a choice to prune pre-upgrade history.
func TestRecordRetentionKnowsWhetherItWasSet(t *testing.T) {
	for _, tc := range []struct {
		value string
		days  int
		set   bool
	}{{"", 90, false}, {"  ", 90, false}, {"90", 90, true}, {"30", 30, true}, {"0", 0, true}} {
		c, err := FromEnv(env(map[string]string{"RECORD_RETENTION_DAYS": tc.value}))
		if err != nil {
			t.Fatal(err)
		}
		if c.RecordRetention != time.Duration(tc.days)*24*time.Hour || c.RecordRetentionSet != tc.set {
			t.Errorf("RECORD_RETENTION_DAYS=%q: %v set=%v, want %d days set=%v", tc.value, c.RecordRetention, c.RecordRetentionSet, tc.days, tc.set)
		}
	}
}

// RECORD_RETENTION_MAX_ROWS is a row count per table: empty or 0 is no cap.
func TestRecordRetentionMaxRows(t *testing.T) {
	for value, want := range map[string]int64{"": 0, "0": 0, " 100000 ": 100000} {
		c, err := FromEnv(env(map[string]string{"RECORD_RETENTION_MAX_ROWS": value}))
		if err != nil || c.RecordRetentionMaxRows != want {
			t.Errorf("RECORD_RETENTION_MAX_ROWS=%q: %d (%v), want %d", value, c.RecordRetentionMaxRows, err, want)
		}
	}
	for _, bad := range []string{"-1", "1e6", "many"} {
		if _, err := FromEnv(env(map[string]string{"RECORD_RETENTION_MAX_ROWS": bad})); err == nil || !strings.Contains(err.Error(), "RECORD_RETENTION_MAX_ROWS must be a whole number of rows") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestInnerAllowedHosts(t *testing.T) {
	c, err := FromEnv(env(map[string]string{"INNER_ALLOWED_HOSTS": "sidecar.internal, fd00::5"}))
	if err != nil || len(c.InnerAllowedHosts) != 2 || c.InnerAllowedHosts[0] != "sidecar.internal" {
		t.Fatalf("%v %q", err, c.InnerAllowedHosts)
	}
	for _, bad := range []string{"sidecar:8081", "http://sidecar"} {
		if _, err := FromEnv(env(map[string]string{"INNER_ALLOWED_HOSTS": bad})); err == nil || !strings.Contains(err.Error(), "INNER_ALLOWED_HOSTS") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
