package authz

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/fault"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// HandleComponentPush processes an authorization-change push; other InfoTypes (the ticket,
// registration notices) are not ours and are ignored. It is the body of the job the callback
// enqueues, so an error means "retry later".
func (s *Service) HandleComponentPush(ctx context.Context, infoType string, m *msg.Message) error {
	switch infoType {
	case msg.InfoAuthorized, msg.InfoUpdateAuthorized:
		if m.AuthorizerAppid == "" || m.AuthorizationCode == "" {
			return fmt.Errorf("%w: %s without AuthorizerAppid or AuthorizationCode", errMalformedPush, infoType)
		}
		state := s.linkState(ctx, m.PreAuthCode)
		_, err := s.HandleAuthorized(ctx, m.AuthorizerAppid, m.AuthorizationCode, state, pushTime(m, s.now))
		return err
	case msg.InfoUnauthorized:
		if m.AuthorizerAppid == "" {
			return fmt.Errorf("%w: unauthorized without AuthorizerAppid", errMalformedPush)
		}
		return s.HandleUnauthorized(ctx, m.AuthorizerAppid, pushTime(m, s.now))
	}
	return nil
}

// HandleAuthorizationPush runs the follow-up job of an authorization-change push (comm/dispatch
// routes it here). Errors that no retry can heal (a malformed push, a code WeChat no longer
// accepts) are marked permanent for the job queue.
func (s *Service) HandleAuthorizationPush(ctx context.Context, m *msg.Message) error {
	err := s.HandleComponentPush(ctx, m.InfoType, m)
	if errors.Is(err, errMalformedPush) || fault.Is(err, fault.Invalid) {
		return jobs.Permanent(err)
	}
	return err
}

// errMalformedPush marks a push lacking the fields its InfoType needs.
var errMalformedPush = errors.New("malformed authorization push")

// HandleUnauthorized marks the authorizer revoked — the row and its history stay — forgets its
// refresh token, and purges its access tokens. at is when WeChat sent the push: a revocation
// older than the stored authorization (a late retry after a re-authorization) is ignored; the
// zero time revokes unconditionally.
func (s *Service) HandleUnauthorized(ctx context.Context, appid string, at time.Time) error {
	a, err := s.store.GetAuthorizerByAppid(ctx, appid)
	if errors.Is(err, dao.ErrNotFound) {
		return s.purge(ctx, appid) // never stored (e.g. the authorized push was lost): nothing to keep
	}
	if err != nil {
		return err
	}
	if !at.IsZero() && at.Before(a.AuthTime) {
		s.log.Info("stale unauthorized push ignored", zap.String("appid", appid))
		return nil
	}
	_, err = s.store.UpdateAuthorizer(ctx, appid, map[string]any{
		"status": model.AuthorizerRevoked, "refreshtoken": ""})
	if err != nil {
		return err
	}
	return s.purge(ctx, appid)
}

// purge drops every cached token of appid.
func (s *Service) purge(ctx context.Context, appid string) error {
	if err := s.tokens.PurgeAuthorizer(ctx, appid); err != nil {
		return fmt.Errorf("purge tokens of %s: %w", appid, err)
	}
	return nil
}

// pushTime is the push's CreateTime, or now when WeChat sent none.
func pushTime(m *msg.Message, now func() time.Time) time.Time {
	if m.CreateTime <= 0 {
		return now().UTC()
	}
	return time.Unix(m.CreateTime, 0).UTC()
}
