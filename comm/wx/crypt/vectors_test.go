package crypt

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// Vectors from wechat-protocol.md §1.13 (and §1.1, §1.11), copied byte-exactly.
const (
	aKey       = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	aToken     = "AAAAA"
	aAppID     = "wx134c8103faa5a59e"
	aTimestamp = "1715943329"
	aNonce     = "1590219412"
	aSig       = "cc0c594499c1634947d5b502f158ee518947db27"
	aMsgSig    = "6c12a4205838198b8fa631b3220723bb07f1015c"
	aEncrypt   = "D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg=="
	aMsg       = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n" +
		"<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n" +
		"<CreateTime>1715943329</CreateTime>\n" +
		"<MsgType><![CDATA[event]]></MsgType>\n" +
		"<Event><![CDATA[debug_demo]]></Event>\n" +
		"<debug_str><![CDATA[hello world]]></debug_str>\n" +
		"</xml>"
	aReplyRandom  = "999951349e8ee746"
	aReplyMsg     = "<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>"
	aReplyEncrypt = "hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7"
	aReplyTS      = "1713424427"
	aReplyNonce   = "415670741"
	aReplyMsgSig  = "03e0812039325c2712ef5f0f980fd14c70d6e307"

	abcKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"

	bToken   = "spamtest"
	bAppID   = "wx2c2769f8efd9abc2"
	bTS      = "1409735669"
	bNonce   = "1320562132"
	bMsgSig  = "5d197aaffba7e9b25a30732f161a50dee96bd5fa"
	bSig     = "16120ec1b8dbb870f510d87ce6bc2463eae6ca1a"
	bEncrypt = "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE="
	bMsg     = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>"

	cdToken   = "pamtest"
	cdAppID   = "wxb11529c136998cb6"
	cRandom   = "aaaabbbbccccdddd"
	cMsg      = "我是中文abcd123"
	cEncrypt  = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg=="
	dTS       = "1458300676"
	dNonce    = "260774613"
	dMsgSig   = "4f3ad57b6989f09f4eb392acce4f9e93942ed890"
	dEncrypt  = "rTNFcsut4LfGuAFKEUVVpwcaCOTJzOd9twZdIW910jb3k+iicx2uvhttIZ3Qg9Qgty3BEF2xbOrz6boTfb30dMomcgrkTqdFPwnhqbk+kIQ7rZiwny9D7NUrTgA5kpX3KsZvrXzUZyP2x9YOlxbgm572lmxKvM7HAQQhIQ/p6HBmoY30bGXFK0BtIu1pW9TjhOYrLQoU18nWYjWqDA1ynkmOytpv7QRI1P1+0NoxL0q2zO1DgeSvnE8CZGo/o5Ap/WHK5W2RAsinpzN4/LjPnmB6U01I5XCoJoC0GK/yMZycd2Oh8Nq6+wBkC1U85oy0ktOY4nLvsQMLrourmMGdZHuTbqpeJ8Ao/5PRYJ+WBvRUwPfGKBL2+2IKZF49vAJqkcGWSHGE76ZN2erXeuNazf/o9o3lIE3q739o4c8t9QGPe31GT2Go/rOz1BsrASwvauNulCh+++yz+CQzBIuikA=="
	dMsg      = "<xml><URL><![CDATA[http://wechat.laravel.so/server]]></URL><ToUserName><![CDATA[asdasdasd]]></ToUserName><FromUserName><![CDATA[asdasdasdsadasd]]></FromUserName><CreateTime>1234567898</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>12345</MsgId></xml>"
	fToken    = "testtoken"
	fAppID    = "wx0123456789abcdef"
	fRandom   = "0123456789abcdef"
	fTS       = "1700000000"
	fNonce    = "123456789"
	fMsg      = "<xml><AppId><![CDATA[wx0123456789abcdef]]></AppId><CreateTime>1700000000</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[ticket@@@TESTTICKET]]></ComponentVerifyTicket></xml>"
	fEncrypt  = "Q3stYC6hdFzMh9T8HCvyDEcAt88cN7j5dxiFuvQpSdSpYS46f5jCeDqWovpEAWn8eUb9TM1CFN42JQwDRk2BNvpy7GkUvQv9EtUi1gsjma6TjooSZX6SOa/CUeVEoGSWF1rVOO6/muz3sMgAp1iVh9GrHGD5lizQg2OsUcRjlBIDAHDvGaivQTqU3MkpUKJ1G/aKrmgEVKBZRwohfYA5jFUK4glfwEEC+pWtSf0L2TDhYCRxiE2Atwzze5BmhM6GW/jYXtbBobh/35897fVb64zEnlscaDhQnl+INQXJDgCsPPCtwr4V/W932OZNPxxWvDuAwkTgs67UU9C9WzVCfKG3MSP523lDl3pJoxJIJCSDt+59vZMuLc1mms6sPOef"
	fSig      = "1224ee560df62329b43aeee20636a0defb583ee4"
	fMsgSig   = "595abf3fe28763e0c3e242322a9f1ad64f7658f3"
	fBody     = "<xml><AppId><![CDATA[wx0123456789abcdef]]></AppId><Encrypt><![CDATA[" + fEncrypt + "]]></Encrypt></xml>"
	echoToken = "AAAAA"
)

