package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"wxcomponent/bench/internal/binsvc"
)

// envelope is the admin API's answer: {code, errorMsg, data}.
type envelope struct {
	Code     int             `json:"code"`
	ErrorMsg string          `json:"errorMsg"`
	Data     json.RawMessage `json:"data"`
}

// call sends one admin API request. It uses the Bearer token, as an API client would: the
// same-origin check guards only writes authenticated by the console's cookie.
func call(client *http.Client, method, url, jwt string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if jwt != "" {
		req.Header.Set("Authorization", "Bearer "+jwt)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	var env envelope
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil || env.Code != 0 {
		return fmt.Errorf("%s %s: HTTP %d code %d %s %v", method, url, resp.StatusCode, env.Code, env.ErrorMsg, err)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(env.Data, out)
}

// login signs the seeded admin in and answers the session token.
func login(client *http.Client, base string) (string, error) {
	var s struct {
		JWT string `json:"jwt"`
	}
	err := call(client, http.MethodPut, base+"/wxcomponent/auth", "",
		map[string]string{"username": binsvc.AdminUsername, "password": binsvc.AdminPassword}, &s)
	return s.JWT, err
}

// createRules adds the async rule for text pushes (and with sync the sync rule for image
// pushes) and answers their signing keys, so the target can check every signature.
func createRules(client *http.Client, base, jwt, target string, sync bool) ([]string, error) {
	rules := []struct{ name, msgType, mode string }{{"crash-async", "text", "async"}}
	if sync {
		rules = append(rules, struct{ name, msgType, mode string }{"crash-sync", "image", "sync"})
	}
	var keys []string
	for _, r := range rules {
		var created struct {
			ID uint `json:"id"`
		}
		in := map[string]any{"name": r.name, "msgType": r.msgType, "open": 1,
			"data": map[string]string{"url": target + "/" + r.mode, "mode": r.mode}}
		if err := call(client, http.MethodPut, base+"/wxcomponent/admin/callback-proxy-rule", jwt, in, &created); err != nil {
			return nil, err
		}
		var key struct {
			Key string `json:"key"`
		}
		url := base + "/wxcomponent/admin/callback-proxy-rule-key?reveal=true&id=" + strconv.FormatUint(uint64(created.ID), 10)
		if err := call(client, http.MethodGet, url, jwt, nil, &key); err != nil {
			return nil, err
		}
		keys = append(keys, key.Key)
	}
	return keys, nil
}
