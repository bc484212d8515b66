package token

import "wxcomponent/comm/secrets"

// newSecretsWithout builds a secrets service with no AppSecret anywhere.
func newSecretsWithout(h *harness) *secrets.Service {
	return secrets.New(h.store, h.box, secrets.Options{Now: h.clock.Now})
}