// mustNew builds a Crypter or stops the test.
func mustNew(t testing.TB, token, key, appid string, prev ...string) *Crypter {
	t.Helper()
	c, err := New(token, key, appid, prev...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// mustDecrypt decrypts or stops the test.
func mustDecrypt(t testing.TB, c *Crypter, encrypt string) []byte {
	t.Helper()
	msg, err := c.Decrypt(encrypt)
	if err != nil {
		t.Fatalf("Decrypt: %v", err)
	}
	return msg
}

func TestDecodeAESKeyExamples(t *testing.T) {
	key, err := DecodeAESKey(abcKey)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := hex.EncodeToString(key), "69b71d79f8218a39259a7a29aabb2dbafc31cb3d35db7e39ebbf3d0010831051"; got != want {
		t.Errorf("abc key = %s, want %s", got, want)
	}
	zero, err := DecodeAESKey(aKey)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(zero, make([]byte, 32)) {
		t.Errorf("43×A = %x, want 32 zero bytes", zero)
	}
}

func TestVectorADebugDemoPush(t *testing.T) {
	c := mustNew(t, aToken, aKey, aAppID)
	if !c.VerifySignature(aTimestamp, aNonce, aSig) {
		t.Error("signature rejected")
	}
	if !c.VerifyMsgSignature(aTimestamp, aNonce, aEncrypt, aMsgSig) {
		t.Error("msg_signature rejected")
	}
	if got := mustDecrypt(t, c, aEncrypt); string(got) != aMsg {
		t.Errorf("decrypted %q", got)
	}
}

func TestVectorAReply(t *testing.T) {
	c := mustNew(t, aToken, aKey, aAppID)
	enc, err := c.EncryptWithRandom([]byte(aReplyRandom), []byte(aReplyMsg))
	if err != nil {
		t.Fatal(err)
	}
	if enc != aReplyEncrypt {
		t.Fatalf("reply Encrypt = %s", enc)
	}
	if got := Signature(aToken, aReplyTS, aReplyNonce, enc); got != aReplyMsgSig {
		t.Errorf("reply MsgSignature = %s", got)
	}
	want := "<xml>\n<Encrypt><![CDATA[" + aReplyEncrypt + "]]></Encrypt>\n" +
		"<MsgSignature><![CDATA[" + aReplyMsgSig + "]]></MsgSignature>\n" +
		"<TimeStamp>" + aReplyTS + "</TimeStamp>\n<Nonce><![CDATA[" + aReplyNonce + "]]></Nonce>\n</xml>"
	body := c.replyBody(enc, aReplyTS, aReplyNonce)
	if string(body) != want {
		t.Errorf("reply body\n%s\nwant\n%s", body, want)
	}
	if got, err := c.OpenReply(body); err != nil || string(got) != aReplyMsg {
		t.Errorf("OpenReply = %q, %v", got, err)
	}
}

func TestEncryptReplyRoundTrip(t *testing.T) {
	c := mustNew(t, aToken, aKey, aAppID)
	body, err := c.EncryptReply([]byte(aReplyMsg), aReplyTS, "x]]>y")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.OpenReply(body); err != nil || string(got) != aReplyMsg {
		t.Errorf("OpenReply = %q, %v (body %s)", got, err, body)
	}
	other := mustNew(t, "other", aKey, aAppID)
	if _, err := other.OpenReply(body); err == nil {
		t.Error("reply with a foreign token accepted")
	}
}

func TestVectorBOfficialSample(t *testing.T) {
	c := mustNew(t, bToken, abcKey, bAppID)
	if !c.VerifySignature(bTS, bNonce, bSig) {
		t.Error("signature rejected")
	}
	if !c.VerifyMsgSignature(bTS, bNonce, bEncrypt, bMsgSig) {
		t.Error("msg_signature rejected")
	}
	if got := mustDecrypt(t, c, bEncrypt); string(got) != bMsg {
		t.Errorf("decrypted %q", got)
	}
}

func TestVectorCDeterministicEncrypt(t *testing.T) {
	c := mustNew(t, cdToken, abcKey, cdAppID)
	enc, err := c.EncryptWithRandom([]byte(cRandom), []byte(cMsg))
	if err != nil {
		t.Fatal(err)
	}
	if enc != cEncrypt {
		t.Errorf("Encrypt = %s, want %s", enc, cEncrypt)
	}
	if got := mustDecrypt(t, c, cEncrypt); string(got) != cMsg {
		t.Errorf("decrypted %q", got)
	}
}

func TestVectorDEasyWechat(t *testing.T) {
	c := mustNew(t, cdToken, abcKey, cdAppID)
	if !c.VerifyMsgSignature(dTS, dNonce, dEncrypt, dMsgSig) {
		t.Error("msg_signature rejected")
	}
	if got := mustDecrypt(t, c, dEncrypt); string(got) != dMsg {
		t.Errorf("decrypted %q", got)
	}
}

func TestVectorESHA1Helpers(t *testing.T) {
	if got := Signature("123", "345"); got != "9f537aeb751ec72605f57f94a2f6dc3e3958e1dd" {
		t.Errorf("sha1(123,345) = %s", got)
	}
	parts := []string{"789", "456", "123"}
	if got := Signature(parts...); got != "f7c3bc1d808e04732adf679965ccc34ca7ae3441" {
		t.Errorf("sha1(789,456,123) = %s", got)
	}
	if parts[0] != "789" {
		t.Error("Signature reordered the caller's slice")
	}
}

func TestVectorFTicketPush(t *testing.T) {
	c := mustNew(t, fToken, abcKey, fAppID)
	q, body, err := c.SealPushWithRandom([]byte(fRandom), []byte(fMsg), "", fTS, fNonce)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"timestamp": fTS, "nonce": fNonce, "signature": fSig,
		"msg_signature": fMsgSig, "encrypt_type": "aes"}
	for k, v := range want {
		if got := q.Get(k); got != v {
			t.Errorf("query %s = %q, want %q", k, got, v)
		}
	}
	if string(body) != fBody {
		t.Errorf("body = %s", body)
	}
	if !c.VerifySignature(fTS, fNonce, fSig) || !c.VerifyMsgSignature(fTS, fNonce, fEncrypt, fMsgSig) {
		t.Error("vector F signatures rejected")
	}
	if got := mustDecrypt(t, c, fEncrypt); string(got) != fMsg {
		t.Errorf("decrypted %q", got)
	}
}

func TestSealPushMessageEnvelope(t *testing.T) {
	c := mustNew(t, fToken, abcKey, fAppID)
	q, body, err := c.SealPush([]byte("<xml/>"), "gh_97417a04a28d", fTS, fNonce)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(body, []byte("<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[")) {
		t.Errorf("body = %s", body)
	}
	if !c.VerifySignature(q.Get("timestamp"), q.Get("nonce"), q.Get("signature")) {
		t.Error("signature of sealed push rejected")
	}
}

func TestEchostrSignature(t *testing.T) {
	c := mustNew(t, echoToken, aKey, aAppID)
	if !c.VerifySignature("1714036504", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441696") {
		t.Error("echostr signature rejected")
	}
	if c.VerifySignature("1714036504", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441697") {
		t.Error("wrong echostr signature accepted")
	}
}
