package jobs

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"time"
	"unicode/utf8"

	"go.uber.org/zap"

	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// maxErrorLen is the width of wx_job.last_error.
const maxErrorLen = 1024

// execute runs one claimed job and records the outcome. The run gets a context that survives
// the dispatcher's shutdown (bounded by Timeout) so that stopping the service lets jobs finish.
func (q *Queue) execute(ctx context.Context, c claimed) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), q.opt.Timeout)
	defer cancel()
	j := c.row
	var err error
	h, ok := q.handler(j.Kind)
	switch {
	case !ok:
		err = Permanent(fmt.Errorf("no handler registered for kind %q", j.Kind))
	case j.Attempts > q.opt.MaxAttempts:
		// Only reachable when runs kept dying without reporting (lease expiries).
		err = Permanent(fmt.Errorf("gave up after %d attempts", q.opt.MaxAttempts))
	default:
		err = call(ctx, h, toJob(j))
	}
	q.finish(ctx, c, err)
}

// call runs h, turning a panic into an error so one bad job cannot kill the process.
func call(ctx context.Context, h Handler, j Job) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	return h(ctx, j)
}

// finish stores the outcome: done, a retry after backoff, or dead.
func (q *Queue) finish(ctx context.Context, c claimed, runErr error) {
	j := c.row
	o := dao.JobOutcome{ID: j.ID, Owner: c.owner, Status: model.JobDone, Now: q.now()}
	log := q.opt.Logger.With(zap.String("kind", j.Kind), zap.Uint64("job_id", j.ID), zap.Int("attempt", j.Attempts))
	if runErr != nil {
		o.Error = CleanError(runErr)
		o.Status, o.RunAt = q.next(j.Attempts, runErr, o.Now)
		log.Warn("job failed", zap.String("error", o.Error), zap.String("next", o.Status))
	}
	ok, err := q.store.FinishJob(ctx, o)
	switch {
	case err != nil:
		// The lease will expire and the job will run again: handlers must be idempotent.
		log.Error("record job outcome failed", zap.Error(err))
	case !ok:
		log.Warn("job outcome dropped: the lease expired and another worker took the job")
	}
}

// next decides what follows a failed run: another attempt after backoff, or dead.
func (q *Queue) next(attempts int, err error, now time.Time) (string, time.Time) {
	if IsPermanent(err) || attempts >= q.opt.MaxAttempts {
		return model.JobDead, time.Time{}
	}
	return model.JobPending, now.Add(q.backoff(attempts))
}

// backoff doubles from BaseBackoff per attempt up to MaxBackoff, then picks a point in the upper
// half at random so retries of many jobs that failed together do not arrive together.
func (q *Queue) backoff(attempts int) time.Duration {
	d := q.opt.BaseBackoff
	for i := 1; i < attempts && d < q.opt.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, q.opt.MaxBackoff)
	half := d / 2
	return half + rand.N(half+1)
}

func toJob(r model.Job) Job {
	j := Job{ID: r.ID, Kind: r.Kind, Payload: []byte(r.Payload), Attempt: r.Attempts, CreatedAt: r.CreatedAt}
	if r.DedupeKey != nil {
		j.DedupeKey = *r.DedupeKey
	}
	return j
}

// secretPattern finds credentials that WeChat API errors and URLs tend to carry.
var secretPattern = regexp.MustCompile(`(?i)(\b(?:access_token|component_access_token|authorizer_access_token|refresh_token|authorizer_refresh_token|component_verify_ticket|ticket|secret|appsecret|code|auth_code|authorization_code|pre_auth_code)["']?\s*[=:]\s*["']?)[^&\s"',}]+`)

// ticketPattern finds WeChat-style credentials by their prefix (ticket@@@…, queryauthcode@@@…).
var ticketPattern = regexp.MustCompile(`([A-Za-z]+@@@)[^\s"'&<,}]+`)

// CleanError renders err for the last_error column: credentials masked, at most 1024 bytes,
// valid UTF-8.
func CleanError(err error) string {
	if err == nil {
		return ""
	}
	s := secretPattern.ReplaceAllString(err.Error(), "${1}***")
	s = ticketPattern.ReplaceAllString(s, "${1}***")
	if len(s) <= maxErrorLen {
		return s
	}
	s = s[:maxErrorLen]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
