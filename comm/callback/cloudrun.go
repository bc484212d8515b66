package callback

import (
	"net/http"
	"time"

	"wxcomponent/comm/wx/msg"
)

// openCloudRun accepts the plaintext pushes of WeChat CloudRun, which arrive over the internal
// network with an X-Wx-Source header and no signature (wechat-protocol.md §4).
func (v *Verifier) openCloudRun(in Incoming, now time.Time) (*Push, error) {
	m, err := msg.Parse(in.Body)
	if err == nil && m.Fields["action"] == "CheckContainerPath" {
		// The path probe stores nothing and reveals nothing, and failing it would break the
		// CloudRun console configuration, so it is answered whatever its headers.
		return &Push{Probe: true, ReceivedAt: now}, nil
	}
	if !fromCloudRun(in.Header) {
		return nil, unauthorized("missing X-Wx-Source header", nil)
	}
	return decoded(in.Body, now), nil // the header is CloudRun's authentication
}

// fromCloudRun checks for the header CloudRun adds, by presence as the original did; one copy
// of the docs spells it x-wx-sources, so both are accepted.
func fromCloudRun(h http.Header) bool {
	return len(h.Values("X-Wx-Source")) > 0 || len(h.Values("X-Wx-Sources")) > 0
}
