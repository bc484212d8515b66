package authz

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"go.uber.org/zap"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// listedChange is what the list entry changes on a stored row.
type listedChange struct {
	row         *model.Authorizer
	cols        []string
	added       bool // no row yet
	recovered   bool // active row whose refresh token differed from WeChat's
	reactivated bool // revoked row that WeChat lists as authorized
}

// syncOne brings one listed account up to date. The list is authoritative for the refresh
// token and for the account being authorized, so those are stored even when the profile call
// fails; the profile is only written when api_get_authorizer_info succeeded.
func (s *Service) syncOne(ctx context.Context, it api.AuthorizerListItem, r *syncRun) error {
	appid := it.AuthorizerAppID
	old, err := s.store.GetAuthorizerByAppid(ctx, appid)
	if err != nil && !errors.Is(err, dao.ErrNotFound) {
		return err
	}
	ch, err := s.applyListed(old, it)
	if err != nil {
		return err
	}
	info, infoErr := s.wx.GetAuthorizerInfo(ctx, appid)
	if infoErr == nil {
		applyInfo(ch.row, &info)
		ch.cols = append(ch.cols, infoColumnNames()...)
	}
	if err := s.writeListed(ctx, ch); err != nil {
		return err
	}
	r.note(func(sum *syncSummary) { sum.count(appid, ch) })
	if infoErr != nil {
		return fmt.Errorf("get authorizer info of %s: %w", appid, infoErr)
	}
	return nil
}

// applyListed computes the row and changed columns the list entry implies.
func (s *Service) applyListed(old *model.Authorizer, it api.AuthorizerListItem) (*listedChange, error) {
	appid := it.AuthorizerAppID
	if old == nil {
		sealed, err := s.sealRefreshToken(appid, it.RefreshToken)
		row := &model.Authorizer{AppID: appid, RefreshToken: sealed, VerifyInfo: -1,
			AuthTime: listTime(it, s.now), Status: model.AuthorizerActive}
		return &listedChange{row: row, added: true}, err
	}
	row := *old
	ch := &listedChange{row: &row}
	if it.RefreshToken != "" && s.openRefreshToken(old) != it.RefreshToken {
		sealed, err := s.sealRefreshToken(appid, it.RefreshToken)
		if err != nil {
			return nil, err
		}
		row.RefreshToken, ch.cols = sealed, append(ch.cols, "refreshtoken")
		ch.recovered = old.Status == model.AuthorizerActive
	}
	if old.Status != model.AuthorizerActive {
		row.Status, ch.cols, ch.reactivated = model.AuthorizerActive, append(ch.cols, "status"), true
	}
	if it.AuthTime > 0 && !row.AuthTime.Equal(listTime(it, s.now)) {
		row.AuthTime, ch.cols = listTime(it, s.now), append(ch.cols, "authtime")
	}
	return ch, nil
}

// writeListed stores the change; a new refresh token is written before the cached access
// token is dropped, so the refresh that follows uses the new one.
func (s *Service) writeListed(ctx context.Context, ch *listedChange) error {
	if !ch.added && len(ch.cols) == 0 {
		return nil
	}
	if err := s.store.UpsertAuthorizer(ctx, ch.row, ch.cols...); err != nil {
		return err
	}
	if ch.recovered || ch.reactivated {
		if err := s.tokens.EvictAuthorizer(ctx, ch.row.AppID); err != nil {
			s.log.Warn("evict access token after sync", zap.String("appid", ch.row.AppID), zap.Error(err))
		}
	}
	return nil
}

// count records a change in the summary.
func (sum *syncSummary) count(appid string, ch *listedChange) {
	switch {
	case ch.added:
		sum.Added++
	case ch.reactivated:
		sum.Reactivated++
	case ch.recovered:
		sum.Recovered++
		if len(sum.RecoveredIDs) < maxListed {
			sum.RecoveredIDs = append(sum.RecoveredIDs, appid)
		}
	}
}

// infoColumnNames lists the profile columns, sorted for stable SQL.
func infoColumnNames() []string {
	vals := infoValues(&model.Authorizer{})
	names := make([]string, 0, len(vals))
	for k := range vals {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
