package batchrelease

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"go.uber.org/zap"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/model"
)

// stepLabels name the steps in the operator's words.
var stepLabels = map[string]string{
	StepDomain: "设置服务器域名", StepWebview: "设置业务域名", StepPrivacy: "设置隐私保护指引",
	StepCommit: "上传代码", StepSubmit: "提交审核", StepAudit: "查询审核状态", StepRelease: "发布",
}

// transientCodes are WeChat answers that a later attempt of the same call can overcome.
var transientCodes = map[int64]bool{
	-1:                         true, // system error
	45011:                      true, // minute rate limit
	api.CodePrivacyScanPending: true, // privacy scan after the commit still running
	9402202:                    true, // concurrent commits
}

// failed records err from step. fromCall says err is the answer to the recorded intent itself:
// a WeChat errcode then proves the call did not take effect and the intent is cleared; with no
// answer (network, timeout, shutdown) the intent stays and is reconciled with WeChat next time.
func (r *batchRun) failed(ctx context.Context, a *model.CodeBatchAccount, step string, err error, fromCall bool) bool {
	if ctx.Err() != nil {
		return false // stopping: the intent, if any, is reconciled by whoever resumes
	}
	code := api.ErrCode(err)
	if code == api.CodeAuditQuotaUsedUp {
		a.Intent, a.IntentAt = "", nil
		return r.quotaExhausted(ctx, a, quotaWords(api.AuditQuota{}))
	}
	a.Attempts++
	a.NextAt = r.e.o.Now().Add(r.e.o.RetryDelay)
	if code != 0 && fromCall {
		a.Intent, a.IntentAt = "", nil
	}
	retry := "，稍后自动重试"
	if (code != 0 && !transientCodes[code]) || a.Attempts >= r.e.o.MaxAttempts {
		a.State, retry = model.CodeAccountFailed, ""
		if code == 0 || transientCodes[code] {
			retry = fmt.Sprintf("（已尝试 %d 次，可点击重试）", a.Attempts)
		}
	}
	a.Error = fmt.Sprintf("%s失败：%s%s", stepLabels[step], words(err), retry)
	r.e.log.Info("code batch step failed", zap.Int64("batch", r.batch.ID), zap.String("appid", a.AppID),
		zap.String("step", step), zap.Error(err))
	r.save(ctx, a)
	return false
}

// words explains err to the operator: WeChat's hint for the errcode plus the code itself.
func words(err error) string {
	if code := api.ErrCode(err); code != 0 {
		if hint := api.CodeHint(code); hint != "" {
			return fmt.Sprintf("%s（%s）", hint, api.PublicText(err))
		}
		return "微信返回错误 " + api.PublicText(err)
	}
	if t := api.PublicText(err); t != "" {
		return "调用微信失败：" + t
	}
	return "调用微信失败：" + err.Error()
}

// quotaWords says the audit quota ran out.
func quotaWords(q api.AuditQuota) string {
	s := "本月提交审核额度已用完（第三方平台所有帐号共享"
	if q.Limit > 0 {
		s += fmt.Sprintf("，剩余 %d / 共 %d", q.Rest, q.Limit)
	}
	return s + "），本批次已停止提交审核；额度恢复后点击“重试”继续，或稍后自动再查"
}

// quotaExhausted stops submits of the whole batch for QuotaRecheck and parks a.
func (r *batchRun) quotaExhausted(ctx context.Context, a *model.CodeBatchAccount, note string) bool {
	first := r.quotaOut.CompareAndSwap(false, true)
	if first {
		until := r.e.o.Now().Add(r.e.o.QuotaRecheck).UTC()
		_, err := r.e.o.Store.UpdateCodeBatchFenced(ctx, r.fence(), map[string]any{"quota_hold_until": until, "note": note})
		if err != nil {
			r.e.log.Warn("hold code batch submits", zap.Int64("batch", r.batch.ID), zap.Error(err))
		}
	}
	return r.waitQuota(ctx, a, note)
}

// waitQuota parks a until the quota hold ends.
func (r *batchRun) waitQuota(ctx context.Context, a *model.CodeBatchAccount, note string) bool {
	if note == "" {
		note = quotaWords(api.AuditQuota{})
	}
	a.State, a.Error, a.NextAt = model.CodeAccountQuota, note, r.e.o.Now()
	r.save(ctx, a)
	return false
}

var brTag = regexp.MustCompile(`(?i)<br\s*/?>`)

// plainReason turns WeChat's rejection reason (with <br> line breaks) into plain text.
func plainReason(s string) string {
	return strings.TrimSpace(brTag.ReplaceAllString(s, " "))
}
