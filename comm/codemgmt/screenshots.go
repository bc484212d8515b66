package codemgmt

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"go.uber.org/zap"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// maxScreenshot bounds a stored screenshot; a bigger one stays fetchable from WeChat only.
const maxScreenshot = 4 << 20

// storeScreenshots fetches a rejection's screenshots and stores them, best effort: a failure is
// logged and Screenshot fetches the image again when it is asked for.
func (s *Service) storeScreenshots(ctx context.Context, appid string, ids []string) {
	for _, id := range ids {
		if _, err := s.fetchScreenshot(ctx, appid, id); err != nil {
			s.log.Warn("fetch audit screenshot", zap.String("appid", appid), zap.String("media_id", id), zap.Error(err))
		}
	}
}

// Screenshot returns an audit screenshot of appid: the stored copy, or fetched from WeChat
// (get_material) and stored. Only ids named by one of appid's stored rejections are served.
func (s *Service) Screenshot(ctx context.Context, appid, mediaID string) (api.Image, error) {
	if appid == "" || mediaID == "" {
		return api.Image{}, fmt.Errorf("screenshot: %w: appid and media id are required", ErrInvalid)
	}
	shot, err := s.store.GetWeappScreenshot(ctx, appid, mediaID)
	if err == nil {
		return api.Image{ContentType: shot.ContentType, Data: shot.Data}, nil
	}
	if !errors.Is(err, dao.ErrNotFound) {
		return api.Image{}, err
	}
	if ok, err := s.knownScreenshot(ctx, appid, mediaID); err != nil || !ok {
		return api.Image{}, errors.Join(err, fmt.Errorf("screenshot %s of %s: %w", mediaID, appid, ErrNotFound))
	}
	return s.fetchScreenshot(ctx, appid, mediaID)
}

// knownScreenshot tells whether one of appid's versions names mediaID as a screenshot.
func (s *Service) knownScreenshot(ctx context.Context, appid, mediaID string) (bool, error) {
	vs, err := s.store.ListWeappVersions(ctx, appid, 0)
	if err != nil {
		return false, err
	}
	for _, v := range vs {
		if slices.Contains(api.AuditStatus{ScreenShot: v.ScreenShot}.Screenshots(), mediaID) {
			return true, nil
		}
	}
	return false, nil
}

// fetchScreenshot downloads one screenshot and stores it unless it is too big.
func (s *Service) fetchScreenshot(ctx context.Context, appid, mediaID string) (api.Image, error) {
	if shot, err := s.store.GetWeappScreenshot(ctx, appid, mediaID); err == nil {
		return api.Image{ContentType: shot.ContentType, Data: shot.Data}, nil // stored meanwhile
	}
	img, err := s.wx.GetMaterial(ctx, appid, mediaID)
	if err != nil {
		return api.Image{}, wxErr("fetch screenshot", err)
	}
	if len(img.Data) > maxScreenshot {
		return img, nil
	}
	err = s.store.PutWeappScreenshot(ctx, &model.WeappScreenshot{AppID: appid, MediaID: mediaID,
		ContentType: img.ContentType, Data: img.Data})
	return img, err
}
