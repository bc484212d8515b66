package ingest

import (
	"context"
	"crypto/sha1" //nolint:gosec // an identifier, not a security boundary
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"

	"wxcomponent/comm/callback"
	"wxcomponent/comm/jobs"
	"wxcomponent/comm/wx/msg"
	"wxcomponent/db/model"
)

// Limits of the record columns (db/model/callbackrecord.go).
const (
	maxLabelLen = 64  // infotype, tousername, appid, msgtype, event (characters)
	maxKeyLen   = 191 // dedupekey (characters; all keys are ASCII)
	// maxCreateTime is 9999-12-31 23:59:59, the end of MySQL's DATETIME range.
	maxCreateTime = 253402300799
)

// StoreComponent stores a push received on the authorization-event URL and, if it is new,
// the component_push job of the InfoTypes that need processing. It returns after the commit.
func (w *Writer) StoreComponent(ctx context.Context, p *callback.Push) (Result, error) {
	return w.Submit(ctx, ComponentRecord(p))
}

// StoreBiz stores a push received on the message-and-event URL of authorizer appid.
func (w *Writer) StoreBiz(ctx context.Context, appid string, p *callback.Push) (Result, error) {
	return w.Submit(ctx, BizRecord(appid, p))
}

// ComponentRecord maps a component push to its wxcallback_component row and follow-up job.
func ComponentRecord(p *callback.Push) Record {
	m := p.Msg
	key := fitKey(p.DedupeKey)
	rec := Record{Component: &model.ComponentCallbackRecord{
		ReceiveTime: p.ReceivedAt.UTC(),
		CreateTime:  createTime(m.CreateTime),
		InfoType:    label(m.InfoType),
		DedupeKey:   &key,
	}}
	rec.Component.PostBody, rec.Component.Flags = storedBody(p)
	if ComponentJobWanted(m.InfoType) {
		rec.Jobs = func(id uint) []jobs.NewJob {
			return []jobs.NewJob{{Kind: KindComponentPush, Payload: newComponentPush(id, p), DedupeKey: key}}
		}
	}
	return rec
}

// BizRecord maps a message/event push to its wxcallback_biz row and follow-up job. The dedupe
// key is scoped by the authenticated ToUserName, so equal message ids of two accounts never
// merge.
func BizRecord(appid string, p *callback.Push) Record {
	m := p.Msg
	scope := m.ToUserName
	if scope == "" {
		scope = appid
	}
	key := fitKey("biz:" + scope + ":" + p.DedupeKey)
	rec := Record{Biz: &model.BizCallbackRecord{
		ReceiveTime: p.ReceivedAt.UTC(),
		CreateTime:  createTime(m.CreateTime),
		ToUserName:  label(m.ToUserName),
		AppID:       label(appid),
		MsgType:     label(m.MsgType),
		Event:       label(m.Event),
		DedupeKey:   &key,
	}}
	rec.Biz.PostBody, rec.Biz.Flags = storedBody(p)
	if BizJobWanted(m) {
		rec.Jobs = func(id uint) []jobs.NewJob {
			return []jobs.NewJob{{Kind: KindBizPush, Payload: newBizPush(id, appid, p), DedupeKey: key}}
		}
	}
	return rec
}

// createTime converts the push's CreateTime; 0 (absent) stays the Unix epoch, and values a
// DATETIME column cannot hold become 0 rather than failing the write.
func createTime(sec int64) time.Time {
	if sec < 0 || sec > maxCreateTime {
		sec = 0
	}
	return time.Unix(sec, 0).UTC()
}

// label trims a value to its VARCHAR(64) column; the full value stays in postbody.
func label(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= maxLabelLen {
		return s
	}
	return string([]rune(s)[:maxLabelLen])
}

// storedBody returns the push's body as stored and its flags. Bytes that are not UTF-8 (which
// MySQL refuses) are stored as base64, so even such a push is kept exactly, never as a lossy
// copy; a push whose content did not decode is flagged so the viewer shows it for what it is.
func storedBody(p *callback.Push) (body, flags string) {
	var f []string
	if p.Unparsed {
		f = append(f, model.FlagUnparsed)
	}
	body = string(p.Plain)
	if !utf8.Valid(p.Plain) {
		body = base64.StdEncoding.EncodeToString(p.Plain)
		f = append(f, model.FlagBase64)
	}
	return body, strings.Join(f, ",")
}

// fitKey keeps a dedupe key within its column by hashing longer ones.
func fitKey(k string) string {
	if len(k) <= maxKeyLen {
		return k
	}
	sum := sha1.Sum([]byte(k)) //nolint:gosec // see import
	return "sha1:" + hex.EncodeToString(sum[:])
}

// ComponentJobWanted tells which component pushes need processing after they are stored; the
// others (notify_third_*, unknown types) are stored only, for now.
func ComponentJobWanted(infoType string) bool {
	switch infoType {
	case msg.InfoTicket, msg.InfoAuthorized, msg.InfoUpdateAuthorized, msg.InfoUnauthorized:
		return true
	}
	return false
}

// BizJobWanted tells which message-and-event pushes need processing: the code-audit results
// and the go-live check's QUERY_AUTH_CODE text, whose answer must be stored with the push (a
// reply path that enqueued it after the commit could lose it while WeChat got "success").
func BizJobWanted(m *msg.Message) bool {
	return m.IsWeappAuditEvent() || m.IsQueryAuthCode()
}
