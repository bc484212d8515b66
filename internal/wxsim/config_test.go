package wxsim

import (
	"strings"
	"testing"
)

func TestNewReportsAllConfigProblems(t *testing.T) {
	_, err := New(Config{Mode: "weird"})
	if err == nil {
		t.Fatal("empty config accepted")
	}
	for _, want := range []string{"appid", "secret", "unknown mode"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if _, err := New(Config{ComponentAppID: "wx1", ComponentSecret: "s", Token: "t", EncodingAESKey: "short"}); err == nil {
		t.Fatal("bad EncodingAESKey accepted")
	}
	if _, err := New(Config{ComponentAppID: "wx1", ComponentSecret: "s", Mode: ModeCloudRun}); err != nil {
		t.Fatalf("cloudrun needs no keys: %v", err)
	}
	bad := []Authorizer{{AppID: "wx1", UserName: "gh_1", Kind: "robot"}}
	if _, err := New(Config{ComponentAppID: "wx1", ComponentSecret: "s", Mode: ModeCloudRun, Authorizers: bad}); err == nil {
		t.Fatal("unknown authorizer kind accepted")
	}
}

func TestSeedAuthorizers(t *testing.T) {
	seed := SeedAuthorizers(4)
	if seed[0].AppID != oaAppID || seed[0].UserName != "gh_3c884a361561" || seed[1].AppID != mpAppID ||
		seed[1].UserName != "gh_8dad206e9538" || seed[1].Kind != KindMiniProgram {
		t.Fatalf("go-live accounts = %+v", seed[:2])
	}
	again := SeedAuthorizers(4)
	if seed[3].AppID != again[3].AppID || seed[2].Kind != KindOA || seed[3].Kind != KindMiniProgram {
		t.Fatalf("generated accounts must be stable: %+v vs %+v", seed[2:], again[2:])
	}
	for _, a := range seed {
		if len(a.AppID) != 18 || !strings.HasPrefix(a.UserName, "gh_") {
			t.Fatalf("bad seeded account %+v", a)
		}
	}
}
