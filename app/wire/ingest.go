package wire

import (
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/callback"
	"wxcomponent/comm/ingest"
	"wxcomponent/comm/jobs"
	"wxcomponent/db/dao"
)

// IngestConfig is the configuration of push reception.
type IngestConfig struct {
	Mode   string           // WX_CALLBACK_MODE
	AppID  string           // WX_APPID: the trailer every encrypted push must carry
	Skew   time.Duration    // WX_TIMESTAMP_SKEW (default callback.DefaultSkew)
	Now    func() time.Time // the verifier's clock (time.Now)
	Logger *zap.Logger      // the callback path's
	Writer ingest.Options   // group-commit tunables; its Logger is set here
	Jobs   jobs.Options     // queue tunables; without a Logger, the queue logs as Logger's "jobs"
}

// Ingest is push reception: the verifier, the group-commit writer (started; Close it at
// shutdown) and the durable job queue. Register the job handlers, then Run the queue.
type Ingest struct {
	Verifier *callback.Verifier
	Writer   *ingest.Writer
	Queue    *jobs.Queue
}

// NewIngest builds push reception on store; keys are the callback token and EncodingAESKey(s).
func NewIngest(store *dao.Store, keys callback.KeySource, c IngestConfig) *Ingest {
	if c.Logger == nil {
		c.Logger = zap.NewNop()
	}
	if c.Jobs.Logger == nil {
		c.Jobs.Logger = c.Logger.Named("jobs")
	}
	queue := jobs.New(store, c.Jobs)
	c.Writer.Logger = c.Logger
	writer := ingest.New(store, queue, c.Writer)
	writer.Start()
	verifier := callback.NewVerifier(keys, callback.Options{Mode: c.Mode, AppID: c.AppID, Now: c.Now, Skew: c.Skew})
	return &Ingest{Verifier: verifier, Writer: writer, Queue: queue}
}
