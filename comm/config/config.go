// Package config holds the service configuration: one typed struct, filled from
// defaults, an optional .env file and the real environment (which wins).
package config

import (
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"
)

// Callback delivery modes.
const (
	ModeStandard = "standard" // encrypted XML with msg_signature, as WeChat sends to a public URL
	ModeCloudRun = "cloudrun" // plaintext JSON over WeChat CloudRun's internal network, gated by x-wx-source
)

// Config is every setting the service reads at start-up.
type Config struct {
	Port      string // public listener port
	InnerAddr string // internal token service listener, loopback only
	// InnerAllowedHosts are Host names the token service accepts besides loopback ones.
	InnerAllowedHosts []string

	MySQLAddress  string
	MySQLUsername string
	MySQLPassword string `secret:"true"`
	MySQLDatabase string
	SQLitePath    string // used when MySQLAddress is empty
	DataDir       string // where generated local files (secret key) live

	AdminUsername string
	AdminPassword string `secret:"true"`

	WxAppID           string
	WxAppSecret       string `secret:"true"`
	WxToken           string `secret:"true"`
	WxEncodingAESKey  string `secret:"true"`
	WxCallbackMode    string
	WxTimestampSkew   time.Duration
	WxAPIBase         string
	WxMPBase          string
	WxOpenBase        string
	WxCloudRunOpenAPI bool

	SecretKey string `secret:"true"` // base64 32-byte AEAD key for secrets at rest
	CBREnvID  string
	Hostname  string

	// AuthPageRate and AuthPageGlobalRate limit the public authorization-page
	// endpoints that mint pre-auth codes: per client IP and in total, per minute.
	AuthPageRate, AuthPageGlobalRate int

	// LoginHashConcurrency caps concurrent password hashing (logins, password
	// changes); the default, half the CPUs, leaves the other half to pushes and
	// token requests. LoginHashWait is how long a login may queue for a slot before 429.
	LoginHashConcurrency int
	LoginHashWait        time.Duration

	// RecordRetention is how long received pushes are kept; 0 keeps them forever.
	RecordRetention time.Duration
	// RecordRetentionMaxRows caps each push table at its newest rows; 0 is no cap. Unlike the
	// default day retention it spares no pre-upgrade history: a cap is always set on purpose.
	RecordRetentionMaxRows int64
	// PushCommitTimeout bounds a push's wait for its commit; beyond it the push is answered 503
	// so WeChat, which waits 5 s, retries instead of timing out.
	PushCommitTimeout time.Duration
	// ForwardSyncTimeout bounds a synchronous forwarding delivery (its answer is the passive
	// reply); a slower business service is answered "success" and retried from the outbox.
	ForwardSyncTimeout time.Duration
	// ForwardWorkers is how many outbox deliveries one instance makes at once.
	ForwardWorkers int
	// RecordRetentionSet tells that RECORD_RETENTION_DAYS was given rather than defaulted: only
	// then does the retention also prune history from before the upgrade of an original database.
	RecordRetentionSet bool

	// TrustedProxies may set the client IP through X-Forwarded-For (CIDRs or IPs).
	TrustedProxies []string

	LogLevel string
	GinMode  string
}

// UsesMySQL tells whether MySQL is configured; otherwise the embedded SQLite is used.
func (c *Config) UsesMySQL() bool { return c.MySQLAddress != "" }

// Load reads dotenvPath (if it exists; empty means none) without overriding
// variables already set in the environment, then builds and validates the config.
// All problems are reported together.
func Load(dotenvPath string, getenv func(string) string) (*Config, error) {
	if dotenvPath != "" {
		if err := godotenv.Load(dotenvPath); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("read %s: %w", dotenvPath, err)
		}
	}
	return FromEnv(getenv)
}

