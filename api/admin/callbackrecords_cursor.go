package admin

import (
	"strconv"
	"strings"
	"time"

	"wxcomponent/db/dao"
)

// A records cursor is the place of the last row shown, "<receive time in unix nanoseconds>_<id>":
// the next page holds the rows after it in the list's order (receive time, then id, newest
// first). It carries the time itself, not only the id, so it stays valid when that row has
// since been pruned; the nanoseconds carry the stored time exactly (MySQL keeps milliseconds,
// SQLite whatever was written).

// encodeCursor renders k as a cursor.
func encodeCursor(k dao.RecordKey) string {
	return strconv.FormatInt(k.ReceiveTime.UnixNano(), 10) + "_" + strconv.FormatUint(uint64(k.ID), 10)
}

// decodeCursor parses a cursor; "" is no cursor (the first page).
func decodeCursor(s string) (*dao.RecordKey, bool) {
	if s == "" {
		return nil, true
	}
	ts, id, ok := strings.Cut(s, "_")
	if !ok {
		return nil, false
	}
	ns, err1 := strconv.ParseInt(ts, 10, 64)
	n, err2 := strconv.ParseUint(id, 10, 64)
	if err1 != nil || err2 != nil || ns < 0 || n == 0 || uint64(uint(n)) != n {
		return nil, false
	}
	return &dao.RecordKey{ReceiveTime: time.Unix(0, ns).UTC(), ID: uint(n)}, true
}
