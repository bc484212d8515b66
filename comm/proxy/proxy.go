// Package proxy is the proxy configurator's domain: which business service the public listener
// hands its unmatched paths to (a local port or a full http(s) URL, with a path prefix), the rules
// such a target must obey, and the setting shared by every instance through the comm table. The
// reverse proxy itself is api/proxy.
package proxy

import (
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"wxcomponent/comm/fault"
)

// Config is the stored configuration, in the comm table's `proxy` JSON shape of the original
// ({open, port, path, url}) so existing rows read back. URL is the effective target: a chosen
// http(s) URL, or http://127.0.0.1:<port> when the target is a local port.
type Config struct {
	Open bool   `json:"open"`
	Port int    `json:"port"`
	Path string `json:"path,omitempty"`
	URL  string `json:"url"`
}

// LocalURL is the target of a local port.
func LocalURL(port int) string { return "http://127.0.0.1:" + strconv.Itoa(port) }

// Request is a change asked for by the console: URL empty means the local Port.
type Request struct {
	Open bool
	Port int
	Path string
	URL  string
}

// Rules are what a target must not be: the service's own listeners, so the proxy can neither
// loop into itself nor reach the loopback token service from the internet (contract §9.9).
type Rules struct {
	// ForbiddenPorts are ports of this host no target may use (PORT, INNER_ADDR's port and the
	// ports actually bound).
	ForbiddenPorts []int
	// LocalHosts are extra names or addresses of this host, besides loopback and unspecified.
	LocalHosts []string
}

// Build validates r under the rules and returns the configuration to store. A closed proxy
// may keep an incomplete target (it is only checked when it would be used).
func (rules Rules) Build(r Request) (Config, error) {
	c := Config{Open: r.Open, Port: r.Port, Path: strings.TrimSpace(r.Path), URL: strings.TrimSpace(r.URL)}
	if c.Path != "" && !strings.HasPrefix(c.Path, "/") {
		return Config{}, invalid("路径须以 / 开头 (path must start with /)")
	}
	if strings.ContainsAny(c.Path, "?#") || strings.Contains(c.Path, "..") {
		return Config{}, invalid("路径不能包含 ?、# 或 .. (path must not contain ?, # or ..)")
	}
	if c.URL == "" {
		return rules.buildLocal(c)
	}
	return rules.buildURL(c)
}

// buildLocal checks a local-port target.
func (rules Rules) buildLocal(c Config) (Config, error) {
	if c.Port == 0 && !c.Open {
		return c, nil // closed and never configured, as the original's default
	}
	if c.Port < 1 || c.Port > 65535 {
		return Config{}, invalid("端口须为 1-65535 (port must be 1-65535)")
	}
	if rules.forbidden(c.Port) {
		return Config{}, forbiddenPort(c.Port)
	}
	c.URL = LocalURL(c.Port)
	return c, nil
}

// buildURL checks a full-URL target: http(s)://host[:port][/path], nothing else.
func (rules Rules) buildURL(c Config) (Config, error) {
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" {
		return Config{}, invalid("URL 须为 http(s)://主机[:端口][/路径] (url must be http(s)://host[:port][/path])")
	}
	if u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return Config{}, invalid("URL 不能包含用户名、查询参数或 # (url must not carry userinfo, query or fragment)")
	}
	port := defaultPort(u)
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil || port < 1 || port > 65535 {
			return Config{}, invalid("URL 中的端口须为 1-65535 (port in url must be 1-65535)")
		}
	}
	if rules.isLocal(u.Hostname()) && rules.forbidden(port) {
		return Config{}, forbiddenPort(port)
	}
	c.URL = strings.TrimRight(u.String(), "/")
	if c.Port == 0 {
		c.Port = port
	}
	return c, nil
}

// Decode reads a stored configuration; an old row without url gets its local one.
func Decode(raw string) (Config, error) {
	var c Config
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return Config{}, fmt.Errorf("decode proxy config: %w", err)
	}
	if c.URL == "" && c.Port > 0 {
		c.URL = LocalURL(c.Port)
	}
	return c, nil
}

// Encode writes the stored form.
func Encode(c Config) (string, error) {
	b, err := json.Marshal(c)
	return string(b), err
}

// Target is where proxied requests go: scheme and host, and the path prefix put before the
// request's path (the URL's own path, then Path). ok is false when the proxy is closed or the
// stored target is unusable.
func (c Config) Target() (target *url.URL, ok bool) {
	if !c.Open {
		return nil, false
	}
	return c.Endpoint()
}

// Endpoint is Target whether or not the proxy is open (the console tests a closed one too).
func (c Config) Endpoint() (*url.URL, bool) {
	if c.URL == "" {
		return nil, false
	}
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, false
	}
	u.Path = strings.TrimRight(u.Path, "/") + strings.TrimRight(c.Path, "/")
	u.RawPath, u.RawQuery, u.Fragment = "", "", ""
	return u, true
}

func (rules Rules) forbidden(port int) bool {
	for _, p := range rules.ForbiddenPorts {
		if p == port {
			return true
		}
	}
	return false
}

// isLocal tells whether host names this machine: loopback, unspecified, localhost or one of
// the configured local names. Other names are not resolved (DNS may change after the check).
func (rules Rules) isLocal(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	if ip := net.ParseIP(h); ip != nil && (ip.IsLoopback() || ip.IsUnspecified()) {
		return true
	}
	for _, l := range rules.LocalHosts {
		if strings.EqualFold(l, h) {
			return true
		}
	}
	return false
}

func defaultPort(u *url.URL) int {
	if u.Scheme == "https" {
		return 443
	}
	return 80
}

func invalid(msg string) error { return fault.New(fault.Invalid, msg) }

func forbiddenPort(port int) error {
	return invalid(fmt.Sprintf("不能代理到本服务自己的端口 %d（含内部 Token 服务）(port %d is this service's own listener)", port, port))
}
