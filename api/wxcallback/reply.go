package wxcallback

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/reqlog"
	"wxcomponent/comm/callback"
)

// Target says where a push arrived and what became of its record.
type Target struct {
	AppID     string // authorizer appid from the biz URL; "" on the component URL
	RecordID  uint   // the stored record
	Duplicate bool   // a WeChat retry of a push already stored
}

// Replier is the seam for synchronous passive replies (forwarding rules with a business service
// that answers within WeChat's deadline). It is called after the push is committed and returns
// the plaintext reply, or nil to answer "success". Encryption is applied by the handler.
type Replier interface {
	Reply(ctx context.Context, t Target, p *callback.Push) ([]byte, error)
}

// NoReply answers every push with "success".
type NoReply struct{}

// Reply returns no reply.
func (NoReply) Reply(context.Context, Target, *callback.Push) ([]byte, error) { return nil, nil }

// reply asks the Replier and writes its answer, sealed like the push; without one, or when it
// fails (the push is stored and its jobs will run either way), the answer is "success".
func (h *PushHandler) reply(c *gin.Context, t Target, p *callback.Push) {
	plain, err := h.replier.Reply(c.Request.Context(), t, p)
	if err != nil {
		reqlog.Logger(c).Warn("passive reply failed; answering success", zap.Error(err))
	}
	if err != nil || len(plain) == 0 {
		success(c)
		return
	}
	body, err := p.SealReply(plain)
	if err != nil {
		reqlog.Logger(c).Error("seal passive reply failed; answering success", zap.Error(err))
		success(c)
		return
	}
	c.Data(http.StatusOK, replyContentType(p, body), body)
}

// replyContentType labels the reply: encrypted replies and XML are XML, CloudRun JSON is JSON.
func replyContentType(p *callback.Push, body []byte) string {
	if !p.Encrypted && len(body) > 0 && body[0] == '{' {
		return "application/json; charset=utf-8"
	}
	return "application/xml; charset=utf-8"
}
