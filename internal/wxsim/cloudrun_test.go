package wxsim

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
)

func TestCloudRunPushShape(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Mode = ModeCloudRun; c.Token, c.EncodingAESKey = "", "" })
	ticket, res, err := e.sim.PushTicket(context.Background())
	if err != nil || !res.Delivered {
		t.Fatalf("push: %+v, %v", res, err)
	}
	got := e.recv.requests()[0]
	if got.Header.Get("X-WX-SOURCE") == "" || got.Header.Get("Content-Type") != "application/json" || len(got.Query) != 0 {
		t.Fatalf("cloudrun request: %v %v", got.Header, got.Query)
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(got.Body))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("body %s: %v", got.Body, err)
	}
	if m["InfoType"] != "component_verify_ticket" || m["ComponentVerifyTicket"] != ticket || m["AppId"] != testAppID {
		t.Fatalf("ticket json = %v", m)
	}
	if _, isNum := m["CreateTime"].(json.Number); !isNum {
		t.Fatalf("CreateTime must be a JSON number: %s", got.Body)
	}
}

func TestCloudRunMessageKeepsTypes(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Mode = ModeCloudRun })
	msg := `<xml><ToUserName><![CDATA[gh_8dad206e9538]]></ToUserName><FromUserName><![CDATA[oVneZ57w]]></FromUserName>` +
		`<CreateTime>1651049934</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[12345]]></Content>` +
		`<MsgId>23637352235060880</MsgId></xml>`
	if _, err := e.sim.PushMessage(context.Background(), mpAppID, []byte(msg)); err != nil {
		t.Fatal(err)
	}
	got := e.recv.requests()[0]
	want := `{"ToUserName":"gh_8dad206e9538","FromUserName":"oVneZ57w","CreateTime":1651049934,` +
		`"MsgType":"text","Content":"12345","MsgId":23637352235060880}`
	if string(got.Body) != want || got.Path != "/wxcallback/biz/"+mpAppID {
		t.Fatalf("body = %s\nwant  %s", got.Body, want)
	}
}

func TestCloudRunAcceptsPlainPassiveReply(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Mode = ModeCloudRun })
	e.recv.setReply(func(int, received) (int, string) { return 200, `{"MsgType":"text","Content":"hi"}` })
	res, err := e.sim.PushText(context.Background(), oaAppID, "o1", "hello")
	if err != nil || res.Reply == "" {
		t.Fatalf("push: %+v, %v", res, err)
	}
}

func TestXMLToJSONNestingAndRepeats(t *testing.T) {
	fields, err := parseXMLFields([]byte(`<xml><A>007</A><B>-3</B><info><name><![CDATA[x]]></name><code_type>1</code_type></info>` +
		`<item>1</item><item>2</item><C> text </C></xml>`))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"A":"007","B":-3,"info":{"name":"x","code_type":1},"item":[1,2],"C":"text"}`
	if got := string(renderJSON(fields)); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if got := string(renderXML([]field{str("S", "a]]>b"), num("N", 5)})); got != `<xml><S><![CDATA[a]]]]><![CDATA[>b]]></S><N>5</N></xml>` {
		t.Fatalf("xml = %s", got)
	}
}
