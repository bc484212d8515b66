package ingest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.uber.org/zap"

	"wxcomponent/db/dao"
)

// TableCount is a bounded row count of one push table; AtLeast means the count stopped at
// its cap and the table holds more.
type TableCount struct {
	Table   string
	Rows    int64
	AtLeast bool
}

// String renders the count for the operator, e.g. "≥1000000 in wxcallback_biz".
func (c TableCount) String() string {
	if c.AtLeast {
		return fmt.Sprintf("≥%d in %s", c.Rows, c.Table)
	}
	return fmt.Sprintf("%d in %s", c.Rows, c.Table)
}

// Preview is what the retention does at the next prune.
type Preview struct {
	Before  time.Time    // pushes received before this go
	Removed []TableCount // what the next prune deletes
	Since   time.Time    // pushes received before this are spared (zero: none)
	Spared  []TableCount // the pre-upgrade history the default retention keeps
	MaxRows int64        // the cap per table (0: none)
	Capped  []TableCount // rows beyond the cap, some of which may also be past Before
}

// Preview counts, per table, what the next prune removes and what pre-upgrade history it keeps.
func (p *Pruner) Preview(ctx context.Context) (Preview, error) {
	pv := Preview{Before: p.now().UTC().Add(-p.r.Keep), Since: p.r.Since, MaxRows: max(p.r.MaxRows, 0)}
	var err error
	if w, ok := p.window(); ok {
		if pv.Removed, err = p.count(ctx, w); err != nil {
			return pv, err
		}
	}
	if !p.r.Since.IsZero() && p.r.Keep > 0 {
		if pv.Spared, err = p.count(ctx, dao.ReceivedWindow{Before: p.r.Since}); err != nil {
			return pv, err
		}
	}
	if pv.MaxRows > 0 {
		pv.Capped, err = p.countBeyondCap(ctx)
	}
	return pv, err
}

// countBeyondCap counts, per table, the rows beyond the cap, each up to previewCap.
func (p *Pruner) countBeyondCap(ctx context.Context) ([]TableCount, error) {
	out := make([]TableCount, 0, len(pushTables))
	for _, table := range pushTables {
		cut, err := p.store.RecordsCutoffID(ctx, table, p.r.MaxRows)
		var n int64
		if err == nil && cut > 0 {
			n, err = p.store.CountRecordsUpToID(ctx, table, cut, previewCap)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, TableCount{Table: table, Rows: n, AtLeast: n >= previewCap})
	}
	return out, nil
}

// count counts w in both push tables, each up to previewCap.
func (p *Pruner) count(ctx context.Context, w dao.ReceivedWindow) ([]TableCount, error) {
	out := make([]TableCount, 0, len(pushTables))
	for _, table := range pushTables {
		n, err := p.store.CountRecords(ctx, table, w, previewCap)
		if err != nil {
			return nil, err
		}
		out = append(out, TableCount{Table: table, Rows: n, AtLeast: n >= previewCap})
	}
	return out, nil
}

// Announce logs and prints what the retention removes at its first prune, so history never
// disappears silently.
func (p *Pruner) Announce(ctx context.Context) {
	pv, err := p.Preview(ctx)
	if err != nil {
		if ctx.Err() == nil {
			p.log.Warn("count pushes the retention removes", zap.Error(err))
		}
		return
	}
	msg := pv.Message(p.r.Keep)
	p.log.Info(msg)
	fmt.Fprintln(p.out, msg)
}

// Message is the operator's one-line summary of the preview.
func (pv Preview) Message(keep time.Duration) string {
	var b strings.Builder
	if keep > 0 {
		fmt.Fprintf(&b, "Retention (%d days): the first prune removes pushes received before %s: %s",
			int(keep/(24*time.Hour)), pv.Before.Format(time.DateOnly), joinCounts(pv.Removed))
		if !pv.Since.IsZero() {
			fmt.Fprintf(&b, "; history from before the upgrade of %s is kept (%s) until RECORD_RETENTION_DAYS is set explicitly",
				pv.Since.Format(time.DateTime+" MST"), joinCounts(pv.Spared))
		}
	} else {
		b.WriteString("Retention: pushes are kept whatever their age")
	}
	if pv.MaxRows > 0 {
		fmt.Fprintf(&b, "; the cap of %d pushes per table (RECORD_RETENTION_MAX_ROWS, every push counts) removes the oldest: %s",
			pv.MaxRows, joinCounts(pv.Capped))
	}
	return b.String() + "."
}

// joinCounts renders counts as "N in t1, M in t2" ("none" when there is nothing).
func joinCounts(cs []TableCount) string {
	if len(cs) == 0 {
		return "none"
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.String()
	}
	return strings.Join(parts, ", ")
}
