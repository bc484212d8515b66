package codemgmt

import (
	"wxcomponent/comm/wx/api"
	"wxcomponent/db/model"
)

// next lists the states each state may move to. Anything else is ignored, which makes the
// machine idempotent: a repeated push, a poll after the push, or a late delay event after the
// final result changes nothing. Audit outcomes are accepted from committed too, for a version
// whose submission we learn about only from WeChat.
var next = map[string][]string{
	model.WeappCommitted: {model.WeappAuditing, model.WeappDelayed, model.WeappApproved, model.WeappRejected, model.WeappWithdrawn},
	model.WeappAuditing:  {model.WeappDelayed, model.WeappApproved, model.WeappRejected, model.WeappWithdrawn},
	model.WeappDelayed:   {model.WeappApproved, model.WeappRejected, model.WeappWithdrawn},
	model.WeappApproved:  {model.WeappReleased},
	model.WeappReleased:  {model.WeappRolledBack},
}

// allowed tells whether a version in state from may move to to.
func allowed(from, to string) bool {
	for _, s := range next[from] {
		if s == to {
			return true
		}
	}
	return false
}

// openStates are the states of an audit WeChat has not finished.
var openStates = []string{model.WeappAuditing, model.WeappDelayed}

// stateOfAudit maps get_auditstatus's status to a state.
func stateOfAudit(status int) (string, bool) {
	switch status {
	case api.AuditApproved:
		return model.WeappApproved, true
	case api.AuditRejected:
		return model.WeappRejected, true
	case api.AuditAuditing:
		return model.WeappAuditing, true
	case api.AuditWithdrawn:
		return model.WeappWithdrawn, true
	case api.AuditDelayed:
		return model.WeappDelayed, true
	}
	return "", false
}

// auditStatusOf maps a state back to WeChat's status number, as the console shows it (a
// released or rolled-back version passed its audit).
func auditStatusOf(state string) int {
	switch state {
	case model.WeappRejected:
		return api.AuditRejected
	case model.WeappAuditing, model.WeappCommitted:
		return api.AuditAuditing
	case model.WeappWithdrawn:
		return api.AuditWithdrawn
	case model.WeappDelayed:
		return api.AuditDelayed
	}
	return api.AuditApproved
}
