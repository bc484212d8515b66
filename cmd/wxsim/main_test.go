package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"testing"
	"time"

	"wxcomponent/internal/syncbuf"
	"wxcomponent/internal/wxsim"
)

func TestParseOptionsEnvAndFlags(t *testing.T) {
	env := map[string]string{"WXSIM_APPID": "wxfromenv", "WXSIM_TICKET_INTERVAL": "30s", "WXSIM_SEED": "3"}
	o, err := parseOptions([]string{"-mode", "cloudrun", "-seed", "4"}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if o.cfg.ComponentAppID != "wxfromenv" || o.cfg.Mode != "cloudrun" || o.cfg.TicketInterval != 30*time.Second ||
		len(o.cfg.Authorizers) != 4 || o.addr != "127.0.0.1:9090" {
		t.Fatalf("options = %+v", o)
	}
	if _, err := parseOptions(nil, func(k string) string { return map[string]string{"WXSIM_SEED": "x"}[k] }); err == nil {
		t.Fatal("bad WXSIM_SEED accepted")
	}
}

func TestRunServesAndShutsDown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncbuf.Buffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-ticket-interval", "0", "-callback", ""}, func(string) string { return "" }, out)
	}()
	re := regexp.MustCompile(`WX_API_BASE=(http://\S+)`)
	var base string
	for deadline := time.Now().Add(5 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("no env printed:\n%s", out.String())
	}
	for _, want := range []string{"WX_MP_BASE=" + base, "WX_OPEN_BASE=" + base, "WX_APPID=", "WX_ENCODING_AES_KEY=", "WX_APPSECRET=", "WX_TOKEN="} {
		if !bytes.Contains([]byte(out.String()), []byte(want)) {
			t.Errorf("output lacks %q", want)
		}
	}
	resp, err := http.Get(base + "/sim/")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /sim/: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = http.Get(base + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
}

func TestAuditOptionsFromEnv(t *testing.T) {
	env := map[string]string{"WXSIM_AUDIT_DELAY": "2s", "WXSIM_AUDIT_RESULT": "reject", "WXSIM_PRIVACY_SCAN": "1m"}
	o, err := parseOptions(nil, func(k string) string { return env[k] })
	if err != nil || o.cfg.AuditDelay != 2*time.Second || o.cfg.AuditResult != "reject" || o.cfg.PrivacyScan != time.Minute {
		t.Fatalf("options %+v, %v", o.cfg, err)
	}
	if _, err := wxsim.New(wxsim.Config{ComponentAppID: "a", ComponentSecret: "s", Mode: wxsim.ModeCloudRun, AuditResult: "maybe"}); err == nil {
		t.Fatal("unknown audit result accepted")
	}
}
