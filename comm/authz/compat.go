package authz

import (
	"context"

	"wxcomponent/db/dao"
)

// The names below keep api/admin compiling until it takes the authorizer names; delete this
// file once nothing uses them.

// Account is the former name of Authorizer.
//
// Deprecated: use Authorizer.
type Account = Authorizer

// ListAccounts is the former name of ListAuthorizers.
//
// Deprecated: use ListAuthorizers.
func (s *Service) ListAccounts(ctx context.Context, f dao.AuthorizerFilter, reveal bool) ([]Authorizer, int64, error) {
	return s.ListAuthorizers(ctx, f, reveal)
}

// RefreshAccount is the former name of RefreshAuthorizer.
//
// Deprecated: use RefreshAuthorizer.
func (s *Service) RefreshAccount(ctx context.Context, appid string) (Authorizer, error) {
	return s.RefreshAuthorizer(ctx, appid)
}
