package token

import (
	"testing"

	"wxcomponent/db"
)

// BenchmarkComponentTokenCached measures a token served from memory, the
// path every WeChat call and every /inner request takes.
func BenchmarkComponentTokenCached(b *testing.B) {
	h := newHarness(b, db.SQLite, nil)
	h.pushTicket()
	if _, err := h.mgr.Component(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := h.mgr.Component(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
