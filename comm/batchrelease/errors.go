package batchrelease

import (
	"context"
	"errors"
	"fmt"

	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// ErrWrongStatus is matched (errors.Is) by every operator action the batch's status refuses; the
// error itself is a *StatusError saying which status and which action.
var ErrWrongStatus = errors.New("当前状态下不能执行此操作")

// ErrNotFound is returned when the batch asked about does not exist.
var ErrNotFound = errors.New("批次不存在")

// StatusError is an operator action refused by the batch's status, worded for the operator.
type StatusError struct {
	ID     int64
	Status string // the batch's status when refused
	Action string // 暂停, 继续, 取消
}

// Error says why, in words.
func (e *StatusError) Error() string {
	return fmt.Sprintf("批次%s，不能%s", statusWords[e.Status], e.Action)
}

// Is makes errors.Is(err, ErrWrongStatus) hold.
func (e *StatusError) Is(target error) bool { return target == ErrWrongStatus }

// statusWords describe batch statuses in a refusal.
var statusWords = map[string]string{
	model.CodeBatchRunning:  "正在进行",
	model.CodeBatchPaused:   "已暂停",
	model.CodeBatchHalted:   "因灰度帐号未通过而停止",
	model.CodeBatchCanceled: "已取消",
	model.CodeBatchDone:     "已完成",
}

// batch loads batch id through s (the store or a transaction), as ErrNotFound when absent.
func (e *Engine) batch(ctx context.Context, s *dao.Store, id int64) (*model.CodeBatch, error) {
	b, err := s.GetCodeBatch(ctx, id)
	if errors.Is(err, dao.ErrNotFound) {
		return nil, fmt.Errorf("batch %d: %w", id, ErrNotFound)
	}
	return b, err
}

// refused explains why action did not change batch id: it does not exist, or its status
// forbids the action.
func (e *Engine) refused(ctx context.Context, s *dao.Store, id int64, action string) error {
	b, err := e.batch(ctx, s, id)
	if err != nil {
		return err
	}
	return &StatusError{ID: id, Status: b.Status, Action: action}
}
