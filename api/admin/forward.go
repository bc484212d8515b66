package admin

import (
	"context"
	"math"
	"strconv"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"wxcomponent/api/respond"
	"wxcomponent/comm/forward"
)

// Page sizes of the forwarding lists.
const (
	rulesDefaultLimit = 50
	// rulesMaxLimit clamps larger requests rather than refusing them: the original console asks
	// for limit=999 to show every rule on one page (contract §6.3), and rules are few.
	rulesMaxLimit          = 1000
	deliveriesDefaultLimit = 20
	deliveriesMaxLimit     = 100
)

// ForwardService is the message forwarder as the console drives it (forward.Forwarder).
type ForwardService interface {
	ListRules(ctx context.Context, q forward.RuleQuery) (forward.RulePage, error)
	CreateRule(ctx context.Context, in forward.RuleInput) (uint, error)
	UpdateRule(ctx context.Context, in forward.RuleInput) error
	DeleteRule(ctx context.Context, id uint) error
	TestRule(ctx context.Context, id uint) (string, error)
	Deliveries(ctx context.Context, q forward.DeliveryQuery) (forward.DeliveryPage, error)
	Replay(ctx context.Context, id uint64, ruleID uint) (int64, error)
	Key(ctx context.Context, id uint) (string, error)
	RotateKey(ctx context.Context, id uint) (string, error)
}

// ForwardHandler serves the message forwarder (消息转发器): contract §1.2 D rules and test,
// plus the delivery log, replay and signing keys.
type ForwardHandler struct {
	svc ForwardService
}

// NewForwardHandler builds the handler.
func NewForwardHandler(svc ForwardService) *ForwardHandler { return &ForwardHandler{svc: svc} }

// ListRules handles GET /callback-proxy-rule-list?type=&offset=&limit=.
func (h *ForwardHandler) ListRules(c *gin.Context) {
	typ, ok1 := intQuery(c, "type", 0, math.MinInt, -1) // any other type lists every rule
	offset, ok2 := intQuery(c, "offset", 0, 0, -1)
	limit, ok3 := intQuery(c, "limit", rulesDefaultLimit, 0, -1)
	if !ok1 || !ok2 || !ok3 {
		respond.BadRequest(c, "type、offset、limit 须为整数，offset、limit 不为负")
		return
	}
	if limit == 0 {
		limit = rulesDefaultLimit
	}
	limit = min(limit, rulesMaxLimit)
	page, err := h.svc.ListRules(c.Request.Context(), forward.RuleQuery{Type: typ, Offset: offset, Limit: limit})
	reply(c, page, err)
}

// CreateRule handles PUT /callback-proxy-rule; data is {id} of the new rule (an addition).
func (h *ForwardHandler) CreateRule(c *gin.Context) {
	in, ok := bindRule(c)
	if !ok {
		return
	}
	id, err := h.svc.CreateRule(c.Request.Context(), in)
	reply(c, gin.H{"id": id}, err)
}

// UpdateRule handles POST /callback-proxy-rule.
func (h *ForwardHandler) UpdateRule(c *gin.Context) {
	in, ok := bindRule(c)
	if !ok {
		return
	}
	reply(c, nil, h.svc.UpdateRule(c.Request.Context(), in))
}

// DeleteRule handles DELETE /callback-proxy-rule?id=.
func (h *ForwardHandler) DeleteRule(c *gin.Context) {
	id, ok := ruleIDQuery(c)
	if !ok {
		return
	}
	reply(c, nil, h.svc.DeleteRule(c.Request.Context(), id))
}

// TestRule handles POST /callback-test {id}: data is the target's answer as a string.
func (h *ForwardHandler) TestRule(c *gin.Context) {
	var req struct {
		ID uint `json:"id"`
	}
	if err := c.ShouldBindJSON(&req); err != nil {
		respond.BadRequest(c, `请求体须为 JSON {"id": 规则 id}`)
		return
	}
	body, err := h.svc.TestRule(c.Request.Context(), req.ID)
	reply(c, body, err)
}

