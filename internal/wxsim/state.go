package wxsim

import (
	"slices"
	"sync"
	"time"
)

// TokenRecord is one issued access token (component or authorizer).
type TokenRecord struct {
	Value     string    `json:"value"`
	AppID     string    `json:"appid,omitempty"` // authorizer tokens only
	IssuedAt  time.Time `json:"issued_at"`
	ExpiresAt time.Time `json:"expires_at"`
	// SupersededAt is when a newer token replaced this one; it stays usable for the overlap.
	SupersededAt time.Time `json:"superseded_at,omitzero"`
	// Revoked tokens belong to an authorizer that withdrew its authorization.
	Revoked bool `json:"revoked,omitempty"`
}

// TicketRecord is one component_verify_ticket the simulator generated.
type TicketRecord struct {
	Value    string    `json:"value"`
	PushedAt time.Time `json:"pushed_at"`
}

// CodeRecord is a pre-auth code or an authorization code.
type CodeRecord struct {
	Value       string    `json:"value"`
	AppID       string    `json:"appid,omitempty"`         // auth codes: the authorizer
	PreAuthCode string    `json:"pre_auth_code,omitempty"` // auth codes: the link it came from
	FuncInfo    []int     `json:"func_info,omitempty"`
	IssuedAt    time.Time `json:"issued_at"`
	ExpiresAt   time.Time `json:"expires_at"`
	Used        bool      `json:"used"`
}

// AccountState is an authorizer together with its authorization status.
type AccountState struct {
	Authorizer
	Authorized   bool      `json:"authorized"`
	Revoked      bool      `json:"revoked"` // authorized once, then withdrew
	RefreshToken string    `json:"refresh_token,omitempty"`
	AuthTime     time.Time `json:"auth_time,omitzero"`
	Granted      []int     `json:"granted,omitempty"` // func_info ids of the current grant
}

// SentMessage is a customer-service message the service sent through the simulator.
type SentMessage struct {
	AppID string    `json:"appid"`
	At    time.Time `json:"at"`
	Body  string    `json:"body"`
}

// State is a snapshot of everything the simulator knows; tests read it via Sim.State or
// GET /sim/state.
type State struct {
	Now              time.Time      `json:"now"`
	Tickets          []TicketRecord `json:"tickets"`
	ComponentTokens  []TokenRecord  `json:"component_tokens"`
	AuthorizerTokens []TokenRecord  `json:"authorizer_tokens"`
	PreAuthCodes     []CodeRecord   `json:"pre_auth_codes"`
	AuthCodes        []CodeRecord   `json:"auth_codes"`
	Authorizers      []AccountState `json:"authorizers"`
	SentMessages     []SentMessage  `json:"sent_messages"`
}

// store holds the mutable simulation state behind one mutex; no method performs I/O while
// holding it, so pushes to the service can call back into the simulator freely.
type store struct {
	mu               sync.Mutex
	tickets          []TicketRecord
	componentTokens  []*TokenRecord
	authorizerTokens []*TokenRecord
	preAuthCodes     map[string]*CodeRecord
	authCodes        map[string]*CodeRecord
	accounts         map[string]*AccountState
	accountOrder     []string
	sent             []SentMessage
}

// newStore seeds the accounts that may authorize the platform.
func newStore(seed []Authorizer) (*store, error) {
	st := &store{preAuthCodes: map[string]*CodeRecord{}, authCodes: map[string]*CodeRecord{},
		accounts: map[string]*AccountState{}}
	for _, a := range seed {
		if err := st.addAccount(a); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// addAccount registers an authorizer; the caller holds mu or owns st exclusively.
func (st *store) addAccount(a Authorizer) error {
	if err := a.check(); err != nil {
		return err
	}
	if len(a.FuncInfo) == 0 {
		a.FuncInfo = DefaultFuncInfo(a.Kind)
	}
	if _, dup := st.accounts[a.AppID]; !dup {
		st.accountOrder = append(st.accountOrder, a.AppID)
	}
	st.accounts[a.AppID] = &AccountState{Authorizer: a}
	return nil
}

// snapshot copies the state so callers can read it without the lock.
func (st *store) snapshot(now time.Time) State {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := State{Now: now, Tickets: slices.Clone(st.tickets), SentMessages: slices.Clone(st.sent)}
	out.ComponentTokens = derefAll(st.componentTokens)
	out.AuthorizerTokens = derefAll(st.authorizerTokens)
	out.PreAuthCodes = sortedCodes(st.preAuthCodes)
	out.AuthCodes = sortedCodes(st.authCodes)
	for _, id := range st.accountOrder {
		acc := *st.accounts[id]
		acc.Granted = slices.Clone(acc.Granted)
		out.Authorizers = append(out.Authorizers, acc)
	}
	return out
}

// derefAll copies token records.
func derefAll(recs []*TokenRecord) []TokenRecord {
	out := make([]TokenRecord, 0, len(recs))
	for _, r := range recs {
		out = append(out, *r)
	}
	return out
}

// sortedCodes copies code records in issue order.
func sortedCodes(m map[string]*CodeRecord) []CodeRecord {
	out := make([]CodeRecord, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b CodeRecord) int { return a.IssuedAt.Compare(b.IssuedAt) })
	return out
}
