package batchrelease

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"wxcomponent/comm/codemgmt"
	"wxcomponent/comm/randid"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Create validates spec, renders every account's ext_json and stores the batch, running. All
// problems (unknown accounts, missing variables, invalid JSON) come back together as a
// *ValidationError, so the operator fixes them in one go.
func (e *Engine) Create(ctx context.Context, spec Spec) (*model.CodeBatch, error) {
	problems := spec.check()
	accs, err := e.resolve(ctx, spec.Accounts)
	if err != nil {
		var v *ValidationError
		if !errors.As(err, &v) {
			return nil, err
		}
		problems = append(problems, v.Problems...)
	}
	rows, more := e.accountRows(spec, accs)
	problems = append(problems, more...)
	if len(problems) > 0 {
		return nil, &ValidationError{Problems: problems}
	}
	raw, err := json.Marshal(spec)
	if err != nil {
		return nil, fmt.Errorf("encode batch spec: %w", err)
	}
	now := e.o.Now().UTC()
	b := &model.CodeBatch{Name: spec.Name, Status: model.CodeBatchRunning, Spec: string(raw),
		CommitDesc: commitDesc(spec.UserDesc), CreatedAt: now, UpdatedAt: now}
	if spec.CanarySize == 0 || spec.CanarySize >= len(rows) {
		b.Wave = 1
	}
	if err := e.o.Store.CreateCodeBatch(ctx, b, rows); err != nil {
		return nil, err
	}
	e.Nudge()
	return b, nil
}

// commitDesc tags the operator's description with a random batch mark: the trial version and
// the latest audit of an account are recognised as this batch's by it after a crash.
func commitDesc(desc string) string {
	return strings.TrimSpace(desc + " #batch-" + randid.Hex(4))
}

// accountRows renders ext_json for each account and builds its row; canary accounts come first.
func (e *Engine) accountRows(spec Spec, accs []model.Authorizer) ([]model.CodeBatchAccount, []string) {
	var rows []model.CodeBatchAccount
	var problems []string
	now := e.o.Now().UTC()
	first := firstStep(spec)
	for i, a := range accs {
		ext := ""
		if spec.ExtJSON != "" {
			var err error
			ext, err = Render(spec.ExtJSON, a.AppID, accountVars(spec.Vars[a.AppID], a.AppID, a.NickName, a.PrincipalName))
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
		}
		wave := 1
		if i < spec.CanarySize {
			wave = 0
		}
		rows = append(rows, model.CodeBatchAccount{AppID: a.AppID, Seq: i, Wave: wave, Step: first,
			State: model.CodeAccountPending, ExtJSON: ext, NextAt: now, UpdatedAt: now})
	}
	return rows, problems
}

// Preview renders the ext_json of spec for one account, as its commit would send it. An unknown
// account, a missing variable or a result that is not a JSON object is a *ValidationError.
func (e *Engine) Preview(ctx context.Context, spec Spec, appid string) (string, error) {
	a, err := e.o.Store.GetAuthorizerByAppid(ctx, appid)
	if errors.Is(err, dao.ErrNotFound) {
		return "", &ValidationError{Problems: []string{fmt.Sprintf("帐号 %s 不存在", appid)}}
	}
	if err != nil {
		return "", err
	}
	out, err := Render(spec.ExtJSON, appid, accountVars(spec.Vars[appid], appid, a.NickName, a.PrincipalName))
	if err != nil {
		return "", &ValidationError{Problems: []string{err.Error()}}
	}
	return out, nil
}

// resolve loads the selected authorizers: every listed appid must be an authorized mini program
// with permission set 18; All takes them all (filtered by nickname).
func (e *Engine) resolve(ctx context.Context, sel Selection) ([]model.Authorizer, error) {
	eligible, err := e.o.Store.ListAuthorizersWithFunc(ctx, codemgmt.FuncCodeManagement)
	if err != nil {
		return nil, err
	}
	byID := map[string]model.Authorizer{}
	var all []model.Authorizer
	for _, a := range eligible {
		if a.AppType != 0 { // 0 mini program, 1 official account
			continue
		}
		byID[a.AppID] = a
		if sel.Name == "" || strings.Contains(a.NickName, sel.Name) {
			all = append(all, a)
		}
	}
	if len(sel.AppIDs) == 0 {
		if sel.All && len(all) == 0 {
			return nil, &ValidationError{Problems: []string{errNoAccounts.Error()}}
		}
		return all, nil
	}
	return pick(sel.AppIDs, byID)
}

// pick returns the listed accounts in order, or the problems with those that cannot take part.
func pick(appids []string, byID map[string]model.Authorizer) ([]model.Authorizer, error) {
	var out []model.Authorizer
	var problems []string
	seen := map[string]bool{}
	for _, id := range appids {
		id = strings.TrimSpace(id)
		a, ok := byID[id]
		switch {
		case seen[id]:
			continue
		case !ok:
			problems = append(problems, fmt.Sprintf("帐号 %s 不是已授权代码管理权限（权限集 18）的小程序", id))
		default:
			out = append(out, a)
		}
		seen[id] = true
	}
	if len(problems) > 0 {
		return out, &ValidationError{Problems: problems}
	}
	return out, nil
}
