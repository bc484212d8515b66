package callback

import (
	"regexp"

	"wxcomponent/comm/config"
)

// maskedFields are the push fields that carry credentials: the ticket (a component token can
// be minted with it) and single-use authorization codes.
const maskedFields = `ComponentVerifyTicket|AuthorizationCode|PreAuthCode|auth_code`

// xmlSecret and jsonSecret find the values of maskedFields in stored push bodies, with or
// without CDATA. Compiled once; regexps are safe for concurrent use and never change.
var (
	xmlSecret  = regexp.MustCompile(`(<(?:` + maskedFields + `)>\s*(?:<!\[CDATA\[)?)([^<\]]+)`)
	jsonSecret = regexp.MustCompile(`("(?:` + maskedFields + `)"\s*:\s*")((?:[^"\\]|\\.)+)`)
)

// MaskSecrets masks the credential fields of a stored push body (XML or JSON) the way the
// console masks secrets: first five characters, ***, last four.
func MaskSecrets(body string) string {
	mask := func(re *regexp.Regexp) func(string) string {
		return func(m string) string {
			sub := re.FindStringSubmatch(m)
			return sub[1] + config.Mask(sub[2])
		}
	}
	body = xmlSecret.ReplaceAllStringFunc(body, mask(xmlSecret))
	return jsonSecret.ReplaceAllStringFunc(body, mask(jsonSecret))
}
