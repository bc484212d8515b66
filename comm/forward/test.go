package forward

import (
	"context"
	"encoding/json"
	"time"

	"wxcomponent/comm/randid"
)

// testAppID stands for $APPID$ in a test request, as in the original.
const testAppID = "wxtestappid"

// testTimeout bounds a test request (the original's 5 s).
const testTimeout = 5 * time.Second

// TestRule sends the contract's test push (§7.4) to rule id's target, signed like a delivery,
// and returns the target's answer. The rule is read from the database, so a rule just saved
// on another instance can be tested at once.
func (f *Forwarder) TestRule(ctx context.Context, id uint) (string, error) {
	row, err := f.getRule(ctx, id)
	if err != nil {
		return "", err
	}
	rule := ruleFromRow(*row)
	if !rule.Active() {
		return "", ErrRuleClosed
	}
	key, err := f.keyOf(ctx, row.ID) // the rule is read above; Key would read it again
	if err != nil {
		return "", err
	}
	body, err := json.Marshal(testPush(&rule, f.now()))
	if err != nil {
		return "", err
	}
	tctx, cancel := context.WithTimeout(ctx, testTimeout)
	defer cancel()
	a := f.post(tctx, request{url: rule.Target.URLFor(testAppID), body: body, key: key,
		deliveryID: "test-" + randid.Hex(8), appid: testAppID, now: f.now()})
	if !a.ok() {
		return "", &TargetError{Status: a.status, Err: a.err}
	}
	return string(a.body), nil
}

// testPush is the body of a test request: a component or a biz push, empty fields left out.
func testPush(r *Rule, now time.Time) map[string]any {
	p := map[string]any{"CreateTime": now.Unix(), "Data": "TestData"}
	if r.Component() {
		p["InfoType"] = r.InfoType
		return p
	}
	p["ToUserName"], p["FromUserName"], p["MsgType"] = "TestUserName1", "TestUserName2", r.MsgType
	if r.Event != "" {
		p["Event"] = r.Event
	}
	return p
}
