package batchrelease

import (
	"context"

	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Report is a batch with its accounts, how many are in each state and the accounts'
// nicknames (its JSON is a ReportView).
type Report struct {
	Batch     model.CodeBatch
	Accounts  []model.CodeBatchAccount
	Counts    map[string]int
	NickNames map[string]string // appid → nickname, for accounts still in the authorizers table
}

// Get reports batch id; ErrNotFound when there is none.
func (e *Engine) Get(ctx context.Context, id int64) (Report, error) {
	b, err := e.batch(ctx, e.o.Store, id)
	if err != nil {
		return Report{}, err
	}
	accs, err := e.o.Store.ListCodeBatchAccounts(ctx, id)
	if err != nil {
		return Report{}, err
	}
	counts := map[string]int{}
	appids := make([]string, len(accs))
	for i, a := range accs {
		counts[a.State]++
		appids[i] = a.AppID
	}
	names, err := e.o.Store.AuthorizerNickNames(ctx, appids)
	if err != nil {
		return Report{}, err
	}
	return Report{Batch: *b, Accounts: accs, Counts: counts, NickNames: names}, nil
}

// Pause stops a running batch after the calls in flight; Resume continues it.
func (e *Engine) Pause(ctx context.Context, id int64) error {
	return e.setStatus(ctx, id, "暂停", []string{model.CodeBatchRunning}, model.CodeBatchPaused, map[string]any{"note": "已暂停"})
}

// Resume continues a paused batch, or a halted one past its failed canary wave (the rest start).
func (e *Engine) Resume(ctx context.Context, id int64) error {
	values := map[string]any{"note": "", "wave": 1}
	b, err := e.batch(ctx, e.o.Store, id)
	if err != nil {
		return err
	}
	if b.Status == model.CodeBatchPaused {
		delete(values, "wave") // a paused canary wave goes on as a canary wave
	}
	return e.setStatus(ctx, id, "继续", []string{model.CodeBatchPaused, model.CodeBatchHalted}, model.CodeBatchRunning, values)
}

// Cancel ends a batch: accounts not yet settled are cancelled (an audit already submitted goes
// on at WeChat; nothing more is done for it).
func (e *Engine) Cancel(ctx context.Context, id int64) error {
	return e.o.Store.InTxRetrying(ctx, func(tx *dao.Store) error {
		ok, err := tx.SetCodeBatchStatus(ctx, id, []string{model.CodeBatchRunning, model.CodeBatchPaused, model.CodeBatchHalted},
			model.CodeBatchCanceled, map[string]any{"note": "已取消", "finished_at": e.o.Now().UTC()})
		if err != nil {
			return err
		}
		if !ok {
			return e.refused(ctx, tx, id, "取消")
		}
		open := []string{model.CodeAccountPending, model.CodeAccountActive, model.CodeAccountQuota,
			model.CodeAccountAuditing, model.CodeAccountApproved}
		_, err = tx.UpdateCodeBatchAccounts(ctx, dao.CodeAccountSelect{BatchID: id, States: open},
			map[string]any{"state": model.CodeAccountCanceled, "error": "批次已取消（已提交的审核仍在微信进行）"})
		return err
	})
}

// Retry runs the failed, rejected and quota-waiting accounts of a batch again (all, or those in
// appids): each resumes at the step that failed, a rejected one at submitting for audit. It also
// lifts the batch's stop on submits, so use it once the audit quota is back.
func (e *Engine) Retry(ctx context.Context, id int64, appids ...string) (int64, error) {
	var n int64
	err := e.o.Store.InTxRetrying(ctx, func(tx *dao.Store) error {
		if _, err := e.batch(ctx, tx, id); err != nil {
			return err
		}
		sel := dao.CodeAccountSelect{BatchID: id, AppIDs: appids}
		now := e.o.Now().UTC()
		reset := map[string]any{"state": model.CodeAccountActive, "error": "", "attempts": 0, "next_at": now}
		sel.States = []string{model.CodeAccountFailed, model.CodeAccountQuota}
		a, err := tx.UpdateCodeBatchAccounts(ctx, sel, reset)
		if err != nil {
			return err
		}
		sel.States = []string{model.CodeAccountRejected}
		resubmit := map[string]any{"state": model.CodeAccountActive, "error": "", "attempts": 0, "next_at": now,
			"step": StepSubmit, "prev_audit_id": dao.Column("audit_id"), "reason": ""}
		b, err := tx.UpdateCodeBatchAccounts(ctx, sel, resubmit)
		n = a + b
		if err != nil {
			return err
		}
		_, err = tx.SetCodeBatchStatus(ctx, id, []string{model.CodeBatchRunning, model.CodeBatchDone, model.CodeBatchHalted},
			model.CodeBatchRunning, map[string]any{"quota_hold_until": nil, "note": "", "finished_at": nil})
		return err
	})
	if err == nil {
		e.Nudge()
	}
	return n, err
}

// Release publishes the approved accounts of a batch (all, or those in appids) that waited for
// the operator because the batch does not release automatically.
func (e *Engine) Release(ctx context.Context, id int64, appids ...string) (int64, error) {
	var n int64
	err := e.o.Store.InTxRetrying(ctx, func(tx *dao.Store) error {
		if _, err := e.batch(ctx, tx, id); err != nil {
			return err
		}
		var err error
		sel := dao.CodeAccountSelect{BatchID: id, AppIDs: appids, States: []string{model.CodeAccountApproved}}
		n, err = tx.UpdateCodeBatchAccounts(ctx, sel, map[string]any{"state": model.CodeAccountActive,
			"step": StepRelease, "next_at": e.o.Now().UTC()})
		if err != nil || n == 0 {
			return err
		}
		_, err = tx.SetCodeBatchStatus(ctx, id, []string{model.CodeBatchRunning, model.CodeBatchDone},
			model.CodeBatchRunning, map[string]any{"finished_at": nil})
		return err
	})
	if err == nil {
		e.Nudge()
	}
	return n, err
}

// setStatus moves a batch between statuses (the operator's action names it in a refusal) and
// wakes the engines.
func (e *Engine) setStatus(ctx context.Context, id int64, action string, from []string, to string, values map[string]any) error {
	ok, err := e.o.Store.SetCodeBatchStatus(ctx, id, from, to, values)
	if err != nil {
		return err
	}
	if !ok {
		return e.refused(ctx, e.o.Store, id, action)
	}
	e.Nudge()
	return nil
}
