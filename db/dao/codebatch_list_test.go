package dao_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// TestListCodeBatchPage: batches come newest first a page at a time with the total, and the
// account counts per state belong to the right batch.
func TestListCodeBatchPage(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		s, _ := credStore(t, dialect)
		now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
		var ids []int64
		for i := 0; i < 5; i++ {
			b := &model.CodeBatch{Name: fmt.Sprintf("b%d", i), Status: model.CodeBatchRunning, Spec: "{}", CreatedAt: now, UpdatedAt: now}
			var accs []model.CodeBatchAccount
			for j := 0; j <= i; j++ {
				state := model.CodeAccountDone
				if j%2 == 1 {
					state = model.CodeAccountFailed
				}
				accs = append(accs, model.CodeBatchAccount{AppID: fmt.Sprintf("wx%d", j), Seq: j, Wave: 1, State: state, NextAt: now, UpdatedAt: now})
			}
			if err := s.CreateCodeBatch(ctx, b, accs); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, b.ID)
		}
		rows, total, err := s.ListCodeBatchPage(ctx, 1, 2)
		if err != nil || total != 5 || len(rows) != 2 || rows[0].ID != ids[3] || rows[1].ID != ids[2] {
			t.Fatalf("page: %d rows of %d (%v): %+v", len(rows), total, err, rows)
		}
		counts, err := s.CountCodeBatchAccountStates(ctx, []int64{ids[3], ids[0]})
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprint(map[int64]map[string]int{ids[3]: {"done": 2, "failed": 2}, ids[0]: {"done": 1}})
		if fmt.Sprint(counts) != want {
			t.Fatalf("counts %v, want %s", counts, want)
		}
		if rows, total, err := s.ListCodeBatchPage(ctx, 10, 2); err != nil || total != 5 || len(rows) != 0 {
			t.Fatalf("past the end: %d rows of %d, %v", len(rows), total, err)
		}
	})
}

// TestAuthorizerNickNames maps known appids only.
func TestAuthorizerNickNames(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		s, _ := credStore(t, dialect)
		if err := s.UpsertAuthorizer(ctx, &model.Authorizer{AppID: "wxa", NickName: "小店"}); err != nil {
			t.Fatal(err)
		}
		got, err := s.AuthorizerNickNames(ctx, []string{"wxa", "wxb"})
		if err != nil || len(got) != 1 || got["wxa"] != "小店" {
			t.Fatalf("%v, %v", got, err)
		}
	})
}
