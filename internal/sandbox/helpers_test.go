package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const testKey = DefaultKey

// fixedNow makes timestamps predictable and keeps milliseconds non-zero so
// the style tests can tell the two formats apart.
var fixedNow = time.Date(2025, 6, 10, 16, 0, 0, 123_000_000, time.UTC)

func newServer(t *testing.T, opts Options) *Server {
	t.Helper()
	tick := fixedNow
	opts.Now = func() time.Time { tick = tick.Add(time.Second); return tick }
	return New(opts)
}

// call performs one request against h with the default key. body may be a
// string (sent raw) or any value (JSON-encoded); nil sends no body.
func call(t *testing.T, h http.Handler, method, path string, body any, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	return callKey(t, h, testKey, method, path, body, headers...)
}

func callKey(t *testing.T, h http.Handler, key, method, path string, body any, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, path, rd)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// decode parses a JSON body into maps, slices, float64s and strings.
func decode(t *testing.T, rec *httptest.ResponseRecorder) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("body is not JSON (%v): %q", err, rec.Body.String())
	}
	return v
}

func asObj(t *testing.T, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("want JSON object, got %T: %v", v, v)
	}
	return m
}

func asList(t *testing.T, v any) []any {
	t.Helper()
	l, ok := v.([]any)
	if !ok {
		t.Fatalf("want JSON array, got %T: %v", v, v)
	}
	return l
}

func wantStatus(t *testing.T, rec *httptest.ResponseRecorder, want int) {
	t.Helper()
	if rec.Code != want {
		t.Fatalf("status %d, want %d; body %s", rec.Code, want, rec.Body.String())
	}
}

// errorCode extracts the error code from any of the styled error bodies.
func errorCode(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	m := asObj(t, decode(t, rec))
	switch e := m["error"].(type) {
	case string:
		return e
	case map[string]any:
		s, _ := e["code"].(string)
		return s
	}
	s, _ := m["code"].(string)
	return s
}

func hasKeys(t *testing.T, m map[string]any, want ...string) {
	t.Helper()
	for _, k := range want {
		if _, ok := m[k]; !ok {
			t.Errorf("missing key %q in %v", k, m)
		}
	}
}

func lacksKeys(t *testing.T, m map[string]any, unwanted ...string) {
	t.Helper()
	for _, k := range unwanted {
		if _, ok := m[k]; ok {
			t.Errorf("unexpected key %q in %v", k, m)
		}
	}
}

var oneStep = []map[string]any{{"subject": "Hi {{firstName}}", "bodyHtml": "<p>Hello</p>"}}

// mkCampaign creates a campaign (steps optional) and returns its id.
func mkCampaign(t *testing.T, s *Server, name string, steps any) string {
	t.Helper()
	body := map[string]any{"name": name}
	if steps != nil {
		body["sequenceSteps"] = steps
	}
	rec := call(t, s, "POST", "/v1/campaigns", body)
	wantStatus(t, rec, http.StatusCreated)
	return asObj(t, decode(t, rec))["id"].(string)
}

func enroll(t *testing.T, s *Server, id string, emails ...string) {
	t.Helper()
	var leads []map[string]any
	for _, e := range emails {
		leads = append(leads, map[string]any{"email": e})
	}
	wantStatus(t, call(t, s, "POST", "/v1/campaigns/"+id+"/leads/bulk", map[string]any{"leads": leads}), http.StatusOK)
}
