package dao

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"wxcomponent/db/model"
)

// beijing is WeChat's quota day: daily limits reset at midnight UTC+8.
var beijing = time.FixedZone("UTC+8", 8*3600)

// DayBucket is the APICall bucket of t's Beijing day.
func DayBucket(t time.Time) string { return t.In(beijing).Format("2006-01-02") }

// HourBucket is the APICall bucket of t's Beijing hour.
func HourBucket(t time.Time) string { return t.In(beijing).Format("2006-01-02T15") }

// IncrAPICall adds one call to (bucket, api, appid).
func (s *Store) IncrAPICall(ctx context.Context, bucket, api, appid string) error {
	row := model.APICall{Bucket: bucket, API: api, AppID: appid, Calls: 1, UpdatedAt: s.Now()}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "bucket"}, {Name: "api"}, {Name: "appid"}},
		DoUpdates: clause.Assignments(map[string]any{
			"calls": gorm.Expr("calls + 1"), "updated_at": row.UpdatedAt,
		}),
	}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("count api call %s %s: %w", bucket, api, err)
	}
	return nil
}

// CountAPICall adds one call of api to today's (Beijing) counter; it
// satisfies the WeChat API client's meter.
func (s *Store) CountAPICall(ctx context.Context, api string) error {
	return s.IncrAPICall(ctx, DayBucket(s.Now()), api, "")
}

// GetAPICalls returns the count of (bucket, api, appid), 0 when none.
func (s *Store) GetAPICalls(ctx context.Context, bucket, api, appid string) (int64, error) {
	var n []int64
	err := s.db.WithContext(ctx).Model(&model.APICall{}).
		Where("bucket = ? AND api = ? AND appid = ?", bucket, api, appid).Limit(1).Pluck("calls", &n).Error
	if err != nil {
		return 0, fmt.Errorf("read api calls %s %s: %w", bucket, api, err)
	}
	if len(n) == 0 {
		return 0, nil
	}
	return n[0], nil
}

// ListAPICalls returns every counter of one bucket (e.g. today's per-API counts).
func (s *Store) ListAPICalls(ctx context.Context, bucket string) ([]model.APICall, error) {
	var rows []model.APICall
	if err := s.db.WithContext(ctx).Where("bucket = ?", bucket).Order("api, appid").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list api calls %s: %w", bucket, err)
	}
	return rows, nil
}

// PruneAPICalls deletes counters of buckets before the given day bucket
// (hour buckets of a day sort after the day itself, so they go with it).
func (s *Store) PruneAPICalls(ctx context.Context, beforeDay string) (int64, error) {
	res := s.db.WithContext(ctx).Where("bucket < ?", beforeDay).Delete(&model.APICall{})
	if res.Error != nil {
		return 0, fmt.Errorf("prune api calls: %w", res.Error)
	}
	return res.RowsAffected, nil
}
