package dao_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

func TestSyncJobLifecycle(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		now := authzStart
		s := dao.New(dbtest.Open(t, dialect), dialect, func() time.Time { return now })
		ctx := context.Background()
		kind := model.SyncKindAuthorizers
		if _, err := s.LatestSyncJob(ctx, kind); !errors.Is(err, dao.ErrNotFound) {
			t.Fatalf("latest with none: %v", err)
		}
		job, err := s.StartSyncJob(ctx, kind, now.Add(-10*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartSyncJob(ctx, kind, now.Add(-10*time.Minute)); !errors.Is(err, dao.ErrSyncRunning) {
			t.Fatalf("second start: %v, want ErrSyncRunning", err)
		}
		if err := s.UpdateSyncProgress(ctx, job.ID, dao.SyncProgress{Total: 3, Done: 1}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
		if err := s.FinishSyncJob(ctx, job.ID, model.SyncDone, dao.SyncProgress{Total: 3, Done: 3}, `{"missing":0}`, ""); err != nil {
			t.Fatal(err)
		}
		got, err := s.LatestSyncJob(ctx, kind)
		if err != nil || got.Status != model.SyncDone || got.Done != 3 || got.Running != nil || got.FinishedAt == nil {
			t.Fatalf("finished job = %+v, %v", got, err)
		}
		next, err := s.StartSyncJob(ctx, kind, now.Add(-10*time.Minute))
		if err != nil || next.ID == job.ID {
			t.Fatalf("start after finish: %+v, %v", next, err)
		}
	})
}
