package wxsim

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// The go-live check (全网发布, wechat-protocol.md §2.4): what WeChat sends its test accounts'
// messages as and what it expects back.
const (
	releaseOpenID      = "ozy4qt5QUADNXORxCVipKMV9dss0" // the tester's openid in the test accounts
	releaseTextProbe   = "TESTCOMPONENT_MSG_TYPE_TEXT"
	releaseQueryPrefix = "QUERY_AUTH_CODE:"
	releaseEvent       = "LOCATION"
	defaultReleaseWait = 10 * time.Second
)

// ReleaseCheck is one step of the go-live check.
type ReleaseCheck struct {
	Name   string `json:"name"`
	Passed bool   `json:"passed"`
	Detail string `json:"detail"`
}

// ReleaseReport is the outcome of the whole go-live check.
type ReleaseReport struct {
	Passed bool           `json:"passed"`
	Checks []ReleaseCheck `json:"checks"`
}

func (r *ReleaseReport) add(name string, passed bool, detail string, args ...any) {
	r.Checks = append(r.Checks, ReleaseCheck{Name: name, Passed: passed, Detail: fmt.Sprintf(detail, args...)})
}

// ReleaseAccounts are the go-live test accounts (the first two seeded authorizers).
func ReleaseAccounts() []string { return []string{"wx570bc396a51b8ff8", "wxd101a85aa106f53e"} }

// RunReleaseCheck runs the go-live check against the configured callback URLs as WeChat does: a
// ticket push, then for each test account an authorization (authorized push with its code), the
// text probe (passive reply "…_callback" expected), QUERY_AUTH_CODE:<fresh code> (empty answer,
// then a customer-service message "<code>_from_api" within wait) and an event ("<Event>from_callback").
func (s *Sim) RunReleaseCheck(ctx context.Context, wait time.Duration) ReleaseReport {
	if wait <= 0 {
		wait = defaultReleaseWait
	}
	var r ReleaseReport
	_, res, err := s.PushTicket(ctx)
	r.add("component_verify_ticket", err == nil && res.Reply == "", "answer: %s", answerText(res, err))
	for _, appid := range ReleaseAccounts() {
		s.releaseAccount(ctx, &r, appid, wait)
	}
	r.Passed = len(r.Checks) > 0
	for _, c := range r.Checks {
		r.Passed = r.Passed && c.Passed
	}
	return r
}

// releaseAccount runs the per-account steps.
func (s *Sim) releaseAccount(ctx context.Context, r *ReleaseReport, appid string, wait time.Duration) {
	acc, ok := s.account(appid)
	if !ok {
		r.add(appid+" authorized", false, "the simulator has no test account %s", appid)
		return
	}
	_, res, err := s.Authorize(ctx, appid)
	r.add(appid+" authorized", err == nil && res.Reply == "", "authorized push answer: %s", answerText(res, err))

	res, err = s.PushText(ctx, appid, releaseOpenID, releaseTextProbe)
	s.checkTextReply(r, appid+" text "+releaseTextProbe, acc, res, err, releaseTextProbe+"_callback")

	code := s.releaseAuthCode(appid)
	res, err = s.PushText(ctx, appid, releaseOpenID, releaseQueryPrefix+code)
	r.add(appid+" QUERY_AUTH_CODE answered empty", err == nil && res.Reply == "", "answer: %s", answerText(res, err))
	want := code + "_from_api"
	sent, detail := s.waitCustomSend(ctx, appid, releaseOpenID, want, wait)
	r.add(appid+" customer-service message "+want, sent, "%s", detail)

	msg := renderXML([]field{str("ToUserName", acc.UserName), str("FromUserName", releaseOpenID),
		num("CreateTime", s.Now().Unix()), str("MsgType", "event"), str("Event", releaseEvent),
		str("Latitude", "23.137466"), str("Longitude", "113.352425"), str("Precision", "119.385040")})
	res, err = s.PushMessage(ctx, appid, msg)
	s.checkTextReply(r, appid+" event "+releaseEvent, acc, res, err, releaseEvent+"from_callback")
}

// checkTextReply checks a passive text reply: delivered, decrypted, addressed back to the user
// from the account, with the expected content.
func (s *Sim) checkTextReply(r *ReleaseReport, name string, acc AccountState, res PushResult, err error, want string) {
	if err != nil || res.Reply == "" {
		r.add(name, false, "want passive reply %q, got %s", want, answerText(res, err))
		return
	}
	f, perr := parseXMLFields([]byte(res.Reply))
	switch {
	case perr != nil:
		r.add(name, false, "reply does not parse: %v", perr)
	case lookup(f, "MsgType") != "text" || lookup(f, "Content") != want:
		r.add(name, false, "want text %q, got %s", want, res.Reply)
	case lookup(f, "ToUserName") != releaseOpenID || lookup(f, "FromUserName") != acc.UserName:
		r.add(name, false, "reply must go to %s from %s: %s", releaseOpenID, acc.UserName, res.Reply)
	default:
		r.add(name, true, "passive reply %q (decrypted)", want)
	}
}

// releaseAuthCode issues a fresh authorization code for appid, as WeChat hands the tester one
// in the QUERY_AUTH_CODE message.
func (s *Sim) releaseAuthCode(appid string) string {
	now := s.Now()
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	acc := s.st.accounts[appid]
	return s.newAuthCodeLocked(appid, "", acc.Granted, now).Value
}

// waitCustomSend waits (wall time, at most wait) for a customer-service text to openid with
// content want on behalf of appid.
func (s *Sim) waitCustomSend(ctx context.Context, appid, openid, want string, wait time.Duration) (bool, string) {
	deadline := time.Now().Add(wait)
	for {
		for _, m := range s.SentMessages() {
			var body struct {
				ToUser  string `json:"touser"`
				MsgType string `json:"msgtype"`
				Text    struct {
					Content string `json:"content"`
				} `json:"text"`
			}
			if m.AppID == appid && json.Unmarshal([]byte(m.Body), &body) == nil &&
				body.ToUser == openid && body.MsgType == "text" && body.Text.Content == want {
				return true, "sent via /cgi-bin/message/custom/send with an authorizer token of " + appid
			}
		}
		if time.Now().After(deadline) || !sleepCtx(ctx, 100*time.Millisecond) {
			return false, fmt.Sprintf("no customer-service message %q to %s within %s", want, openid, wait)
		}
	}
}

// answerText describes how the service answered a push.
func answerText(res PushResult, err error) string {
	switch {
	case err != nil:
		return "not accepted: " + err.Error()
	case res.Reply != "":
		return "passive reply " + res.Reply
	}
	return "success/empty"
}

// ctlReleaseCheck runs the go-live check: POST /sim/release-check/run {waitSeconds?}.
func (s *Sim) ctlReleaseCheck(w http.ResponseWriter, r *http.Request) {
	var req struct {
		WaitSeconds float64 `json:"waitSeconds"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	ctlJSON(w, http.StatusOK, s.RunReleaseCheck(r.Context(), time.Duration(req.WaitSeconds*float64(time.Second))))
}
