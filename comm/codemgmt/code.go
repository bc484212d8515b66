package codemgmt

import (
	"context"
	"errors"
	"fmt"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// Commit uploads template req.TemplateID with req.ExtJSON as appid's experience version and
// records it: a new committed version, or the committed one updated when it was not submitted
// yet (WeChat keeps one experience version).
func (s *Service) Commit(ctx context.Context, appid string, req api.CommitRequest) error {
	if err := req.Validate(); err != nil {
		return invalid("commit", err)
	}
	if _, err := s.managed(ctx, appid); err != nil {
		return err
	}
	if err := s.wx.Commit(ctx, appid, req); err != nil {
		return wxErr("commit", err)
	}
	now := s.now()
	values := map[string]any{"template_id": int64(req.TemplateID), "ext_json": req.ExtJSON,
		"user_version": req.UserVersion, "user_desc": req.UserDesc, "committed_at": now}
	ev := &model.WeappVersionEvent{AppID: appid, FromState: model.WeappCommitted, ToState: model.WeappCommitted,
		Source: model.SourceOperator, Detail: "重新提交代码 " + req.UserVersion, At: now}
	cur, err := s.store.LatestWeappVersion(ctx, appid)
	switch {
	case err == nil && cur.State == model.WeappCommitted:
		err = s.store.UpdateWeappVersion(ctx, cur.ID, values, ev)
	case err == nil || errors.Is(err, dao.ErrNotFound):
		v := &model.WeappVersion{AppID: appid, State: model.WeappCommitted, TemplateID: int64(req.TemplateID),
			ExtJSON: req.ExtJSON, UserVersion: req.UserVersion, UserDesc: req.UserDesc, CommittedAt: &now, StateAt: now}
		ev.FromState, ev.Detail = "", "提交代码 "+req.UserVersion
		err = s.store.CreateWeappVersion(ctx, v, ev)
	}
	if err != nil {
		return fmt.Errorf("record commit of %s: %w", appid, err)
	}
	return s.store.PutWeappAccount(ctx, appid, map[string]any{"exp_time": now.Unix(),
		"exp_version": req.UserVersion, "exp_desc": req.UserDesc})
}

// Pages lists the pages of the committed code (86001 when nothing is committed).
func (s *Service) Pages(ctx context.Context, appid string) ([]string, error) {
	if _, err := s.managed(ctx, appid); err != nil {
		return nil, err
	}
	pages, err := s.wx.GetPage(ctx, appid)
	return nonNil(pages), wxErr("get pages", err)
}

// Categories lists the service categories set on the account (audit items must use them).
func (s *Service) Categories(ctx context.Context, appid string) ([]api.Category, error) {
	if _, err := s.managed(ctx, appid); err != nil {
		return nil, err
	}
	list, err := s.wx.GetCategory(ctx, appid)
	return nonNil(list), wxErr("get categories", err)
}

// Media types UploadMedia takes (the console uploads images and videos).
var mediaTypes = map[string]bool{"image": true, "video": true, "voice": true, "thumb": true}

// UploadMedia uploads temporary media (valid 3 days) for the audit form: feedback screenshots
// and, as the console does, preview images and videos.
func (s *Service) UploadMedia(ctx context.Context, appid, mediaType, filename string, data []byte) (api.TempMedia, error) {
	switch {
	case !mediaTypes[mediaType]:
		return api.TempMedia{}, fmt.Errorf("upload media: %w: type must be image or video, not %q", ErrInvalid, mediaType)
	case len(data) == 0:
		return api.TempMedia{}, fmt.Errorf("upload media: %w: the file is empty", ErrInvalid)
	}
	if _, err := s.managed(ctx, appid); err != nil {
		return api.TempMedia{}, err
	}
	m, err := s.wx.UploadTempMedia(ctx, appid, mediaType, filename, data)
	return m, wxErr("upload media", err)
}

// UploadAuditMedia uploads an audit preview image or video (/wxa/uploadmedia) for
// previewInfo.
func (s *Service) UploadAuditMedia(ctx context.Context, appid, filename string, data []byte) (api.AuditMedia, error) {
	if len(data) == 0 {
		return api.AuditMedia{}, fmt.Errorf("upload audit media: %w: the file is empty", ErrInvalid)
	}
	if _, err := s.managed(ctx, appid); err != nil {
		return api.AuditMedia{}, err
	}
	m, err := s.wx.UploadAuditMedia(ctx, appid, filename, data)
	return m, wxErr("upload audit media", err)
}
