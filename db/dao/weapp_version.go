package dao

import (
	"context"
	"errors"
	"fmt"
	"time"

	"wxcomponent/db/model"
)

// ErrStateChanged is returned by TransitionWeappVersion when the row is no longer in the state
// the caller read: another push, poll or instance moved it first.
var ErrStateChanged = errors.New("version state changed meanwhile")

// CreateWeappVersion inserts v and, when ev is given, its first history entry, in one
// transaction. ErrDuplicate when v's audit id is already recorded for the account.
func (s *Store) CreateWeappVersion(ctx context.Context, v *model.WeappVersion, ev *model.WeappVersionEvent) error {
	now := s.Now()
	v.CreatedAt, v.UpdatedAt = now, now
	if v.StateAt.IsZero() {
		v.StateAt = now
	}
	v.CheckedAt = v.StateAt
	return s.InTxRetrying(ctx, func(tx *Store) error {
		if err := tx.db.WithContext(ctx).Create(v).Error; err != nil {
			return fmt.Errorf("create weapp version of %s: %w", v.AppID, duplicateOr(err))
		}
		if ev == nil {
			return nil
		}
		ev.VersionID = v.ID
		return tx.addWeappEvent(ctx, ev)
	})
}

// duplicateOr maps a unique-key violation to ErrDuplicate and leaves other errors alone.
func duplicateOr(err error) error {
	if d := duplicate(err); errors.Is(d, ErrDuplicate) {
		return d
	}
	return err
}

// TransitionWeappVersion moves version id from state from to ev.ToState, setting values too,
// and records ev, in one transaction. The update is conditional on the state, so of two
// concurrent transitions exactly one happens; the other gets ErrStateChanged.
func (s *Store) TransitionWeappVersion(ctx context.Context, id uint64, from string, values map[string]any, ev *model.WeappVersionEvent) error {
	now := s.Now()
	set := map[string]any{"state": ev.ToState, "state_at": now, "checked_at": now, "updated_at": now}
	for k, v := range values {
		set[k] = v
	}
	return s.InTxRetrying(ctx, func(tx *Store) error {
		res := tx.db.WithContext(ctx).Model(&model.WeappVersion{}).Where("id = ? AND state = ?", id, from).Updates(set)
		if res.Error != nil {
			return fmt.Errorf("move weapp version %d to %s: %w", id, ev.ToState, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("move weapp version %d from %s: %w", id, from, ErrStateChanged)
		}
		ev.VersionID, ev.FromState = id, from
		return tx.addWeappEvent(ctx, ev)
	})
}

// UpdateWeappVersion sets columns of version id without a state change and records ev (a
// recommit of the experience version) when given.
func (s *Store) UpdateWeappVersion(ctx context.Context, id uint64, values map[string]any, ev *model.WeappVersionEvent) error {
	values["updated_at"] = s.Now()
	return s.InTxRetrying(ctx, func(tx *Store) error {
		if err := tx.db.WithContext(ctx).Model(&model.WeappVersion{}).Where("id = ?", id).Updates(values).Error; err != nil {
			return fmt.Errorf("update weapp version %d: %w", id, err)
		}
		if ev == nil {
			return nil
		}
		ev.VersionID = id
		return tx.addWeappEvent(ctx, ev)
	})
}

// addWeappEvent appends one history entry.
func (s *Store) addWeappEvent(ctx context.Context, ev *model.WeappVersionEvent) error {
	ev.CreatedAt = s.Now()
	if ev.At.IsZero() {
		ev.At = ev.CreatedAt
	}
	if err := s.db.WithContext(ctx).Create(ev).Error; err != nil {
		return fmt.Errorf("record weapp version event: %w", err)
	}
	return nil
}

// TouchWeappVersionChecked records that the poller asked WeChat about version id.
func (s *Store) TouchWeappVersionChecked(ctx context.Context, id uint64) error {
	err := s.db.WithContext(ctx).Model(&model.WeappVersion{}).Where("id = ?", id).
		Update("checked_at", s.Now()).Error
	if err != nil {
		return fmt.Errorf("touch weapp version %d: %w", id, err)
	}
	return nil
}

// LatestWeappVersion returns appid's newest version in one of states (any state when none
// given); ErrNotFound when there is none.
func (s *Store) LatestWeappVersion(ctx context.Context, appid string, states ...string) (*model.WeappVersion, error) {
	q := s.db.WithContext(ctx).Where("appid = ?", appid)
	if len(states) > 0 {
		q = q.Where("state IN ?", states)
	}
	var v model.WeappVersion
	if err := q.Order("id DESC").Take(&v).Error; err != nil {
		return nil, fmt.Errorf("latest weapp version of %s: %w", appid, notFound(err))
	}
	return &v, nil
}

// LatestAuditedWeappVersion returns appid's newest version that was submitted for audit.
func (s *Store) LatestAuditedWeappVersion(ctx context.Context, appid string) (*model.WeappVersion, error) {
	var v model.WeappVersion
	err := s.db.WithContext(ctx).Where("appid = ? AND auditid IS NOT NULL", appid).Order("id DESC").Take(&v).Error
	if err != nil {
		return nil, fmt.Errorf("latest audited weapp version of %s: %w", appid, notFound(err))
	}
	return &v, nil
}

// WeappVersionByAudit returns appid's version with the audit id; ErrNotFound when unknown.
func (s *Store) WeappVersionByAudit(ctx context.Context, appid string, auditID int64) (*model.WeappVersion, error) {
	var v model.WeappVersion
	err := s.db.WithContext(ctx).Where("appid = ? AND auditid = ?", appid, auditID).Take(&v).Error
	if err != nil {
		return nil, fmt.Errorf("weapp version of audit %d: %w", auditID, notFound(err))
	}
	return &v, nil
}

// ListWeappVersions returns appid's newest versions first, at most limit (0: all).
func (s *Store) ListWeappVersions(ctx context.Context, appid string, limit int) ([]model.WeappVersion, error) {
	q := s.db.WithContext(ctx).Where("appid = ?", appid).Order("id DESC")
	if limit > 0 {
		q = q.Limit(limit)
	}
	var rows []model.WeappVersion
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list weapp versions of %s: %w", appid, err)
	}
	return rows, nil
}

// ListStuckWeappVersions returns versions in one of states that nobody checked since before,
// oldest check first, at most limit: the audits the poller should ask WeChat about.
func (s *Store) ListStuckWeappVersions(ctx context.Context, states []string, before time.Time, limit int) ([]model.WeappVersion, error) {
	var rows []model.WeappVersion
	err := s.db.WithContext(ctx).Where("state IN ? AND checked_at < ?", states, before).
		Order("checked_at").Order("id").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list stuck weapp versions: %w", err)
	}
	return rows, nil
}

// ListWeappVersionEvents returns appid's history, newest first, at most limit (0: all).
func (s *Store) ListWeappVersionEvents(ctx context.Context, appid string, limit int) ([]model.WeappVersionEvent, error) {
	q := s.db.WithContext(ctx).Where("appid = ?", appid).Order("id DESC")
	if limit > 0 {
		q = q.Limit(limit)
	}
	var rows []model.WeappVersionEvent
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list weapp version events of %s: %w", appid, err)
	}
	return rows, nil
}

// GetWeappVersion loads one version by id; ErrNotFound when absent.
func (s *Store) GetWeappVersion(ctx context.Context, id uint64) (*model.WeappVersion, error) {
	var v model.WeappVersion
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&v).Error; err != nil {
		return nil, fmt.Errorf("get weapp version %d: %w", id, notFound(err))
	}
	return &v, nil
}
