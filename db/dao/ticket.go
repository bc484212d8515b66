package dao

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"wxcomponent/db/model"
)

// SaveComponentTicket records a ticket for appid unless it equals the newest
// one (WeChat retries a push it thinks failed), keeps only the newest keep
// rows of appid and, when legacy is set, mirrors the ticket into comm `ticket`
// for tools that read the original key. All in one transaction.
func (s *Store) SaveComponentTicket(ctx context.Context, appid, ticket string, receivedAt time.Time, keep int, legacy bool) error {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := insertTicketIfNew(tx, appid, ticket, receivedAt.UTC()); err != nil {
			return err
		}
		if err := pruneTickets(tx, appid, keep); err != nil {
			return err
		}
		if !legacy {
			return nil
		}
		return (&Store{db: tx, dialect: s.dialect, now: s.now}).SetKV(ctx, model.KVTicket, ticket)
	})
	if err != nil {
		return fmt.Errorf("save component ticket of %s: %w", appid, err)
	}
	return nil
}

// insertTicketIfNew inserts the ticket unless the newest row already holds it.
func insertTicketIfNew(tx *gorm.DB, appid, ticket string, at time.Time) error {
	var last model.ComponentTicket
	err := tx.Where("appid = ?", appid).Order("received_at DESC, id DESC").Take(&last).Error
	if err == nil && last.Ticket == ticket {
		return nil
	}
	if err != nil && !errors.Is(notFound(err), ErrNotFound) {
		return err
	}
	return tx.Create(&model.ComponentTicket{AppID: appid, Ticket: ticket, ReceivedAt: at}).Error
}

// pruneTickets deletes all but the newest keep rows of appid. MySQL cannot
// DELETE with a LIMIT subquery on the same table, hence select-then-delete.
func pruneTickets(tx *gorm.DB, appid string, keep int) error {
	var old []uint
	err := tx.Model(&model.ComponentTicket{}).Where("appid = ?", appid).
		Order("received_at DESC, id DESC").Offset(keep).Limit(1000).Pluck("id", &old).Error
	if err != nil || len(old) == 0 {
		return err
	}
	return tx.Where("id IN ?", old).Delete(&model.ComponentTicket{}).Error
}

// LatestComponentTicket returns the newest ticket of appid; ErrNotFound when none.
func (s *Store) LatestComponentTicket(ctx context.Context, appid string) (model.ComponentTicket, error) {
	var row model.ComponentTicket
	err := s.db.WithContext(ctx).Where("appid = ?", appid).Order("received_at DESC, id DESC").Take(&row).Error
	if err != nil {
		return row, fmt.Errorf("latest component ticket of %s: %w", appid, notFound(err))
	}
	return row, nil
}

// LegacyTicket returns the comm `ticket` value and when it was last written,
// for deployments upgraded from the original template before any new push.
func (s *Store) LegacyTicket(ctx context.Context) (string, time.Time, error) {
	var row model.Comm
	if err := s.db.WithContext(ctx).Where("`key` = ?", model.KVTicket).Take(&row).Error; err != nil {
		return "", time.Time{}, fmt.Errorf("get legacy ticket: %w", notFound(err))
	}
	return row.Value, row.UpdateTime, nil
}