// Deliveries handles GET /callback-proxy-deliveries?ruleId=&status=&beforeId=&limit=.
func (h *ForwardHandler) Deliveries(c *gin.Context) {
	ruleID, ok1 := intQuery(c, "ruleId", 0, 0, -1)
	before, ok2 := intQuery(c, "beforeId", 0, 0, -1)
	limit, ok3 := intQuery(c, "limit", deliveriesDefaultLimit, 0, deliveriesMaxLimit)
	if !ok1 || !ok2 || !ok3 {
		respond.BadRequest(c, "ruleId、beforeId、limit 须为非负整数，limit 不超过 "+strconv.Itoa(deliveriesMaxLimit))
		return
	}
	if limit == 0 {
		limit = deliveriesDefaultLimit
	}
	page, err := h.svc.Deliveries(c.Request.Context(), forward.DeliveryQuery{
		RuleID: uint(ruleID), Status: c.Query("status"), BeforeID: uint64(before), Limit: limit,
	})
	reply(c, page, err)
}

// Replay handles POST /callback-proxy-replay {id} or {ruleId, all: true}: dead deliveries go
// back to the outbox, due now.
func (h *ForwardHandler) Replay(c *gin.Context) {
	var req struct {
		ID     uint64 `json:"id"`
		RuleID uint   `json:"ruleId"`
		All    bool   `json:"all"`
	}
	if err := c.ShouldBindJSON(&req); err != nil || (req.ID == 0) == (req.RuleID == 0 || !req.All) {
		respond.BadRequest(c, `请求体须为 {"id": 投递记录 id} 或 {"ruleId": 规则 id, "all": true}`)
		return
	}
	if req.ID != 0 {
		req.RuleID = 0
	}
	n, err := h.svc.Replay(c.Request.Context(), req.ID, req.RuleID)
	reply(c, gin.H{"replayed": n}, err)
}

// Key handles GET /callback-proxy-rule-key?id=&reveal=true: the rule's signing key, masked
// unless revealed (which is logged, without the key).
func (h *ForwardHandler) Key(c *gin.Context) {
	id, ok := ruleIDQuery(c)
	if !ok {
		return
	}
	key, err := h.svc.Key(c.Request.Context(), id)
	if err != nil {
		respond.Error(c, err)
		return
	}
	shown := forward.MaskKey(key)
	if revealRequested(c) {
		shown = key
		audit(c, "audit: secret revealed", zap.String("secret", "forwarding signing key"), zap.Uint("rule", id))
	}
	respond.OK(c, gin.H{"key": shown})
}

// RotateKey handles POST /callback-proxy-rule-key {id}: a new key, shown once in full.
func (h *ForwardHandler) RotateKey(c *gin.Context) {
	var req struct {
		ID uint `json:"id"`
	}
	if err := c.ShouldBindJSON(&req); err != nil {
		respond.BadRequest(c, `请求体须为 JSON {"id": 规则 id}`)
		return
	}
	key, err := h.svc.RotateKey(c.Request.Context(), req.ID)
	if err != nil {
		respond.Error(c, err)
		return
	}
	audit(c, "audit: forwarding signing key rotated", zap.Uint("rule", req.ID))
	respond.OK(c, gin.H{"key": key})
}

// bindRule reads a rule body; a body that is not a rule object is answered 1001.
func bindRule(c *gin.Context) (forward.RuleInput, bool) {
	var in forward.RuleInput
	if err := c.ShouldBindJSON(&in); err != nil {
		respond.BadRequest(c, `请求体须为规则对象 {"name","infoType","msgType","event","open","data":{"port","path","url","mode"}}`)
		return in, false
	}
	return in, true
}

// ruleIDQuery reads ?id= as a rule id.
func ruleIDQuery(c *gin.Context) (uint, bool) {
	id, err := strconv.ParseUint(c.Query("id"), 10, 32)
	if err != nil {
		respond.BadRequest(c, "id 须为规则 id（正整数）")
		return 0, false
	}
	return uint(id), true
}
