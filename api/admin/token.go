package admin

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/accesstoken"
	"wxcomponent/api/reqlog"
	"wxcomponent/api/respond"
)

// CloudbaseTokenFile is where WeChat CloudRun puts the cloudbase access token.
const CloudbaseTokenFile = "/.tencentcloudbase/wx/cloudbase_access_token"

// TokenHandler serves the debugging token endpoints of the console.
type TokenHandler struct {
	*accesstoken.Handler // ComponentToken and AuthorizerToken answer as the loopback service's do
	tickets              accesstoken.TicketSource
	now                  func() time.Time
	cloudbaseFile        string
}

// TokenOptions tunes a TokenHandler; the zero value is the service's.
type TokenOptions struct {
	Now           func() time.Time // default time.Now
	CloudbaseFile string           // default CloudbaseTokenFile
}

// NewTokenHandler builds the handler.
func NewTokenHandler(tokens accesstoken.Source, tickets accesstoken.TicketSource, o TokenOptions) *TokenHandler {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.CloudbaseFile == "" {
		o.CloudbaseFile = CloudbaseTokenFile
	}
	return &TokenHandler{Handler: accesstoken.New(tokens), tickets: tickets, now: o.Now, cloudbaseFile: o.CloudbaseFile}
}

// Ticket answers {ticket, receivedAt, ageSeconds}; 1007 when none is usable.
func (h *TokenHandler) Ticket(c *gin.Context) {
	if v, ok := accesstoken.LatestTicket(c, h.tickets, h.now); ok {
		respond.OK(c, v.Console())
	}
}

// Cloudbase answers {token} from CloudRun's file, "" when the file is absent.
// Read on each request, so nothing is cached in process-wide state.
func (h *TokenHandler) Cloudbase(c *gin.Context) {
	respond.OK(c, gin.H{"token": readCloudbaseToken(c, h.cloudbaseFile)})
}

// readCloudbaseToken reads the token file; a missing file is normal outside CloudRun.
func readCloudbaseToken(c *gin.Context, path string) string {
	b, err := readAtMost(path, 4096)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			reqlog.Logger(c).Warn("read cloudbase token file", zap.Error(err))
		}
		return ""
	}
	return strings.TrimSpace(string(b))
}

// readAtMost reads up to n bytes of the file at path.
func readAtMost(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}
