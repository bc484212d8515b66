package admin

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/respond"
	"wxcomponent/comm/wx/token"
	"wxcomponent/middleware"
)

// CloudbaseTokenFile is where WeChat CloudRun puts the cloudbase access token.
const CloudbaseTokenFile = "/.tencentcloudbase/wx/cloudbase_access_token"

// TokenSource is the part of token.Manager the token endpoints use.
type TokenSource interface {
	Component(ctx context.Context) (token.Token, error)
	Authorizer(ctx context.Context, appid string) (token.Token, error)
}

// TicketSource is the part of token.Tickets the ticket endpoint uses.
type TicketSource interface {
	Latest(ctx context.Context) (ticket string, receivedAt time.Time, err error)
}

// TokenHandler serves the debugging token endpoints of the console.
type TokenHandler struct {
	tokens        TokenSource
	tickets       TicketSource
	now           func() time.Time
	cloudbaseFile string
}

// NewTokenHandler builds the handler; cloudbaseFile "" means CloudbaseTokenFile.
func NewTokenHandler(tokens TokenSource, tickets TicketSource, now func() time.Time, cloudbaseFile string) *TokenHandler {
	if cloudbaseFile == "" {
		cloudbaseFile = CloudbaseTokenFile
	}
	return &TokenHandler{tokens: tokens, tickets: tickets, now: now, cloudbaseFile: cloudbaseFile}
}

// Register mounts the endpoints on the admin group.
func (h *TokenHandler) Register(g *gin.RouterGroup) {
	g.GET("/ticket", h.ticket)
	g.GET("/component-access-token", h.component)
	g.GET("/authorizer-access-token", h.authorizer)
	g.GET("/cloudbase-access-token", h.cloudbase)
}

// ticket answers {ticket, receivedAt, ageSeconds}; 1007 when none is usable.
func (h *TokenHandler) ticket(c *gin.Context) {
	t, at, err := h.tickets.Latest(c.Request.Context())
	if err != nil {
		respond.Error(c, token.ErrnoFor(err))
		return
	}
	age := int64(h.now().Sub(at) / time.Second)
	respond.OK(c, gin.H{"ticket": t, "receivedAt": at.Unix(), "ageSeconds": age})
}

// component answers {token, expiresAt}.
func (h *TokenHandler) component(c *gin.Context) {
	t, err := h.tokens.Component(c.Request.Context())
	writeAccessToken(c, t, err)
}

// authorizer answers {token, expiresAt} for ?appid=.
func (h *TokenHandler) authorizer(c *gin.Context) {
	appid := strings.TrimSpace(c.Query("appid"))
	if appid == "" {
		respond.BadRequest(c, "appid is required")
		return
	}
	t, err := h.tokens.Authorizer(c.Request.Context(), appid)
	writeAccessToken(c, t, err)
}

// writeAccessToken writes a token with its expiry in unix seconds, or the mapped error.
func writeAccessToken(c *gin.Context, t token.Token, err error) {
	if err != nil {
		respond.Error(c, token.ErrnoFor(err))
		return
	}
	respond.OK(c, gin.H{"token": t.Value, "expiresAt": t.ExpiresAt.Unix()})
}

// cloudbase answers {token} from CloudRun's file, "" when the file is absent.
// Read on each request, so nothing is cached in process-wide state.
func (h *TokenHandler) cloudbase(c *gin.Context) {
	respond.OK(c, gin.H{"token": readCloudbaseToken(c, h.cloudbaseFile)})
}

// readCloudbaseToken reads at most 4 KiB of the token file.
func readCloudbaseToken(c *gin.Context, path string) string {
	f, err := os.Open(path)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			middleware.Logger(c).Warn("read cloudbase token file", zap.Error(err))
		}
		return ""
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil {
		middleware.Logger(c).Warn("read cloudbase token file", zap.Error(err))
		return ""
	}
	return strings.TrimSpace(string(b))
}
