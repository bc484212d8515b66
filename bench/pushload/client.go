package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
)

// conn is a minimal HTTP/1.1 keep-alive client on one connection. net/http's Client costs
// several goroutine hand-offs per request, which on a 2-core machine would take CPU from the
// server being measured; this one writes the request and reads the answer inline.
type conn struct {
	nc   net.Conn
	r    *bufio.Reader
	w    *bufio.Writer
	host string
}

func dial(addr string) (*conn, error) {
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	return &conn{nc: nc, r: bufio.NewReaderSize(nc, 4096), w: bufio.NewWriterSize(nc, 8192), host: addr}, nil
}

func (c *conn) close() { _ = c.nc.Close() }

// post sends one push and checks WeChat's acceptance rule: HTTP 200 and body "success".
func (c *conn) post(r request) (time.Duration, error) {
	start := time.Now()
	if err := c.nc.SetDeadline(start.Add(10 * time.Second)); err != nil {
		return 0, err
	}
	_, _ = c.w.WriteString("POST " + r.target + " HTTP/1.1\r\nHost: " + c.host + "\r\nUser-Agent: Mozilla/4.0\r\n" +
		r.header + "Content-Length: " + strconv.Itoa(len(r.body)) + "\r\n\r\n")
	_, _ = c.w.Write(r.body)
	if err := c.w.Flush(); err != nil {
		return time.Since(start), fmt.Errorf("send: %w", err)
	}
	resp, err := http.ReadResponse(c.r, nil)
	if err != nil {
		return time.Since(start), fmt.Errorf("read answer: %w", err)
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		return d, fmt.Errorf("read answer body: %w", err)
	}
	if resp.StatusCode != http.StatusOK || string(body) != "success" {
		return d, fmt.Errorf("HTTP %d %.100s", resp.StatusCode, body)
	}
	return d, nil
}
