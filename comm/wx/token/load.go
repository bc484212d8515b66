package token

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.uber.org/zap"

	"wxcomponent/db/dao"
	"wxcomponent/db/model"
)

// errSkipped: a background refresh found another instance already at work.
var errSkipped = errors.New("refresh skipped: another instance holds the lease")

// get serves a token: from memory when fresh, else through one shared load
// per key in this process.
func (m *Manager) get(ctx context.Context, k key) (Token, error) {
	if tok, ok := m.cache.fresh(k, m.o.Now(), m.o.MemoryTTL); ok {
		return tok, nil
	}
	ch := m.sf.DoChan("fg:"+k.String(), func() (any, error) {
		// Detached from the first caller: its cancellation must not fail the others.
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), m.o.LeaseWait+m.o.LeaseTTL)
		defer cancel()
		return m.load(lctx, k, false)
	})
	select {
	case <-ctx.Done():
		return Token{}, ctx.Err()
	case res := <-ch:
		if res.Err != nil {
			return Token{}, res.Err
		}
		return res.Val.(Token), nil
	}
}

// load reads the database row and refreshes under the lease when it is not
// good enough. background asks for a row not yet due for refresh; otherwise
// any row before its hard expiry will do.
func (m *Manager) load(ctx context.Context, k key, background bool) (Token, error) {
	tok, ok, err := m.fromDB(ctx, k, background)
	if err != nil {
		if cached, ok := m.cache.usable(k, m.o.Now()); ok && !background {
			m.log.Warn("token store unreachable, serving the token in memory", zap.Stringer("token_key", k), zap.Error(err))
			return cached, nil
		}
		return Token{}, err
	}
	if ok {
		return tok, nil
	}
	return m.refreshUnderLease(ctx, k, background)
}

// fromDB adopts the database row when it is good enough.
func (m *Manager) fromDB(ctx context.Context, k key, background bool) (Token, bool, error) {
	row, err := m.store.GetWxToken(ctx, int(k.kind), k.appid)
	if errors.Is(err, dao.ErrNotFound) {
		return Token{}, false, nil
	}
	if err != nil {
		return Token{}, false, err
	}
	now := m.o.Now()
	tok, due := m.fromRow(row)
	if row.Token == "" || !now.Before(tok.ExpiresAt) || background && !now.Before(due) {
		return Token{}, false, nil
	}
	m.cache.put(k, tok, due, now)
	return tok, true, nil
}

// fromRow rebuilds a token and its refresh time from a wxtoken row: the row
// keeps the hard expiry, and updatetime is when it was fetched. Rows written
// by the original template (expiry = fetch + 2 h − 1 min) fit the same rule.
func (m *Manager) fromRow(row model.WxToken) (Token, time.Time) {
	hard := row.ExpireTime.UTC()
	fetched := row.UpdateTime.UTC()
	if fetched.IsZero() || !fetched.Before(hard) {
		fetched = hard.Add(-(2*time.Hour - m.o.HardMargin))
	}
	life := hard.Sub(fetched) + m.o.HardMargin
	return Token{Value: row.Token, ExpiresAt: hard}, m.dueTime(fetched, life, row.Token)
}

// schedule computes the hard expiry and background refresh time of a token
// fetched at fetched with WeChat's expires_in.
func (m *Manager) schedule(fetched time.Time, expiresIn int64, value string) (hard, due time.Time) {
	life := time.Duration(expiresIn) * time.Second
	if life <= 0 {
		life = 2 * time.Hour // WeChat's documented lifetime when the answer omits it
	}
	margin := min(m.o.HardMargin, life/4)
	return fetched.Add(life - margin), m.dueTime(fetched, life, value)
}

// dueTime is fetched + life × (RefreshAt ± Jitter), the jitter derived from the token.
func (m *Manager) dueTime(fetched time.Time, life time.Duration, value string) time.Time {
	share := m.o.RefreshAt + m.o.Jitter*spread(value)
	return fetched.Add(time.Duration(float64(life) * share))
}

// refreshUnderLease takes the cluster-wide lease of k, looks at the database
// again (another instance may have refreshed while we waited), and only then
// calls WeChat. Without the lease it waits for the holder's result.
func (m *Manager) refreshUnderLease(ctx context.Context, k key, background bool) (Token, error) {
	if err := m.prepare(ctx, k); err != nil {
		return Token{}, err
	}
	name := "wxtoken:" + k.String()
	for waited := time.Duration(0); ; waited += m.o.LeasePoll {
		owner := m.o.InstanceID + "-" + newID()
		got, err := m.store.AcquireLease(ctx, name, owner, m.o.LeaseTTL)
		if err != nil {
			return Token{}, err
		}
		if got {
			return m.refreshHolding(ctx, k, background, name, owner)
		}
		if background {
			return Token{}, errSkipped
		}
		if waited >= m.o.LeaseWait {
			return Token{}, fmt.Errorf("%w (%s)", ErrLeaseBusy, k)
		}
		if err := sleep(ctx, m.o.LeasePoll); err != nil {
			return Token{}, err
		}
		if tok, ok, err := m.fromDB(ctx, k, false); err != nil || ok {
			return tok, err
		}
	}
}

// refreshHolding runs with the lease held and always releases it.
func (m *Manager) refreshHolding(ctx context.Context, k key, background bool, name, owner string) (Token, error) {
	defer func() {
		if err := m.store.ReleaseLease(context.WithoutCancel(ctx), name, owner); err != nil {
			m.log.Warn("release token lease", zap.Stringer("token_key", k), zap.Error(err))
		}
	}()
	if tok, ok, err := m.fromDB(ctx, k, background); err != nil || ok {
		return tok, err
	}
	// Stop before the lease runs out, so two instances never call WeChat at once.
	cctx, cancel := context.WithTimeout(ctx, m.o.LeaseTTL-m.o.LeaseTTL/5)
	defer cancel()
	return m.fetchAndStore(cctx, k)
}

// fetchAndStore calls WeChat and persists the new token.
func (m *Manager) fetchAndStore(ctx context.Context, k key) (Token, error) {
	fetched := m.o.Now()
	value, expiresIn, err := m.fetch(ctx, k)
	if err != nil {
		return Token{}, fmt.Errorf("refresh %s token: %w", k, err)
	}
	hard, due := m.schedule(fetched, expiresIn, value)
	row := model.WxToken{Type: int(k.kind), AppID: k.appid, Token: value, ExpireTime: hard, UpdateTime: fetched.UTC()}
	if err := m.store.UpsertWxToken(ctx, row); err != nil {
		// Still serve it: the next instance will fetch its own, which is
		// better than failing the caller with a valid token in hand.
		m.log.Error("persist refreshed token", zap.Stringer("token_key", k), zap.Error(err))
	}
	tok := Token{Value: value, ExpiresAt: hard}
	m.cache.put(k, tok, due, m.o.Now())
	m.log.Info("token refreshed", zap.Stringer("token_key", k), zap.Time("expires_at", hard))
	return tok, nil
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
