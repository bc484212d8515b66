package token

import (
	"context"
	"time"

	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Store is the storage the token manager and the ticket store use; dao.Store implements it.
type Store interface {
	GetWxToken(ctx context.Context, typ int, appid string) (model.WxToken, error)
	UpsertWxToken(ctx context.Context, row model.WxToken) error
	DeleteWxToken(ctx context.Context, typ int, appid string) error
	DeleteWxTokenIf(ctx context.Context, typ int, appid, token string) (bool, error)
	GetAuthorizerCredential(ctx context.Context, appid string) (dao.AuthorizerCredential, error)
	ReplaceAuthorizerRefreshToken(ctx context.Context, appid, prev, next string) (bool, error)
	AcquireLease(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, name, owner string) error
	GetAPICalls(ctx context.Context, bucket, api, appid string) (int64, error)
	IncrAPICall(ctx context.Context, bucket, api, appid string) error
	PruneAPICalls(ctx context.Context, beforeDay string) (int64, error)
	SaveComponentTicket(ctx context.Context, appid, ticket string, receivedAt time.Time, keep int, legacy bool) error
	LatestComponentTicket(ctx context.Context, appid string) (model.ComponentTicket, error)
	LegacyTicket(ctx context.Context) (string, time.Time, error)
}
