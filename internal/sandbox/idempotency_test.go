package sandbox

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func sprintf(f string, a ...any) string { return fmt.Sprintf(f, a...) }
func contains(s, sub string) bool       { return strings.Contains(s, sub) }

func TestIdempotencyKeyReplay(t *testing.T) {
	s := newServer(t, Options{Keys: []string{"k1", "k2"}})
	body := map[string]any{"name": "once", "sequenceSteps": oneStep}
	first := callKey(t, s, "k1", "POST", "/v1/campaigns", body, "Idempotency-Key", "abc")
	wantStatus(t, first, 201)
	second := callKey(t, s, "k1", "POST", "/v1/campaigns", body, "Idempotency-Key", "abc")
	wantStatus(t, second, 201)
	if first.Body.String() != second.Body.String() {
		t.Errorf("replay differs:\n%s\n%s", first.Body, second.Body)
	}
	if second.Header().Get("Idempotent-Replayed") != "true" || first.Header().Get("Idempotent-Replayed") != "" {
		t.Error("replay header")
	}
	if second.Header().Get("X-Request-Id") == first.Header().Get("X-Request-Id") {
		t.Error("replay reused the request id")
	}
	if n := len(s.Campaigns()); n != 1 {
		t.Fatalf("%d campaigns after replay", n)
	}
	if s.TotalWrites() != 1 || s.RequestCount("POST /v1/campaigns") != 2 {
		t.Errorf("writes %d, count %d", s.TotalWrites(), s.RequestCount("POST /v1/campaigns"))
	}
	// A new key, another API key, or no key acts again.
	callKey(t, s, "k1", "POST", "/v1/campaigns", body, "Idempotency-Key", "def")
	callKey(t, s, "k2", "POST", "/v1/campaigns", body, "Idempotency-Key", "abc")
	callKey(t, s, "k1", "POST", "/v1/campaigns", body)
	if n := len(s.Campaigns()); n != 4 {
		t.Errorf("%d campaigns", n)
	}
}

func TestIdempotencyReplaysErrorsAndScopesByPath(t *testing.T) {
	s := newServer(t, Options{})
	a := mkCampaign(t, s, "a", oneStep)
	b := mkCampaign(t, s, "b", oneStep)
	// The first answer (400 no_leads_enrolled) is replayed even after leads arrive.
	wantStatus(t, call(t, s, "POST", "/v1/campaigns/"+a+"/start", nil, "Idempotency-Key", "k"), 400)
	enroll(t, s, a, "x@example.com")
	wantStatus(t, call(t, s, "POST", "/v1/campaigns/"+a+"/start", nil, "Idempotency-Key", "k"), 400)
	// The same key on another path is a different request.
	enroll(t, s, b, "x@example.com")
	wantStatus(t, call(t, s, "POST", "/v1/campaigns/"+b+"/start", nil, "Idempotency-Key", "k"), 200)
	wantStatus(t, call(t, s, "POST", "/v1/campaigns", map[string]any{"name": "x"}, "Idempotency-Key", strings.Repeat("k", 256)), 400)
}

func TestIdempotencyConcurrent(t *testing.T) {
	s := newServer(t, Options{})
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			call(t, s, "POST", "/v1/webhooks", map[string]any{"url": "https://example.com", "events": []string{"message.sent"}}, "Idempotency-Key", "same")
		})
	}
	wg.Wait()
	if n := len(s.Webhooks()); n != 1 {
		t.Errorf("%d webhooks", n)
	}
}
