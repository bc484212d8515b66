package fault_test

import (
	"errors"
	"fmt"
	"testing"

	"wxcomponent/comm/fault"
)

func TestOutermostClassificationDecides(t *testing.T) {
	cause := errors.New("row missing")
	inner := fault.Wrap(fault.Invalid, cause, "inner words")
	err := fmt.Errorf("refresh: %w", fault.Wrap(fault.NotFound, inner, "帐号不存在"))
	if !fault.Is(err, fault.NotFound) || fault.Is(err, fault.Invalid) {
		t.Fatal("the outermost kind (NotFound) does not decide")
	}
	if got := fault.Message(err); got != "帐号不存在" {
		t.Fatalf("Message = %q", got)
	}
	if !errors.Is(err, cause) {
		t.Fatal("the cause is not reachable through errors.Is")
	}
}

func TestUnclassified(t *testing.T) {
	err := errors.New("plain")
	if _, ok := fault.As(err); ok || fault.Is(err, fault.Internal) {
		t.Fatal("a plain error is classified")
	}
	if fault.Message(err) != "" {
		t.Fatal("a plain error has a client message")
	}
}

func TestErrorText(t *testing.T) {
	cause := errors.New("dial tcp: timeout")
	for _, tc := range []struct {
		err  error
		want string
	}{
		{fault.New(fault.Invalid, "name 最长 64 个字符"), "name 最长 64 个字符"},
		{fault.Wrap(fault.Internal, cause, ""), "dial tcp: timeout"},
		{fault.Wrap(fault.Upstream, cause, "无法访问微信接口"), "无法访问微信接口: dial tcp: timeout"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}
