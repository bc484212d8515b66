// Package log builds the zap logger: JSON in release mode, readable console
// output in development.
package log

import (
	"fmt"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// New builds a logger at level ("debug", "info", "warn", "error"). release
// selects JSON output for log collectors.
func New(level string, release bool) (*zap.Logger, error) {
	var lvl zapcore.Level
	if err := lvl.Set(level); err != nil {
		return nil, fmt.Errorf("log level %q: %w", level, err)
	}
	cfg := zap.NewDevelopmentConfig()
	if release {
		cfg = zap.NewProductionConfig()
		cfg.EncoderConfig.TimeKey = "time"
		cfg.EncoderConfig.EncodeTime = zapcore.ISO8601TimeEncoder
	}
	cfg.Level = zap.NewAtomicLevelAt(lvl)
	cfg.DisableStacktrace = !release && lvl > zapcore.DebugLevel
	return cfg.Build()
}
