// Package releasecheck answers WeChat's automated go-live check (全网发布, wechat-protocol.md
// §2.4) for its test accounts only, and only while an operator has switched it on: the text
// probe gets its passive reply, QUERY_AUTH_CODE:<code> gets a customer-service message after
// api_query_auth, and an event gets "<Event>from_callback". Every other account and every push
// while it is off is untouched. The customer-service answer is a biz_push job comm/ingest stores
// in the push's own transaction and comm/dispatch hands to HandleQueryAuthCode, so a push
// acknowledged "success" never loses its answer.
package releasecheck

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.uber.org/zap"

	"wxcomponent/comm/kvsetting"
	"wxcomponent/comm/wx/api"
	"wxcomponent/comm/wx/msg"
)

// WeChat's go-live test accounts (appid and original id).
const (
	TestOAAppID     = "wx570bc396a51b8ff8"
	TestOAUserName  = "gh_3c884a361561"
	TestMPAppID     = "wxd101a85aa106f53e"
	TestMPUserName  = "gh_8dad206e9538"
	TextProbe       = "TESTCOMPONENT_MSG_TYPE_TEXT"
	TextProbeReply  = TextProbe + "_callback"
	QueryAuthPrefix = msg.QueryAuthCodePrefix
	QueryAuthSuffix = "_from_api"
	EventSuffix     = "from_callback"
)

// KVKey is the comm table key of the switch: JSON {"enabled": bool}.
const KVKey = "releasecheck"

// Settings is the stored switch.
type Settings struct {
	Enabled bool `json:"enabled"`
}

// WeChat is what the answer to QUERY_AUTH_CODE calls (*api.Client).
type WeChat interface {
	QueryAuth(ctx context.Context, code string) (api.AuthorizationInfo, error)
	SendCustomTextWith(ctx context.Context, accessToken, toUser, content string) error
	SendCustomText(ctx context.Context, appid, toUser, content string) error
}

// Responder decides and performs the answers. Build with New.
type Responder struct {
	setting *kvsetting.Setting[Settings]
	wx      WeChat
	now     func() time.Time
	log     *zap.Logger
}

// New builds the responder, off until Reload reads a stored switch that is on.
func New(kv kvsetting.KV, wx WeChat, now func() time.Time, log *zap.Logger) *Responder {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = zap.NewNop()
	}
	codec := kvsetting.Codec[Settings]{
		Decode: func(raw string) (Settings, error) {
			var s Settings
			err := json.Unmarshal([]byte(raw), &s)
			return s, err
		},
		Encode: func(s Settings) (string, error) {
			b, err := json.Marshal(s)
			return string(b), err
		},
	}
	return &Responder{setting: kvsetting.New(kv, KVKey, Settings{}, codec, log), wx: wx, now: now, log: log}
}

// Enabled tells whether the responder answers the test accounts.
func (r *Responder) Enabled() bool { return r.setting.Get().Enabled }

// SetEnabled stores the switch; every instance follows within a poll.
func (r *Responder) SetEnabled(ctx context.Context, on bool) error {
	return r.setting.Set(ctx, Settings{Enabled: on})
}

// Reload reads the stored switch now.
func (r *Responder) Reload(ctx context.Context) error { return r.setting.Reload(ctx) }

// Watch keeps the switch current until ctx ends.
func (r *Responder) Watch(ctx context.Context, every time.Duration) { r.setting.Watch(ctx, every) }

// IsTestAccount tells whether a push concerns one of the go-live test accounts, by the appid of
// the URL or the decrypted ToUserName.
func IsTestAccount(appid, toUserName string) bool {
	switch {
	case appid == TestOAAppID || appid == TestMPAppID:
		return true
	case toUserName == TestOAUserName || toUserName == TestMPUserName:
		return true
	}
	return false
}

// Respond returns the plaintext passive reply to m, received on appid's message URL, or nil
// when the responder has nothing to say (off, another account, another message). QUERY_AUTH_CODE
// gets no passive reply: its answer is the job HandleQueryAuthCode runs.
func (r *Responder) Respond(_ context.Context, appid string, m *msg.Message) ([]byte, error) {
	if m == nil || !r.Enabled() || !IsTestAccount(appid, m.ToUserName) {
		return nil, nil
	}
	switch {
	case m.MsgType == msg.MsgTypeText && m.Content == TextProbe:
		return r.textReply(m, TextProbeReply), nil
	case m.MsgType == msg.MsgTypeEvent && m.Event != "":
		return r.textReply(m, m.Event+EventSuffix), nil
	}
	return nil, nil
}

// HandleQueryAuthCode answers a stored QUERY_AUTH_CODE:<code> text of appid (the biz_push job
// comm/dispatch routes here). Whether to answer is decided now, at job time: off, another
// account, no code or no sender is done without a call.
func (r *Responder) HandleQueryAuthCode(ctx context.Context, appid string, m *msg.Message) error {
	if !m.IsQueryAuthCode() || !r.Enabled() || !IsTestAccount(appid, m.ToUserName) {
		return nil
	}
	code := strings.TrimSpace(strings.TrimPrefix(m.Content, QueryAuthPrefix))
	if code == "" || m.FromUserName == "" {
		return nil // nothing to exchange or nobody to answer
	}
	return r.answer(ctx, appid, code, m.FromUserName)
}

// answer exchanges the code, then sends "<code>_from_api" with the token the exchange
// returned. A code already exchanged (the authorized push of the same check may have used it)
// falls back to the account's managed token. Failures are retried by the queue.
func (r *Responder) answer(ctx context.Context, appid, code, toUser string) error {
	content := code + QueryAuthSuffix
	info, err := r.wx.QueryAuth(ctx, code)
	if api.IsCode(err, 61009, 61010) {
		r.log.Info("go-live code already exchanged; answering with the managed token", zap.String("appid", appid))
		return r.wx.SendCustomText(ctx, appid, toUser, content)
	}
	if err != nil {
		return fmt.Errorf("go-live check: query auth: %w", err)
	}
	if err := r.wx.SendCustomTextWith(ctx, info.AccessToken, toUser, content); err != nil {
		return fmt.Errorf("go-live check: send customer-service message: %w", err)
	}
	r.log.Info("go-live check answered", zap.String("appid", info.AppID()))
	return nil
}

// textReply is the passive text reply to m (wechat-protocol.md §3.2), before encryption.
func (r *Responder) textReply(m *msg.Message, content string) []byte {
	var b strings.Builder
	b.WriteString("<xml><ToUserName>")
	b.WriteString(cdata(m.FromUserName))
	b.WriteString("</ToUserName><FromUserName>")
	b.WriteString(cdata(m.ToUserName))
	b.WriteString("</FromUserName><CreateTime>")
	b.WriteString(strconv.FormatInt(r.now().Unix(), 10))
	b.WriteString("</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>")
	b.WriteString(cdata(content))
	b.WriteString("</Content></xml>")
	return []byte(b.String())
}

// cdata wraps s in CDATA, splitting any "]]>" inside so it cannot end the section early.
func cdata(s string) string {
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}
