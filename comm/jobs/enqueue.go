package jobs

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// maxKeyLen is the width of wx_job.dedupe_key.
const maxKeyLen = 191

// EnqueueTx adds one job inside tx (a store bound to the caller's transaction by dao.Store.InTx),
// so it exists exactly when the caller's other writes commit. Call Notify after the commit to
// start it at once.
func (q *Queue) EnqueueTx(ctx context.Context, tx *dao.Store, kind string, payload any, dedupeKey string) error {
	_, err := q.EnqueueBatchTx(ctx, tx, []NewJob{{Kind: kind, Payload: payload, DedupeKey: dedupeKey}})
	return err
}

// EnqueueBatchTx adds jobs inside tx with one INSERT and returns how many were new (a job whose
// kind and dedupe key already exist is skipped). Call Notify after the commit.
func (q *Queue) EnqueueBatchTx(ctx context.Context, tx *dao.Store, jobs []NewJob) (int64, error) {
	return q.insert(ctx, tx, jobs)
}

// Enqueue adds jobs on their own and wakes the dispatcher. They go in with one INSERT, which
// needs no transaction around it to be all or nothing.
func (q *Queue) Enqueue(ctx context.Context, jobs ...NewJob) error {
	if _, err := q.insert(ctx, q.store, jobs); err != nil {
		return err
	}
	q.Notify()
	return nil
}

// insert writes jobs as pending rows through into: the queue's store or a transaction's.
func (q *Queue) insert(ctx context.Context, into Store, jobs []NewJob) (int64, error) {
	rows, err := q.rows(jobs)
	if err != nil {
		return 0, err
	}
	n, err := into.InsertJobs(ctx, rows)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	return n, nil
}

// rows turns new jobs into pending rows due now.
func (q *Queue) rows(jobs []NewJob) ([]model.Job, error) {
	now := q.now()
	rows := make([]model.Job, len(jobs))
	for i, j := range jobs {
		payload, err := encodePayload(j.Payload)
		if err != nil {
			return nil, fmt.Errorf("enqueue %s: %w", j.Kind, err)
		}
		rows[i] = model.Job{Kind: j.Kind, Payload: payload, Status: model.JobPending, RunAt: now, CreatedAt: now, UpdatedAt: now}
		if j.DedupeKey != "" {
			key := fitKey(j.DedupeKey)
			rows[i].DedupeKey = &key
		}
	}
	return rows, nil
}

// fitKey keeps a dedupe key within its 191-character column by hashing longer ones.
func fitKey(k string) string {
	if len(k) <= maxKeyLen {
		return k
	}
	sum := sha1.Sum([]byte(k)) //nolint:gosec // an identifier, not a security boundary
	return "sha1:" + hex.EncodeToString(sum[:])
}

// encodePayload stores raw JSON as is and marshals anything else.
func encodePayload(p any) (string, error) {
	switch v := p.(type) {
	case nil:
		return "{}", nil
	case json.RawMessage:
		return string(v), nil
	case []byte:
		return string(v), nil
	}
	b, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("marshal payload: %w", err)
	}
	return string(b), nil
}
