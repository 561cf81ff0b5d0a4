package leadterra

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// testKey is deliberately distinctive: no error string and no log field of
// any test may contain it (assertNoSecret, spyLogger.check).
const testKey = "sk_test_Zq9SECRETkey_d0_n0t_leak_4c1f"

const testUA = "leadterra-test/1.0 (+unit)"

// testCtx bounds every test that talks to a server.
func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// assertNoSecret fails the test when err's text (in every usual rendering)
// holds the API key.
func assertNoSecret(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
		if strings.Contains(s, testKey) || strings.Contains(s, "Zq9SECRETkey") {
			t.Errorf("error text contains the API key: %q", s)
		}
	}
}

// mustErr asserts err is non-nil and free of the key, and returns it.
func mustErr(t *testing.T, err error) error {
	t.Helper()
	if err == nil {
		t.Fatal("expected an error, got nil")
	}
	assertNoSecret(t, err)
	return err
}

// mustOK asserts err is nil (and, if not, that it at least hides the key).
func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		assertNoSecret(t, err)
		t.Fatalf("unexpected error: %v", err)
	}
}

type logEntry struct {
	level  string
	msg    string
	fields map[string]any
}

// spyLogger records every log call; it is safe for concurrent use.
type spyLogger struct {
	mu      sync.Mutex
	entries []logEntry
}

func (s *spyLogger) Debug(_ context.Context, msg string, f map[string]any) { s.add("debug", msg, f) }
func (s *spyLogger) Warn(_ context.Context, msg string, f map[string]any)  { s.add("warn", msg, f) }

func (s *spyLogger) add(level, msg string, f map[string]any) {
	cp := make(map[string]any, len(f))
	for k, v := range f {
		cp[k] = v
	}
	s.mu.Lock()
	s.entries = append(s.entries, logEntry{level: level, msg: msg, fields: cp})
	s.mu.Unlock()
}

func (s *spyLogger) all() []logEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]logEntry(nil), s.entries...)
}

// text renders every entry, for "never contains" checks.
func (s *spyLogger) text() string {
	var b strings.Builder
	for _, e := range s.all() {
		fmt.Fprintf(&b, "%s %s %v\n", e.level, e.msg, e.fields)
	}
	return b.String()
}

// check asserts no log line holds the key or an Authorization value.
func (s *spyLogger) check(t *testing.T) {
	t.Helper()
	txt := s.text()
	for _, bad := range []string{testKey, "Zq9SECRETkey", "Bearer"} {
		if strings.Contains(txt, bad) {
			t.Errorf("logs contain %q:\n%s", bad, txt)
		}
	}
}

// recorded is one request as the test server saw it.
type recorded struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
}

// testServer records every request and hands it to a scripted handler;
// n is the 1-based index of the request across the server's life.
type testServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []recorded
}

func newTestServer(t *testing.T, h func(w http.ResponseWriter, r *http.Request, n int)) *testServer {
	t.Helper()
	s := &testServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body)) // the handler may read it again
		s.mu.Lock()
		s.reqs = append(s.reqs, recorded{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body})
		n := len(s.reqs)
		s.mu.Unlock()
		h(w, r, n)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *testServer) requests() []recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]recorded(nil), s.reqs...)
}

func (s *testServer) hits() int { return len(s.requests()) }

// count is the number of requests for "METHOD /path".
func (s *testServer) count(route string) int {
	n := 0
	for _, r := range s.requests() {
		if r.Method+" "+r.Path == route {
			n++
		}
	}
	return n
}

// reply is one scripted answer.
type reply struct {
	status int
	body   string
	header map[string]string
}

// newScriptedServer answers "METHOD /path" from routes; any other request
// fails the test (and gets a 418 so it cannot pass for a documented answer).
func newScriptedServer(t *testing.T, routes map[string]reply) *testServer {
	t.Helper()
	return newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		rep, ok := routes[r.Method+" "+r.URL.Path]
		if !ok {
			t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
			w.WriteHeader(http.StatusTeapot)
			return
		}
		for k, v := range rep.header {
			w.Header().Set(k, v)
		}
		writeJSON(w, rep.status, rep.body)
	})
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	if body != "" && w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// dropConnection closes the TCP connection without answering.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Error("response writer cannot hijack")
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	_ = conn.Close()
}

// fastConfig is a Config with tiny waits so retry tests stay fast.
func fastConfig(baseURL string) Config {
	return Config{
		BaseURL:        baseURL,
		APIKey:         testKey,
		UserAgent:      testUA,
		MaxRetries:     2,
		RequestTimeout: 5 * time.Second,
		RetryWaitMin:   time.Millisecond,
		RetryWaitMax:   5 * time.Millisecond,
		MaxRetryAfter:  50 * time.Millisecond,
	}
}

// newTestClient builds a client on baseURL with fastConfig, lets mod adjust
// it, and checks at cleanup that the logs never held the key.
func newTestClient(t *testing.T, baseURL string, mod func(*Config)) (*Client, *spyLogger) {
	t.Helper()
	spy := &spyLogger{}
	cfg := fastConfig(baseURL)
	cfg.Logger = spy
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	mustOK(t, err)
	t.Cleanup(func() { spy.check(t) })
	return c, spy
}
