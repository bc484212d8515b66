package adminauth

import (
	"context"
	"fmt"
)

// Logout revokes the presented token server-side until it would have expired,
// so a copy of it (a leaked cookie, a proxy log) stops working too. Only this
// token is revoked: bumping the user's token version would also end the
// owner's sessions in other browsers. A token that is already invalid or
// expired, or one issued before tokens carried a session id, has nothing to
// revoke and is not an error: logging out always succeeds for the caller.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	claims, err := s.tokens.Parse(token)
	if err != nil || claims.SessionID == "" {
		return nil
	}
	if err := s.users.RevokeToken(ctx, claims.SessionID, claims.ExpiresAt.Time); err != nil {
		return fmt.Errorf("revoke token: %w", err)
	}
	return nil
}

// Prune drops login failures and revoked-token entries nobody needs any more.
func (s *Service) Prune(ctx context.Context) error {
	if err := s.throttle.Prune(ctx); err != nil {
		return err
	}
	return s.users.PruneRevokedTokens(ctx, s.throttle.now())
}
