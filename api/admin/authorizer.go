package admin

import (
	"context"
	"strconv"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/respond"
	"wxcomponent/comm/authz"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Authorizers is the part of authz.Service the authorized-account pages use.
type Authorizers interface {
	ListAuthorizers(ctx context.Context, f dao.AuthorizerFilter, reveal bool) ([]authz.Authorizer, int64, error)
	RefreshAuthorizer(ctx context.Context, appid string) (authz.Authorizer, error)
}

// AuthorizerSync is the part of authz.Syncer the pages use.
type AuthorizerSync interface {
	Start(ctx context.Context) (*authz.SyncStatus, error)
	Latest(ctx context.Context) (*authz.SyncStatus, error)
}

// AuthorizerHandler serves the authorized-account list, per-account refresh and the tracked
// pull of WeChat's authorizer list.
type AuthorizerHandler struct {
	authorizers Authorizers
	sync        AuthorizerSync
}

// NewAuthorizerHandler builds the handler.
func NewAuthorizerHandler(authorizers Authorizers, sync AuthorizerSync) *AuthorizerHandler {
	return &AuthorizerHandler{authorizers: authorizers, sync: sync}
}

// Page size bounds of authorizer-list.
const (
	defaultAuthorizerLimit = 15
	maxAuthorizerLimit     = 100
)

// List answers a page of authorized accounts, filtered by the query.
func (h *AuthorizerHandler) List(c *gin.Context) {
	f, msg := authorizerFilter(c)
	if msg != "" {
		respond.BadRequest(c, msg)
		return
	}
	reveal := c.Query("reveal") == "true"
	rows, total, err := h.authorizers.ListAuthorizers(c.Request.Context(), f, reveal)
	if err != nil {
		respond.Error(c, err)
		return
	}
	if reveal {
		audit(c, "audit: refresh tokens revealed", zap.Strings("appids", authorizerAppids(rows)))
	}
	respond.OK(c, gin.H{"total": total, "records": rows})
}

// authorizerAppids lists the appids of rows, for the audit line of a reveal.
func authorizerAppids(rows []authz.Authorizer) []string {
	appids := make([]string, len(rows))
	for i, r := range rows {
		appids[i] = r.AppID
	}
	return appids
}

// authorizerFilter parses the list's query; msg names the first invalid parameter.
func authorizerFilter(c *gin.Context) (f dao.AuthorizerFilter, msg string) {
	var ok bool
	if f.Offset, ok = intQuery(c, "offset", 0, 0, -1); !ok {
		return f, "offset 必须是不小于 0 的整数"
	}
	if f.Limit, ok = intQuery(c, "limit", defaultAuthorizerLimit, 1, maxAuthorizerLimit); !ok {
		return f, "limit 必须是 1 到 100 之间的整数"
	}
	if f.FuncID, ok = intQuery(c, "funcInfo", 0, 1, -1); !ok {
		return f, "funcInfo 必须是正整数（权限集 ID）"
	}
	f.AppID, f.Name = c.Query("appid"), c.Query("name")
	if utf8.RuneCountInString(f.Name) > 64 || len(f.AppID) > 64 {
		return f, "appid 或 name 过长"
	}
	if s := c.Query("appType"); s != "" {
		t, err := strconv.Atoi(s)
		if err != nil || (t != authz.AppTypeMiniProgram && t != authz.AppTypeOA) {
			return f, "appType 只能是 0（小程序）或 1（公众号）"
		}
		f.AppType = &t
	}
	return f, statusFilter(c.Query("status"), &f)
}

// statusFilter parses status=authorized|revoked.
func statusFilter(s string, f *dao.AuthorizerFilter) string {
	var st int
	switch s {
	case "":
		return ""
	case authz.StatusAuthorized:
		st = model.AuthorizerActive
	case authz.StatusRevoked:
		st = model.AuthorizerRevoked
	default:
		return "status 只能是 authorized 或 revoked"
	}
	f.Status = &st
	return ""
}

// intQuery reads an integer parameter: def when absent, false when not an integer or outside
// [lo, hi] (hi < 0: no upper bound).
func intQuery(c *gin.Context, name string, def, lo, hi int) (int, bool) {
	s := c.Query(name)
	if s == "" {
		return def, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || (hi >= 0 && n > hi) {
		return 0, false
	}
	return n, true
}

// Refresh reloads one account's authorization from WeChat.
func (h *AuthorizerHandler) Refresh(c *gin.Context) {
	appid := c.Query("appid")
	if appid == "" || len(appid) > 64 {
		respond.BadRequest(c, "appid 不能为空")
		return
	}
	a, err := h.authorizers.RefreshAuthorizer(c.Request.Context(), appid)
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, a)
}

// StartSync starts pulling the whole authorizer list from WeChat.
func (h *AuthorizerHandler) StartSync(c *gin.Context) {
	st, err := h.sync.Start(c.Request.Context())
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, st)
}

// SyncStatus answers the progress of the last pull.
func (h *AuthorizerHandler) SyncStatus(c *gin.Context) {
	st, err := h.sync.Latest(c.Request.Context())
	switch {
	case err != nil:
		respond.Error(c, err)
	case st == nil:
		respond.OK(c, nil) // no job ever ran: no data
	default:
		respond.OK(c, st)
	}
}
