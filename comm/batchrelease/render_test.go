package batchrelease

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestRenderEscapesValuesIntoJSON(t *testing.T) {
	vars := accountVars(map[string]string{"slogan": `say "hi"\ now` + "\n", "n": "3"}, "wx1", `A "quoted" 店`, "公司")
	out, err := Render(`{"extAppid":"{{appid}}","ext":{"name":"{{ nickname }}","s":"<{{slogan}}>","n":{{n}}}}`, "wx1", vars)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		ExtAppID string            `json:"extAppid"`
		Ext      map[string]string `json:"ext"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("rendered %s: %v", out, err)
	}
	if got.ExtAppID != "wx1" || got.Ext["name"] != `A "quoted" 店` || got.Ext["s"] != `<say "hi"\ now`+"\n>" || got.Ext["n"] != "3" {
		t.Errorf("rendered %s → %+v", out, got)
	}
}

func TestRenderNamesMissingVariables(t *testing.T) {
	_, err := Render(`{"a":"{{shopId}}","b":"{{city}}","c":"{{shopId}}"}`, "wx9", accountVars(nil, "wx9", "n", "p"))
	var m *MissingVarsError
	if !errors.As(err, &m) || strings.Join(m.Names, ",") != "city,shopId" || !strings.Contains(err.Error(), "wx9") {
		t.Fatalf("err = %v", err)
	}
}

func TestRenderRejectsInvalidJSON(t *testing.T) {
	if _, err := Render(`{"a":{{appid}}`, "wx1", accountVars(nil, "wx1", "", "")); err == nil ||
		!strings.Contains(err.Error(), "不是合法的 JSON") {
		t.Fatalf("err = %v", err)
	}
	if _, err := Render(`["{{appid}}"]`, "wx1", accountVars(nil, "wx1", "", "")); err == nil {
		t.Fatal("an array is not an ext_json object")
	}
}

func TestBuiltinsWin(t *testing.T) {
	v := accountVars(map[string]string{"appid": "spoofed"}, "wx1", "", "")
	if v["appid"] != "wx1" {
		t.Errorf("appid = %q", v["appid"])
	}
}

func TestParseVarsJSON(t *testing.T) {
	v, err := ParseVars([]byte(` {"wx1":{"shopId":"12","vip":true,"n":3.5},"wx2":{"shopId":null}}`))
	if err != nil {
		t.Fatal(err)
	}
	if v["wx1"]["shopId"] != "12" || v["wx1"]["vip"] != "true" || v["wx1"]["n"] != "3.5" || v["wx2"]["shopId"] != "" {
		t.Errorf("vars = %v", v)
	}
	if _, err := ParseVars([]byte(`{"wx1":{"a":{"nested":1}}}`)); err == nil {
		t.Error("nested objects are refused")
	}
	if _, err := ParseVars([]byte(`{"wx1":"x"}`)); err == nil {
		t.Error("values must be objects")
	}
}

func TestParseVarsCSV(t *testing.T) {
	v, err := ParseVars([]byte("\xef\xbb\xbfshopId, appid ,city\n12,wx1,\"Shen, zhen\"\n13,wx2,BJ\n"))
	if err != nil {
		t.Fatal(err)
	}
	if v["wx1"]["shopId"] != "12" || v["wx1"]["city"] != "Shen, zhen" || v["wx2"]["city"] != "BJ" || len(v["wx1"]) != 2 {
		t.Errorf("vars = %v", v)
	}
	for data, want := range map[string]string{
		"shop,city\n1,2\n":           "appid 列",
		"appid,shop\n,1\n":           "第 2 行没有 appid",
		"appid,shop\nwx1,1\nwx1,2\n": "第 3 行：appid wx1 重复",
		"appid,shop\nwx1\n":          "第 2 行",
	} {
		if _, err := ParseVars([]byte(data)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", data, err, want)
		}
	}
}

func TestStepsSkipUnsetSettings(t *testing.T) {
	s := Spec{}
	if firstStep(s) != StepCommit || s.after(StepCommit) != StepSubmit || s.after(StepRelease) != StepDone {
		t.Errorf("plain steps: %s %s", firstStep(s), s.after(StepCommit))
	}
	s.WebviewDomains = []string{}
	if firstStep(s) != StepWebview || s.after(StepWebview) != StepCommit {
		t.Errorf("webview only: %s", firstStep(s))
	}
}
