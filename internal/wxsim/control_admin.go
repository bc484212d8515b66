package wxsim

import (
	"errors"
	"net/http"
	"time"
)

// ctlFault queues a fault: {api, errcode?, httpStatus?, delayMs?, count}.
func (s *Sim) ctlFault(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Fault
		DelayMs int `json:"delayMs"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	if req.API == "" {
		ctlError(w, http.StatusBadRequest, errors.New("fault needs api"))
		return
	}
	f := req.Fault
	f.Delay = time.Duration(req.DelayMs) * time.Millisecond
	if f.Errcode == 0 && f.HTTPStatus == 0 && f.Delay == 0 {
		ctlError(w, http.StatusBadRequest, errors.New("fault needs errcode, httpStatus or delayMs"))
		return
	}
	s.SetFault(f)
	ctlJSON(w, http.StatusOK, map[string]any{"api": s.resolveAPI(f.API), "count": max(f.Count, 1)})
}

// ctlClearFaults drops every queued fault.
func (s *Sim) ctlClearFaults(w http.ResponseWriter, _ *http.Request) {
	s.ClearFaults()
	ctlJSON(w, http.StatusOK, map[string]bool{"cleared": true})
}

// ctlQuota sets a daily quota: {api, dailyLimit}; dailyLimit 0 removes it.
func (s *Sim) ctlQuota(w http.ResponseWriter, r *http.Request) {
	var req struct {
		API        string `json:"api"`
		DailyLimit int    `json:"dailyLimit"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	if req.API == "" {
		ctlError(w, http.StatusBadRequest, errors.New("quota needs api"))
		return
	}
	s.SetDailyQuota(req.API, req.DailyLimit)
	ctlJSON(w, http.StatusOK, map[string]any{"api": s.resolveAPI(req.API), "dailyLimit": req.DailyLimit})
}

// ctlAddAuthorizer adds an account that can authorize the platform.
func (s *Sim) ctlAddAuthorizer(w http.ResponseWriter, r *http.Request) {
	var a Authorizer
	if !ctlDecode(w, r, &a) {
		return
	}
	if err := s.AddAuthorizer(a); err != nil {
		ctlError(w, http.StatusBadRequest, err)
		return
	}
	acc, _ := s.account(a.AppID)
	ctlJSON(w, http.StatusOK, acc)
}

// ctlClock moves the simulator's clock: {advanceSeconds}. Time only moves forward, since
// tokens and codes moving back into validity is nothing WeChat can do.
func (s *Sim) ctlClock(w http.ResponseWriter, r *http.Request) {
	var req struct {
		AdvanceSeconds float64 `json:"advanceSeconds"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	if req.AdvanceSeconds < 0 {
		ctlError(w, http.StatusBadRequest, errors.New("advanceSeconds must not be negative"))
		return
	}
	s.AdvanceClock(secondsToDuration(req.AdvanceSeconds))
	ctlJSON(w, http.StatusOK, map[string]any{"now": s.Now(), "unix": s.Now().Unix()})
}

// ctlTamper sets the push tamper mode: {mode: "" | "signature" | "appid"}.
func (s *Sim) ctlTamper(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Mode Tamper `json:"mode"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	if err := s.SetTamper(req.Mode); err != nil {
		ctlError(w, http.StatusBadRequest, err)
		return
	}
	ctlJSON(w, http.StatusOK, map[string]Tamper{"mode": req.Mode})
}
