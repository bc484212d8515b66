// Package dao is the one Store through which the service reads and writes the
// database; one file per resource.
package dao

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("not found")

// Store wraps the GORM handle and the clock. A Store handed to an InTx callback is bound to that
// transaction: everything done through it commits or rolls back together.
type Store struct {
	db      *gorm.DB
	dialect string
	now     func() time.Time
	inTx    bool // db is a transaction; InTx joins it instead of opening another
}

// New builds a Store. now is injected so tests control time.
func New(db *gorm.DB, dialect string, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: db, dialect: dialect, now: now}
}

// DB exposes the handle to the wiring that migrates and closes the database, and to tests that
// arrange rows directly. Production packages outside db/ use Store's methods and InTx, so the
// transaction boundary stays here and only db/ imports GORM.
func (s *Store) DB() *gorm.DB { return s.db }

// InTx runs fn in one transaction: it commits when fn returns nil and rolls back when fn returns
// an error or panics. fn gets a Store bound to the transaction (use it, not s, inside fn), so a
// caller can store records and enqueue their follow-up jobs atomically without touching the
// database handle. Called on a Store that is already bound to a transaction, fn joins it. The
// error is fn's own, unwrapped, so callers can test it with errors.Is (or that of BEGIN/COMMIT).
func (s *Store) InTx(ctx context.Context, fn func(tx *Store) error) error {
	if s.inTx {
		return fn(s)
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(&Store{db: tx, dialect: s.dialect, now: s.now, inTx: true})
	})
}

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

// InTxRetrying is InTx run again (up to three times) when the database chose the transaction
// as a deadlock victim or a lock wait timed out: InnoDB rolls the victim back whole, so the next
// run starts clean. fn must touch nothing but tx. Two instances, or an operator's action and a
// worker, updating the same rows in a different order meet exactly this way.
func (s *Store) InTxRetrying(ctx context.Context, fn func(tx *Store) error) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = s.InTx(ctx, fn); !IsTransient(err) {
			return err
		}
	}
	return err
}
