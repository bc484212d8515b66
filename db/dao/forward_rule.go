package dao

import (
	"context"
	"fmt"

	"gorm.io/gorm/clause"

	"wxcomponent/db/model"
)

// Rule types of the list filter (contract §1.2 D): component rules have an InfoType, biz rules
// none.
const (
	RuleTypeComponent = 1
	RuleTypeBiz       = 2
)

// RuleQuery is one page of the forwarding rules; Type is RuleTypeComponent, RuleTypeBiz or
// anything else for all.
type RuleQuery struct {
	Type          int
	Offset, Limit int
}

// ListRules returns one page of rules, oldest first, and how many match.
func (s *Store) ListRules(ctx context.Context, q RuleQuery) ([]model.WxCallbackRule, int64, error) {
	db := s.db.WithContext(ctx).Model(&model.WxCallbackRule{})
	switch q.Type {
	case RuleTypeComponent:
		db = db.Where("infotype <> ''")
	case RuleTypeBiz:
		db = db.Where("infotype = ''")
	}
	var total int64
	if err := db.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count rules: %w", err)
	}
	var rows []model.WxCallbackRule
	if err := db.Order("id").Offset(q.Offset).Limit(q.Limit).Find(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("list rules: %w", err)
	}
	return rows, total, nil
}

// AllRules returns every rule (a small table), for the in-memory rule set.
func (s *Store) AllRules(ctx context.Context) ([]model.WxCallbackRule, error) {
	var rows []model.WxCallbackRule
	if err := s.db.WithContext(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	return rows, nil
}

// GetRule loads one rule; ErrNotFound when it does not exist.
func (s *Store) GetRule(ctx context.Context, id uint) (*model.WxCallbackRule, error) {
	var r model.WxCallbackRule
	if err := s.db.WithContext(ctx).Take(&r, id).Error; err != nil {
		return nil, fmt.Errorf("get rule %d: %w", id, notFound(err))
	}
	return &r, nil
}

// CreateRule inserts r and sets its id; ErrDuplicate when a rule of the same types exists.
func (s *Store) CreateRule(ctx context.Context, r *model.WxCallbackRule) error {
	if err := s.db.WithContext(ctx).Create(r).Error; err != nil {
		return fmt.Errorf("create rule: %w", duplicate(err))
	}
	return nil
}

// ruleColumns are the columns an update writes (the times are GORM's).
var ruleColumns = []string{"name", "infotype", "msgtype", "event", "type", "open", "info", "updatetime"}

// UpdateRule writes r's fields over rule r.ID; ErrNotFound when it does not exist (checked
// first: MySQL counts only changed rows), ErrDuplicate when another rule has its types.
func (s *Store) UpdateRule(ctx context.Context, r *model.WxCallbackRule) error {
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.GetRule(ctx, r.ID); err != nil {
			return err
		}
		err := tx.db.WithContext(ctx).Model(&model.WxCallbackRule{ID: r.ID}).Select(ruleColumns).Updates(r).Error
		if err != nil {
			return fmt.Errorf("update rule %d: %w", r.ID, duplicate(err))
		}
		return nil
	})
}

// DeleteRule deletes a rule with its signing key and its deliveries; ErrNotFound when it does
// not exist.
func (s *Store) DeleteRule(ctx context.Context, id uint) error {
	return s.InTx(ctx, func(tx *Store) error {
		db := tx.db.WithContext(ctx)
		res := db.Delete(&model.WxCallbackRule{}, id)
		if res.Error != nil {
			return fmt.Errorf("delete rule %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("delete rule %d: %w", id, ErrNotFound)
		}
		if err := db.Where("rule_id = ?", id).Delete(&model.ForwardKey{}).Error; err != nil {
			return fmt.Errorf("delete key of rule %d: %w", id, err)
		}
		if err := db.Where("rule_id = ?", id).Delete(&model.ForwardDelivery{}).Error; err != nil {
			return fmt.Errorf("delete deliveries of rule %d: %w", id, err)
		}
		return nil
	})
}

// ForwardKeys returns the sealed signing keys of every rule that has one.
func (s *Store) ForwardKeys(ctx context.Context) ([]model.ForwardKey, error) {
	var rows []model.ForwardKey
	if err := s.db.WithContext(ctx).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load forwarding keys: %w", err)
	}
	return rows, nil
}

// GetForwardKey loads a rule's sealed key; ErrNotFound when it has none.
func (s *Store) GetForwardKey(ctx context.Context, ruleID uint) (*model.ForwardKey, error) {
	var k model.ForwardKey
	if err := s.db.WithContext(ctx).Take(&k, "rule_id = ?", ruleID).Error; err != nil {
		return nil, fmt.Errorf("get key of rule %d: %w", ruleID, notFound(err))
	}
	return &k, nil
}

// PutForwardKey stores a rule's sealed key, replacing the one it had when replace is set; else
// a key already there is kept (two instances giving an old rule its first key agree on one).
func (s *Store) PutForwardKey(ctx context.Context, k model.ForwardKey, replace bool) error {
	c := clause.OnConflict{Columns: []clause.Column{{Name: "rule_id"}}, DoNothing: true}
	if replace {
		c = clause.OnConflict{Columns: []clause.Column{{Name: "rule_id"}}, DoUpdates: clause.AssignmentColumns([]string{"sealed", "updated_at"})}
	}
	if err := s.db.WithContext(ctx).Clauses(c).Create(&k).Error; err != nil {
		return fmt.Errorf("store key of rule %d: %w", k.RuleID, err)
	}
	return nil
}
