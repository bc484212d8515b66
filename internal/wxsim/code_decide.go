package wxsim

import (
	"context"
	"fmt"
	"strings"
)

// Audit decisions (POST /sim/audit/decide, AuditPolicy.AutoResult).
const (
	DecideApprove = "approve"
	DecideReject  = "reject"
	DecideDelay   = "delay"
)

// Default texts of the audit events (wechat-protocol.md §3.3).
const (
	defaultRejectReason = "1:小程序功能不完整:<br>(1):页面存在空白内容<br>"
	defaultDelayReason  = "为了更好的服务小程序，您的服务商正在进行提审系统的优化，可能会导致审核时效的增长，请耐心等待"
)

// Decision ends (or delays) the audit in progress of one mini program.
type Decision struct {
	AppID  string `json:"appid"`
	Result string `json:"result"` // approve, reject or delay
	Reason string `json:"reason"` // default texts when empty
	// Screenshots is how many screenshot media ids a rejection carries (default 2; -1 none).
	Screenshots int `json:"screenshots"`
	// AuditID, when set, must be the audit in progress (scheduled decisions use it so a
	// resubmission is not decided by an old timer).
	AuditID int64 `json:"auditid,omitempty"`
}

// DecideAudit applies d to the audit in progress and pushes the matching weapp_audit_* event to
// the service's message URL, with the usual retries. The audit keeps its new status even when
// the push is not acknowledged.
func (s *Sim) DecideAudit(ctx context.Context, d Decision) (AuditRecord, PushResult, error) {
	rec, err := s.applyDecision(d)
	if err != nil {
		return AuditRecord{}, PushResult{}, err
	}
	res, err := s.PushMessage(ctx, d.AppID, renderXML(s.auditEvent(d.AppID, rec, d.Result)))
	return rec, res, err
}

// applyDecision changes the audit's state and makes screenshots for a rejection.
func (s *Sim) applyDecision(d Decision) (AuditRecord, error) {
	if _, ok := s.account(d.AppID); !ok {
		return AuditRecord{}, fmt.Errorf("decide audit: unknown authorizer %s", d.AppID)
	}
	shots, err := s.screenshots(d)
	if err != nil {
		return AuditRecord{}, err
	}
	b := s.code
	b.mu.Lock()
	defer b.mu.Unlock()
	a := b.app(d.AppID).latestAudit()
	if a == nil || (a.Status != AuditAuditing && a.Status != AuditDelayed) {
		return AuditRecord{}, fmt.Errorf("decide audit: %s has no audit in progress", d.AppID)
	}
	if d.AuditID != 0 && a.AuditID != d.AuditID {
		return AuditRecord{}, fmt.Errorf("decide audit: %d is not the audit in progress", d.AuditID)
	}
	switch d.Result {
	case DecideApprove:
		a.Status, a.Reason, a.ScreenShot = AuditApproved, "", ""
	case DecideReject:
		a.Status, a.Reason, a.ScreenShot = AuditRejected, orDefault(d.Reason, defaultRejectReason), shots
	case DecideDelay:
		a.Status, a.Reason = AuditDelayed, orDefault(d.Reason, defaultDelayReason)
	}
	return *a, nil
}

// screenshots stores the JPEG screenshots of a rejection and returns their '|'-joined ids.
func (s *Sim) screenshots(d Decision) (string, error) {
	switch d.Result {
	case DecideApprove, DecideDelay:
		return "", nil
	case DecideReject:
	default:
		return "", fmt.Errorf("decide audit: result %q (want approve, reject or delay)", d.Result)
	}
	n := d.Screenshots
	if n == 0 {
		n = 2
	}
	var ids []string
	for i := 0; i < n; i++ {
		img := jpegImage(fmt.Sprintf("%s|shot|%d", d.AppID, i), "audit screenshot "+d.AppID)
		ids = append(ids, s.storeMedia(&mediaItem{kind: "image", contentType: "image/jpeg", data: img}))
	}
	return strings.Join(ids, "|"), nil
}

// orDefault returns v, or def when v is empty.
func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// auditEvent builds the weapp_audit_success / _fail / _delay message (§3.3): no audit id, as on
// WeChat; the service correlates with get_latest_auditstatus.
func (s *Sim) auditEvent(appid string, a AuditRecord, result string) []field {
	acc, _ := s.account(appid)
	now := s.Now().Unix()
	fields := []field{str("ToUserName", acc.UserName), str("FromUserName", systemAuditAccount),
		num("CreateTime", now), str("MsgType", "event")}
	switch result {
	case DecideApprove:
		return append(fields, str("Event", "weapp_audit_success"), num("SuccTime", now))
	case DecideReject:
		fields = append(fields, str("Event", "weapp_audit_fail"), str("Reason", a.Reason), num("FailTime", now))
		if a.ScreenShot != "" {
			fields = append(fields, str("ScreenShot", a.ScreenShot))
		}
		return fields
	}
	return append(fields, str("Event", "weapp_audit_delay"), str("Reason", a.Reason), num("DelayTime", now))
}

// scheduleDecision decides an audit after the policy's delay (wall time), in the background; a
// delay decision is followed by the final one after another delay, as on WeChat. The caller may
// hold s.code.mu: the timer runs later.
func (s *Sim) scheduleDecision(appid string, auditID int64, p AuditPolicy) {
	s.goBackground(func(ctx context.Context) {
		for _, result := range scheduledResults(p.AutoResult) {
			if !sleepCtx(ctx, p.AutoDelay) {
				return
			}
			d := Decision{AppID: appid, Result: result, AuditID: auditID}
			if _, _, err := s.DecideAudit(ctx, d); err != nil {
				s.log.Warn("scheduled audit decision", "appid", appid, "err", err)
				return
			}
		}
	})
}

// scheduledResults is what a scheduled audit goes through.
func scheduledResults(result string) []string {
	switch result {
	case DecideReject:
		return []string{DecideReject}
	case DecideDelay:
		return []string{DecideDelay, DecideApprove}
	}
	return []string{DecideApprove}
}

// SetAuditPolicy changes how audits end without a control-API decision and how long the privacy
// scan after a commit lasts.
func (s *Sim) SetAuditPolicy(p AuditPolicy) error {
	switch p.AutoResult {
	case "":
		p.AutoResult = DecideApprove
	case DecideApprove, DecideReject, DecideDelay:
	default:
		return fmt.Errorf("audit policy: result %q (want approve, reject or delay)", p.AutoResult)
	}
	if p.AutoDelay < 0 || p.PrivacyScan < 0 {
		return fmt.Errorf("audit policy: negative duration")
	}
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	s.code.policy = p
	return nil
}

// SetAuditQuota replaces the platform's audit and speed-up quotas (rest 0 → 85085 / 89405).
func (s *Sim) SetAuditQuota(q AuditQuota) {
	s.code.mu.Lock()
	defer s.code.mu.Unlock()
	s.code.quota = q
}
