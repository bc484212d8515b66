package wxsim

import "time"

// tokenPolicy is how long tokens live and how long a superseded one keeps working.
type tokenPolicy struct {
	ttl     time.Duration
	overlap time.Duration
}

// issue appends a new token to list after marking the current one for appid superseded, so the
// previous token keeps working for the overlap exactly like WeChat's refresh grace period.
func (p tokenPolicy) issue(list []*TokenRecord, appid string, now time.Time) ([]*TokenRecord, *TokenRecord) {
	for _, t := range list {
		if t.AppID == appid && t.SupersededAt.IsZero() {
			t.SupersededAt = now
		}
	}
	rec := &TokenRecord{Value: randomString(accessTokenLen), AppID: appid, IssuedAt: now,
		ExpiresAt: now.Add(p.ttl)}
	return append(pruneTokens(list, now), rec), rec
}

// status says whether rec may be used at now: nil, or the WeChat error to answer.
func (p tokenPolicy) status(rec *TokenRecord, now time.Time) *apiError {
	switch {
	case rec.Revoked:
		return wxErr(40001)
	case !now.Before(rec.ExpiresAt):
		return wxErr(42001)
	case !rec.SupersededAt.IsZero() && !now.Before(rec.SupersededAt.Add(p.overlap)):
		// "access_token is invalid or not latest" is exactly WeChat's wording for this case.
		return wxErr(40001)
	}
	return nil
}

// pruneTokens drops tokens expired for more than a day so a long-running binary does not grow
// without bound, while tests still see recently expired ones (and get 42001 for them).
func pruneTokens(list []*TokenRecord, now time.Time) []*TokenRecord {
	out := list[:0]
	for _, t := range list {
		if now.Sub(t.ExpiresAt) < 24*time.Hour {
			out = append(out, t)
		}
	}
	return out
}

// findToken returns the record with value v, or nil.
func findToken(list []*TokenRecord, v string) *TokenRecord {
	for _, t := range list {
		if t.Value == v {
			return t
		}
	}
	return nil
}

// issueComponentToken creates a component_access_token, superseding the previous one.
func (s *Sim) issueComponentToken(now time.Time) TokenRecord {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	var rec *TokenRecord
	s.st.componentTokens, rec = s.tokens.issue(s.st.componentTokens, "", now)
	return *rec
}

// issueAuthorizerToken creates an authorizer_access_token for appid, superseding its previous one.
// The caller holds s.st.mu.
func (s *Sim) issueAuthorizerTokenLocked(appid string, now time.Time) TokenRecord {
	var rec *TokenRecord
	s.st.authorizerTokens, rec = s.tokens.issue(s.st.authorizerTokens, appid, now)
	return *rec
}

// checkComponentToken validates a component token from a query string.
func (s *Sim) checkComponentToken(v string, now time.Time) *apiError {
	if v == "" {
		return wxErr(41001)
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	if rec := findToken(s.st.componentTokens, v); rec != nil {
		return s.tokens.status(rec, now)
	}
	if findToken(s.st.authorizerTokens, v) != nil {
		return wxErr(61014)
	}
	return unknownToken(v)
}

// checkAuthorizerToken validates an authorizer token and returns the account it belongs to.
func (s *Sim) checkAuthorizerToken(v string, now time.Time) (AccountState, *apiError) {
	if v == "" {
		return AccountState{}, wxErr(41001)
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	rec := findToken(s.st.authorizerTokens, v)
	if rec == nil {
		if findToken(s.st.componentTokens, v) != nil {
			return AccountState{}, wxErr(61015)
		}
		return AccountState{}, unknownToken(v)
	}
	if e := s.tokens.status(rec, now); e != nil {
		return AccountState{}, e
	}
	acc := s.st.accounts[rec.AppID]
	if acc == nil || !acc.Authorized {
		return AccountState{}, wxErr(61003)
	}
	return *acc, nil
}

// unknownToken distinguishes a malformed token (40014) from a well-formed unknown one (40001).
func unknownToken(v string) *apiError {
	if !validTokenShape(v) {
		return wxErr(40014)
	}
	return wxErr(40001)
}

// recordTicket remembers a ticket the simulator is about to push.
func (s *Sim) recordTicket(v string, now time.Time) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	kept := s.st.tickets[:0]
	for _, t := range s.st.tickets {
		if now.Sub(t.PushedAt) < 2*ticketLifetime { // keep expired ones a while for 61005
			kept = append(kept, t)
		}
	}
	s.st.tickets = append(kept, TicketRecord{Value: v, PushedAt: now})
}

// checkTicket validates a component_verify_ticket: it must be one we pushed, under 12 h old.
func (s *Sim) checkTicket(v string, now time.Time) *apiError {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	for _, t := range s.st.tickets {
		if t.Value != v {
			continue
		}
		if now.Sub(t.PushedAt) >= ticketLifetime {
			return wxErr(61005)
		}
		return nil
	}
	return wxErr(61006)
}
