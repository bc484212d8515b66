package dao

import (
	"context"
	"fmt"

	"wxcomponent/db/model"
)

// ListCodeBatchPage returns one page of batches, newest first, and how many there are in all.
func (s *Store) ListCodeBatchPage(ctx context.Context, offset, limit int) ([]model.CodeBatch, int64, error) {
	var total int64
	db := s.db.WithContext(ctx)
	if err := db.Model(&model.CodeBatch{}).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count code batches: %w", err)
	}
	var rows []model.CodeBatch
	if err := db.Order("id DESC").Offset(offset).Limit(limit).Find(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("list code batches: %w", err)
	}
	return rows, total, nil
}

// CountCodeBatchAccountStates counts the accounts of each batch in ids by state: batch id →
// state → n (batches without accounts are absent).
func (s *Store) CountCodeBatchAccountStates(ctx context.Context, ids []int64) (map[int64]map[string]int, error) {
	out := map[int64]map[string]int{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		BatchID int64
		State   string
		N       int
	}
	err := s.db.WithContext(ctx).Model(&model.CodeBatchAccount{}).Select("batch_id, state, COUNT(*) AS n").
		Where("batch_id IN ?", ids).Group("batch_id, state").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count accounts of code batches: %w", err)
	}
	for _, r := range rows {
		if out[r.BatchID] == nil {
			out[r.BatchID] = map[string]int{}
		}
		out[r.BatchID][r.State] = r.N
	}
	return out, nil
}

// AuthorizerNickNames maps the appids that have an authorizers row to their nicknames.
func (s *Store) AuthorizerNickNames(ctx context.Context, appids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(appids) == 0 {
		return out, nil
	}
	var rows []model.Authorizer
	if err := s.db.WithContext(ctx).Select("appid, nickname").Where("appid IN ?", appids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("nicknames of %d authorizers: %w", len(appids), err)
	}
	for _, a := range rows {
		out[a.AppID] = a.NickName
	}
	return out, nil
}
