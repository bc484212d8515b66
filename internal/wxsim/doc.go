// Package wxsim is a faithful, in-process simulator of the WeChat Open Platform as seen by a
// third-party platform ("component"): the component and on-behalf HTTP APIs, the fake
// authorization pages, and the pushes WeChat sends to the platform (component_verify_ticket,
// authorized/updateauthorized/unauthorized, user messages), and mini-program code management
// with real per-account state: template library, commit, audits decided on a schedule or through
// POST /sim/audit/decide (pushing weapp_audit_* events), release, rollback, domains, privacy guide
// and audit media (code_*.go).
//
// WeChat itself is unreachable from the project's machines, so the service's tests talk to this
// simulator over HTTP instead. Behaviour follows /work/shared/wechat-protocol.md: every API
// answers HTTP 200 with {"errcode","errmsg":"… rid: …"} on error, tokens and codes expire
// according to an injected clock, and faults can be injected per API path.
//
// Adding an API group: write a file with a `func (s *Sim) xxxRoutes() []route` and list it in
// routeGroups (router.go). Handlers get a *call carrying the decoded body and, for on-behalf
// routes, the authorizer resolved from ?access_token=.
package wxsim
