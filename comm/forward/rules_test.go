package forward_test

import (
	"context"
	"errors"
	"testing"

	"wxcomponent/comm/fault"
	"wxcomponent/comm/forward"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

func TestRuleValidationSaysWhatIsWrong(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		in := newEnv(t, dialect).instance(forward.Options{InnerPort: "8081"})
		ok := forward.Target{Port: 8082, Path: "/wx/$APPID$/msg"}
		for _, tc := range []struct {
			name string
			in   forward.RuleInput
			want string
		}{
			{"no name", forward.RuleInput{MsgType: "text", Data: ok}, "规则名称不能为空"},
			{"long name", forward.RuleInput{Name: "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", MsgType: "text", Data: ok}, "规则名称最长 30 个字符"},
			{"no type", forward.RuleInput{Name: "n", Data: ok}, "消息推送类型为空"},
			{"both kinds", forward.RuleInput{Name: "n", InfoType: "authorized", MsgType: "text", Data: ok}, "授权事件规则只填 InfoType；消息与事件规则只填 MsgType 和 Event"},
			{"event only", forward.RuleInput{Name: "n", Event: "subscribe", Data: ok}, "消息与事件规则需要 MsgType（Event 可选）"},
			{"space in type", forward.RuleInput{Name: "n", MsgType: "text ", Data: ok}, "MsgType 只能包含字母、数字、下划线、点和短横线，最长 64 个字符"},
			{"port 0", forward.RuleInput{Name: "n", MsgType: "text", Data: forward.Target{Path: "/x"}}, "端口须为 1–65535（或填写完整的 http(s) 地址）"},
			{"port 65536", forward.RuleInput{Name: "n", MsgType: "text", Data: forward.Target{Port: 65536, Path: "/x"}}, "端口须为 1–65535（或填写完整的 http(s) 地址）"},
			{"relative path", forward.RuleInput{Name: "n", MsgType: "text", Data: forward.Target{Port: 8082, Path: "x"}}, "路径须以 / 开头"},
			{"bad url", forward.RuleInput{Name: "n", MsgType: "text", Data: forward.Target{URL: "ftp://svc/x"}}, "地址须为 http:// 或 https:// 开头的完整地址"},
			{"url with password", forward.RuleInput{Name: "n", MsgType: "text", Data: forward.Target{URL: "http://u:p@svc/x"}}, "地址不能包含用户名或密码"},
			{"bad mode", forward.RuleInput{Name: "n", MsgType: "text", Data: forward.Target{Port: 8082, Path: "/x", Mode: "later"}}, "转发模式只能是 sync（同步，支持被动回复）或 async（异步）"},
			{"inner token service", forward.RuleInput{Name: "n", MsgType: "text", Data: forward.Target{Port: 8081, Path: "/inner/ticket"}}, "不能转发到本服务的内部令牌端口 8081"},
			{"inner via url", forward.RuleInput{Name: "n", MsgType: "text", Data: forward.Target{URL: "http://127.0.0.2:8081/inner/ticket"}}, "不能转发到本服务的内部令牌端口 8081"},
		} {
			_, err := in.fw.CreateRule(context.Background(), tc.in)
			if !fault.Is(err, fault.Invalid) || fault.Message(err) != tc.want {
				t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
			}
		}
		in.createRule(forward.RuleInput{MsgType: "text", Data: ok})
		if _, err := in.fw.CreateRule(context.Background(), forward.RuleInput{Name: "again", MsgType: "text", Data: ok}); !errors.Is(err, forward.ErrRuleExists) {
			t.Fatalf("a second rule for text: %v, want ErrRuleExists", err)
		}
		if err := in.fw.UpdateRule(context.Background(), forward.RuleInput{ID: 999, Name: "n", MsgType: "image", Data: ok}); !errors.Is(err, forward.ErrRuleNotFound) {
			t.Fatalf("update of a missing rule: %v", err)
		}
		if err := in.fw.DeleteRule(context.Background(), 999); !errors.Is(err, forward.ErrRuleNotFound) {
			t.Fatalf("delete of a missing rule: %v", err)
		}
	})
}