// FromEnv builds the config from an environment lookup function.
func FromEnv(getenv func(string) string) (*Config, error) {
	r := reader{get: getenv}
	c := &Config{
		Port:                 r.str("PORT", "8080"),
		InnerAddr:            r.str("INNER_ADDR", "127.0.0.1:8081"),
		MySQLAddress:         r.str("MYSQL_ADDRESS", ""),
		MySQLUsername:        r.str("MYSQL_USERNAME", ""),
		MySQLPassword:        r.str("MYSQL_PASSWORD", ""),
		MySQLDatabase:        r.str("MYSQL_DATABASE", "wxcomponent"),
		SQLitePath:           r.str("SQLITE_PATH", "data/wxcomponent.db"),
		DataDir:              r.str("DATA_DIR", "data"),
		AdminUsername:        r.str("ADMIN_USERNAME", ""),
		AdminPassword:        r.str("ADMIN_PASSWORD", ""),
		WxAppID:              r.str("WX_APPID", ""),
		WxAppSecret:          r.str("WX_APPSECRET", ""),
		WxToken:              r.str("WX_TOKEN", ""),
		WxEncodingAESKey:     r.str("WX_ENCODING_AES_KEY", ""),
		WxTimestampSkew:      r.seconds("WX_TIMESTAMP_SKEW", 300),
		WxAPIBase:            strings.TrimRight(r.str("WX_API_BASE", "https://api.weixin.qq.com"), "/"),
		WxMPBase:             strings.TrimRight(r.str("WX_MP_BASE", "https://mp.weixin.qq.com"), "/"),
		WxOpenBase:           strings.TrimRight(r.str("WX_OPEN_BASE", "https://open.weixin.qq.com"), "/"),
		WxCloudRunOpenAPI:    r.boolean("WX_CLOUDRUN_OPENAPI", false),
		SecretKey:            r.str("SECRET_KEY", ""),
		CBREnvID:             r.str("CBR_ENV_ID", ""),
		Hostname:             r.str("HOSTNAME", ""),
		TrustedProxies:       r.list("TRUSTED_PROXIES"),
		InnerAllowedHosts:    r.list("INNER_ALLOWED_HOSTS"),
		RecordRetention:      r.days("RECORD_RETENTION_DAYS", 90),
		PushCommitTimeout:    time.Duration(r.positive("PUSH_COMMIT_TIMEOUT", 3)) * time.Second,
		RecordRetentionSet:   r.str("RECORD_RETENTION_DAYS", "") != "",
		ForwardSyncTimeout:   time.Duration(r.positive("FORWARD_SYNC_TIMEOUT", 3)) * time.Second,
		ForwardWorkers:       r.positive("FORWARD_WORKERS", 4),
		AuthPageRate:         r.positive("AUTHPAGE_RATE_LIMIT", 10),
		AuthPageGlobalRate:   r.positive("AUTHPAGE_GLOBAL_RATE_LIMIT", 120),
		LoginHashConcurrency: r.positive("LOGIN_HASH_CONCURRENCY", max(1, runtime.NumCPU()/2)),
		LoginHashWait:        r.seconds("LOGIN_HASH_WAIT", 2),
		LogLevel:             strings.ToLower(r.str("LOG_LEVEL", "info")),
		GinMode:              r.str("GIN_MODE", "debug"),
	}
	c.WxCallbackMode = r.str("WX_CALLBACK_MODE", c.defaultMode())
	c.RecordRetentionMaxRows = r.count("RECORD_RETENTION_MAX_ROWS", 0)
	if len(c.TrustedProxies) == 0 && c.CBREnvID != "" {
		// On CloudRun every request arrives through the platform's gateway from
		// an internal address; trusting those hops makes the client IP the one
		// the gateway appended to X-Forwarded-For (not a client-supplied one),
		// so login throttling and rate limits see real clients.
		c.TrustedProxies = privateNetworks
	}
	if c.WxAppID == "" && c.CBREnvID != "" {
		// CloudRun environment ids start with the component appid, as the template assumed.
		c.WxAppID = strings.SplitN(c.CBREnvID, "-", 2)[0]
	}
	c.validate(&r)
	if len(r.errs) > 0 {
		return nil, fmt.Errorf("invalid configuration:\n  %s", strings.Join(r.errs, "\n  "))
	}
	return c, nil
}

