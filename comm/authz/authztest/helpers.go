package authztest

import (
	"context"

	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
)

// Authorize makes appid authorize the platform; the authorized push reaches the Service (or
// is held) before it returns.
func (e *Env) Authorize(appid string, funcs ...int) wxsim.Grant {
	e.T.Helper()
	g, _, err := e.Sim.Authorize(context.Background(), appid, funcs...)
	if err != nil {
		e.T.Fatalf("authorize %s: %v", appid, err)
	}
	return g
}

// Revoke makes appid withdraw its authorization; the unauthorized push is processed before
// it returns.
func (e *Env) Revoke(appid string) {
	e.T.Helper()
	if _, err := e.Sim.Revoke(context.Background(), appid); err != nil {
		e.T.Fatalf("revoke %s: %v", appid, err)
	}
}

// Row reads appid's authorizers row, failing the test when it is absent.
func (e *Env) Row(appid string) *model.Authorizer {
	e.T.Helper()
	a, err := e.Store.GetAuthorizerByAppid(context.Background(), appid)
	if err != nil {
		e.T.Fatalf("row %s: %v", appid, err)
	}
	return a
}

// AuthorizerIDs lists the simulator's authorizer appids in seed order.
func (e *Env) AuthorizerIDs() []string {
	st := e.Sim.State()
	out := make([]string, len(st.Authorizers))
	for i, a := range st.Authorizers {
		out[i] = a.AppID
	}
	return out
}
