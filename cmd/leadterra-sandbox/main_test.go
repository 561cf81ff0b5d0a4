package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer lets the test read output the server goroutine writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRunWritesEnvFileAndServes(t *testing.T) {
	env := filepath.Join(t.TempDir(), "sandbox.env")
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-env-file", env, "-key", "sk_test_a,sk_test_b", "-readonly-key", "sk_test_ro", "-style", "guide", "-tick", "10ms"}, &out, &errOut)
	}()

	var content []byte
	deadline := time.Now().Add(5 * time.Second)
	for {
		b, err := os.ReadFile(env)
		if err == nil {
			content = b
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("env file never appeared")
		}
		time.Sleep(10 * time.Millisecond)
	}
	vars := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(content)), "\n") {
		k, v, _ := strings.Cut(line, "=")
		vars[k] = v
	}
	if vars["LEADTERRA_API_KEY"] != "sk_test_a" || !strings.HasPrefix(vars["LEADTERRA_BASE_URL"], "http://127.0.0.1:") {
		t.Fatalf("env file %q", content)
	}
	if fi, _ := os.Stat(env); fi.Mode().Perm() != 0o600 {
		t.Errorf("env file mode %v", fi.Mode())
	}

	req, _ := http.NewRequest("GET", vars["LEADTERRA_BASE_URL"]+"/v1/sender-pools", nil)
	req.Header.Set("Authorization", "Bearer sk_test_b")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"pools"`) {
		t.Errorf("%d %s", resp.StatusCode, body)
	}

	for _, want := range []string{vars["LEADTERRA_BASE_URL"], "sk_test_a", "sk_test_ro", "read-only", "Style: guide", "Mode:  full"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, out.String())
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no shutdown")
	}
	if _, err := os.Stat(env); !os.IsNotExist(err) {
		t.Error("env file left behind")
	}
	if !strings.Contains(errOut.String(), "GET /v1/sender-pools 200") {
		t.Errorf("request log: %q", errOut.String())
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
	}{
		{nil, ""},
		{[]string{"-addr", "0.0.0.0:8787"}, "non-loopback"},
		{[]string{"-addr", ":8787"}, "non-loopback"},
		{[]string{"-addr", "0.0.0.0:8787", "-allow-remote"}, ""},
		{[]string{"-addr", "localhost:0"}, ""},
		{[]string{"-addr", "[::1]:0"}, ""},
		{[]string{"-style", "fancy"}, "unknown style"},
		{[]string{"-tick", "-1s"}, "negative"},
		{[]string{"-page-size", "101"}, "page-size"},
		{[]string{"-page-size", "-1"}, "page-size"},
		{[]string{"-page-size", "10"}, ""},
		{[]string{"extra"}, "unexpected"},
		{[]string{"-rate-limit", "-1"}, "rate-limit"},
		{[]string{"-rate-limit", "NaN"}, "rate-limit"},
		{[]string{"-rate-limit", "2.5"}, ""},
	}
	for _, tt := range tests {
		cfg, err := parseFlags(tt.args, io.Discard)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%v: err %v, want %q", tt.args, err, tt.wantErr)
		}
		if tt.args == nil && (len(cfg.keys) != 1 || cfg.keys[0] != "sk_test_sandbox" || !cfg.seed || cfg.tick != 2*time.Second || cfg.addr != "127.0.0.1:8787") {
			t.Errorf("defaults %+v", cfg)
		}
	}
	cfg, _ := parseFlags([]string{"-readonly-key", "ro"}, io.Discard)
	if len(cfg.keys) != 1 || cfg.keys[0] != "sk_test_sandbox" || cfg.readOnly[0] != "ro" {
		t.Errorf("default key with a read-only key: %+v", cfg)
	}
	cfg, _ = parseFlags([]string{"-key", "a", "-key", "b,c", "-noaccess-key", "n"}, io.Discard)
	if strings.Join(cfg.keys, " ") != "a b c" || len(cfg.noAccess) != 1 {
		t.Errorf("%+v", cfg)
	}
}

func TestRunRateLimit(t *testing.T) {
	env := filepath.Join(t.TempDir(), "sandbox.env")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-env-file", env, "-rate-limit", "1", "-documented-only", "-quiet"}, &out, &errOut)
	}()
	var base string
	for deadline := time.Now().Add(5 * time.Second); base == ""; time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(env); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				if v, ok := strings.CutPrefix(line, "LEADTERRA_BASE_URL="); ok {
					base = v
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("env file never appeared")
		}
	}
	var statuses []string
	for range 2 {
		req, _ := http.NewRequest("GET", base+"/v1/sdrs", nil)
		req.Header.Set("Authorization", "Bearer sk_test_sandbox")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		statuses = append(statuses, resp.Status+" Retry-After="+resp.Header.Get("Retry-After"))
	}
	if statuses[0] != "200 OK Retry-After=" || statuses[1] != "429 Too Many Requests Retry-After=1" {
		t.Errorf("two requests at once under -rate-limit 1: %q", statuses)
	}
	if !strings.Contains(out.String(), "Rate limit: 1 requests/s per key (burst 1)") {
		t.Errorf("banner does not show the limit:\n%s", out.String())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
