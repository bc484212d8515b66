package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"wxcomponent/bench/internal/binsvc"
)

// The account the service is started with; the attack phase guesses its password.
const (
	ownerUsername = binsvc.AdminUsername
	ownerPassword = binsvc.AdminPassword
)

// ownerLogin is one login of the owner: how long it took and what it got.
type ownerLogin struct {
	took   time.Duration
	status int
}

// ownerPhase runs the attack for d and, once it is under way, logs the owner in once a second
// from 127.0.3.1, a source that has never failed.
func ownerPhase(base string, d time.Duration, attack *flood) []ownerLogin {
	attack.start()
	defer attack.stop()
	client := sourceClient(net.IPv4(127, 0, 3, 1))
	time.Sleep(2 * time.Second) // let the account reach "under attack"
	var out []ownerLogin
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(time.Second) {
		start := time.Now()
		status := loginAs(client, base, ownerUsername, ownerPassword)
		out = append(out, ownerLogin{took: time.Since(start), status: status})
	}
	return out
}

// loginAs sends one login and answers the HTTP status (0 for a transport error).
func loginAs(client *http.Client, base, user, pass string) int {
	body := fmt.Sprintf(`{"username":%q,"password":%q}`, user, pass)
	req, _ := http.NewRequest(http.MethodPut, base+"/wxcomponent/auth", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode
}

// reportOwner prints how the owner's logins fared during the attack.
func reportOwner(logins []ownerLogin, attack *flood) {
	var ok int
	var took []time.Duration
	for _, l := range logins {
		if l.status == http.StatusOK {
			ok++
		}
		took = append(took, l.took)
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	fmt.Printf("owner logging in from a fresh address while %d addresses guess %q's password:\n", attack.sources, ownerUsername)
	fmt.Printf("  %d of %d owner logins succeeded", ok, len(logins))
	if len(took) > 0 {
		fmt.Printf("; login time p50 %s  max %s", pct(took, 50), took[len(took)-1].Round(time.Millisecond))
	}
	fmt.Println()
	secs := attack.ended.Sub(attack.began).Seconds()
	fmt.Printf("  guesses sent: %d (%.0f/s);", attack.sent.Load(), float64(attack.sent.Load())/secs)
	attack.byStatus.Range(func(k, v any) bool {
		fmt.Printf(" %d %s: %d;", k, http.StatusText(k.(int)), v.(*atomic.Int64).Load())
		return true
	})
	fmt.Println()
}
