package wxsim

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// controlHandler serves the /sim/ JSON API used by tests and the sandbox walkthrough.
func (s *Sim) controlHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /sim/{$}", s.ctlIndex)
	mux.HandleFunc("POST /sim/push-ticket", s.ctlPushTicket)
	mux.HandleFunc("POST /sim/authorize", s.ctlAuthorize)
	mux.HandleFunc("POST /sim/revoke", s.ctlRevoke)
	mux.HandleFunc("POST /sim/push-message", s.ctlPushMessage)
	mux.HandleFunc("POST /sim/fault", s.ctlFault)
	mux.HandleFunc("DELETE /sim/fault", s.ctlClearFaults)
	mux.HandleFunc("POST /sim/quota", s.ctlQuota)
	mux.HandleFunc("POST /sim/authorizers", s.ctlAddAuthorizer)
	mux.HandleFunc("POST /sim/clock", s.ctlClock)
	mux.HandleFunc("POST /sim/tamper", s.ctlTamper)
	mux.HandleFunc("POST /sim/rotate", s.ctlRotate)
	mux.HandleFunc("POST /sim/release-check/run", s.ctlReleaseCheck)
	s.codeControl(mux)
	mux.HandleFunc("GET /sim/calls", s.ctlCalls)
	mux.HandleFunc("GET /sim/state", func(w http.ResponseWriter, _ *http.Request) { ctlJSON(w, 200, s.State()) })
	mux.HandleFunc("GET /sim/pushes", func(w http.ResponseWriter, _ *http.Request) { ctlJSON(w, 200, s.Pushes()) })
	return mux
}

// ctlIndex lists the control endpoints, for humans poking at the sandbox.
func (s *Sim) ctlIndex(w http.ResponseWriter, _ *http.Request) {
	ctlJSON(w, http.StatusOK, map[string]any{"component_appid": s.cfg.ComponentAppID, "mode": s.cfg.Mode,
		"now": s.Now(), "endpoints": []string{
			"POST /sim/push-ticket {async?}", "POST /sim/authorize {appid, funcInfo?, async?}",
			"POST /sim/revoke {appid, async?}", "POST /sim/push-message {appid, xml | openid+content, async?}",
			"POST /sim/fault {api, errcode?, httpStatus?, delayMs?, count}", "DELETE /sim/fault",
			"POST /sim/quota {api, dailyLimit}", "POST /sim/authorizers {appid, user_name, kind, …}",
			"POST /sim/clock {advanceSeconds}", "POST /sim/tamper {mode: signature|appid|\"\"}", "POST /sim/rotate {enabled}",
			"POST /sim/release-check/run {waitSeconds?}",
			"GET /sim/calls[?appid=]", "GET /sim/state", "GET /sim/pushes"}, "code_endpoints": codeEndpoints})
}

// pushAnswer is how control endpoints report a push: the result, or only "queued" when async.
type pushAnswer struct {
	Queued bool        `json:"queued,omitempty"`
	Push   *PushResult `json:"push,omitempty"`
	Error  string      `json:"error,omitempty"`
}

// runPush performs fn now, or in the background when async (the answer then only says queued).
// A push the service did not acknowledge is still a 200: the attempts are the interesting part.
func (s *Sim) runPush(ctx context.Context, async bool, fn func(ctx context.Context) (PushResult, error)) pushAnswer {
	if async {
		s.goBackground(func(ctx context.Context) {
			if _, err := fn(ctx); err != nil {
				s.log.Warn("control push failed", "err", err)
			}
		})
		return pushAnswer{Queued: true}
	}
	return answer(fn(ctx))
}

// answer reports a push made while the client waited.
func answer(res PushResult, err error) pushAnswer {
	ans := pushAnswer{Push: &res}
	if err != nil {
		ans.Error = err.Error()
	}
	return ans
}

// ctlPushTicket pushes a new component_verify_ticket.
func (s *Sim) ctlPushTicket(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Async bool `json:"async"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	if req.Async {
		ctlJSON(w, http.StatusOK, s.runPush(r.Context(), true, func(ctx context.Context) (PushResult, error) {
			_, res, err := s.PushTicket(ctx)
			return res, err
		}))
		return
	}
	ticket, res, err := s.PushTicket(r.Context())
	ctlJSON(w, http.StatusOK, struct {
		Ticket string `json:"ticket"`
		pushAnswer
	}{ticket, answer(res, err)})
}

// ctlAuthorize authorizes an account without the browser and sends the authorized push.
func (s *Sim) ctlAuthorize(w http.ResponseWriter, r *http.Request) {
	var req struct {
		AppID    string `json:"appid"`
		FuncInfo []int  `json:"funcInfo"`
		Async    bool   `json:"async"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	g, err := s.grant(req.AppID, "", req.FuncInfo)
	if err != nil {
		ctlError(w, http.StatusBadRequest, err)
		return
	}
	ans := s.runPush(r.Context(), req.Async, func(ctx context.Context) (PushResult, error) {
		return s.pushAuthorized(ctx, g.InfoType, s.grantCode(g))
	})
	ctlJSON(w, http.StatusOK, struct {
		Grant
		pushAnswer
	}{g, ans})
}

// ctlRevoke withdraws an authorization and sends the unauthorized push.
func (s *Sim) ctlRevoke(w http.ResponseWriter, r *http.Request) {
	var req struct {
		AppID string `json:"appid"`
		Async bool   `json:"async"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	if err := s.revoke(req.AppID); err != nil {
		ctlError(w, http.StatusBadRequest, err)
		return
	}
	ctlJSON(w, http.StatusOK, s.runPush(r.Context(), req.Async, func(ctx context.Context) (PushResult, error) {
		return s.pushUnauthorized(ctx, req.AppID)
	}))
}

// ctlPushMessage sends a message push: raw XML, or a text message built from openid + content.
func (s *Sim) ctlPushMessage(w http.ResponseWriter, r *http.Request) {
	var req struct {
		AppID   string `json:"appid"`
		XML     string `json:"xml"`
		OpenID  string `json:"openid"`
		Content string `json:"content"`
		Async   bool   `json:"async"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	msg := []byte(req.XML)
	if req.XML == "" {
		built, err := s.TextMessage(req.AppID, req.OpenID, req.Content)
		if err != nil {
			ctlError(w, http.StatusBadRequest, err)
			return
		}
		msg = built
	}
	ctlJSON(w, http.StatusOK, s.runPush(r.Context(), req.Async, func(ctx context.Context) (PushResult, error) {
		return s.PushMessage(ctx, req.AppID, msg)
	}))
}

// ctlDecode reads a JSON control request; an empty body counts as {}.
func ctlDecode(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err == nil && len(body) > 0 {
		err = json.Unmarshal(body, v)
	}
	if err != nil {
		ctlError(w, http.StatusBadRequest, fmt.Errorf("decode request: %w", err))
		return false
	}
	return true
}

// ctlJSON writes a control answer.
func ctlJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client went away; nothing useful to do
}

// ctlError writes {"error": …}.
func ctlError(w http.ResponseWriter, status int, err error) {
	ctlJSON(w, status, map[string]string{"error": err.Error()})
}

// secondsToDuration converts a JSON seconds value.
func secondsToDuration(sec float64) time.Duration { return time.Duration(sec * float64(time.Second)) }
