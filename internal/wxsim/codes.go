package wxsim

import (
	"slices"
	"time"
)

// newPreAuthCode issues a pre_auth_code valid for preAuthCodeTTL.
func (s *Sim) newPreAuthCode(now time.Time) CodeRecord {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return *s.newPreAuthCodeLocked(now)
}

// newPreAuthCodeLocked is newPreAuthCode for callers already holding s.st.mu.
func (s *Sim) newPreAuthCodeLocked(now time.Time) *CodeRecord {
	pruneCodes(s.st.preAuthCodes, now)
	rec := &CodeRecord{Value: preAuthCodePrefix + randomString(codeLen), IssuedAt: now,
		ExpiresAt: now.Add(preAuthCodeTTL)}
	s.st.preAuthCodes[rec.Value] = rec
	return rec
}

// checkPreAuthCode tells whether a pre_auth_code can still open an authorization page.
func (s *Sim) checkPreAuthCode(v string, now time.Time) *apiError {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	_, e := codeUsable(s.st.preAuthCodes, v, now)
	return e
}

// codeUsable finds an unused, unexpired code: unknown or used → 61009, expired → 61010.
func codeUsable(m map[string]*CodeRecord, v string, now time.Time) (*CodeRecord, *apiError) {
	rec := m[v]
	if rec == nil || rec.Used {
		return nil, wxErr(61009)
	}
	if !now.Before(rec.ExpiresAt) {
		return nil, wxErr(61010)
	}
	return rec, nil
}

// newAuthCodeLocked issues the authorization code handed out by the redirect and the
// authorized push. The caller holds s.st.mu.
func (s *Sim) newAuthCodeLocked(appid, preAuth string, funcs []int, now time.Time) *CodeRecord {
	pruneCodes(s.st.authCodes, now)
	rec := &CodeRecord{Value: authCodePrefix + randomString(codeLen), AppID: appid,
		PreAuthCode: preAuth, FuncInfo: slices.Clone(funcs), IssuedAt: now,
		ExpiresAt: now.Add(authCodeTTL)}
	s.st.authCodes[rec.Value] = rec
	return rec
}

// consumeAuthCode marks an authorization code used (codes are single-use) and returns it.
func (s *Sim) consumeAuthCodeLocked(v string, now time.Time) (*CodeRecord, *apiError) {
	rec, e := codeUsable(s.st.authCodes, v, now)
	if e != nil {
		return nil, e
	}
	rec.Used = true
	return rec, nil
}

// pruneCodes forgets codes that expired a day ago; recent ones stay so reuse answers 61009/61010.
func pruneCodes(m map[string]*CodeRecord, now time.Time) {
	for k, c := range m {
		if now.Sub(c.ExpiresAt) > 24*time.Hour {
			delete(m, k)
		}
	}
}
