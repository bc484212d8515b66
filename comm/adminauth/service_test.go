package adminauth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.uber.org/zap"
	"golang.org/x/crypto/bcrypt"

	"wxcomponent/comm/adminauth"
	"wxcomponent/comm/fault"
	"wxcomponent/comm/secretbox"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

type fixture struct {
	svc    *adminauth.Service
	store  *dao.Store
	clock  *clock
	tokens *adminauth.Tokens
}

// service builds another service on the fixture's store and clock, with its own hashing gate.
func (f *fixture) service(gate *adminauth.HashGate) *adminauth.Service {
	return adminauth.NewService(f.store, adminauth.Hasher{Cost: bcrypt.MinCost}, f.tokens, adminauth.NewThrottle(f.store, f.clock.now), gate, zap.NewNop())
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)}
	store := dao.New(dbtest.Open(t, dialect), dialect, c.now)
	box, err := secretbox.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	key, err := adminauth.LoadKey(context.Background(), store, box, model.KVJWTSecret)
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := adminauth.NewTokens(key, 12*time.Hour, c.now)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{store: store, clock: c, tokens: tokens}
	f.svc = f.service(adminauth.NewHashGate(4, 2*time.Second))
	return f
}

func (f *fixture) seed(t *testing.T, username, password string) {
	t.Helper()
	if _, err := f.svc.EnsureAdmin(context.Background(), adminauth.Initial{AdminUsername: username, AdminPassword: password}); err != nil {
		t.Fatal(err)
	}
}

// code names the contract code api/respond answers err with (its table is tested there), so
// these tests read like the contract.
func code(err error) int {
	switch {
	case errors.Is(err, adminauth.ErrSessionExpired):
		return 1003
	case errors.Is(err, adminauth.ErrBadToken):
		return 1004
	case errors.Is(err, adminauth.ErrWrongOldPassword), errors.Is(err, adminauth.ErrWrongPassword), errors.Is(err, adminauth.ErrUsernameTaken):
		return 1005
	case errors.Is(err, adminauth.ErrBadCredentials):
		return 1006
	case fault.Is(err, fault.Invalid):
		return 1001
	}
	return 1002
}

func TestLoginAndAuthenticate(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.seed(t, "admin", "Passw0rd!")
		ctx := context.Background()
		s, err := f.svc.Login(ctx, "1.2.3.4", "admin", "Passw0rd!")
		if err != nil {
			t.Fatal(err)
		}
		u, err := f.svc.Authenticate(ctx, s.JWT)
		if err != nil || u.Username != "admin" {
			t.Fatalf("authenticate: %v %+v", err, u)
		}
		if _, err := f.svc.Login(ctx, "1.2.3.4", "admin", "wrong"); code(err) != 1006 {
			t.Fatalf("wrong password should be 1006, got %v", err)
		}
		if _, err := f.svc.Login(ctx, "1.2.3.4", "nobody", "Passw0rd!"); code(err) != 1006 {
			t.Fatalf("unknown user should be 1006, got %v", err)
		}
		f.clock.advance(13 * time.Hour)
		if _, err := f.svc.Authenticate(ctx, s.JWT); code(err) != 1003 {
			t.Fatalf("expired token should be 1003 登录超时, got %v", err)
		}
		if _, err := f.svc.Authenticate(ctx, s.JWT+"x"); code(err) != 1004 {
			t.Fatalf("a tampered token should be 1004, got %v", err)
		}
	})
}

func TestThrottleLocksTheAttackerNotTheAdmin(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.seed(t, "admin", "Passw0rd!")
		ctx := context.Background()
		for i := 0; i < 5; i++ {
			if _, err := f.svc.Login(ctx, "6.6.6.6", "admin", "guess"); code(err) != 1006 {
				t.Fatalf("attempt %d: %v", i, err)
			}
			f.clock.advance(time.Second)
		}
		_, err := f.svc.Login(ctx, "6.6.6.6", "admin", "Passw0rd!")
		var th *adminauth.ThrottledError
		if !errors.As(err, &th) || th.RetryAfter <= 0 || th.RetryAfter > 15*time.Minute {
			t.Fatalf("6th attempt from the attacker should be throttled with a bounded retry-after, got %v", err)
		}
		// The admin, from another address, is not locked out.
		if _, err := f.svc.Login(ctx, "10.0.0.1", "admin", "Passw0rd!"); err != nil {
			t.Fatalf("admin from another IP should log in: %v", err)
		}
		// The lock slides away by itself.
		f.clock.advance(th.RetryAfter + time.Second)
		if _, err := f.svc.Login(ctx, "6.6.6.6", "admin", "Passw0rd!"); err != nil {
			t.Fatalf("after retry-after the right password works: %v", err)
		}
	})
}

func TestSuccessResetsTheCounter(t *testing.T) {
	f := newFixture(t, "sqlite")
	f.seed(t, "admin", "Passw0rd!")
	ctx := context.Background()
	for round := 0; round < 3; round++ {
		for i := 0; i < 4; i++ {
			_, _ = f.svc.Login(ctx, "1.1.1.1", "admin", "typo")
		}
		if _, err := f.svc.Login(ctx, "1.1.1.1", "admin", "Passw0rd!"); err != nil {
			t.Fatalf("round %d: 4 typos then the right password must work: %v", round, err)
		}
	}
}

func TestLegacyMD5RowIsUpgraded(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ctx := context.Background()
		legacy := &model.User{Username: "old", Password: adminauth.LegacyHash("Aa123456")}
		if err := f.store.CreateUser(ctx, legacy); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Login(ctx, "1.1.1.1", "old", "Aa123456"); err != nil {
			t.Fatalf("legacy password must verify: %v", err)
		}
		u, _ := f.store.GetUserByName(ctx, "old")
		if u.Password[:2] != "$2" {
			t.Fatalf("hash not upgraded to bcrypt: %s", u.Password)
		}
		if _, err := f.svc.Login(ctx, "1.1.1.1", "old", "Aa123456"); err != nil {
			t.Fatalf("upgraded hash must verify: %v", err)
		}
	})
}

