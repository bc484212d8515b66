package batchrelease

import (
	"context"
	"time"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/model"
)

// advance runs a's next step and reports whether the account can go on at once.
func (r *batchRun) advance(ctx context.Context, a *model.CodeBatchAccount) bool {
	if a.Intent != "" {
		return r.reconcile(ctx, a)
	}
	wx, s, id := r.e.o.WeChat, r.spec, a.AppID
	switch a.Step {
	case StepDomain:
		return r.call(ctx, a, StepDomain, func() error { _, err := wx.ModifyDomain(ctx, id, "set", *s.Domains); return err }, nil)
	case StepWebview:
		return r.call(ctx, a, StepWebview, func() error { _, err := wx.SetWebviewDomain(ctx, id, "set", s.WebviewDomains); return err }, nil)
	case StepPrivacy:
		return r.call(ctx, a, StepPrivacy, func() error { return wx.SetPrivacySetting(ctx, id, *s.Privacy) }, nil)
	case StepCommit:
		req := api.CommitRequest{TemplateID: api.FlexInt(s.TemplateID), ExtJSON: a.ExtJSON,
			UserVersion: s.UserVersion, UserDesc: r.batch.CommitDesc}
		return r.call(ctx, a, StepCommit, func() error { return wx.Commit(ctx, id, req) }, nil)
	case StepSubmit:
		return r.submit(ctx, a)
	case StepAudit:
		return r.poll(ctx, a)
	case StepRelease:
		return r.call(ctx, a, StepRelease, func() error { return wx.Release(ctx, id) }, nil)
	}
	a.State = model.CodeAccountDone
	r.save(ctx, a)
	return false
}

// call records the intent of step, makes the WeChat call and records its outcome; then, when
// given, adjusts the account after a success.
func (r *batchRun) call(ctx context.Context, a *model.CodeBatchAccount, step string, fn func() error, then func()) bool {
	now := r.e.o.Now().UTC()
	a.Intent, a.IntentAt, a.State = step, &now, model.CodeAccountActive
	if !r.save(ctx, a) {
		return false // not recorded, so not called
	}
	a.Calls++
	if err := fn(); err != nil {
		return r.failed(ctx, a, step, err, true)
	}
	return r.succeeded(ctx, a, step, then)
}

// succeeded records that step took effect and moves a to the next step.
func (r *batchRun) succeeded(ctx context.Context, a *model.CodeBatchAccount, step string, then func()) bool {
	a.Intent, a.IntentAt, a.Error, a.Attempts = "", nil, "", 0
	a.Step, a.State, a.NextAt = r.spec.after(step), model.CodeAccountActive, r.e.o.Now()
	if then != nil {
		then()
	}
	if a.Step == StepDone {
		a.State = model.CodeAccountDone
	}
	return r.save(ctx, a) && a.State == model.CodeAccountActive
}

// submit checks the platform's audit quota, then submits a's trial version for audit.
func (r *batchRun) submit(ctx context.Context, a *model.CodeBatchAccount) bool {
	r.submitMu.Lock()
	defer r.submitMu.Unlock()
	if r.quotaHeld(r.e.o.Now()) {
		return r.waitQuota(ctx, a, r.batch.Note)
	}
	a.Calls++
	q, err := r.e.o.WeChat.QueryQuota(ctx, a.AppID)
	if err != nil {
		return r.failed(ctx, a, StepSubmit, err, false)
	}
	if q.Rest <= 0 {
		return r.quotaExhausted(ctx, a, quotaWords(q))
	}
	var auditID int64
	submit := func() (err error) {
		auditID, err = r.e.o.WeChat.SubmitAudit(ctx, a.AppID, r.spec.Audit)
		return err
	}
	return r.call(ctx, a, StepSubmit, submit, func() { r.auditing(a, auditID, r.e.o.AuditPoll) })
}

// auditing records that a waits for the verdict on auditID, asking again after wait.
func (r *batchRun) auditing(a *model.CodeBatchAccount, auditID int64, wait time.Duration) {
	a.AuditID, a.State, a.NextAt = auditID, model.CodeAccountAuditing, r.e.o.Now().Add(wait)
}

// poll asks WeChat about a's audit and records the verdict.
func (r *batchRun) poll(ctx context.Context, a *model.CodeBatchAccount) bool {
	a.Calls++
	st, err := r.e.o.WeChat.GetAuditStatus(ctx, a.AppID, a.AuditID)
	if err != nil {
		return r.failed(ctx, a, StepAudit, err, false)
	}
	switch st.Status {
	case api.AuditApproved:
		a.Reason = ""
		return r.succeeded(ctx, a, StepAudit, func() {
			if !r.spec.AutoRelease {
				a.State = model.CodeAccountApproved
			}
		})
	case api.AuditRejected:
		a.State, a.Reason, a.Error = model.CodeAccountRejected, st.Reason, "审核未通过："+plainReason(st.Reason)
	case api.AuditWithdrawn:
		a.State, a.Error = model.CodeAccountFailed, "审核已被撤回（在其他工具或微信后台撤回）；重试将重新提交审核"
		a.Step, a.PrevAuditID = StepSubmit, a.AuditID
	default: // auditing or delayed
		if st.Status == api.AuditDelayed {
			a.Reason = "审核延后：" + plainReason(st.Reason)
		}
		r.auditing(a, a.AuditID, r.e.o.AuditPoll)
	}
	r.save(ctx, a)
	return false
}

// save writes a's mutable columns under the batch lease.
func (r *batchRun) save(ctx context.Context, a *model.CodeBatchAccount) bool {
	return r.write(ctx, a, map[string]any{"step": a.Step, "state": a.State, "intent": a.Intent,
		"intent_at": a.IntentAt, "audit_id": a.AuditID, "prev_audit_id": a.PrevAuditID, "reason": a.Reason,
		"error": a.Error, "attempts": a.Attempts, "next_at": a.NextAt.UTC()})
}
