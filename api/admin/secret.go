package admin

import (
	"context"
	"errors"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/errno"
	"wxcomponent/api/reqlog"
	"wxcomponent/api/respond"
	"wxcomponent/comm/config"
	"wxcomponent/comm/secrets"
	"wxcomponent/middleware"
)

// SecretService is the part of secrets.Service the settings endpoints use.
type SecretService interface {
	Get(ctx context.Context) (value, source string, err error)
	SetAppSecret(ctx context.Context, value string) error
	SetToken(ctx context.Context, value string) error
	SetAESKey(ctx context.Context, value string) error
	CallbackStatus(ctx context.Context) (secrets.CallbackStatus, error)
}

// SecretHandler serves the AppSecret and the callback credentials, masked
// unless the operator explicitly reveals the AppSecret.
type SecretHandler struct {
	secrets SecretService
}

// NewSecretHandler builds the handler.
func NewSecretHandler(s SecretService) *SecretHandler { return &SecretHandler{secrets: s} }

// secretView is the AppSecret as the console sees it.
type secretView struct {
	Secret     string `json:"secret"`
	Configured bool   `json:"configured"`
	Source     string `json:"source"`
}

// GetSecret answers the masked AppSecret; ?reveal=true gives it in clear and
// leaves an audit line (without the value).
func (h *SecretHandler) GetSecret(c *gin.Context) {
	v, src, err := h.secrets.Get(c.Request.Context())
	if err != nil {
		writeSecretError(c, err)
		return
	}
	view := secretView{Secret: config.Mask(v), Configured: v != "", Source: src}
	if c.Query("reveal") == "true" && v != "" {
		view.Secret = v
		audit(c, "audit: secret revealed", zap.String("secret", "AppSecret"))
	}
	respond.OK(c, view)
}

// audit logs who (user and IP) saw secrets in clear; the request logger adds the request id.
// fields name what was revealed, never the values.
func audit(c *gin.Context, msg string, fields ...zap.Field) {
	user := ""
	if u := middleware.User(c); u != nil {
		user = u.Username
	}
	reqlog.Logger(c).Info(msg, append(fields, zap.String("user", user), zap.String("ip", c.ClientIP()))...)
}

// SetSecret stores the AppSecret posted as {secret}.
func (h *SecretHandler) SetSecret(c *gin.Context) {
	var req struct {
		Secret string `json:"secret"`
	}
	if err := c.ShouldBindJSON(&req); err != nil {
		respond.BadRequest(c, "body must be JSON {\"secret\": string}")
		return
	}
	ctx := c.Request.Context()
	if err := h.secrets.SetAppSecret(ctx, req.Secret); err != nil {
		writeSecretError(c, err)
		return
	}
	v, src, err := h.secrets.Get(ctx)
	if err != nil {
		writeSecretError(c, err)
		return
	}
	respond.OK(c, secretView{Secret: config.Mask(v), Configured: v != "", Source: src})
}

// GetCallback answers the masked verification token and EncodingAESKey.
func (h *SecretHandler) GetCallback(c *gin.Context) {
	st, err := h.secrets.CallbackStatus(c.Request.Context())
	if err != nil {
		writeSecretError(c, err)
		return
	}
	respond.OK(c, st)
}

// SetCallback stores {token?, encodingAESKey?}; at least one is required.
func (h *SecretHandler) SetCallback(c *gin.Context) {
	var req struct {
		Token          *string `json:"token"`
		EncodingAESKey *string `json:"encodingAESKey"`
	}
	if err := c.ShouldBindJSON(&req); err != nil || req.Token == nil && req.EncodingAESKey == nil {
		respond.BadRequest(c, "body must be JSON with token and/or encodingAESKey")
		return
	}
	ctx := c.Request.Context()
	if req.Token != nil {
		if err := h.secrets.SetToken(ctx, *req.Token); err != nil {
			writeSecretError(c, err)
			return
		}
	}
	if req.EncodingAESKey != nil {
		if err := h.secrets.SetAESKey(ctx, *req.EncodingAESKey); err != nil {
			writeSecretError(c, err)
			return
		}
	}
	h.GetCallback(c)
}

// writeSecretError maps validation to 1001, env-provided and undecryptable
// values to 1008 (the operator must act), anything else to 1002.
func writeSecretError(c *gin.Context, err error) {
	var ve *secrets.ValidationError
	switch {
	case errors.As(err, &ve):
		respond.BadRequest(c, ve.Msg)
	case errors.Is(err, secrets.ErrEnvProvided):
		respond.Code(c, errno.ErrInvalidStatus, err.Error())
	case errors.Is(err, secrets.ErrUndecryptable):
		respond.Code(c, errno.ErrInvalidStatus, secrets.ErrUndecryptable.Error())
	default:
		respond.Error(c, err)
	}
}
