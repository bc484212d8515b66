package wxcallback

import (
	"context"
	"errors"

	"wxcomponent/comm/callback"
	"wxcomponent/comm/wx/msg"
)

// Chain asks its Repliers in order and returns the first non-empty reply; a Replier that fails
// does not stop the ones after it (their errors are returned only when nobody replied). The
// go-live responder goes first: it answers nothing but WeChat's test accounts.
type Chain []Replier

// Reply implements Replier.
func (ch Chain) Reply(ctx context.Context, t Target, p *callback.Push) ([]byte, error) {
	var errs []error
	for _, r := range ch {
		if r == nil {
			continue
		}
		plain, err := r.Reply(ctx, t, p)
		if len(plain) > 0 {
			return plain, nil
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return nil, errors.Join(errs...)
}

// MessageResponder answers decoded message pushes of an authorizer (releasecheck.Responder).
type MessageResponder interface {
	Respond(ctx context.Context, appid string, m *msg.Message) ([]byte, error)
}

// BizReplier is a Replier for the message-and-event URL only: component pushes and pushes that
// did not decode never reach r.
type BizReplier struct{ R MessageResponder }

// Reply implements Replier.
func (b BizReplier) Reply(ctx context.Context, t Target, p *callback.Push) ([]byte, error) {
	if t.AppID == "" || p == nil || p.Unparsed || p.Msg == nil {
		return nil, nil
	}
	return b.R.Respond(ctx, t.AppID, p.Msg)
}
