package secrets

import (
	"context"
	"fmt"
	"strings"
)

// SetAppSecret validates and stores the AppSecret, then runs the change hook
// so the component token fetched with the previous secret is dropped.
func (s *Service) SetAppSecret(ctx context.Context, value string) error {
	it := s.items[KeyAppSecret]
	changed, err := s.set(ctx, it, value)
	if err != nil || !changed || s.o.OnAppSecretChange == nil {
		return err
	}
	if err := s.o.OnAppSecretChange(ctx); err != nil {
		return fmt.Errorf("AppSecret saved, but dropping the old component token failed: %w", err)
	}
	return nil
}

// SetToken validates and stores the message verification token.
func (s *Service) SetToken(ctx context.Context, value string) error {
	_, err := s.set(ctx, s.items[KeyToken], value)
	return err
}

// SetAESKey validates and stores the EncodingAESKey; the key it replaces is
// kept as the previous key so pushes still in flight keep decrypting.
func (s *Service) SetAESKey(ctx context.Context, value string) error {
	it := s.items[KeyAESKey]
	if err := s.check(it, value); err != nil {
		return err
	}
	old, _, err := s.read(ctx, it)
	if err == nil && old == strings.TrimSpace(value) {
		return nil
	}
	if err == nil && old != "" { // an undecryptable old key is of no use during rotation
		if err := s.store(ctx, keyPrevAESKey, old); err != nil {
			return fmt.Errorf("keep previous EncodingAESKey: %w", err)
		}
		s.remember(keyPrevAESKey, old, SourceConsole, s.o.Now())
	}
	_, err = s.set(ctx, it, value)
	return err
}

// check rejects env-provided items and malformed values.
func (s *Service) check(it *item, value string) error {
	if it.env != "" {
		return fmt.Errorf("%s is %w (%s); change it there", it.name, ErrEnvProvided, it.envVar)
	}
	if !it.valid.MatchString(strings.TrimSpace(value)) {
		return &ValidationError{Msg: it.rule}
	}
	return nil
}

// set validates and stores a value; it reports whether the value changed.
func (s *Service) set(ctx context.Context, it *item, value string) (bool, error) {
	value = strings.TrimSpace(value)
	if err := s.check(it, value); err != nil {
		return false, err
	}
	old, _, err := s.read(ctx, it)
	if err == nil && old == value {
		return false, nil
	}
	// An undecryptable old value is simply replaced: that is how it is fixed.
	if err := s.store(ctx, it.key, value); err != nil {
		return false, fmt.Errorf("save %s: %w", it.name, err)
	}
	s.remember(it.key, value, SourceConsole, s.o.Now())
	return true, nil
}
