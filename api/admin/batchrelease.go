package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/gin-gonic/gin"

	"wxcomponent/api/respond"
	"wxcomponent/comm/batchrelease"
	"wxcomponent/db/model"
)

// Page sizes of the batch list.
const (
	batchDefaultLimit = 20
	batchMaxLimit     = 100
	batchMaxAppIDs    = 5000 // appids one retry or release may name
)

// BatchEngine is the part of *batchrelease.Engine the handlers call.
type BatchEngine interface {
	Preview(ctx context.Context, spec batchrelease.Spec, appid string) (string, error)
	Create(ctx context.Context, spec batchrelease.Spec) (*model.CodeBatch, error)
	List(ctx context.Context, offset, limit int) (batchrelease.Page, error)
	Get(ctx context.Context, id int64) (batchrelease.Report, error)
	Pause(ctx context.Context, id int64) error
	Resume(ctx context.Context, id int64) error
	Cancel(ctx context.Context, id int64) error
	Retry(ctx context.Context, id int64, appids ...string) (int64, error)
	Release(ctx context.Context, id int64, appids ...string) (int64, error)
}

// BatchReleaseHandler serves the batch release API (docs/code-api.md "Batch release"). Bodies carry a
// batchrelease.Spec (JSON tags in comm/batchrelease/spec.go; `audit` takes the submit-audit body
// in camelCase or snake_case) and `variables`, the operator's per-account values as a JSON
// object keyed by appid or CSV with an appid column (batchrelease.ParseVars); they replace
// spec.vars when given. Answers: list records are batchrelease.Summary, a batch is
// batchrelease.ReportView (comm/batchrelease/view.go): id, name, state, templateId,
// userVersion, counts {accountState: n}, createdAt, updatedAt, userDesc, autoRelease,
// concurrency, canarySize, wave, note, quotaHoldUntil, finishedAt and accounts [{appid,
// nickName, wave, step, state, auditId, reason, error, updatedAt}], times in unix seconds.
// Validation problems answer 1001 with `data` = an array of strings; a missing batch 1001/404;
// an action the batch's state refuses 1008/409 in words.
type BatchReleaseHandler struct {
	engine BatchEngine
}

// NewBatchReleaseHandler builds the handler on the engine.
func NewBatchReleaseHandler(engine BatchEngine) *BatchReleaseHandler {
	return &BatchReleaseHandler{engine: engine}
}

// batchSpecRequest is the body of create and preview.
type batchSpecRequest struct {
	Spec      batchrelease.Spec `json:"spec"`
	Variables string            `json:"variables"`
	AppID     string            `json:"appid"` // preview only
}

// Preview handles POST /batch-release/preview: {"extJson": the ext_json appid's commit would send}.
func (h *BatchReleaseHandler) Preview(c *gin.Context) {
	req, ok := decodeSpecRequest(c)
	if !ok {
		return
	}
	if req.AppID == "" {
		respond.BadRequest(c, "appid 必填：预览哪个帐号的 ext_json")
		return
	}
	out, err := h.engine.Preview(c.Request.Context(), req.Spec, req.AppID)
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, gin.H{"extJson": out})
}

// Create handles PUT /batch-release: stores the batch, which starts at once; {"id": n}.
func (h *BatchReleaseHandler) Create(c *gin.Context) {
	req, ok := decodeSpecRequest(c)
	if !ok {
		return
	}
	b, err := h.engine.Create(c.Request.Context(), req.Spec)
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, gin.H{"id": b.ID})
}

// List handles GET /batch-release-list?offset=&limit=: {"total", "records"}, newest first.
func (h *BatchReleaseHandler) List(c *gin.Context) {
	offset, ok := boundedQuery(c, "offset", 0, 0, 1<<31-1)
	if !ok {
		return
	}
	limit, ok := boundedQuery(c, "limit", batchDefaultLimit, 1, batchMaxLimit)
	if !ok {
		return
	}
	p, err := h.engine.List(c.Request.Context(), offset, limit)
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, p)
}

// Get handles GET /batch-release?id=: the batch with every account.
func (h *BatchReleaseHandler) Get(c *gin.Context) {
	id, ok := batchID(c)
	if !ok {
		return
	}
	r, err := h.engine.Get(c.Request.Context(), id)
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, r)
}

