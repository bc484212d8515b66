package wxsim

import "net/http"

// SetRotateRefreshTokens switches refresh-token rotation (Config.RotateRefreshTokens) at run time:
// on, every successful api_authorizer_token issues a new authorizer_refresh_token and the one it
// was called with answers 61023 from then on.
func (s *Sim) SetRotateRefreshTokens(on bool) {
	s.clockMu.Lock()
	defer s.clockMu.Unlock()
	s.rotate = on
}

// rotatingRefreshTokens reads the rotation switch.
func (s *Sim) rotatingRefreshTokens() bool {
	s.clockMu.Lock()
	defer s.clockMu.Unlock()
	return s.rotate
}

// ctlRotate switches refresh-token rotation: {enabled}.
func (s *Sim) ctlRotate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Enabled bool `json:"enabled"`
	}
	if !ctlDecode(w, r, &req) {
		return
	}
	s.SetRotateRefreshTokens(req.Enabled)
	ctlJSON(w, http.StatusOK, map[string]bool{"enabled": s.rotatingRefreshTokens()})
}
