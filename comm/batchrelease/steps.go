package batchrelease

// Steps of one account, in order. Domain, webview and privacy run only when the spec sets them;
// release runs automatically only with AutoRelease.
const (
	StepDomain  = "domain"
	StepWebview = "webview"
	StepPrivacy = "privacy"
	StepCommit  = "commit"
	StepSubmit  = "submit"
	StepAudit   = "audit"
	StepRelease = "release"
	StepDone    = "done"
)

var stepOrder = []string{StepDomain, StepWebview, StepPrivacy, StepCommit, StepSubmit, StepAudit, StepRelease, StepDone}

// enabled tells whether spec runs step at all.
func (s Spec) enabled(step string) bool {
	switch step {
	case StepDomain:
		return s.Domains != nil
	case StepWebview:
		return s.WebviewDomains != nil
	case StepPrivacy:
		return s.Privacy != nil
	}
	return true
}

// firstStep is where a new account starts.
func firstStep(s Spec) string { return s.after("") }

// after returns the step that follows step ("" for the first one).
func (s Spec) after(step string) string {
	started := step == ""
	for _, st := range stepOrder {
		if started && s.enabled(st) {
			return st
		}
		if st == step {
			started = true
		}
	}
	return StepDone
}
