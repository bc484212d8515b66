package ingest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"wxcomponent/comm/ingest"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

func TestPrunerKeepsTheRetentionPeriod(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		store := dao.New(dbtest.Open(t, dialect), dialect, nil)
		now := t0.Add(30 * 24 * time.Hour)
		var comp []model.WxCallbackComponent
		var biz []model.WxCallbackBiz
		for i := range 2500 { // spread over 30 days: two thirds are past a 10-day retention, more than one chunk
			at := t0.Add(time.Duration(i) * 30 * 24 * time.Hour / 2500)
			key := fmt.Sprint(i)
			comp = append(comp, model.WxCallbackComponent{ReceiveTime: at, CreateTime: at, PostBody: "x", DedupeKey: &key})
			if i%10 == 0 {
				biz = append(biz, model.WxCallbackBiz{ReceiveTime: at, CreateTime: at, PostBody: "x", DedupeKey: &key})
			}
		}
		if err := store.DB().CreateInBatches(&comp, 500).Error; err != nil {
			t.Fatal(err)
		}
		if err := store.DB().Create(&biz).Error; err != nil {
			t.Fatal(err)
		}
		p := ingest.NewPruner(store, 10*24*time.Hour, func() time.Time { return now }, nil)
		n, err := p.PruneOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var oldLeft, kept int64
		cutoff := now.Add(-10 * 24 * time.Hour)
		store.DB().Model(&model.WxCallbackComponent{}).Where("receivetime < ?", cutoff).Count(&oldLeft)
		store.DB().Model(&model.WxCallbackComponent{}).Count(&kept)
		if oldLeft != 0 || kept == 0 || n != int64(len(comp)+len(biz))-kept-countBiz(t, store) {
			t.Fatalf("pruned %d, old left %d, kept %d", n, oldLeft, kept)
		}
	})
}

func countBiz(t *testing.T, s *dao.Store) int64 {
	t.Helper()
	var n int64
	if err := s.DB().Model(&model.WxCallbackBiz{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
