package wxsim

import "html/template"

// pageHTML is the fake authorization page. Each account has its own form so a browser test can
// click exactly one data-testid="sim-authorize-<appid>" button.
const pageHTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>授权给第三方平台</title></head>
<body>
<h1>授权给第三方平台</h1>
<p>第三方平台 <code data-testid="sim-component-appid">{{.ComponentAppID}}</code>
请求获得以下账号的授权（微信模拟器）。</p>
{{if not .Accounts}}<p data-testid="sim-no-accounts">没有符合条件的账号</p>{{end}}
<ul>
{{range .Accounts}}<li data-testid="sim-account-{{.AppID}}">
<form method="post" action="{{$.Action}}">
<input type="hidden" name="component_appid" value="{{$.ComponentAppID}}">
<input type="hidden" name="pre_auth_code" value="{{$.PreAuthCode}}">
<input type="hidden" name="redirect_uri" value="{{$.RedirectURI}}">
<input type="hidden" name="auth_type" value="{{$.AuthType}}">
<input type="hidden" name="biz_appid" value="{{$.BizAppID}}">
<input type="hidden" name="appid" value="{{.AppID}}">
<strong>{{.NickName}}</strong>（{{.KindLabel}}，{{.AppID}}，{{.UserName}}）{{if .Authorized}}已授权{{end}}
<fieldset><legend>权限集</legend>
{{range .Funcs}}<label><input type="checkbox" name="func" value="{{.}}" checked>{{.}}</label> {{end}}
</fieldset>
<button type="submit" data-testid="sim-authorize-{{.AppID}}">授权</button>
</form></li>
{{end}}</ul>
</body></html>
`

// errorPageHTML is shown instead of the account list when the link is not valid.
const errorPageHTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>授权失败</title></head>
<body>
<h1>授权失败</h1>
<p data-testid="sim-auth-error" data-errcode="{{.Code}}">errcode {{.Code}}: {{.Msg}}</p>
</body></html>
`

// parsePages compiles both templates; they live on the Sim rather than in a package variable.
func parsePages() (*template.Template, error) {
	t, err := template.New("page").Parse(pageHTML)
	if err != nil {
		return nil, err
	}
	if _, err := t.New("error").Parse(errorPageHTML); err != nil {
		return nil, err
	}
	return t, nil
}
