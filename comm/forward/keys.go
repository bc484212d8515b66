package forward

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"go.uber.org/zap"

	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// keyAAD binds a sealed key to its rule, so a key copied to another rule's row does not open.
func keyAAD(ruleID uint) string { return "wx_forward_key:" + strconv.FormatUint(uint64(ruleID), 10) }

// loadRules reads every rule with its signing key; a rule without one (created by the original
// or before keys existed) gets one now. A key that no longer opens (SECRET_KEY changed) leaves
// its rule unsigned-for-now: it is logged and the rule does not forward until rotated.
func (f *Forwarder) loadRules(ctx context.Context) ([]Rule, error) {
	rows, err := f.store.AllRules(ctx)
	if err != nil {
		return nil, err
	}
	keys, err := f.keys(ctx, rows)
	if err != nil {
		return nil, err
	}
	rules := make([]Rule, 0, len(rows))
	for _, row := range rows {
		r := ruleFromRow(row)
		r.key = keys[r.ID]
		if r.key == "" {
			r.typeOK = false
		}
		rules = append(rules, r)
	}
	return rules, nil
}

// keys opens the signing keys of rows, creating the missing ones.
func (f *Forwarder) keys(ctx context.Context, rows []model.WxCallbackRule) (map[uint]string, error) {
	sealed, err := f.store.ForwardKeys(ctx)
	if err != nil {
		return nil, err
	}
	byRule := make(map[uint]string, len(sealed))
	for _, k := range sealed {
		byRule[k.RuleID] = k.Sealed
	}
	out := make(map[uint]string, len(rows))
	for _, row := range rows {
		s, ok := byRule[row.ID]
		if !ok {
			if out[row.ID], err = f.firstKey(ctx, row.ID); err != nil {
				return nil, err
			}
			continue
		}
		key, err := f.box.Open(s, keyAAD(row.ID))
		if err != nil {
			f.opt.Logger.Error("signing key of a forwarding rule does not open (SECRET_KEY changed?); rotate it", zap.Uint("rule", row.ID))
			continue
		}
		out[row.ID] = key
	}
	return out, nil
}

// firstKey gives a rule its first key; when another instance was quicker, its key is the one.
func (f *Forwarder) firstKey(ctx context.Context, ruleID uint) (string, error) {
	if _, err := f.putKey(ctx, ruleID, false); err != nil {
		return "", err
	}
	k, err := f.store.GetForwardKey(ctx, ruleID)
	if err != nil {
		return "", fmt.Errorf("key of rule %d: %w", ruleID, err)
	}
	return f.box.Open(k.Sealed, keyAAD(ruleID))
}

// keyOf opens one rule's signing key, giving the rule its first key when it has none.
func (f *Forwarder) keyOf(ctx context.Context, ruleID uint) (string, error) {
	k, err := f.store.GetForwardKey(ctx, ruleID)
	if errors.Is(err, dao.ErrNotFound) {
		return f.firstKey(ctx, ruleID)
	}
	if err != nil {
		return "", err
	}
	key, err := f.box.Open(k.Sealed, keyAAD(ruleID))
	if err != nil {
		f.opt.Logger.Error("signing key of a forwarding rule does not open (SECRET_KEY changed?); rotate it", zap.Uint("rule", ruleID))
		return "", ErrKeyUnreadable
	}
	return key, nil
}

// putKey makes, seals and stores a new key for a rule (replacing its key when replace is set).
func (f *Forwarder) putKey(ctx context.Context, ruleID uint, replace bool) (string, error) {
	key, err := newKey()
	if err != nil {
		return "", fmt.Errorf("make signing key: %w", err)
	}
	sealed, err := f.box.Seal(key, keyAAD(ruleID))
	if err != nil {
		return "", err
	}
	if err := f.store.PutForwardKey(ctx, model.ForwardKey{RuleID: ruleID, Sealed: sealed, UpdatedAt: f.now()}, replace); err != nil {
		return "", err
	}
	return key, nil
}

// Key returns rule id's signing key in clear (the console masks it unless revealed).
func (f *Forwarder) Key(ctx context.Context, id uint) (string, error) {
	if _, err := f.getRule(ctx, id); err != nil {
		return "", err
	}
	return f.keyOf(ctx, id)
}

// RotateKey replaces rule id's key and returns the new one; deliveries sign with it once the
// rules reload (at once here, within seconds elsewhere).
func (f *Forwarder) RotateKey(ctx context.Context, id uint) (string, error) {
	if _, err := f.getRule(ctx, id); err != nil {
		return "", err
	}
	key, err := f.putKey(ctx, id, true)
	if err != nil {
		return "", err
	}
	f.reloadNow(ctx)
	return key, nil
}

// reloadNow applies a change made here at once; failing that, the next periodic reload will.
func (f *Forwarder) reloadNow(ctx context.Context) {
	if err := f.Load(context.WithoutCancel(ctx)); err != nil {
		f.opt.Logger.Warn("reload forwarding rules after a change", zap.Error(err))
	}
}
