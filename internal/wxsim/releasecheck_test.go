package wxsim

import (
	"encoding/json"
	"strings"
	"testing"
)

// A service that answers every push "success" fails the go-live check: the control endpoint
// reports each step, with the passive replies and the customer-service messages missing.
func TestReleaseCheckReportsAServiceThatDoesNotAnswer(t *testing.T) {
	e := newEnv(t, nil)
	out := e.post("/sim/release-check/run", nil, map[string]any{"waitSeconds": 0.2})
	raw, _ := json.Marshal(out)
	var rep ReleaseReport
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Passed {
		t.Fatalf("a silent service must fail: %s", raw)
	}
	passed := map[string]bool{}
	for _, c := range rep.Checks {
		passed[c.Name] = c.Passed
	}
	for name, want := range map[string]bool{
		"component_verify_ticket": true, "wx570bc396a51b8ff8 authorized": true,
		"wx570bc396a51b8ff8 text TESTCOMPONENT_MSG_TYPE_TEXT": false,
		"wx570bc396a51b8ff8 QUERY_AUTH_CODE answered empty":   true,
		"wx570bc396a51b8ff8 event LOCATION":                   false,
		"wxd101a85aa106f53e authorized":                       true,
	} {
		if got, ok := passed[name]; !ok || got != want {
			t.Errorf("check %q: passed=%v (present %v), want %v", name, got, ok, want)
		}
	}
	// The pushes went to the message URL of each test account, encrypted.
	var bizPushes int
	for _, r := range e.recv.requests() {
		if strings.HasPrefix(r.Path, "/wxcallback/biz/wx570bc396a51b8ff8") || strings.HasPrefix(r.Path, "/wxcallback/biz/wxd101a85aa106f53e") {
			bizPushes++
			if r.Query.Get("msg_signature") == "" || r.Query.Get("openid") != releaseOpenID {
				t.Errorf("push without signature or openid: %v", r.Query)
			}
		}
	}
	if bizPushes != 6 {
		t.Fatalf("want 3 message pushes per test account, got %d", bizPushes)
	}
}
