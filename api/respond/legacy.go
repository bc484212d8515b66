package respond

import (
	"errors"

	"wxcomponent/api/errno"
	legacyerrno "wxcomponent/comm/errno"
)

// legacy carries over the contract errors comm/adminauth still builds with comm/errno. Delete
// this file (and comm/errno) once adminauth returns sentinels mapped in table.go.
func legacy(err error) (errno.Code, any, bool) {
	var e *legacyerrno.Error
	if !errors.As(err, &e) {
		return errno.Code{}, nil, false
	}
	return errno.Code{Code: e.Code.Code, Msg: e.Code.Msg, Status: e.Code.Status}, e.Detail, true
}
