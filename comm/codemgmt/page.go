package codemgmt

import (
	"context"

	"go.uber.org/zap"

	"wxcomponent/comm/wx/api"
)

// VersionPage is the version page (contract: GET /admin/dev-versions): the stored versions and
// the QR codes of the online and experience versions.
type VersionPage struct {
	*Versions
	// ReleaseQRCode and ExpQRCode are nil when there is no such version, or when WeChat could not
	// draw it: a missing picture must not hide the versions, so that failure is only logged.
	ReleaseQRCode *api.Image
	ExpQRCode     *api.Image
}

// VersionPage returns DevVersions with the QR codes the page shows: two WeChat calls per view
// (as the original page made), none when the account has neither version.
func (s *Service) VersionPage(ctx context.Context, appid string, refresh bool) (*VersionPage, error) {
	v, err := s.DevVersions(ctx, appid, refresh)
	if err != nil {
		return nil, err
	}
	page := &VersionPage{Versions: v}
	if v.ReleaseInfo != nil {
		page.ReleaseQRCode = s.pictureOrNil(appid, "release qrcode", func() (api.Image, error) {
			return s.wx.GetUnlimitedQRCode(ctx, appid, api.WxaCodeRequest{Scene: "wxcomponent"})
		})
	}
	if v.ExpInfo != nil {
		page.ExpQRCode = s.pictureOrNil(appid, "experience qrcode", func() (api.Image, error) {
			return s.wx.GetQRCode(ctx, appid, "")
		})
	}
	return page, nil
}

// pictureOrNil runs fetch; a failure is logged and gives nil.
func (s *Service) pictureOrNil(appid, op string, fetch func() (api.Image, error)) *api.Image {
	img, err := fetch()
	if err != nil {
		s.log.Warn("version page picture", zap.String("appid", appid), zap.String("op", op), zap.Error(wxErr(op, err)))
		return nil
	}
	return &img
}
