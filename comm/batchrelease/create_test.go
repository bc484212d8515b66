package batchrelease_test

import (
	"errors"
	"strings"
	"testing"

	"wxcomponent/comm/authz/authztest"
	"wxcomponent/comm/batchrelease"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// TestCreateReportsEveryProblem: unknown accounts, official accounts and missing variables come
// back together, in words, and nothing is stored.
func TestCreateReportsEveryProblem(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 2)
		e.Authorize(authztest.OA)
		en := e.engine(nil)
		spec := e.spec(e.mps)
		delete(spec.Vars, e.mps[1])
		spec.Accounts.AppIDs = append(spec.Accounts.AppIDs, "wxunknown0000000", authztest.OA)
		spec.UserVersion = ""
		_, err := en.Create(ctx, spec)
		var v *batchrelease.ValidationError
		if !errors.As(err, &v) || len(v.Problems) != 4 {
			t.Fatalf("err = %v", err)
		}
		for _, want := range []string{"版本号", "wxunknown0000000 不是", authztest.OA + " 不是", e.mps[1] + " 缺少变量：shopId"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%q lacks %q", err, want)
			}
		}
		var n int64
		e.DB.Model(&model.CodeBatch{}).Count(&n)
		if n != 0 {
			t.Errorf("%d batches stored", n)
		}
	})
}

// TestCreateAllWithNameAndPreview: "all mini programs with permission 18" filtered by nickname,
// the canary accounts first; Preview shows one account's ext_json.
func TestCreateAllWithNameAndPreview(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 3)
		e.Authorize(authztest.OA)
		en := e.engine(nil)
		spec := e.spec(e.mps)
		spec.Accounts = batchrelease.Selection{All: true, Name: "模拟"}
		spec.CanarySize = 1
		b, err := en.Create(ctx, spec)
		if err != nil {
			t.Fatal(err)
		}
		r := report(t, en, b.ID)
		if len(r.Accounts) != 2 || r.Accounts[0].Wave != 0 || r.Accounts[1].Wave != 1 || r.Batch.Wave != 0 {
			t.Fatalf("accounts %+v, batch wave %d", r.Accounts, r.Batch.Wave)
		}
		for _, a := range r.Accounts {
			if a.AppID == authztest.MiniProgram || a.AppID == authztest.OA {
				t.Errorf("%s does not match the name filter", a.AppID)
			}
		}
		row := e.Row(e.mps[1])
		out, err := en.Preview(ctx, e.spec(e.mps), e.mps[1])
		if err != nil || !strings.Contains(out, `"name":"`+row.NickName+`"`) || !strings.Contains(out, `"shop":"B-shop"`) {
			t.Errorf("preview = %s, %v", out, err)
		}
		spec.Accounts = batchrelease.Selection{All: true, Name: "没有这个名字"}
		if _, err := en.Create(ctx, spec); err == nil || !strings.Contains(err.Error(), "没有符合条件") {
			t.Errorf("empty selection: %v", err)
		}
	})
}
