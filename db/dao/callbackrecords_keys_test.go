package dao_test

import (
	"context"
	"testing"

	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// TestDedupeKeysCompareBytes: keys that differ only in case (openids and gh_ ids are
// case-sensitive) are different pushes on both databases, in one batch and across batches, and
// their jobs are both enqueued; a byte-identical key is still a retry.
func TestDedupeKeysCompareBytes(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		g := dbtest.Open(t, dialect)
		store := dao.New(g, dialect, nil)
		ctx := context.Background()
		out, err := store.InsertBizRecords(ctx, []model.BizCallbackRecord{bizRow("biz:gh_AbCd:msg:1"), bizRow("biz:gh_aBcD:msg:1")}, dao.RecordInsert{Optimistic: true})
		if err != nil || !out[0].Inserted || !out[1].Inserted {
			t.Fatalf("one batch: %+v %v", out, err)
		}
		out, err = store.InsertBizRecords(ctx, []model.BizCallbackRecord{bizRow("biz:GH_ABCD:msg:1"), bizRow("biz:gh_AbCd:msg:1")}, dao.RecordInsert{})
		if err != nil || !out[0].Inserted || out[1].Inserted {
			t.Fatalf("second batch: %+v %v", out, err)
		}
		var n int64
		if err := g.Model(&model.BizCallbackRecord{}).Count(&n).Error; err != nil || n != 3 {
			t.Fatalf("%d rows, %v", n, err)
		}
		for _, k := range []string{"biz:gh_AbCd:msg:1", "biz:gh_aBcD:msg:1"} {
			key := k
			if err := g.Create(&model.Job{Kind: "biz_push", DedupeKey: &key, Payload: "{}", RunAt: bizRow(k).ReceiveTime}).Error; err != nil {
				t.Fatalf("job %s: %v", k, err)
			}
		}
	})
}