// defaultMode is CloudRun's when the service runs there (CBR_ENV_ID is set), else standard.
// privateNetworks are the loopback, private and carrier-grade NAT ranges.
var privateNetworks = []string{"127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "::1/128", "fc00::/7"}

func (c *Config) defaultMode() string {
	if c.CBREnvID != "" {
		return ModeCloudRun
	}
	return ModeStandard
}

// validate records every invalid setting in r; values of secrets never appear in the messages.
func (c *Config) validate(r *reader) {
	if p, err := strconv.Atoi(c.Port); err != nil || p < 0 || p > 65535 {
		r.fail("PORT must be a port number 1-65535 (0 picks a free one), got %q", c.Port)
	}
	if !strings.HasPrefix(c.InnerAddr, "127.") && !strings.HasPrefix(c.InnerAddr, "localhost:") && !strings.HasPrefix(c.InnerAddr, "[::1]:") {
		r.fail("INNER_ADDR must be a loopback address (127.x.x.x:port, localhost:port or [::1]:port), got %q", c.InnerAddr)
	}
	if c.MySQLAddress != "" && c.MySQLUsername == "" {
		r.fail("MYSQL_USERNAME is required when MYSQL_ADDRESS is set")
	}
	if c.CBREnvID != "" && c.SecretKey == "" {
		r.fail("SECRET_KEY is required on CloudRun: instances share no DATA_DIR, so a generated key would differ per instance and sealed secrets would become unreadable (generate one with: openssl rand -base64 32)")
	}
	for _, p := range c.TrustedProxies {
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			r.fail("TRUSTED_PROXIES entries must be IPs or CIDRs, got %q", p)
		}
	}
	for _, h := range c.InnerAllowedHosts {
		if net.ParseIP(strings.Trim(h, "[]")) == nil && strings.ContainsAny(h, ":/ ") {
			r.fail("INNER_ALLOWED_HOSTS entries must be host names or IPs without port or scheme, got %q", h)
		}
	}
	if c.ForwardSyncTimeout > 4*time.Second {
		r.fail("FORWARD_SYNC_TIMEOUT must be 1-4 seconds: WeChat waits 5 s for the answer, got %v", c.ForwardSyncTimeout)
	}
	if c.MySQLAddress == "" && c.SQLitePath == "" {
		r.fail("SQLITE_PATH must not be empty when MYSQL_ADDRESS is not set")
	}
	if c.WxCallbackMode != ModeStandard && c.WxCallbackMode != ModeCloudRun {
		r.fail("WX_CALLBACK_MODE must be %q or %q, got %q", ModeStandard, ModeCloudRun, c.WxCallbackMode)
	}
	if k := c.WxEncodingAESKey; k != "" && len(k) != 43 {
		r.fail("WX_ENCODING_AES_KEY must be 43 characters, got %d", len(k))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		r.fail("LOG_LEVEL must be debug, info, warn or error, got %q", c.LogLevel)
	}
	if c.GinMode != "debug" && c.GinMode != "release" && c.GinMode != "test" {
		r.fail("GIN_MODE must be debug, release or test, got %q", c.GinMode)
	}
	for _, base := range []struct{ key, val string }{{"WX_API_BASE", c.WxAPIBase}, {"WX_MP_BASE", c.WxMPBase}, {"WX_OPEN_BASE", c.WxOpenBase}} {
		if !strings.HasPrefix(base.val, "http://") && !strings.HasPrefix(base.val, "https://") {
			r.fail("%s must start with http:// or https://, got %q", base.key, base.val)
		}
	}
}

// reader collects parse errors instead of stopping at the first one.
type reader struct {
	get  func(string) string
	errs []string
}

// fail records one problem.
func (r *reader) fail(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// str reads a trimmed value; empty means def.
func (r *reader) str(key, def string) string {
	if v := strings.TrimSpace(r.get(key)); v != "" {
		return v
	}
	return def
}

// list reads a comma-separated value, dropping empty items.
func (r *reader) list(key string) []string {
	var out []string
	for _, part := range strings.Split(r.str(key, ""), ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// boolean reads a strconv.ParseBool value.
func (r *reader) boolean(key string, def bool) bool {
	v := r.str(key, "")
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		r.fail("%s must be true or false, got %q", key, v)
	}
	return b
}

// seconds reads a non-negative whole number of seconds.
func (r *reader) positive(key string, def int) int {
	v := r.str(key, strconv.Itoa(def))
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		r.fail("%s must be a whole number of at least 1, got %q", key, v)
	}
	return n
}

// count reads a non-negative whole number (0 meaning none).
func (r *reader) count(key string, def int64) int64 {
	v := r.str(key, strconv.FormatInt(def, 10))
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		r.fail("%s must be a whole number of rows (0 is no cap), got %q", key, v)
	}
	return n
}

func (r *reader) days(key string, def int) time.Duration {
	v := r.str(key, strconv.Itoa(def))
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		r.fail("%s must be a whole number of days (0 keeps forever), got %q", key, v)
	}
	return time.Duration(n) * 24 * time.Hour
}

func (r *reader) seconds(key string, def int) time.Duration {
	v := r.str(key, strconv.Itoa(def))
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		r.fail("%s must be a whole number of seconds, got %q", key, v)
	}
	return time.Duration(n) * time.Second
}
