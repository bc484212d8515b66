package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"wxcomponent/internal/wxsim"
)

// The simulator runs WeChat's whole go-live check against the wired service: with the responder
// switched on in the console every check passes (passive replies decrypted, the customer-service
// message sent after api_query_auth).
func TestReleaseCheckPassesWhenSwitchedOn(t *testing.T) {
	s := startWithSim(t, nil)
	s.login(t, "admin", "Start1234")
	_, env := s.call(t, "GET", s.base+"/wxcomponent/admin/release-check", nil)
	if env.Code != 0 || string(env.Data) != `{"enabled":false}` {
		t.Fatalf("off by default: %+v %s", env, env.Data)
	}
	if _, env := s.call(t, "POST", s.base+"/wxcomponent/admin/release-check", map[string]any{"enabled": true}); env.Code != 0 {
		t.Fatalf("switch on: %+v", env)
	}
	// The bound only guards against a hang: the answer is a queued job on a busy test machine.
	rep := s.sim.RunReleaseCheck(context.Background(), time.Minute)
	for _, c := range rep.Checks {
		if !c.Passed {
			t.Errorf("check %q failed: %s", c.Name, c.Detail)
		}
	}
	if !rep.Passed || len(rep.Checks) < 9 {
		t.Fatalf("want every check passed, got %+v", rep)
	}
	if n := len(s.sim.SentMessages()); n != len(wxsim.ReleaseAccounts()) {
		t.Fatalf("one customer-service message per test account, got %d", n)
	}
}

// Switched off (the default), the service answers the test accounts like any other: the check
// fails, no passive reply is given and no customer-service message is sent.
func TestReleaseCheckFailsAndStaysSilentWhenOff(t *testing.T) {
	s := startWithSim(t, nil)
	rep := s.sim.RunReleaseCheck(context.Background(), 3*time.Second)
	if rep.Passed {
		t.Fatalf("the check must fail while the responder is off: %+v", rep)
	}
	for _, c := range rep.Checks {
		if strings.Contains(c.Detail, "passive reply") && c.Passed {
			t.Errorf("%s: replied while off: %s", c.Name, c.Detail)
		}
	}
	for _, p := range s.sim.Pushes() {
		if p.Reply != "" {
			t.Errorf("push %s was answered with a passive reply: %s", p.Kind, p.Reply)
		}
	}
	if n := len(s.sim.SentMessages()); n != 0 {
		t.Fatalf("nothing may be sent while off, got %d messages", n)
	}
}
