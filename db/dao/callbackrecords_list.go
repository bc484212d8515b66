package dao

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"wxcomponent/db/model"
)

// RecordQuery is the filter and page shared by both record lists.
type RecordQuery struct {
	Start, End    time.Time // receivetime range, inclusive
	Offset, Limit int
}

// ComponentRecordQuery filters component pushes; an empty InfoType matches all.
type ComponentRecordQuery struct {
	RecordQuery
	InfoType string
}

// BizRecordQuery filters message-and-event pushes; empty fields match all.
type BizRecordQuery struct {
	RecordQuery
	AppID, MsgType, Event string
}

// ListComponentRecords returns one page of component pushes, newest first, and the total.
func (s *Store) ListComponentRecords(ctx context.Context, q ComponentRecordQuery) ([]model.ComponentCallbackRecord, int64, error) {
	filter := func() *gorm.DB {
		db := s.recordRange(ctx, &model.ComponentCallbackRecord{}, q.RecordQuery)
		return whereIfSet(db, "infotype", q.InfoType)
	}
	var rows []model.ComponentCallbackRecord
	total, err := listPage(filter, q.RecordQuery, &rows)
	if err != nil {
		return nil, 0, fmt.Errorf("list component records: %w", err)
	}
	return rows, total, nil
}

// ListBizRecords returns one page of message-and-event pushes, newest first, and the total.
func (s *Store) ListBizRecords(ctx context.Context, q BizRecordQuery) ([]model.BizCallbackRecord, int64, error) {
	filter := func() *gorm.DB {
		db := s.recordRange(ctx, &model.BizCallbackRecord{}, q.RecordQuery)
		db = whereIfSet(db, "appid", q.AppID)
		db = whereIfSet(db, "msgtype", q.MsgType)
		return whereIfSet(db, "event", q.Event)
	}
	var rows []model.BizCallbackRecord
	total, err := listPage(filter, q.RecordQuery, &rows)
	if err != nil {
		return nil, 0, fmt.Errorf("list biz records: %w", err)
	}
	return rows, total, nil
}

// recordRange starts a query on a record table restricted to the receive-time range, which the
// receivetime index serves.
func (s *Store) recordRange(ctx context.Context, m any, q RecordQuery) *gorm.DB {
	return s.db.WithContext(ctx).Model(m).Where("receivetime BETWEEN ? AND ?", q.Start, q.End)
}

// whereIfSet adds "column = value" unless value is empty.
func whereIfSet(db *gorm.DB, column, value string) *gorm.DB {
	if value == "" {
		return db
	}
	return db.Where(column+" = ?", value)
}

// listPage counts the filtered rows and loads one page into dst; filter builds a fresh chain
// each time because a GORM chain cannot be reused after a finisher.
func listPage(filter func() *gorm.DB, q RecordQuery, dst any) (int64, error) {
	var total int64
	if err := filter().Count(&total).Error; err != nil {
		return 0, err
	}
	if total == 0 || q.Offset >= int(total) {
		return total, nil
	}
	err := filter().Order("receivetime DESC").Order("id DESC").Offset(q.Offset).Limit(q.Limit).Find(dst).Error
	return total, err
}
