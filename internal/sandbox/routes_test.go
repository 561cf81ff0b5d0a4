package sandbox

import (
	"net/http"
	"testing"
)

// completionCalls exercises every completion route (DESIGN.md,
// "Completions and fallbacks").
var completionCalls = []struct{ method, path, pattern string }{
	{"GET", "/v1/campaigns", "GET /v1/campaigns"},
	{"GET", "/v1/campaigns/" + SeedCampaignID, "GET /v1/campaigns/:id"},
	{"PATCH", "/v1/campaigns/" + SeedCampaignID, "PATCH /v1/campaigns/:id"},
	{"GET", "/v1/campaigns/" + SeedCampaignID + "/leads", "GET /v1/campaigns/:id/leads"},
	{"DELETE", "/v1/campaigns/" + SeedCampaignID + "/leads", "DELETE /v1/campaigns/:id/leads"},
	{"GET", "/v1/webhooks", "GET /v1/webhooks"},
	{"GET", "/v1/webhooks/wh_x", "GET /v1/webhooks/:id"},
	{"PATCH", "/v1/webhooks/wh_x", "PATCH /v1/webhooks/:id"},
	{"DELETE", "/v1/webhooks/wh_x", "DELETE /v1/webhooks/:id"},
	{"DELETE", "/v1/suppression-list", "DELETE /v1/suppression-list"},
	{"DELETE", "/v1/campaigns/" + SeedCampaignID, "DELETE /v1/campaigns/:id"},
}

func TestDocumentedOnlyHidesCompletions(t *testing.T) {
	for _, st := range allStyles {
		t.Run(string(st), func(t *testing.T) {
			s := newServer(t, Options{DocumentedOnly: true, Style: st, Seed: true})
			unknown := call(t, s, "GET", "/v1/definitely-not-a-route", nil)
			wantStatus(t, unknown, 404)
			for _, c := range completionCalls {
				rec := call(t, s, c.method, c.path, map[string]any{"emails": []string{"a@example.com"}, "name": "x"})
				wantStatus(t, rec, http.StatusNotFound)
				if code := errorCode(t, rec); code != "not_found" {
					t.Errorf("%s %s: code %q", c.method, c.path, code)
				}
				// Identical to an unknown route, apart from the request id.
				if rec.Body.String() != unknown.Body.String() {
					t.Errorf("%s %s: body %s differs from unknown route %s", c.method, c.path, rec.Body, unknown.Body)
				}
				if rec.Header().Get("Allow") != "" {
					t.Errorf("%s %s: Allow header on a hidden route", c.method, c.path)
				}
				if s.RequestCount(c.pattern) != 1 {
					t.Errorf("%s: count %d", c.pattern, s.RequestCount(c.pattern))
				}
			}
			if _, ok := s.Campaign(SeedCampaignID); !ok || s.TotalWrites() != 0 {
				t.Error("a hidden completion acted")
			}
			// Documented endpoints still work.
			wantStatus(t, call(t, s, "GET", "/v1/campaigns/"+SeedCampaignID+"/stats", nil), 200)
		})
	}
}

func TestFullModeServesCompletions(t *testing.T) {
	s := newServer(t, Options{Seed: true})
	for _, c := range completionCalls {
		rec := call(t, s, c.method, c.path, map[string]any{"emails": []string{"a@example.com"}, "name": "x"})
		if rec.Code == http.StatusNotFound && errorCode(t, rec) == "not_found" {
			t.Errorf("%s %s: not served", c.method, c.path)
		}
		if rec.Code == http.StatusMethodNotAllowed {
			t.Errorf("%s %s: 405", c.method, c.path)
		}
	}
	// Toggling at run time.
	s.SetDocumentedOnly(true)
	wantStatus(t, call(t, s, "GET", "/v1/campaigns", nil), 404)
	s.SetDocumentedOnly(false)
	wantStatus(t, call(t, s, "GET", "/v1/campaigns", nil), 200)
}

func TestMethodNotAllowedAndUnknown(t *testing.T) {
	tests := []struct {
		docOnly bool
		method  string
		path    string
		status  int
		allow   string
	}{
		{false, "PUT", "/v1/campaigns", 405, "GET, POST"},
		{true, "PUT", "/v1/campaigns", 405, "POST"},
		{true, "GET", "/v1/campaigns", 404, ""},
		{false, "POST", "/v1/sender-pools", 405, "GET"},
		{false, "PUT", "/v1/campaigns/camp_1", 405, "GET, PATCH, DELETE"},
		{true, "PUT", "/v1/campaigns/camp_1", 404, ""},
		{false, "GET", "/v1/campaigns/camp_1/start", 405, "POST"},
		{false, "GET", "/v1/campaigns/", 404, ""},
		{false, "GET", "/v2/campaigns", 404, ""},
		{false, "GET", "/v1/campaigns/camp_1/stats/extra", 404, ""},
	}
	for _, tt := range tests {
		s := newServer(t, Options{DocumentedOnly: tt.docOnly})
		rec := call(t, s, tt.method, tt.path, nil)
		if rec.Code != tt.status || rec.Header().Get("Allow") != tt.allow {
			t.Errorf("docOnly=%v %s %s: %d Allow=%q, want %d %q", tt.docOnly, tt.method, tt.path, rec.Code, rec.Header().Get("Allow"), tt.status, tt.allow)
		}
		want := "not_found"
		if tt.status == 405 {
			want = "method_not_allowed"
		}
		if code := errorCode(t, rec); code != want {
			t.Errorf("%s %s: code %q", tt.method, tt.path, code)
		}
	}
}

func TestRequestCounting(t *testing.T) {
	s := newServer(t, Options{Seed: true})
	id := mkCampaign(t, s, "c", oneStep)
	call(t, s, "POST", "/v1/campaigns/"+id+"/start", nil) // 400, still a write
	call(t, s, "GET", "/v1/sender-pools", nil)
	call(t, s, "GET", "/v1/sender-pools", nil)
	callKey(t, s, "bad", "GET", "/v1/sender-pools", nil) // not authenticated: not counted per route
	call(t, s, "GET", "/v1/nowhere", nil)
	if n := s.RequestCount("GET /v1/sender-pools"); n != 2 {
		t.Errorf("pools %d", n)
	}
	if n := s.RequestCount("POST  /v1/campaigns/:id/start"); n != 1 {
		t.Errorf("start %d", n)
	}
	if s.TotalWrites() != 2 || s.TotalRequests() != 6 {
		t.Errorf("writes %d total %d", s.TotalWrites(), s.TotalRequests())
	}
	if c := s.RequestCounts(); len(c) != 3 {
		t.Errorf("%v", c)
	}
	s.ResetCounts()
	if s.TotalWrites() != 0 || s.RequestCount("GET /v1/sender-pools") != 0 || s.TotalRequests() != 0 {
		t.Error("not reset")
	}
}

func TestLogfNeverSeesBodies(t *testing.T) {
	var lines []string
	s := New(Options{Logf: func(f string, a ...any) { lines = append(lines, sprintf(f, a...)) }})
	id := mkCampaign(t, s, "c", oneStep)
	call(t, s, "POST", "/v1/campaigns/"+id+"/leads/bulk?x=secret@example.com", map[string]any{"leads": []any{map[string]any{"email": "secret@example.com"}}})
	if len(lines) != 2 {
		t.Fatalf("%v", lines)
	}
	for _, l := range lines {
		if contains(l, "secret") || contains(l, testKey) {
			t.Errorf("log line leaks: %q", l)
		}
	}
}
