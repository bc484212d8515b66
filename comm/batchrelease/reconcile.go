package batchrelease

import (
	"context"

	"wxcomponent/db/model"
)

// reconcile settles an intent recorded before a call whose outcome was never recorded (a crash,
// a lost answer, a pause in between): it asks WeChat whether the call took effect and adopts the
// result, or clears the intent so the step runs again. Commits, audits and releases are never
// repeated blindly; the settings steps ("set" with the same lists) are safe to repeat.
func (r *batchRun) reconcile(ctx context.Context, a *model.CodeBatchAccount) bool {
	var took bool
	var err error
	switch a.Intent {
	case StepCommit:
		took, err = r.committed(ctx, a)
	case StepSubmit:
		return r.reconcileSubmit(ctx, a)
	case StepRelease:
		took, err = r.released(ctx, a)
	}
	if err != nil {
		return r.failed(ctx, a, a.Intent, err, false)
	}
	if took {
		return r.succeeded(ctx, a, a.Intent, nil)
	}
	a.Intent, a.IntentAt = "", nil // did not happen: run the step again (it records a new intent)
	return true
}

// committed tells whether the trial version is this batch's commit.
func (r *batchRun) committed(ctx context.Context, a *model.CodeBatchAccount) (bool, error) {
	a.Calls++
	vi, err := r.e.o.WeChat.GetVersionInfo(ctx, a.AppID)
	if err != nil {
		return false, err
	}
	exp := vi.ExpInfo
	return exp != nil && exp.ExpVersion == r.spec.UserVersion && exp.ExpDesc == r.batch.CommitDesc, nil
}

// released tells whether the online version is this batch's.
func (r *batchRun) released(ctx context.Context, a *model.CodeBatchAccount) (bool, error) {
	a.Calls++
	vi, err := r.e.o.WeChat.GetVersionInfo(ctx, a.AppID)
	if err != nil {
		return false, err
	}
	rel := vi.ReleaseInfo
	return rel != nil && rel.ReleaseVersion == r.spec.UserVersion && rel.ReleaseDesc == r.batch.CommitDesc, nil
}

// reconcileSubmit adopts the latest audit when it is of this batch's version and newer than the
// one a retry replaced; otherwise the submit runs again.
func (r *batchRun) reconcileSubmit(ctx context.Context, a *model.CodeBatchAccount) bool {
	a.Calls++
	st, found, err := r.e.o.WeChat.GetLatestAuditStatus(ctx, a.AppID)
	if err != nil {
		return r.failed(ctx, a, StepSubmit, err, false)
	}
	if found && st.AuditID != a.PrevAuditID && st.UserVersion == r.spec.UserVersion && st.UserDesc == r.batch.CommitDesc {
		return r.succeeded(ctx, a, StepSubmit, func() { r.auditing(a, st.AuditID, 0) })
	}
	a.Intent, a.IntentAt = "", nil
	return true
}
