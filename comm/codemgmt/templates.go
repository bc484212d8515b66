package codemgmt

import (
	"context"
	"fmt"

	"wxcomponent/comm/wx/api"
)

// The template library is the platform's (component token), not an account's.

// TemplateDrafts lists the draft box (code uploaded from the developer tools).
func (s *Service) TemplateDrafts(ctx context.Context) ([]api.TemplateDraft, error) {
	list, err := s.wx.GetTemplateDraftList(ctx)
	return nonNil(list), wxErr("list template drafts", err)
}

// AddToTemplate copies a draft into the library as an api.TemplateNormal or
// api.TemplateStandard template.
func (s *Service) AddToTemplate(ctx context.Context, draftID int64, templateType int) error {
	if templateType != api.TemplateNormal && templateType != api.TemplateStandard {
		return fmt.Errorf("add to template: %w: template type must be 0 (normal) or 1 (standard)", ErrInvalid)
	}
	return wxErr("add to template", s.wx.AddToTemplate(ctx, draftID, templateType))
}

// Templates lists the library; templateType nil lists both types.
func (s *Service) Templates(ctx context.Context, templateType *int) ([]api.Template, error) {
	if t := templateType; t != nil && *t != api.TemplateNormal && *t != api.TemplateStandard {
		return nil, fmt.Errorf("list templates: %w: template type must be 0 or 1", ErrInvalid)
	}
	list, err := s.wx.GetTemplateList(ctx, templateType)
	return nonNil(list), wxErr("list templates", err)
}

// DeleteTemplate removes a template from the library.
func (s *Service) DeleteTemplate(ctx context.Context, templateID int64) error {
	return wxErr("delete template", s.wx.DeleteTemplate(ctx, templateID))
}

// nonNil turns a nil list into an empty one, so answers show [] rather than null.
func nonNil[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}
