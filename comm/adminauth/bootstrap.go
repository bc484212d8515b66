package adminauth

import (
	"context"
	"fmt"

	"wxcomponent/db/model"
)

// Initial names where the first admin's credentials come from.
type Initial struct {
	AdminUsername, AdminPassword string // ADMIN_USERNAME / ADMIN_PASSWORD
	MySQLUsername, MySQLPassword string // what one-click deploys told operators
}

// Bootstrapped reports a freshly created admin. Generated is true when the
// password was random: it must be shown once and changed at first login.
type Bootstrapped struct {
	Username, Password string
	Generated          bool
	MustChange         bool // forced change at first login (generated or DB credentials)
}

// EnsureAdmin creates the first admin when no user exists at all; it never
// re-seeds once any user exists (the original re-created its DB-credential
// admin on every start, so renaming it left a back door).
func (s *Service) EnsureAdmin(ctx context.Context, in Initial) (*Bootstrapped, error) {
	n, err := s.users.CountUsers(ctx)
	if err != nil || n > 0 {
		return nil, err
	}
	b := pickInitial(in)
	hash, err := s.hasher.Hash(b.Password)
	if err != nil {
		return nil, err
	}
	u := &model.User{Username: b.Username, Password: hash, MustChangePwd: b.Generated || b.MustChange}
	if err := s.users.CreateUser(ctx, u); err != nil {
		return nil, fmt.Errorf("create initial admin: %w", err)
	}
	return b, nil
}

// pickInitial chooses the first admin's credentials: ADMIN_PASSWORD, else the MySQL
// credentials one-click deploys announced, else a generated password that must be changed.
func pickInitial(in Initial) *Bootstrapped {
	switch {
	case in.AdminPassword != "":
		return &Bootstrapped{Username: orDefault(in.AdminUsername), Password: in.AdminPassword}
	case in.MySQLUsername != "" && in.MySQLPassword != "":
		// The database credentials must not stay the console's: changed at first login.
		return &Bootstrapped{Username: in.MySQLUsername, Password: in.MySQLPassword, MustChange: true}
	default:
		return &Bootstrapped{Username: orDefault(in.AdminUsername), Password: randomPassword(), Generated: true}
	}
}

// orDefault names the first admin "admin" unless ADMIN_USERNAME says otherwise.
func orDefault(name string) string {
	if name == "" {
		return "admin"
	}
	return name
}
