package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"
)

// span is how far back the loaded pushes reach.
const span = 90 * 24 * time.Hour

// appIDs is how many authorizers the biz pushes come from.
const appIDs = 50

// batch is how many rows one INSERT carries.
const batch = 1000

// kind is one sort of push with its share of the traffic.
type kind struct {
	msgType, event string
	weight         int
}

// bizMix is a plausible official-account traffic: mostly user messages, menu clicks and
// template-message receipts, a few subscriptions and audit results.
var bizMix = []kind{
	{"text", "", 350}, {"image", "", 50}, {"voice", "", 20}, {"location", "", 10},
	{"event", "subscribe", 80}, {"event", "unsubscribe", 30}, {"event", "CLICK", 100}, {"event", "VIEW", 80},
	{"event", "SCAN", 40}, {"event", "LOCATION", 60}, {"event", "TEMPLATESENDJOBFINISH", 150},
	{"event", "MASSSENDJOBFINISH", 10}, {"event", "weapp_audit_success", 10}, {"event", "weapp_audit_fail", 10},
}

// componentMix is the component URL's traffic: mostly tickets (every 10 minutes), some
// authorization changes.
var componentMix = []kind{
	{"component_verify_ticket", "", 850}, {"authorized", "", 50}, {"updateauthorized", "", 50},
	{"unauthorized", "", 30}, {"notify_third_fasteregister", "", 20},
}

func pick(r *rand.Rand, mix []kind) kind {
	total := 0
	for _, k := range mix {
		total += k.weight
	}
	n := r.IntN(total)
	for _, k := range mix {
		if n < k.weight {
			return k
		}
		n -= k.weight
	}
	return mix[0]
}

// filler pads bodies to about 500 bytes, as a real decrypted push with its fields.
var filler = strings.Repeat("这是一条用于压测的消息内容 lorem ipsum ", 8)

// load fills both push tables at once, one writer each, every table oldest first: ids then grow
// with the receive time as they do behind the service's single group-commit writer.
func load(g *gorm.DB, now time.Time, rows int) error {
	sqlDB, err := g.DB()
	if err != nil {
		return err
	}
	tables := []struct {
		name string
		rows int
	}{{"wxcallback_biz", rows}, {"wxcallback_component", rows / 10}}
	errs := make([]error, len(tables))
	var wg sync.WaitGroup
	for w, t := range tables {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 7))
			for from := 0; from < t.rows; from += batch {
				stmt, args := insertBatch(r, t.name, now, from, min(batch, t.rows-from), t.rows)
				if _, err := sqlDB.Exec(stmt, args...); err != nil {
					errs[w] = fmt.Errorf("insert into %s: %w", t.name, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// insertBatch builds one multi-row INSERT of rows from..from+n of total, spread evenly over span
// with a little jitter, so ids grow with the receive time as they do in production.
func insertBatch(r *rand.Rand, table string, now time.Time, from, n, total int) (string, []any) {
	step := span / time.Duration(total)
	var sb strings.Builder
	args := make([]any, 0, n*7)
	if table == "wxcallback_biz" {
		sb.WriteString("INSERT INTO wxcallback_biz (receivetime, createtime, tousername, appid, msgtype, event, postbody) VALUES ")
	} else {
		sb.WriteString("INSERT INTO wxcallback_component (receivetime, createtime, infotype, postbody) VALUES ")
	}
	for i := range n {
		at := now.Add(-span + time.Duration(from+i)*step + time.Duration(r.IntN(2000))*time.Millisecond)
		if i > 0 {
			sb.WriteString(",")
		}
		if table == "wxcallback_biz" {
			k := pick(r, bizMix)
			appid := fmt.Sprintf("wxbench%010d", r.IntN(appIDs))
			body := fmt.Sprintf("<xml><ToUserName><![CDATA[gh_%s]]></ToUserName><FromUserName><![CDATA[o%027d]]></FromUserName><CreateTime>%d</CreateTime><MsgType><![CDATA[%s]]></MsgType><Event><![CDATA[%s]]></Event><Content><![CDATA[%s]]></Content><MsgId>%d</MsgId></xml>",
				appid[2:], r.IntN(1e9), at.Unix(), k.msgType, k.event, filler, r.Int64())
			sb.WriteString("(?,?,?,?,?,?,?)")
			args = append(args, at, at, "gh_"+appid[2:], appid, k.msgType, k.event, body)
		} else {
			k := pick(r, componentMix)
			body := fmt.Sprintf(`{"AppId":"wxcomponentbench","CreateTime":%d,"InfoType":"%s","ComponentVerifyTicket":"ticket@@@%d","Filler":"%s"}`,
				at.Unix(), k.msgType, r.Int64(), filler)
			sb.WriteString("(?,?,?,?)")
			args = append(args, at, at, k.msgType, body)
		}
	}
	return sb.String(), args
}
