package secrets

import (
	"context"

	"wxcomponent/comm/config"
)

// Status describes one credential without revealing it.
type Status struct {
	Configured bool   `json:"configured"`
	Source     string `json:"source"`
	Masked     string `json:"masked"`
}

// CallbackStatus describes the verification token and the EncodingAESKey.
type CallbackStatus struct {
	Token          Status `json:"token"`
	EncodingAESKey Status `json:"encodingAESKey"`
	// PreviousAESKey tells whether a rotated-out key is still accepted.
	PreviousAESKey bool `json:"previousEncodingAESKey"`
}

// CallbackStatus reports the callback credentials, masked.
func (s *Service) CallbackStatus(ctx context.Context) (CallbackStatus, error) {
	var out CallbackStatus
	var err error
	if out.Token, err = s.status(ctx, s.items[KeyToken]); err != nil {
		return out, err
	}
	if out.EncodingAESKey, err = s.status(ctx, s.items[KeyAESKey]); err != nil {
		return out, err
	}
	prev, err := s.PreviousAESKeys(ctx)
	out.PreviousAESKey = len(prev) > 0
	return out, err
}

// status reads one item and masks it.
func (s *Service) status(ctx context.Context, it *item) (Status, error) {
	v, src, err := s.read(ctx, it)
	if err != nil {
		return Status{}, err
	}
	return Status{Configured: v != "", Source: src, Masked: config.Mask(v)}, nil
}
