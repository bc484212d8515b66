package wxsim

import (
	"strings"
	"sync"
	"time"
)

// Fault makes the next Count calls of API misbehave. Set Errcode for a WeChat error answer,
// HTTPStatus for a transport-level failure (e.g. 502), Delay to slow the answer down; a delay
// may be combined with either of the others.
type Fault struct {
	// API is a path (/cgi-bin/component/api_component_token) or its last segment.
	API        string        `json:"api"`
	Errcode    int           `json:"errcode,omitempty"`
	HTTPStatus int           `json:"httpStatus,omitempty"`
	Delay      time.Duration `json:"-"`
	// Count is how many calls the fault affects; 0 means 1.
	Count int `json:"count"`
}

// faultBook counts calls, holds queued faults and enforces daily quotas, per API path.
type faultBook struct {
	mu     sync.Mutex
	calls  map[string]int
	queue  map[string][]Fault
	quota  map[string]int
	used   map[string]int
	usedOn string // Beijing date the used counters belong to
}

// newFaultBook builds an empty book.
func newFaultBook() *faultBook {
	return &faultBook{calls: map[string]int{}, queue: map[string][]Fault{}, quota: map[string]int{},
		used: map[string]int{}}
}

// arrive counts a call and returns the fault that applies to it, if any.
func (b *faultBook) arrive(path string) (Fault, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.calls[path]++
	q := b.queue[path]
	if len(q) == 0 {
		return Fault{}, false
	}
	f := q[0]
	if q[0].Count--; q[0].Count <= 0 {
		q = q[1:]
	}
	if len(q) == 0 {
		delete(b.queue, path)
	} else {
		b.queue[path] = q
	}
	return f, true
}

// add queues a fault behind any already queued for the same path.
func (b *faultBook) add(path string, f Fault) {
	if f.Count <= 0 {
		f.Count = 1
	}
	f.API = path
	b.mu.Lock()
	defer b.mu.Unlock()
	b.queue[path] = append(b.queue[path], f)
}

// clear drops every queued fault.
func (b *faultBook) clear() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.queue = map[string][]Fault{}
}

// count returns how many calls path received.
func (b *faultBook) count(path string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.calls[path]
}

// counts copies all call counters.
func (b *faultBook) counts() map[string]int {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make(map[string]int, len(b.calls))
	for k, v := range b.calls {
		out[k] = v
	}
	return out
}

// setQuota sets (limit > 0) or removes (limit <= 0) the daily limit of path.
func (b *faultBook) setQuota(path string, limit int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if limit <= 0 {
		delete(b.quota, path)
		return
	}
	b.quota[path] = limit
}

// spend uses one unit of path's daily quota and reports false when it is exhausted. Quotas reset
// at midnight Beijing time, like WeChat's.
func (b *faultBook) spend(path string, now time.Time) bool {
	day := now.In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly)
	b.mu.Lock()
	defer b.mu.Unlock()
	if day != b.usedOn {
		b.used, b.usedOn = map[string]int{}, day
	}
	limit, limited := b.quota[path]
	if limited && b.used[path] >= limit {
		return false
	}
	b.used[path]++
	return true
}

// resolveAPI turns a short API name into its route path, so tests may write "api_query_auth".
func (s *Sim) resolveAPI(api string) string {
	if strings.HasPrefix(api, "/") {
		return api
	}
	for path := range s.routes {
		if path[strings.LastIndex(path, "/")+1:] == api {
			return path
		}
	}
	for _, path := range authPagePaths() {
		if path[strings.LastIndex(path, "/")+1:] == api {
			return path // first match wins: the older /safe/ page needs its full path
		}
	}
	return "/" + api
}

// SetFault queues a fault for the next f.Count calls of f.API.
func (s *Sim) SetFault(f Fault) { s.faults.add(s.resolveAPI(f.API), f) }

// ClearFaults drops all queued faults.
func (s *Sim) ClearFaults() { s.faults.clear() }

// SetDailyQuota limits api to limit successful calls per day (45009 beyond); limit <= 0 removes it.
func (s *Sim) SetDailyQuota(api string, limit int) { s.faults.setQuota(s.resolveAPI(api), limit) }

// CallCount returns how many requests api received, faulted ones included.
func (s *Sim) CallCount(api string) int { return s.faults.count(s.resolveAPI(api)) }

// CallCounts returns the request count of every API path seen so far.
func (s *Sim) CallCounts() map[string]int { return s.faults.counts() }
