// Package dao is the one Store through which the service reads and writes the
// database; one file per resource.
package dao

import (
	"errors"
	"time"

	"gorm.io/gorm"
)

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("not found")

// Store wraps the GORM handle and the clock.
type Store struct {
	db      *gorm.DB
	dialect string
	now     func() time.Time
}

// New builds a Store. now is injected so tests control time.
func New(db *gorm.DB, dialect string, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: db, dialect: dialect, now: now}
}

// DB exposes the handle for packages that own their own tables (jobs, ingest).
func (s *Store) DB() *gorm.DB { return s.db }

// Dialect tells whether the store runs on "mysql" or "sqlite".
func (s *Store) Dialect() string { return s.dialect }

// Now is the store's clock, in UTC.
func (s *Store) Now() time.Time { return s.now().UTC() }

// notFound maps GORM's missing-row error to ErrNotFound, so callers need not import GORM.
func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return err
}
