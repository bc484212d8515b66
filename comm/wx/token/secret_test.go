package token

import "wxcomponent/comm/secrets"

// newSecretsWithout builds a secrets service with no AppSecret anywhere.
func newSecretsWithout(h *harness) *secrets.Service {
	return secrets.New(secrets.Options{Store: h.store, Box: h.box, Now: h.clock.Now})
}