// Pause handles POST /batch-release/pause?id=.
func (h *BatchReleaseHandler) Pause(c *gin.Context) { h.control(c, h.engine.Pause) }

// Resume handles POST /batch-release/resume?id= (a paused batch, or a halted one past its canary).
func (h *BatchReleaseHandler) Resume(c *gin.Context) { h.control(c, h.engine.Resume) }

// Cancel handles POST /batch-release/cancel?id=.
func (h *BatchReleaseHandler) Cancel(c *gin.Context) { h.control(c, h.engine.Cancel) }

// Retry handles POST /batch-release/retry?id= with {"appids": [...]} (empty: every failed,
// rejected or quota-waiting account): {"count": accounts retried}.
func (h *BatchReleaseHandler) Retry(c *gin.Context) { h.accounts(c, h.engine.Retry) }

// Release handles POST /batch-release/release?id= with {"appids": [...]} (empty: every approved
// account): {"count": accounts released}.
func (h *BatchReleaseHandler) Release(c *gin.Context) { h.accounts(c, h.engine.Release) }

// control runs a status change on the batch named by ?id.
func (h *BatchReleaseHandler) control(c *gin.Context, do func(context.Context, int64) error) {
	id, ok := batchID(c)
	if !ok {
		return
	}
	if err := do(c.Request.Context(), id); err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, nil)
}

// accounts runs an action on some accounts of the batch named by ?id.
func (h *BatchReleaseHandler) accounts(c *gin.Context, do func(context.Context, int64, ...string) (int64, error)) {
	id, ok := batchID(c)
	if !ok {
		return
	}
	var req struct {
		AppIDs []string `json:"appids"`
	}
	if !decodeJSON(c, &req, true) {
		return
	}
	if len(req.AppIDs) > batchMaxAppIDs {
		respond.BadRequest(c, fmt.Sprintf("appids 最多 %d 个", batchMaxAppIDs))
		return
	}
	for _, a := range req.AppIDs {
		if a == "" {
			respond.BadRequest(c, "appids 中有空值")
			return
		}
	}
	n, err := do(c.Request.Context(), id, req.AppIDs...)
	if err != nil {
		respond.Error(c, err)
		return
	}
	respond.OK(c, gin.H{"count": n})
}

// decodeSpecRequest reads a create or preview body and puts the parsed variables in the spec.
func decodeSpecRequest(c *gin.Context) (batchSpecRequest, bool) {
	var req batchSpecRequest
	if !decodeJSON(c, &req, false) {
		return req, false
	}
	if req.Variables != "" {
		vars, err := batchrelease.ParseVars([]byte(req.Variables))
		if err != nil {
			respond.Error(c, &batchrelease.ValidationError{Problems: []string{err.Error()}})
			return req, false
		}
		req.Spec.Vars = vars
	}
	return req, true
}

// decodeJSON reads the body into v; an empty body is accepted when optional.
func decodeJSON(c *gin.Context, v any, optional bool) bool {
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		respond.BadRequest(c, "请求体读取失败："+err.Error())
		return false
	}
	if len(bytes.TrimSpace(body)) == 0 {
		if !optional {
			respond.BadRequest(c, "请求体为空")
		}
		return optional
	}
	if err := json.Unmarshal(body, v); err != nil {
		respond.BadRequest(c, "请求体不是合法的 JSON："+err.Error())
		return false
	}
	return true
}

// batchID reads the positive ?id.
func batchID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Query("id"), 10, 64)
	if err != nil || id <= 0 {
		respond.BadRequest(c, "id 须为正整数")
		return 0, false
	}
	return id, true
}

// boundedQuery reads an optional integer query parameter within [lo, hi], answering 1001 when
// it is not.
func boundedQuery(c *gin.Context, name string, def, lo, hi int) (int, bool) {
	n, ok := intQuery(c, name, def, lo, hi)
	if !ok {
		respond.BadRequest(c, fmt.Sprintf("%s 须为 %d 到 %d 之间的整数", name, lo, hi))
	}
	return n, ok
}
