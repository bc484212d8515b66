// Package wxcallback serves the two URLs WeChat pushes to: the authorization-event URL
// (/wxcallback/component) and the message-and-event URL (/wxcallback/biz/:appid).
package wxcallback

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/errno"
	"wxcomponent/api/reqlog"
	"wxcomponent/api/respond"
	"wxcomponent/comm/callback"
	"wxcomponent/comm/ingest"
)

// MaxBodyBytes caps a push body; real pushes are a few kilobytes.
const MaxBodyBytes = 1 << 20

// DefaultCommitTimeout bounds how long a push waits to be verified and committed. WeChat gives
// up after 5 s, so a stalled database is answered 503 (WeChat retries) before that instead of
// hanging; the record stays queued, and if it is written late its retry is recognised.
const DefaultCommitTimeout = 3 * time.Second

// Opener authenticates and decodes pushes (callback.Verifier).
type Opener interface {
	Open(ctx context.Context, in callback.Incoming) (*callback.Push, error)
	VerifyEcho(ctx context.Context, q url.Values) (string, error)
}

// Recorder stores a push durably before it is acknowledged (ingest.Writer).
type Recorder interface {
	StoreComponent(ctx context.Context, p *callback.Push) (ingest.Result, error)
	StoreBiz(ctx context.Context, appid string, p *callback.Push) (ingest.Result, error)
}

// PushHandler receives pushes: verify, store, then acknowledge.
type PushHandler struct {
	opener        Opener
	recorder      Recorder
	replier       Replier
	commitTimeout time.Duration
}

// NewPushHandler builds the handler; replier may be nil (every push is answered "success").
func NewPushHandler(opener Opener, recorder Recorder, replier Replier) *PushHandler {
	if replier == nil {
		replier = NoReply{}
	}
	return &PushHandler{opener: opener, recorder: recorder, replier: replier, commitTimeout: DefaultCommitTimeout}
}

// WithCommitTimeout sets how long a push may wait for its keys and its commit before it is
// answered 503 (DefaultCommitTimeout when d <= 0) and returns h.
func (h *PushHandler) WithCommitTimeout(d time.Duration) *PushHandler {
	if d <= 0 {
		d = DefaultCommitTimeout
	}
	h.commitTimeout = d
	return h
}

// Component handles POST /wxcallback/component.
func (h *PushHandler) Component(c *gin.Context) {
	h.receive(c, Target{}, h.recorder.StoreComponent)
}

// Biz handles POST /wxcallback/biz/:appid.
func (h *PushHandler) Biz(c *gin.Context) {
	appid := c.Param("appid")
	if !validAppID(appid) {
		respond.BadRequest(c, "appid must be 1-64 letters, digits or underscores")
		return
	}
	store := func(ctx context.Context, p *callback.Push) (ingest.Result, error) {
		return h.recorder.StoreBiz(ctx, appid, p)
	}
	h.receive(c, Target{AppID: appid}, store)
}

// receive is the way of a push: read → verify/decrypt → store (committed) → reply.
func (h *PushHandler) receive(c *gin.Context, t Target, store func(context.Context, *callback.Push) (ingest.Result, error)) {
	body, ok := readBody(c)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), h.commitTimeout)
	defer cancel()
	push, err := h.opener.Open(ctx, callback.Incoming{Query: c.Request.URL.Query(), Header: c.Request.Header, Body: body})
	if err != nil {
		h.refuse(c, err)
		return
	}
	if push.Probe {
		success(c)
		return
	}
	res, err := store(ctx, push)
	if err != nil {
		storeFailed(c, err)
		return
	}
	t.RecordID, t.Duplicate = res.ID, res.Duplicate
	h.reply(c, t, push)
}

// Echo handles the URL-verification GET on both URLs.
func (h *PushHandler) Echo(c *gin.Context) {
	echostr, err := h.opener.VerifyEcho(c.Request.Context(), c.Request.URL.Query())
	if err != nil {
		h.refuse(c, err)
		return
	}
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(echostr))
}

// refuse answers a rejected push (401 or 400, nothing stored) or our own failure to verify (503
// or 500, so WeChat retries).
func (h *PushHandler) refuse(c *gin.Context, err error) {
	r, ok := callback.AsRejection(err)
	if !ok {
		storeFailed(c, err) // the keys could not be read: never a rejection, always a retry
		return
	}
	log := reqlog.Logger(c)
	if r.Misconfigured {
		log.Error("push rejected: callback keys misconfigured", zap.String("reason", r.Reason), zap.Error(r.Cause))
	} else {
		log.Warn("push rejected", zap.String("reason", r.Reason), zap.Error(r.Cause))
	}
	if r.Status == http.StatusBadRequest {
		respond.BadRequest(c, r.Reason)
		return
	}
	respond.Code(c, errno.ErrNotAuthorized, nil)
}

// storeFailed never answers success: WeChat must retry a push we could not store. Saturation,
// shutdown and a database too slow for the commit bound are 503 with Retry-After.
func storeFailed(c *gin.Context, err error) {
	if errors.Is(err, ingest.ErrQueueFull) || errors.Is(err, ingest.ErrClosed) || errors.Is(err, context.DeadlineExceeded) {
		reqlog.Logger(c).Warn("push not stored", zap.Error(err))
		respond.RetryAfter(c, 1)
		respond.Code(c, errno.ErrSystemError.WithStatus(http.StatusServiceUnavailable), nil)
		return
	}
	respond.Error(c, err)
}

// success is the plain acknowledgement WeChat expects.
func success(c *gin.Context) {
	c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte("success"))
}

// validAppID accepts what an appid can look like ($APPID$ is wx + 16 hex) with some leeway.
func validAppID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := range len(s) {
		ch := s[i]
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_') {
			return false
		}
	}
	return true
}
