package sandbox

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAuthClasses(t *testing.T) {
	s := newServer(t, Options{
		Keys:            []string{"sk_test_full"},
		ReadOnlyKeys:    []string{"sk_test_ro"},
		NoAccessKeys:    []string{"sk_test_none"},
		NoWorkspaceKeys: []string{"sk_test_nows"},
		Seed:            true,
	})
	campaign := map[string]any{"name": "x"}
	tests := []struct {
		name       string
		authHeader string // full header value; "" sends none
		method     string
		path       string
		body       any
		wantStatus int
		wantCode   string
	}{
		{"no header", "", "GET", "/v1/sender-pools", nil, 401, "authentication_failed"},
		{"basic scheme", "Basic c2tfdGVzdF9mdWxsOg==", "GET", "/v1/sender-pools", nil, 401, "authentication_failed"},
		{"empty bearer", "Bearer ", "GET", "/v1/sender-pools", nil, 401, "authentication_failed"},
		{"unknown key", "Bearer sk_test_nope", "GET", "/v1/sender-pools", nil, 401, "authentication_failed"},
		{"trailing newline", "Bearer sk_test_full\n", "GET", "/v1/sender-pools", nil, 401, "authentication_failed"},
		{"trailing space", "Bearer sk_test_full ", "GET", "/v1/sender-pools", nil, 401, "authentication_failed"},
		{"default key disabled when keys given", "Bearer " + DefaultKey, "GET", "/v1/sender-pools", nil, 401, "authentication_failed"},
		{"401 before routing", "", "GET", "/v1/nowhere", nil, 401, "authentication_failed"},
		{"full read", "Bearer sk_test_full", "GET", "/v1/sender-pools", nil, 200, ""},
		{"scheme is case-insensitive", "bearer sk_test_full", "GET", "/v1/sender-pools", nil, 200, ""},
		{"full write", "Bearer sk_test_full", "POST", "/v1/campaigns", campaign, 201, ""},
		{"read-only read", "Bearer sk_test_ro", "GET", "/v1/sender-accounts", nil, 200, ""},
		{"read-only write", "Bearer sk_test_ro", "POST", "/v1/campaigns", campaign, 403, "forbidden"},
		{"read-only delete", "Bearer sk_test_ro", "DELETE", "/v1/campaigns/" + SeedCampaignID, nil, 403, "forbidden"},
		{"no-access read", "Bearer sk_test_none", "GET", "/v1/sender-pools", nil, 403, "forbidden"},
		{"no-access write", "Bearer sk_test_none", "POST", "/v1/campaigns", campaign, 403, "forbidden"},
		{"no workspace", "Bearer sk_test_nows", "GET", "/v1/sender-pools", nil, 404, "workspace_not_found"},
		{"no workspace write", "Bearer sk_test_nows", "POST", "/v1/webhooks", nil, 404, "workspace_not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(s.Campaigns())
			rec := callKey(t, s, "", tt.method, tt.path, tt.body, "Authorization", tt.authHeader)
			if tt.authHeader == "" {
				rec = callKey(t, s, "", tt.method, tt.path, tt.body)
			}
			wantStatus(t, rec, tt.wantStatus)
			if !strings.HasPrefix(rec.Header().Get("X-Request-Id"), "req_") {
				t.Errorf("X-Request-Id = %q", rec.Header().Get("X-Request-Id"))
			}
			if tt.wantCode != "" {
				if got := errorCode(t, rec); got != tt.wantCode {
					t.Errorf("code %q, want %q", got, tt.wantCode)
				}
				if after := len(s.Campaigns()); after != before {
					t.Errorf("rejected request changed state: %d → %d campaigns", before, after)
				}
			}
		})
	}
}

func TestAuthMessageAndHeaders(t *testing.T) {
	s := newServer(t, Options{})
	rec := callKey(t, s, "wrong", "GET", "/v1/sender-pools", nil)
	wantStatus(t, rec, 401)
	m := asObj(t, decode(t, rec))
	if m["message"] != "Missing, malformed or invalid API key" {
		t.Errorf("message %v", m["message"])
	}
	if rec.Header().Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type %q", ct)
	}
	// The default key works when no key is configured.
	wantStatus(t, call(t, s, "GET", "/v1/sender-pools", nil), 200)
}

func TestReadOnlyMessage(t *testing.T) {
	s := newServer(t, Options{ReadOnlyKeys: []string{"ro"}})
	rec := callKey(t, s, "ro", "POST", "/v1/suppression-list", map[string]any{"emails": []string{"a@b.co"}})
	wantStatus(t, rec, http.StatusForbidden)
	msg, _ := asObj(t, decode(t, rec))["message"].(string)
	if !strings.HasPrefix(msg, "This API key does not have permission to") {
		t.Errorf("message %q", msg)
	}
	if len(s.Suppressed()) != 0 {
		t.Error("read-only key wrote")
	}
	if s.TotalWrites() != 0 {
		t.Errorf("TotalWrites = %d", s.TotalWrites())
	}
}

// Over a real connection HTTP itself strips trailing header whitespace and
// refuses raw newlines, so those cases run through ServeHTTP above; here a
// truncated copy-paste fails.
func TestAuthOverHTTP(t *testing.T) {
	s := newServer(t, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	for key, want := range map[string]int{testKey: 200, testKey[:len(testKey)-1]: 401, "x" + testKey: 401} {
		req, _ := http.NewRequest("GET", ts.URL+"/v1/sender-accounts", nil)
		req.Header["Authorization"] = []string{"Bearer " + key}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("key %q: status %d, want %d", key, resp.StatusCode, want)
		}
	}
}
