package adminauth_test

import (
	"context"
	"testing"
	"time"

	"wxcomponent/db/dbtest"
)

// Logout revokes that one token on the server; the owner's other sessions stay.
func TestLogoutRevokesOnlyThatToken(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.seed(t, "admin", "Passw0rd!")
		ctx := context.Background()
		laptop, _ := f.svc.Login(ctx, "1.1.1.1", "admin", "Passw0rd!")
		phone, _ := f.svc.Login(ctx, "2.2.2.2", "admin", "Passw0rd!")
		if err := f.svc.Logout(ctx, laptop.JWT); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Logout(ctx, laptop.JWT); err != nil {
			t.Fatalf("logging out twice must be fine: %v", err)
		}
		if _, err := f.svc.Authenticate(ctx, laptop.JWT); code(err) != 1004 {
			t.Fatalf("a logged-out token must be refused with 1004, got %v", err)
		}
		if _, err := f.svc.Authenticate(ctx, phone.JWT); err != nil {
			t.Fatalf("the other session must survive: %v", err)
		}
		if err := f.svc.Logout(ctx, "garbage"); err != nil {
			t.Fatalf("logging out with an invalid token must succeed: %v", err)
		}
		// The deny-list entry is pruned once the token has expired anyway.
		f.clock.advance(13 * time.Hour)
		if err := f.svc.Prune(ctx); err != nil {
			t.Fatal(err)
		}
		var n int64
		if err := f.store.DB().Table("revoked_token").Count(&n).Error; err != nil || n != 0 {
			t.Fatalf("expired revocations must be pruned: %d %v", n, err)
		}
	})
}