func TestPasswordChangeRevokesOlderTokens(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.seed(t, "admin", "Passw0rd!")
		ctx := context.Background()
		old, _ := f.svc.Login(ctx, "1.1.1.1", "admin", "Passw0rd!")
		u, _ := f.svc.Authenticate(ctx, old.JWT)
		if _, err := f.svc.ChangePassword(ctx, u, "bad-old", "N3wPassword"); code(err) != 1005 {
			t.Fatalf("wrong old password should be 1005, got %v", err)
		}
		if _, err := f.svc.ChangePassword(ctx, u, "Passw0rd!", "short1"); code(err) != 1001 {
			t.Fatalf("weak password should be 1001, got %v", err)
		}
		fresh, err := f.svc.ChangePassword(ctx, u, "Passw0rd!", "N3wPassword")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Authenticate(ctx, old.JWT); code(err) != 1004 {
			t.Fatalf("token from before the change must be rejected, got %v", err)
		}
		if _, err := f.svc.Authenticate(ctx, fresh.JWT); err != nil {
			t.Fatalf("new token must work: %v", err)
		}
		if _, err := f.svc.Login(ctx, "1.1.1.1", "admin", "N3wPassword"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestBootstrapNeverReseeds(t *testing.T) {
	f := newFixture(t, "sqlite")
	ctx := context.Background()
	b, err := f.svc.EnsureAdmin(ctx, adminauth.Initial{})
	if err != nil || b == nil || !b.Generated || b.Username != "admin" {
		t.Fatalf("first start should generate a password: %+v %v", b, err)
	}
	s, err := f.svc.Login(ctx, "1.1.1.1", "admin", b.Password)
	if err != nil || !s.MustChangePassword {
		t.Fatalf("generated password must log in and force a change: %+v %v", s, err)
	}
	u, _ := f.svc.Authenticate(ctx, s.JWT)
	if _, err := f.svc.Rename(ctx, u, "boss", "not-the-password"); code(err) != 1005 {
		t.Fatalf("renaming without the current password must fail with 1005, got %v", err)
	}
	if _, err := f.svc.Rename(ctx, u, "boss", b.Password); err != nil {
		t.Fatal(err)
	}
	again, err := f.svc.EnsureAdmin(ctx, adminauth.Initial{MySQLUsername: "root", MySQLPassword: "dbpass1234"})
	if err != nil || again != nil {
		t.Fatalf("an existing user must prevent re-seeding: %+v %v", again, err)
	}
	if n, _ := f.store.CountUsers(ctx); n != 1 {
		t.Fatalf("want 1 user, got %d", n)
	}
}

func TestPolicy(t *testing.T) {
	for pw, want := range map[string]error{
		"Passw0rd":      adminauth.ErrCommonPassword, // on every top list
		"Tr0ub4dor-x":   nil,
		"password":      adminauth.ErrWeakPassword,
		"12345678":      adminauth.ErrWeakPassword,
		"Ab1":           adminauth.ErrWeakPassword,
		"admin123":      adminauth.ErrCommonPassword,
		"Admin123":      adminauth.ErrCommonPassword, // compared case-insensitively
		"qwerty123":     adminauth.ErrCommonPassword,
		"woaini1314":    adminauth.ErrCommonPassword,
		"myADMIN2026x":  adminauth.ErrPasswordHasUsername,
		"admin1234":     adminauth.ErrCommonPassword,
		"Zh8vadminQ":    adminauth.ErrPasswordHasUsername,
		"Summer-sky-42": nil,
	} {
		if got := adminauth.CheckPolicy(pw, "admin"); !errors.Is(got, want) {
			t.Errorf("CheckPolicy(%q) = %v, want %v", pw, got, want)
		}
	}
	if adminauth.CheckPolicy("xy9876543", "xy") != nil {
		t.Error("a 2-letter name inside a password must not refuse it")
	}
	if adminauth.CheckPolicy("Boss2026pw", "Boss2026pw") == nil {
		t.Error("password equal to username must be refused")
	}
}

func TestDatabaseCredentialsMustBeChanged(t *testing.T) {
	f := newFixture(t, "sqlite")
	ctx := context.Background()
	if _, err := f.svc.EnsureAdmin(ctx, adminauth.Initial{MySQLUsername: "dbuser", MySQLPassword: "dbpass1234"}); err != nil {
		t.Fatal(err)
	}
	s, err := f.svc.Login(ctx, "1.1.1.1", "dbuser", "dbpass1234")
	if err != nil || !s.MustChangePassword {
		t.Fatalf("an admin seeded from the MySQL credentials must change the password: %+v %v", s, err)
	}
}

func TestChangePasswordExplainsAGuessablePassword(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.seed(t, "admin", "Passw0rd!")
		ctx := context.Background()
		s, _ := f.svc.Login(ctx, "1.1.1.1", "admin", "Passw0rd!")
		u, _ := f.svc.Authenticate(ctx, s.JWT)
		for pw, reason := range map[string]string{"admin123": "密码过于常见，容易被猜中，请换一个", "xAdmin2026y": "密码不能包含帐号名"} {
			_, err := f.svc.ChangePassword(ctx, u, "Passw0rd!", pw)
			if code(err) != 1001 || fault.Message(err) != reason {
				t.Fatalf("%s: want 1001 %q, got %v (detail %q)", pw, reason, err, fault.Message(err))
			}
		}
	})
}
