package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

// printServiceLog summarises what the service logged (LOG_LEVEL=error, across every
// instance): each message once, with its count and its first error, because an error the
// service survived (a deadlock, a failed write) explains repeats and slow drains.
func printServiceLog(path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer func() { _ = f.Close() }()
	counts, first := map[string]int{}, map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var e struct{ Level, Msg, Error string }
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			e.Msg = sc.Text() // a line that is not JSON (a panic, Go's runtime)
		}
		if counts[e.Msg]++; first[e.Msg] == "" {
			first[e.Msg] = e.Error
		}
	}
	msgs := make([]string, 0, len(counts))
	for m := range counts {
		msgs = append(msgs, m)
	}
	sort.Slice(msgs, func(i, j int) bool { return counts[msgs[i]] > counts[msgs[j]] })
	if len(msgs) == 0 {
		fmt.Println("service:   logged no error")
	}
	for _, m := range msgs {
		fmt.Printf("service:   logged %d× %.100s: %.160s\n", counts[m], m, first[m])
	}
}