// Matching is exact (contract §7.2) and compares bytes: "Text" is not "text", and a rule with
// an empty Event matches only pushes that have none.
func TestMatchingIsExact(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		in := e.instance(forward.Options{})
		tg := newTarget(t)
		text := in.createRule(forward.RuleInput{MsgType: "text", Data: tg.rule("/text", forward.ModeAsync)})
		bare := in.createRule(forward.RuleInput{MsgType: "event", Data: tg.rule("/bare", forward.ModeAsync)})
		sub := in.createRule(forward.RuleInput{MsgType: "event", Event: "subscribe", Data: tg.rule("/sub", forward.ModeAsync)})
		in.storeBiz(e.push(textXML(1, "hi")))
		in.storeBiz(e.push(`<xml><ToUserName>gh_x</ToUserName><MsgType>Text</MsgType><MsgId>2</MsgId></xml>`))
		in.storeBiz(e.push(eventXML("subscribe", 1)))
		in.storeBiz(e.push(eventXML("SUBSCRIBE", 2)))
		in.storeBiz(e.push(eventXML("unsubscribe", 3)))
		in.storeBiz(e.push(`<xml><ToUserName>gh_x</ToUserName><MsgType>event</MsgType><CreateTime>5</CreateTime></xml>`))
		rows := in.deliveries()
		var got []uint
		for _, r := range rows {
			got = append(got, r.RuleID)
		}
		if want := []uint{text, sub, bare}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
			t.Fatalf("deliveries for rules %v, want %v", got, want)
		}
	})
}

// A change made on one instance reaches another within its reload interval, with no restart.
func TestRuleChangeReachesAnotherInstance(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		a, b := e.instance(forward.Options{}), e.instance(forward.Options{})
		b.run()
		tg := newTarget(t)
		id := a.createRule(forward.RuleInput{MsgType: "image", Data: tg.rule("/img", forward.ModeAsync)})
		image := e.push(`<xml><ToUserName>gh_x</ToUserName><MsgType>image</MsgType><MsgId>7</MsgId></xml>`)
		rec := func() bool { return b.fw.Wants(bizRecord(image)) }
		eventually(t, "instance b to see the new rule", rec)
		err := a.fw.UpdateRule(context.Background(), forward.RuleInput{ID: id, Name: "off", MsgType: "image", Open: 0, Data: tg.rule("/img", forward.ModeAsync)})
		if err != nil {
			t.Fatal(err)
		}
		eventually(t, "instance b to see the rule closed", func() bool { return !rec() })
		var n int64
		if err := e.db.Model(&model.WxCallbackRule{}).Count(&n).Error; err != nil || n != 1 {
			t.Fatalf("rules: %d %v", n, err)
		}
	})
}

// Rules whose types differ only in case are different rules on both databases, as matching is
// byte for byte: each gets its own pushes, and only a byte-identical rule is refused.
func TestRulesDifferingOnlyInCaseAreDifferentRules(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect)
		in := e.instance(forward.Options{})
		tg := newTarget(t)
		upper := in.createRule(forward.RuleInput{MsgType: "event", Event: "CLICK", Data: tg.rule("/upper", forward.ModeAsync)})
		lower := in.createRule(forward.RuleInput{MsgType: "event", Event: "click", Data: tg.rule("/lower", forward.ModeAsync)})
		again := forward.RuleInput{Name: "again", MsgType: "event", Event: "CLICK", Data: tg.rule("/again", forward.ModeAsync)}
		if _, err := in.fw.CreateRule(context.Background(), again); !errors.Is(err, forward.ErrRuleExists) {
			t.Fatalf("a second rule for event/CLICK: %v, want ErrRuleExists", err)
		}
		in.storeBiz(e.push(eventXML("click", 1)))
		in.storeBiz(e.push(eventXML("CLICK", 2)))
		rows := in.deliveries()
		if len(rows) != 2 || rows[0].RuleID != lower || rows[1].RuleID != upper {
			t.Fatalf("deliveries %+v, want rule %d then %d", rows, lower, upper)
		}
	})
}
