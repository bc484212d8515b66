package wxcallback

import (
	"context"
	"errors"
	"testing"

	"wxcomponent/comm/callback"
	"wxcomponent/comm/wx/msg"
)

type fixed struct {
	reply []byte
	err   error
	asked *int
}

func (f fixed) Reply(context.Context, Target, *callback.Push) ([]byte, error) {
	*f.asked++
	return f.reply, f.err
}

// The first non-empty reply wins; a failing replier does not silence the ones after it.
func TestChainFirstNonEmptyReplyWins(t *testing.T) {
	var a, b, c int
	ch := Chain{fixed{nil, errors.New("down"), &a}, nil, fixed{[]byte("<xml/>"), nil, &b}, fixed{[]byte("late"), nil, &c}}
	got, err := ch.Reply(context.Background(), Target{AppID: "wx1"}, &callback.Push{})
	if string(got) != "<xml/>" || err != nil || a != 1 || b != 1 || c != 0 {
		t.Fatalf("got %q %v, asked %d %d %d", got, err, a, b, c)
	}
	got, err = Chain{fixed{nil, errors.New("down"), &a}, fixed{nil, nil, &b}}.Reply(context.Background(), Target{}, &callback.Push{})
	if got != nil || err == nil {
		t.Fatalf("nobody replied: the error is reported, got %q %v", got, err)
	}
}

type echoResponder struct{ appids []string }

func (e *echoResponder) Respond(_ context.Context, appid string, m *msg.Message) ([]byte, error) {
	e.appids = append(e.appids, appid)
	return []byte(m.Content), nil
}

// BizReplier only sees decoded pushes on the message URL.
func TestBizReplierSkipsComponentAndUnparsedPushes(t *testing.T) {
	r := &echoResponder{}
	b := BizReplier{R: r}
	ctx := context.Background()
	if got, _ := b.Reply(ctx, Target{}, &callback.Push{Msg: &msg.Message{Content: "x"}}); got != nil {
		t.Fatal("component pushes are not for it")
	}
	if got, _ := b.Reply(ctx, Target{AppID: "wx1"}, &callback.Push{Unparsed: true, Msg: &msg.Message{}}); got != nil {
		t.Fatal("unparsed pushes are not for it")
	}
	if got, _ := b.Reply(ctx, Target{AppID: "wx1"}, &callback.Push{Msg: &msg.Message{Content: "hi"}}); string(got) != "hi" || len(r.appids) != 1 {
		t.Fatalf("biz push: %q %v", got, r.appids)
	}
}
