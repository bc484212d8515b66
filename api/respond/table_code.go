package respond

import (
	"errors"
	"strings"

	"wxcomponent/comm/codemgmt"
)

// codemgmtWeChat matches a WeChat call code management made and WeChat refused or never answered.
func codemgmtWeChat(err error) bool {
	var we *codemgmt.WeChatError
	return errors.As(err, &we)
}

// codemgmtWeChatText is the operator's explanation, e.g. "已有版本在审核中…（errcode 85009）".
func codemgmtWeChatText(err error) string {
	var we *codemgmt.WeChatError
	if errors.As(err, &we) {
		return we.Message()
	}
	return ""
}

// reasonAfter is the reason a domain wrote after the sentinel ("commit: invalid request:
// user_version is required" → "user_version is required"), or the sentinel's text when none.
func reasonAfter(sentinel error) func(error) string {
	marker := sentinel.Error() + ": "
	return func(err error) string {
		msg := err.Error()
		if i := strings.LastIndex(msg, marker); i >= 0 && i+len(marker) < len(msg) {
			return msg[i+len(marker):]
		}
		return sentinel.Error()
	}
}
