package msg

import (
	"errors"
	"strings"
	"testing"
)

func TestParseJSONCloudRunSamples(t *testing.T) {
	ticket := mustParse(t, `{"AppId":"wx0123456789abcdef","CreateTime":1700000000,"InfoType":"component_verify_ticket","ComponentVerifyTicket":"ticket@@@abc"}`)
	eq(t, "ComponentVerifyTicket", ticket.ComponentVerifyTicket, "ticket@@@abc")
	eq(t, "CreateTime", ticket.CreateTime, int64(1700000000))

	auth := mustParse(t, `{"AppId":"wx0123456789abcdef","CreateTime":1700000000,"InfoType":"authorized","AuthorizerAppid":"wxba5fad812f8e6fb9","AuthorizationCode":"queryauthcode@@@q","AuthorizationCodeExpiredTime":1700003600,"PreAuthCode":"preauthcode@@@p"}`)
	eq(t, "AuthorizationCodeExpiredTime", auth.AuthorizationCodeExpiredTime, int64(1700003600))
	eq(t, "PreAuthCode", auth.PreAuthCode, "preauthcode@@@p")

	audit := mustParse(t, `{"ToUserName":"gh_x","FromUserName":"o1","CreateTime":1700000000,"MsgType":"event","Event":"weapp_audit_success","SuccTime":1700000000}`)
	eq(t, "SuccTime", audit.SuccTime, int64(1700000000))

	text := mustParse(t, `{"ToUserName":"gh_919b00572d95","FromUserName":"oVneZ57wJnV-ObtCiGv26PRrOz2g","CreateTime":1651049934,"MsgType":"text","Content":"回复文本","MsgId":23637352235060880}`)
	eq(t, "MsgID", text.MsgID, int64(23637352235060880))
	eq(t, "Content", text.Content, "回复文本")
	eq(t, "DedupeKey", text.DedupeKey(), "msg:23637352235060880")
}

func TestParseJSONNumbersAsStrings(t *testing.T) {
	m, err := ParseJSON([]byte(`{"CreateTime":"1649835877","MsgId":"9223372036854775807","SuccTime":" 5 ",
		"FailTime":null,"DelayTime":"","MsgType":"event","Event":"weapp_audit_success","FromUserName":"o"}`))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "CreateTime", m.CreateTime, int64(1649835877))
	eq(t, "MsgID", m.MsgID, int64(9223372036854775807))
	eq(t, "SuccTime", m.SuccTime, int64(5))
	eq(t, "FailTime", m.FailTime, int64(0))
	eq(t, "DelayTime", m.DelayTime, int64(0))
}

func TestParseJSONExactValuesAbove2To53(t *testing.T) {
	for _, v := range []string{"9007199254740993", `"9007199254740993"`} {
		m := mustParse(t, `{"MsgId":`+v+`}`)
		eq(t, "MsgID "+v, m.MsgID, int64(9007199254740993))
	}
}

func TestParseJSONCaseSensitiveKeys(t *testing.T) {
	m := mustParse(t, `{"AppId":"wxcomponent","appid":"wxnew","info":{"name":"x"},"status":0}`)
	eq(t, "AppID", m.AppID, "wxcomponent")
	eq(t, "Fields[appid]", m.Fields["appid"], "wxnew")
	eq(t, "Fields[status]", m.Fields["status"], "0")
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name string
		body string
		want error
	}{
		{"empty", "", ErrUnknownFormat},
		{"plain text", "success", ErrUnknownFormat},
		{"json array", "[1]", ErrUnknownFormat},
		{"unclosed xml", "<xml><AppId>x</AppId>", ErrMalformed},
		{"mismatched tag", "<xml><AppId>x</InfoType></xml>", ErrMalformed},
		{"two roots", "<xml></xml><xml></xml>", ErrMalformed},
		{"trailing text", "<xml></xml>junk", ErrMalformed},
		{"bad json", `{"CreateTime":}`, ErrMalformed},
		{"json trailing", `{"a":1}{"b":2}`, ErrMalformed},
		{"xml bad number", "<xml><CreateTime>12a</CreateTime></xml>", ErrNumber},
		{"json float", `{"CreateTime":1.7e9}`, ErrNumber},
		{"json bool number", `{"MsgId":true}`, ErrNumber},
		{"overflow", `{"MsgId":"9223372036854775808"}`, ErrNumber},
		{"too large", "<xml>" + strings.Repeat(" ", MaxBodyBytes) + "</xml>", ErrTooLarge},
	}
	for _, tc := range cases {
		m, err := Parse([]byte(tc.body))
		if !errors.Is(err, tc.want) || m != nil {
			t.Errorf("%s: m=%v err=%v, want %v", tc.name, m, err, tc.want)
		}
	}
	if _, err := ParseJSON([]byte("null")); !errors.Is(err, ErrMalformed) {
		t.Errorf("ParseJSON(null) err = %v", err)
	}
	if _, err := ParseXML([]byte(`{"a":1}`)); !errors.Is(err, ErrMalformed) {
		t.Errorf("ParseXML(json) err = %v", err)
	}
	if _, err := ParseJSON([]byte(strings.Repeat(" ", MaxBodyBytes+1))); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ParseJSON(huge) err = %v", err)
	}
}

func TestParseEnvelope(t *testing.T) {
	comp, err := ParseEnvelope([]byte("<xml>\n <AppId><![CDATA[wx0123456789abcdef]]></AppId>\n <Encrypt><![CDATA[abc+/=]]></Encrypt>\n</xml>"))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "AppID", comp.AppID, "wx0123456789abcdef")
	eq(t, "Encrypt", comp.Encrypt, "abc+/=")

	biz, err := ParseEnvelope([]byte(`{"ToUserName":"gh_97417a04a28d","Encrypt":"xyz"}`))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "ToUserName", biz.ToUserName, "gh_97417a04a28d")
	eq(t, "Encrypt", biz.Encrypt, "xyz")

	for _, body := range []string{"<xml><AppId>a</AppId></xml>", `{"Encrypt":""}`, `{"encrypt":"x"}`, "<xml><Encrypt> </Encrypt></xml>"} {
		if _, err := ParseEnvelope([]byte(body)); !errors.Is(err, ErrNoEncrypt) {
			t.Errorf("%s: err = %v, want ErrNoEncrypt", body, err)
		}
	}
	if _, err := ParseEnvelope([]byte("<xml>")); !errors.Is(err, ErrMalformed) {
		t.Errorf("unclosed envelope err = %v", err)
	}
}

func TestIsCheckContainerPath(t *testing.T) {
	yes := []string{`{"action":"CheckContainerPath"}`, `<xml><action>CheckContainerPath</action></xml>`,
		`<xml><action><![CDATA[CheckContainerPath]]></action></xml>`, ` {"action": "CheckContainerPath"} `}
	no := []string{`{"action":"other"}`, `{"Action":"CheckContainerPath"}`, `{"action":`, "", "CheckContainerPath", `{"InfoType":"authorized"}`}
	for _, b := range yes {
		if !IsCheckContainerPath([]byte(b)) {
			t.Errorf("%s: not recognised as probe", b)
		}
	}
	for _, b := range no {
		if IsCheckContainerPath([]byte(b)) {
			t.Errorf("%s: wrongly recognised as probe", b)
		}
	}
}
