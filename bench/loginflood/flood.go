package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"wxcomponent/bench/internal/binsvc"
)

// flood keeps logins with random usernames coming from many loopback addresses.
type flood struct {
	base               string
	sources, perSource int
	target             string // the username attacked; "" tries a random one each time
	done               chan struct{}
	wg                 sync.WaitGroup
	byStatus           sync.Map // HTTP status → *atomic.Int64
	sent               atomic.Int64
	began, ended       time.Time
}

func newFlood(base string, sources, perSource int) *flood {
	return &flood{base: base, sources: sources, perSource: perSource}
}

// start launches perSource looping workers for each source address 127.0.1.1 … 127.0.1.N.
func (f *flood) start() {
	f.done, f.began = make(chan struct{}), time.Now()
	for s := 0; s < f.sources; s++ {
		client := sourceClient(net.IPv4(127, 0, byte(1+s/250), byte(1+s%250)))
		for w := 0; w < f.perSource; w++ {
			f.wg.Add(1)
			go f.worker(client)
		}
	}
}

func (f *flood) stop() {
	close(f.done)
	f.wg.Wait()
	f.ended = time.Now()
}

func (f *flood) worker(client *http.Client) {
	defer f.wg.Done()
	for {
		select {
		case <-f.done:
			return
		default:
		}
		status := f.login(client)
		v, _ := f.byStatus.LoadOrStore(status, new(atomic.Int64))
		v.(*atomic.Int64).Add(1)
		f.sent.Add(1)
		if status == http.StatusTooManyRequests || status == 0 {
			time.Sleep(50 * time.Millisecond) // an attacker ignoring Retry-After, but not spinning
		}
	}
}

// login tries a random username; it answers the HTTP status (0 for a transport error).
func (f *flood) login(client *http.Client) int {
	user := f.target
	if user == "" {
		user = "u" + binsvc.RandHex(4)
	}
	body := fmt.Sprintf(`{"username":%q,"password":"guess-%s"}`, user, binsvc.RandHex(4))
	req, _ := http.NewRequest(http.MethodPut, f.base+"/wxcomponent/auth", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode
}

// sourceClient is an HTTP client whose connections leave from ip.
func sourceClient(ip net.IP) *http.Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DialContext: dialer.DialContext, MaxIdleConnsPerHost: 4}}
}
