package batchrelease_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"wxcomponent/comm/batchrelease"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// TestListReportAndRefusals: List pages batches newest first with counts; a report's JSON names
// each account's nickname; a missing batch is ErrNotFound and a refused action says why.
func TestListReportAndRefusals(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 2)
		en := e.engine(nil)
		first, err := en.Create(ctx, e.spec(e.mps))
		if err != nil {
			t.Fatal(err)
		}
		second, err := en.Create(ctx, e.spec(e.mps[:1]))
		if err != nil {
			t.Fatal(err)
		}
		p, err := en.List(ctx, 0, 1)
		if err != nil || p.Total != 2 || len(p.Records) != 1 || p.Records[0].ID != second.ID ||
			p.Records[0].Counts[model.CodeAccountPending] != 1 || p.Records[0].UserVersion != "2.0.0" {
			t.Fatalf("page %+v, %v", p, err)
		}
		raw, err := json.Marshal(report(t, en, first.ID))
		if err != nil {
			t.Fatal(err)
		}
		var v batchrelease.ReportView
		if err := json.Unmarshal(raw, &v); err != nil || len(v.Accounts) != 2 || v.Accounts[0].NickName != e.Row(e.mps[0]).NickName ||
			v.TemplateID != e.tplID || v.Concurrency != 8 || v.Counts[model.CodeAccountPending] != 2 {
			t.Fatalf("report %s (%v)", raw, err)
		}
		if _, err := en.Get(ctx, 999999); !errors.Is(err, batchrelease.ErrNotFound) {
			t.Errorf("get missing: %v", err)
		}
		if err := en.Pause(ctx, 999999); !errors.Is(err, batchrelease.ErrNotFound) {
			t.Errorf("pause missing: %v", err)
		}
		if _, err := en.Retry(ctx, 999999); !errors.Is(err, batchrelease.ErrNotFound) {
			t.Errorf("retry missing: %v", err)
		}
		if err := en.Cancel(ctx, first.ID); err != nil {
			t.Fatal(err)
		}
		err = en.Resume(ctx, first.ID)
		var se *batchrelease.StatusError
		if !errors.As(err, &se) || !errors.Is(err, batchrelease.ErrWrongStatus) || !strings.Contains(err.Error(), "已取消，不能继续") {
			t.Errorf("resume cancelled: %v", err)
		}
	})
}
