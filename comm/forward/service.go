package forward

import (
	"context"
	"errors"
	"fmt"

	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// getRule loads a rule from the database (not the cache: the console must see every write).
func (f *Forwarder) getRule(ctx context.Context, id uint) (*model.WxCallbackRule, error) {
	row, err := f.store.GetRule(ctx, id)
	if errors.Is(err, dao.ErrNotFound) {
		return nil, fmt.Errorf("rule %d: %w", id, ErrRuleNotFound)
	}
	return row, err
}

// storeError maps the store's sentinels to ours.
func storeError(err error) error {
	switch {
	case errors.Is(err, dao.ErrDuplicate):
		return fmt.Errorf("%w: %w", ErrRuleExists, err)
	case errors.Is(err, dao.ErrNotFound):
		return fmt.Errorf("%w: %w", ErrRuleNotFound, err)
	}
	return err
}

// CreateRule validates and stores a new rule with its signing key, and returns its id.
func (f *Forwarder) CreateRule(ctx context.Context, in RuleInput) (uint, error) {
	in.ID = 0
	row, err := in.row(f.opt.InnerPort)
	if err != nil {
		return 0, err
	}
	if err := f.store.CreateRule(ctx, &row); err != nil {
		return 0, storeError(err)
	}
	if _, err := f.putKey(ctx, row.ID, false); err != nil {
		return 0, err
	}
	f.reloadNow(ctx)
	return row.ID, nil
}

// UpdateRule validates and writes rule in.ID.
func (f *Forwarder) UpdateRule(ctx context.Context, in RuleInput) error {
	row, err := in.row(f.opt.InnerPort)
	if err != nil {
		return err
	}
	if err := f.store.UpdateRule(ctx, &row); err != nil {
		return storeError(err)
	}
	f.reloadNow(ctx)
	return nil
}

// DeleteRule deletes a rule, its key and its deliveries (pending ones are not delivered).
func (f *Forwarder) DeleteRule(ctx context.Context, id uint) error {
	if err := f.store.DeleteRule(ctx, id); err != nil {
		return storeError(err)
	}
	f.reloadNow(ctx)
	return nil
}

// RuleQuery is one page of the rule list.
type RuleQuery = dao.RuleQuery

// RulePage is one page of rules with their delivery stats.
type RulePage struct {
	Total int64      `json:"total"`
	Rules []RuleView `json:"rules"`
}

// ListRules returns one page of rules, each with its masked key and delivery stats.
func (f *Forwarder) ListRules(ctx context.Context, q RuleQuery) (RulePage, error) {
	rows, total, err := f.store.ListRules(ctx, q)
	if err != nil {
		return RulePage{}, err
	}
	keys, err := f.keys(ctx, rows)
	if err != nil {
		return RulePage{}, err
	}
	ids := make([]uint, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	counts, err := f.store.CountDeliveries(ctx, ids)
	if err != nil {
		return RulePage{}, err
	}
	page := RulePage{Total: total, Rules: make([]RuleView, 0, len(rows))}
	for _, row := range rows {
		page.Rules = append(page.Rules, ruleView(ruleFromRow(row), keys[row.ID], counts[row.ID]))
	}
	return page, nil
}

// DeliveryQuery is one page of the delivery log (dao.DeliveryQuery, statuses as the console
// names them).
type DeliveryQuery struct {
	RuleID   uint
	Status   string // "", pending, delivered or dead
	BeforeID uint64
	Limit    int
}

// DeliveryPage is one page of the delivery log; NextBeforeID 0 means no more.
type DeliveryPage struct {
	Records      []DeliveryView `json:"records"`
	NextBeforeID uint64         `json:"nextBeforeId"`
}

// Deliveries returns one page of the delivery log, newest first. Rows being delivered show
// as pending: they are until the attempt ends.
func (f *Forwarder) Deliveries(ctx context.Context, q DeliveryQuery) (DeliveryPage, error) {
	dq := dao.DeliveryQuery{RuleID: q.RuleID, BeforeID: q.BeforeID, Limit: q.Limit + 1}
	switch q.Status {
	case "":
	case model.DeliveryPending:
		dq.Statuses = []string{model.DeliveryPending, model.DeliveryRunning}
	case model.DeliveryDelivered, model.DeliveryDead:
		dq.Statuses = []string{q.Status}
	default:
		return DeliveryPage{}, invalid("status 只能是 pending、delivered 或 dead")
	}
	rows, err := f.store.ListDeliveries(ctx, dq)
	if err != nil {
		return DeliveryPage{}, err
	}
	page := DeliveryPage{Records: make([]DeliveryView, 0, len(rows))}
	if len(rows) > q.Limit {
		rows = rows[:q.Limit]
		page.NextBeforeID = rows[len(rows)-1].ID
	}
	for _, r := range rows {
		page.Records = append(page.Records, deliveryView(r))
	}
	return page, nil
}

// Replay puts dead deliveries back in the outbox, due now: one (id) or all of a rule; it
// returns how many.
func (f *Forwarder) Replay(ctx context.Context, id uint64, ruleID uint) (int64, error) {
	switch {
	case id != 0:
		if _, err := f.store.GetDelivery(ctx, id); err != nil {
			if errors.Is(err, dao.ErrNotFound) {
				return 0, fmt.Errorf("delivery %d: %w", id, ErrDeliveryNotFound)
			}
			return 0, err
		}
	case ruleID != 0:
		if _, err := f.getRule(ctx, ruleID); err != nil {
			return 0, err
		}
	default:
		return 0, invalid("需要投递记录 id，或 ruleId 与 all=true")
	}
	n, err := f.store.ReplayDeliveries(ctx, dao.Replay{ID: id, RuleID: ruleID}, f.now())
	if err != nil {
		return 0, err
	}
	if n > 0 {
		f.Notify()
	}
	return n, nil
}
