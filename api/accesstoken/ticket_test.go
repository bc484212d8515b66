package accesstoken_test

import (
	"testing"
	"time"

	"wxcomponent/api/accesstoken"
)

// Both ticket answers come from one description: the console's age and the loopback's expiry
// are read off the same receipt time.
func TestDescribeTicketFeedsBothAnswers(t *testing.T) {
	at := time.Unix(1_700_000_000, 0)
	v := accesstoken.DescribeTicket("tk", at, at.Add(90*time.Second+400*time.Millisecond))
	console, inner := v.Console(), v.Inner()
	if len(console) != 3 || console["ticket"] != "tk" || console["receivedAt"] != at.Unix() || console["ageSeconds"] != int64(90) {
		t.Fatalf("console answer %v", console)
	}
	if len(inner) != 2 || inner["ticket"] != "tk" || inner["expiresAt"] != at.Add(12*time.Hour).Unix() {
		t.Fatalf("inner answer %v", inner)
	}
}
