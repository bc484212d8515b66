package dao

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"wxcomponent/db/model"
)

// jobColumns are the columns InsertJobs writes, in order; jobColumnCount must match.
const (
	jobColumns     = "kind, dedupe_key, payload, status, attempts, run_at, locked_by, last_error, created_at, updated_at"
	jobColumnCount = 10
)

// InsertJobs enqueues rows with one multi-row INSERT, inside the transaction when s is bound to
// one (see InTx). A row whose (kind, dedupe_key) already exists is skipped silently, so
// enqueueing is idempotent. It returns how many rows were inserted.
func (s *Store) InsertJobs(ctx context.Context, rows []model.Job) (int64, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	args := make([]any, 0, len(rows)*jobColumnCount)
	for _, r := range rows {
		args = append(args, r.Kind, r.DedupeKey, r.Payload, r.Status, r.Attempts, r.RunAt, "", "", r.CreatedAt, r.UpdatedAt)
	}
	sql := "INSERT INTO wx_job (" + jobColumns + ") VALUES " +
		valueTuples(len(rows), jobColumnCount) + onConflictIgnore(s.dialect)
	res, err := s.db.Statement.ConnPool.ExecContext(ctx, sql, args...)
	if err != nil {
		return 0, fmt.Errorf("insert %d jobs: %w", len(rows), err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("insert jobs: %w", err)
	}
	return n, nil
}

// JobClaim asks for up to Limit runnable jobs of the given kinds: pending ones that are due,
// and running ones whose lease expired (their worker died).
type JobClaim struct {
	Owner      string // unique per claim; later updates are fenced on it
	Kinds      []string
	Limit      int
	Now        time.Time
	LeaseUntil time.Time
}

// ClaimJobs marks up to c.Limit runnable jobs as running under c.Owner and returns them. It
// reads candidates without locking, then claims them by primary key with the runnable
// condition re-checked, so two instances never get the same job and the only row locks taken
// are the claimed rows' (a range-locking UPDATE … ORDER BY … LIMIT deadlocks against finishing
// workers on InnoDB). Each claim increments attempts, so a job that kills its worker still runs
// out of attempts.
func (s *Store) ClaimJobs(ctx context.Context, c JobClaim) ([]model.Job, error) {
	if len(c.Kinds) == 0 || c.Limit <= 0 {
		return nil, nil
	}
	db := s.db.WithContext(ctx)
	var ids []uint64
	err := db.Model(&model.Job{}).Where("kind IN ?", c.Kinds).Where(runnable(c.Now)).
		Order("run_at, id").Limit(c.Limit).Pluck("id", &ids).Error
	if err != nil || len(ids) == 0 {
		return nil, wrapErr("find runnable jobs", err)
	}
	var claimed int64
	err = retryTransient(func() error {
		res := db.Model(&model.Job{}).Where("id IN ?", ids).Where(runnable(c.Now)).Updates(map[string]any{
			"status": model.JobRunning, "locked_by": c.Owner, "locked_until": c.LeaseUntil,
			"attempts": gorm.Expr("attempts + 1"), "updated_at": c.Now,
		})
		claimed = res.RowsAffected
		return res.Error
	})
	if err != nil || claimed == 0 {
		return nil, wrapErr("claim jobs", err)
	}
	var jobs []model.Job
	err = db.Where("locked_by = ? AND status = ?", c.Owner, model.JobRunning).Order("run_at, id").Find(&jobs).Error
	return jobs, wrapErr("read claimed jobs", err)
}

// runnable matches jobs that are due, or running under an expired lease (their worker died).
func runnable(now time.Time) clause.Expression {
	return gorm.Expr("(status = ? AND run_at <= ?) OR (status = ? AND locked_until < ?)",
		model.JobPending, now, model.JobRunning, now)
}

// retryTransient retries fn a few times when the database reports a deadlock or a lock wait
// timeout, which InnoDB expects clients to handle by retrying.
func retryTransient(fn func() error) error {
	var err error
	for attempt := range 4 {
		if err = fn(); err == nil || !IsTransient(err) {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
	}
	return err
}

// IsTransient reports errors that a retry of the same transaction can cure: MySQL deadlocks
// (1213) and lock wait timeouts (1205), SQLite's busy database, dedupe keys still contended.
func IsTransient(err error) bool {
	if errors.Is(err, errRaceUnsettled) {
		return true
	}
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1213 || me.Number == 1205
	}
	return err != nil && strings.Contains(err.Error(), "database is locked")
}

func wrapErr(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}

// JobOutcome is how a claimed run ended.
type JobOutcome struct {
	ID     uint64
	Owner  string
	Status string    // model.JobDone, model.JobPending (retry) or model.JobDead
	RunAt  time.Time // next attempt, for a retry
	Error  string    // last error, already truncated and free of secrets
	Now    time.Time
}

// FinishJob records the outcome of a run. It only applies while o.Owner still holds the job:
// a worker whose lease expired and whose job was re-claimed elsewhere changes nothing, and
// FinishJob reports false.
func (s *Store) FinishJob(ctx context.Context, o JobOutcome) (bool, error) {
	updates := map[string]any{"status": o.Status, "locked_by": "", "locked_until": nil, "last_error": o.Error, "updated_at": o.Now}
	if o.Status == model.JobPending {
		updates["run_at"] = o.RunAt
	}
	var n int64
	err := retryTransient(func() error {
		res := s.db.WithContext(ctx).Model(&model.Job{}).
			Where("id = ? AND locked_by = ? AND status = ?", o.ID, o.Owner, model.JobRunning).Updates(updates)
		n = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return false, fmt.Errorf("finish job %d as %s: %w", o.ID, o.Status, err)
	}
	return n == 1, nil
}

// PruneJobs deletes finished jobs last updated before before; dead jobs are kept for
// inspection.
func (s *Store) PruneJobs(ctx context.Context, before time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("status = ? AND updated_at < ?", model.JobDone, before).Delete(&model.Job{})
	if res.Error != nil {
		return 0, fmt.Errorf("prune jobs: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// GetJob loads one job by id.
func (s *Store) GetJob(ctx context.Context, id uint64) (*model.Job, error) {
	var j model.Job
	if err := s.db.WithContext(ctx).Take(&j, id).Error; err != nil {
		return nil, fmt.Errorf("get job %d: %w", id, notFound(err))
	}
	return &j, nil
}

// ListJobs returns the jobs of a kind (all kinds when empty), oldest first, at most limit.
func (s *Store) ListJobs(ctx context.Context, kind string, limit int) ([]model.Job, error) {
	q := s.db.WithContext(ctx).Order("id").Limit(limit)
	if kind != "" {
		q = q.Where("kind = ?", kind)
	}
	var jobs []model.Job
	if err := q.Find(&jobs).Error; err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	return jobs, nil
}

// CountJobsByStatus returns how many jobs are in each status.
func (s *Store) CountJobsByStatus(ctx context.Context) (map[string]int64, error) {
	var rows []struct {
		Status string
		N      int64
	}
	err := s.db.WithContext(ctx).Model(&model.Job{}).Select("status, COUNT(*) AS n").Group("status").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count jobs: %w", err)
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, nil
}

// maxChunk is the most rows one batched statement carries.
const maxChunk = 256

// valueTuples renders n placeholder tuples of width cols: "(?,?),(?,?)".
func valueTuples(n, cols int) string {
	tuple := "(" + strings.Repeat("?,", cols-1) + "?)"
	return strings.Repeat(tuple+",", n-1) + tuple
}

// onConflictIgnore is the dialect's "skip rows that hit a unique key" suffix. MySQL's form is
// preferred over INSERT IGNORE, which would also turn data errors into silent truncation.
func onConflictIgnore(dialect string) string {
	if dialect == "mysql" {
		return " ON DUPLICATE KEY UPDATE id = id"
	}
	return " ON CONFLICT DO NOTHING"
}
