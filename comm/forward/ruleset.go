package forward

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// snapshot is the rule set at one reload: active rules by what they match, every rule by id.
type snapshot struct {
	component map[string]*Rule // by InfoType
	biz       map[bizKey]*Rule
	byID      map[uint]*Rule
}

type bizKey struct{ msgType, event string }

// ruleSet is the in-memory copy of the rules that the push path matches against: reloaded from
// the database every ReloadInterval (so a change made on another instance applies within
// seconds) and at once after a change made here. Go maps compare bytes, so matching is exact
// even where MySQL's collation would not be.
type ruleSet struct {
	cur atomic.Pointer[snapshot] // nil until the first reload
	mu  sync.Mutex               // one reload at a time
}

// match finds the active rule for a push: a component push by InfoType, a biz push by MsgType
// and Event (a rule's empty Event matches only pushes without one). nil when none.
func (s *ruleSet) match(component bool, infoType, msgType, event string) *Rule {
	snap := s.cur.Load()
	if snap == nil {
		return nil
	}
	if component {
		return snap.component[infoType]
	}
	return snap.biz[bizKey{msgType, event}]
}

// byID finds a rule (active or not) by id.
func (s *ruleSet) byID(id uint) *Rule {
	if snap := s.cur.Load(); snap != nil {
		return snap.byID[id]
	}
	return nil
}

// reload replaces the snapshot with the rules (keys opened) that load returns.
func (s *ruleSet) reload(ctx context.Context, load func(context.Context) ([]Rule, error)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rules, err := load(ctx)
	if err != nil {
		return fmt.Errorf("reload forwarding rules: %w", err)
	}
	snap := &snapshot{component: map[string]*Rule{}, biz: map[bizKey]*Rule{}, byID: make(map[uint]*Rule, len(rules))}
	for i := range rules {
		r := &rules[i]
		snap.byID[r.ID] = r
		if !r.Active() {
			continue
		}
		if r.Component() {
			snap.component[r.InfoType] = r
		} else {
			snap.biz[bizKey{r.MsgType, r.Event}] = r
		}
	}
	s.cur.Store(snap)
	return nil
}
