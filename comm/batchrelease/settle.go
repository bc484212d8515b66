package batchrelease

import (
	"context"
	"fmt"

	"go.uber.org/zap"

	"wxcomponent/db/model"
)

// settled tells whether an account needs nothing more from the engine (approved accounts wait
// for the operator's Release).
func settled(state string) bool {
	switch state {
	case model.CodeAccountDone, model.CodeAccountApproved, model.CodeAccountRejected,
		model.CodeAccountFailed, model.CodeAccountCanceled:
		return true
	}
	return false
}

// settle moves the batch on when a wave is over: a canary wave without failures opens the rest,
// one with failures halts the batch; when every account is settled the batch is done. It
// reports whether the run should stop.
func (r *batchRun) settle(ctx context.Context, accs []model.CodeBatchAccount) bool {
	if r.batch.Wave == 0 {
		open, bad, total := 0, 0, 0
		for _, a := range accs {
			if a.Wave != 0 {
				continue
			}
			total++
			if !settled(a.State) {
				open++
			}
			if a.State == model.CodeAccountRejected || a.State == model.CodeAccountFailed {
				bad++
			}
		}
		if open > 0 {
			return false
		}
		if bad > 0 {
			note := fmt.Sprintf("灰度批次 %d 个帐号中 %d 个未通过（审核驳回或失败），其余 %d 个帐号未开始。"+
				"修正后可重试失败帐号，或选择“继续”发布其余帐号，或取消本批次", total, bad, len(accs)-total)
			return r.finish(ctx, model.CodeBatchHalted, note)
		}
		if !r.update(ctx, map[string]any{"wave": 1, "note": fmt.Sprintf("灰度批次 %d 个帐号已全部通过，开始其余帐号", total)}) {
			return true
		}
		r.batch.Wave = 1
	}
	for _, a := range accs {
		if !settled(a.State) {
			return false
		}
	}
	return r.finish(ctx, model.CodeBatchDone, summary(accs))
}

// finish ends the run with the batch in status and the note shown.
func (r *batchRun) finish(ctx context.Context, status, note string) bool {
	values := map[string]any{"status": status, "note": note}
	if status == model.CodeBatchDone {
		values["finished_at"] = r.e.o.Now().UTC()
	}
	r.update(ctx, values)
	return true
}

// update writes batch columns under the lease.
func (r *batchRun) update(ctx context.Context, values map[string]any) bool {
	ok, err := r.e.o.Store.UpdateCodeBatchFenced(ctx, r.fence(), values)
	if err != nil {
		r.e.log.Warn("update code batch", zap.Int64("batch", r.batch.ID), zap.Error(err))
	}
	return err == nil && ok
}

// summary counts the outcomes in words.
func summary(accs []model.CodeBatchAccount) string {
	c := map[string]int{}
	for _, a := range accs {
		c[a.State]++
	}
	return fmt.Sprintf("已完成：发布 %d，待发布 %d，审核驳回 %d，失败 %d，取消 %d", c[model.CodeAccountDone],
		c[model.CodeAccountApproved], c[model.CodeAccountRejected], c[model.CodeAccountFailed], c[model.CodeAccountCanceled])
}
