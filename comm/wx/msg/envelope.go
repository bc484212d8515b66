package msg

import "strings"

// Envelope is the outer encrypted body: <xml><AppId/><ToUserName/><Encrypt/></xml> or JSON
// {"ToUserName","Encrypt"}. Component pushes carry AppId, message pushes carry ToUserName.
type Envelope struct {
	// AppID is <AppId>, present on component (authorization event) pushes.
	AppID string
	// ToUserName is the authorizer's gh_ id, present on message/event pushes.
	ToUserName string
	// Encrypt is the base64 ciphertext to verify and decrypt.
	Encrypt string
}

// ParseEnvelope reads an encrypted push body in XML or JSON. It fails when Encrypt is missing or
// empty, since such a body cannot be authenticated.
func ParseEnvelope(b []byte) (*Envelope, error) {
	f, err := fieldsWith(b, sniffFields)
	if err != nil {
		return nil, err
	}
	e := &Envelope{
		AppID:      strings.TrimSpace(f["AppId"]),
		ToUserName: strings.TrimSpace(f["ToUserName"]),
		Encrypt:    strings.TrimSpace(f["Encrypt"]),
	}
	if e.Encrypt == "" {
		return nil, ErrNoEncrypt
	}
	return e, nil
}

// IsCheckContainerPath reports whether b is CloudRun's path probe, {"action":"CheckContainerPath"}
// or <xml><action>CheckContainerPath</action></xml>, which must be answered 200 without further
// processing. Unparseable bodies are not probes.
func IsCheckContainerPath(b []byte) bool {
	f, err := fieldsWith(b, sniffFields)
	return err == nil && strings.TrimSpace(f["action"]) == "CheckContainerPath"
}
