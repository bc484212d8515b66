package msg

import (
	"strings"
	"testing"
)

// Samples from wechat-protocol.md §2 and §3, in both CDATA and plain-text styles.
const (
	ticketXML = `<xml>
<AppId>some_appid</AppId>
<CreateTime>1413192605</CreateTime>
<InfoType>component_verify_ticket</InfoType>
<ComponentVerifyTicket>some_verify_ticket</ComponentVerifyTicket>
</xml>`
	authorizedXML = `<xml>
<AppId><![CDATA[wx0123456789abcdef]]></AppId>
<CreateTime>1413192760</CreateTime>
<InfoType><![CDATA[authorized]]></InfoType>
<AuthorizerAppid><![CDATA[wxba5fad812f8e6fb9]]></AuthorizerAppid>
<AuthorizationCode><![CDATA[queryauthcode@@@abc]]></AuthorizationCode>
<AuthorizationCodeExpiredTime>1413196360</AuthorizationCodeExpiredTime>
<PreAuthCode><![CDATA[preauthcode@@@xyz]]></PreAuthCode>
</xml>`
	unauthorizedXML = `<xml>
<AppId>wx0123456789abcdef</AppId>
<CreateTime>1413192760</CreateTime>
<InfoType>unauthorized</InfoType>
<AuthorizerAppid>wxba5fad812f8e6fb9</AuthorizerAppid>
</xml>`
	textXML = `<xml>
<ToUserName><![CDATA[gh_xxx]]></ToUserName>
<FromUserName><![CDATA[openid]]></FromUserName>
<CreateTime>1348831860</CreateTime>
<MsgType><![CDATA[text]]></MsgType>
<Content><![CDATA[ this is a test ]]></Content>
<MsgId>6054768590064713728</MsgId>
</xml>`
	subscribeXML = `<xml>
<ToUserName><![CDATA[gh_xxx]]></ToUserName>
<FromUserName><![CDATA[openid]]></FromUserName>
<CreateTime>123456789</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[subscribe]]></Event>
<EventKey><![CDATA[qrscene_123123]]></EventKey>
<Ticket><![CDATA[TICKET]]></Ticket>
</xml>`
	auditSuccessXML = `<xml>
<ToUserName><![CDATA[gh_fb9688c2a4b2]]></ToUserName>
<FromUserName><![CDATA[od1P50M-fNQI5Gcq-trm4a7apsU8]]></FromUserName>
<CreateTime>1488856741</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[weapp_audit_success]]></Event>
<SuccTime>1488856741</SuccTime>
</xml>`
	auditFailXML = `<xml>
<ToUserName><![CDATA[gh_fb9688c2a4b2]]></ToUserName>
<FromUserName><![CDATA[od1P50M-fNQI5Gcq-trm4a7apsU8]]></FromUserName>
<CreateTime>1488856591</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[weapp_audit_fail]]></Event>
<Reason><![CDATA[1:账号信息不符合规范:<br>(1):包含色情因素<br>2:…<br>]]></Reason>
<FailTime>1488856591</FailTime>
<ScreenShot>xxx|yyy|zzz</ScreenShot>
</xml>`
	auditDelayXML = `<xml>
<ToUserName><![CDATA[gh_fb9688c2a4b2]]></ToUserName>
<FromUserName><![CDATA[od1P50M-fNQI5Gcq-trm4a7apsU8]]></FromUserName>
<CreateTime>1488856591</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[weapp_audit_delay]]></Event>
<Reason><![CDATA[为了更好的服务小程序，您的服务商正在进行提审系统的优化，可能会导致审核时效的增长，请耐心等待]]></Reason>
<DelayTime>1488856591</DelayTime>
</xml>`
	fastRegisterXML = `<xml>
<AppId><![CDATA[wx0123456789abcdef]]></AppId>
<CreateTime>1535442403</CreateTime>
<InfoType><![CDATA[notify_third_fasteregister]]></InfoType>
<appid>wxnewminiprogram0</appid>
<status>0</status>
<auth_code>authcode</auth_code>
<msg>OK</msg>
<info>
<name><![CDATA[企业名称]]></name>
<code_type>1</code_type>
</info>
</xml>`
)

// mustParse parses or stops the test.
func mustParse(t *testing.T, body string) *Message {
	t.Helper()
	m, err := Parse([]byte(body))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, body)
	}
	return m
}

