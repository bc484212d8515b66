package batchrelease

import (
	"context"
	"encoding/json"
	"time"

	"wxcomponent/db/model"
)

// Summary is a batch as the console lists it (GET /admin/batch-release-list records). Times are
// unix seconds.
type Summary struct {
	ID          int64          `json:"id"`
	Name        string         `json:"name"`
	State       string         `json:"state"` // running, paused, halted, canceled, done
	TemplateID  int64          `json:"templateId"`
	UserVersion string         `json:"userVersion"`
	Counts      map[string]int `json:"counts"` // account state → n
	CreatedAt   int64          `json:"createdAt"`
	UpdatedAt   int64          `json:"updatedAt"`
}

// Page is one page of batches, newest first, with how many there are in all.
type Page struct {
	Total   int64     `json:"total"`
	Records []Summary `json:"records"`
}

// ReportView is the JSON of a Report (GET /admin/batch-release): the summary, the rest of the
// spec that shapes the run, the note explaining the state (why it halted, why submits wait for
// quota) and every account.
type ReportView struct {
	Summary
	UserDesc       string        `json:"userDesc"`
	AutoRelease    bool          `json:"autoRelease"`
	Concurrency    int           `json:"concurrency"`
	CanarySize     int           `json:"canarySize"`
	Wave           int           `json:"wave"` // 0 while the canary accounts run, then 1
	Note           string        `json:"note"`
	QuotaHoldUntil int64         `json:"quotaHoldUntil,omitempty"` // submits wait until then
	FinishedAt     int64         `json:"finishedAt,omitempty"`
	Accounts       []AccountView `json:"accounts"`
}

// AccountView is one account of a batch. Step is the next step (domain, webview, privacy,
// commit, submit, audit, release, done); state is pending, active, auditing, quota, approved,
// done, rejected, failed or canceled; reason is WeChat's rejection reason, error the failure.
type AccountView struct {
	AppID     string `json:"appid"`
	NickName  string `json:"nickName"`
	Wave      int    `json:"wave"` // 0 canary, 1 the rest
	Step      string `json:"step"`
	State     string `json:"state"`
	AuditID   int64  `json:"auditId"`
	Reason    string `json:"reason"`
	Error     string `json:"error"`
	UpdatedAt int64  `json:"updatedAt"`
}

// MarshalJSON writes the report as a ReportView.
func (r Report) MarshalJSON() ([]byte, error) {
	spec := decodeSpec(r.Batch.Spec)
	v := ReportView{Summary: summarize(r.Batch, spec, r.Counts), UserDesc: spec.UserDesc,
		AutoRelease: spec.AutoRelease, Concurrency: spec.Concurrency, CanarySize: spec.CanarySize,
		Wave: r.Batch.Wave, Note: r.Batch.Note, QuotaHoldUntil: unix(r.Batch.QuotaHoldUntil),
		FinishedAt: unix(r.Batch.FinishedAt), Accounts: make([]AccountView, 0, len(r.Accounts))}
	for _, a := range r.Accounts {
		v.Accounts = append(v.Accounts, AccountView{AppID: a.AppID, NickName: r.NickNames[a.AppID], Wave: a.Wave,
			Step: a.Step, State: a.State, AuditID: a.AuditID, Reason: a.Reason, Error: a.Error, UpdatedAt: a.UpdatedAt.Unix()})
	}
	return json.Marshal(v)
}

// List returns a page of batches, newest first, with their account counts.
func (e *Engine) List(ctx context.Context, offset, limit int) (Page, error) {
	rows, total, err := e.o.Store.ListCodeBatchPage(ctx, offset, limit)
	if err != nil {
		return Page{}, err
	}
	ids := make([]int64, len(rows))
	for i, b := range rows {
		ids[i] = b.ID
	}
	counts, err := e.o.Store.CountCodeBatchAccountStates(ctx, ids)
	if err != nil {
		return Page{}, err
	}
	p := Page{Total: total, Records: make([]Summary, 0, len(rows))}
	for _, b := range rows {
		p.Records = append(p.Records, summarize(b, decodeSpec(b.Spec), counts[b.ID]))
	}
	return p, nil
}

// summarize builds the list entry of b.
func summarize(b model.CodeBatch, spec Spec, counts map[string]int) Summary {
	if counts == nil {
		counts = map[string]int{}
	}
	return Summary{ID: b.ID, Name: b.Name, State: b.Status, TemplateID: spec.TemplateID, UserVersion: spec.UserVersion,
		Counts: counts, CreatedAt: b.CreatedAt.Unix(), UpdatedAt: b.UpdatedAt.Unix()}
}

// decodeSpec reads a stored spec; one that does not decode (never written by Create) shows as
// empty rather than hiding the batch.
func decodeSpec(raw string) Spec {
	var s Spec
	_ = json.Unmarshal([]byte(raw), &s)
	return s
}

// unix is t in unix seconds, 0 when unset.
func unix(t *time.Time) int64 {
	if t == nil {
		return 0
	}
	return t.Unix()
}