// eq reports a mismatch of one field without stopping the test.
func eq[T comparable](t *testing.T, name string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func TestParseComponentVerifyTicketPlainText(t *testing.T) {
	m := mustParse(t, ticketXML)
	eq(t, "AppID", m.AppID, "some_appid")
	eq(t, "CreateTime", m.CreateTime, int64(1413192605))
	eq(t, "InfoType", m.InfoType, "component_verify_ticket")
	eq(t, "ComponentVerifyTicket", m.ComponentVerifyTicket, "some_verify_ticket")
	eq(t, "DedupeKey", m.DedupeKey(), RawKey([]byte(ticketXML)))
	eq(t, "Raw", string(m.Raw), ticketXML)
}

func TestParseAuthorizedCDATA(t *testing.T) {
	m := mustParse(t, authorizedXML)
	eq(t, "InfoType", m.InfoType, "authorized")
	eq(t, "AuthorizerAppid", m.AuthorizerAppid, "wxba5fad812f8e6fb9")
	eq(t, "AuthorizationCode", m.AuthorizationCode, "queryauthcode@@@abc")
	eq(t, "AuthorizationCodeExpiredTime", m.AuthorizationCodeExpiredTime, int64(1413196360))
	eq(t, "PreAuthCode", m.PreAuthCode, "preauthcode@@@xyz")
}

func TestParseUnauthorized(t *testing.T) {
	m := mustParse(t, unauthorizedXML)
	eq(t, "InfoType", m.InfoType, "unauthorized")
	eq(t, "AuthorizerAppid", m.AuthorizerAppid, "wxba5fad812f8e6fb9")
	eq(t, "AuthorizationCode", m.AuthorizationCode, "")
}

func TestParseTextMessage(t *testing.T) {
	m := mustParse(t, textXML)
	eq(t, "ToUserName", m.ToUserName, "gh_xxx")
	eq(t, "FromUserName", m.FromUserName, "openid")
	eq(t, "MsgType", m.MsgType, "text")
	eq(t, "Content", m.Content, " this is a test ") // free text is byte-exact
	eq(t, "MsgID", m.MsgID, int64(6054768590064713728))
	eq(t, "DedupeKey", m.DedupeKey(), "msg:6054768590064713728")
}

func TestParseSubscribeEvent(t *testing.T) {
	m := mustParse(t, subscribeXML)
	eq(t, "Event", m.Event, "subscribe")
	eq(t, "EventKey", m.EventKey, "qrscene_123123")
	eq(t, "Ticket", m.Ticket, "TICKET")
}

func TestParseAuditEvents(t *testing.T) {
	ok := mustParse(t, auditSuccessXML)
	eq(t, "Event", ok.Event, "weapp_audit_success")
	eq(t, "SuccTime", ok.SuccTime, int64(1488856741))

	fail := mustParse(t, auditFailXML)
	eq(t, "Event", fail.Event, "weapp_audit_fail")
	eq(t, "Reason", fail.Reason, "1:账号信息不符合规范:<br>(1):包含色情因素<br>2:…<br>")
	eq(t, "FailTime", fail.FailTime, int64(1488856591))
	eq(t, "ScreenShot", fail.ScreenShot, "xxx|yyy|zzz")

	delay := mustParse(t, auditDelayXML)
	eq(t, "Event", delay.Event, "weapp_audit_delay")
	eq(t, "DelayTime", delay.DelayTime, int64(1488856591))
	eq(t, "Reason", delay.Reason, "为了更好的服务小程序，您的服务商正在进行提审系统的优化，可能会导致审核时效的增长，请耐心等待")
}

func TestParseKeepsLowerCaseFieldsApart(t *testing.T) {
	m := mustParse(t, fastRegisterXML)
	eq(t, "AppID", m.AppID, "wx0123456789abcdef")
	eq(t, "Fields[appid]", m.Fields["appid"], "wxnewminiprogram0")
	eq(t, "Fields[auth_code]", m.Fields["auth_code"], "authcode")
	eq(t, "Fields[status]", m.Fields["status"], "0")
	if _, ok := m.Fields["info"]; ok {
		t.Error("nested <info> should not be a scalar field")
	}
}

func TestParseTrimsNumbersAndIdentifiers(t *testing.T) {
	m := mustParse(t, "\xEF\xBB\xBF  <?xml version=\"1.0\"?>\n<!-- c --><xml><CreateTime>\n  1700000000 \n</CreateTime>"+
		"<MsgId> 9007199254740993 </MsgId><MsgType> <![CDATA[text]]> </MsgType><Content>a &amp; b</Content></xml>\n")
	eq(t, "CreateTime", m.CreateTime, int64(1700000000))
	eq(t, "MsgID", m.MsgID, int64(9007199254740993)) // 2^53+1: not representable in float64
	eq(t, "MsgType", m.MsgType, "text")
	eq(t, "Content", m.Content, "a & b")
}

// TestDedupeKeyKeepsDifferentPushesApart: without a MsgId the key covers every byte, so pushes
// that share the user, second and event but differ elsewhere never merge, while a byte-identical
// retry keeps its key.
func TestDedupeKeyKeepsDifferentPushesApart(t *testing.T) {
	click := func(key string) string {
		return `<xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName><CreateTime>1700000000</CreateTime>` +
			`<MsgType>event</MsgType><Event>CLICK</Event><EventKey>` + key + `</EventKey></xml>`
	}
	a, b := mustParse(t, click("MENU_A")).DedupeKey(), mustParse(t, click("MENU_B")).DedupeKey()
	if a == b || !strings.HasPrefix(a, "sha256:") {
		t.Fatalf("keys %q and %q", a, b)
	}
	eq(t, "retry key", mustParse(t, click("MENU_A")).DedupeKey(), a)
	for _, body := range []string{`<xml/>`, `{"InfoType":"authorized"}`} {
		eq(t, body, mustParse(t, body).DedupeKey(), RawKey([]byte(body)))
	}
}
