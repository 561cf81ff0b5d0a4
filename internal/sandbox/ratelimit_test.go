package sandbox

import (
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"
)

// manualClock is a clock only the test moves.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *manualClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *manualClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newLimitedServer(t *testing.T, opts Options) (*Server, *manualClock) {
	t.Helper()
	clk := &manualClock{t: fixedNow}
	opts.Now = clk.now
	return New(opts), clk
}

func TestRateLimitBurstThen429(t *testing.T) {
	const other = "sk_test_other"
	s, clk := newLimitedServer(t, Options{RateLimit: 2, Keys: []string{testKey, other}})
	for i := range RateLimitBurst(2) {
		if rec := call(t, s, "POST", "/v1/campaigns", createBody); rec.Code != http.StatusCreated {
			t.Fatalf("request %d within the burst: %d %s", i+1, rec.Code, rec.Body)
		}
	}
	rec := call(t, s, "POST", "/v1/campaigns", createBody)
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("request over the burst: %d, want 429", rec.Code)
	}
	if got := rec.Header().Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After = %q, want \"1\" (next token in 0.5 s, rounded up)", got)
	}
	var body struct{ Code string }
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Code != "rate_limited" {
		t.Errorf("body = %s, want code rate_limited", rec.Body)
	}
	if s.RateLimited() != 1 || s.TotalRequests() != 3 || s.RequestCount("POST /v1/campaigns") != 2 || s.TotalWrites() != 2 {
		t.Errorf("RateLimited=%d TotalRequests=%d RequestCount=%d TotalWrites=%d, want 1, 3, 2, 2 (nothing done)",
			s.RateLimited(), s.TotalRequests(), s.RequestCount("POST /v1/campaigns"), s.TotalWrites())
	}
	// Every key has its own bucket.
	if rec := callKey(t, s, other, "GET", "/v1/sdrs", nil); rec.Code != http.StatusOK {
		t.Errorf("another key: %d, want 200", rec.Code)
	}
	// A refused request took no token: one refill (0.5 s) lets one through.
	clk.advance(500 * time.Millisecond)
	if rec := call(t, s, "GET", "/v1/sdrs", nil); rec.Code != http.StatusOK {
		t.Errorf("after one refill: %d, want 200", rec.Code)
	}
	if rec := call(t, s, "GET", "/v1/sdrs", nil); rec.Code != http.StatusTooManyRequests {
		t.Errorf("right after: %d, want 429", rec.Code)
	}
	s.ResetCounts()
	if s.RateLimited() != 0 {
		t.Errorf("RateLimited after ResetCounts = %d", s.RateLimited())
	}
}

func TestRateLimitRetryAfterRoundsUp(t *testing.T) {
	s, _ := newLimitedServer(t, Options{RateLimit: 0.4}) // one token per 2.5 s
	if rec := call(t, s, "GET", "/v1/sdrs", nil); rec.Code != http.StatusOK {
		t.Fatalf("first: %d", rec.Code)
	}
	rec := call(t, s, "GET", "/v1/sdrs", nil)
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "3" {
		t.Errorf("second: %d Retry-After %q, want 429 and \"3\"", rec.Code, rec.Header().Get("Retry-After"))
	}
}

func TestRateLimitDocumentedOnlyAndOff(t *testing.T) {
	s, _ := newLimitedServer(t, Options{RateLimit: 1, DocumentedOnly: true})
	// A hidden completion route is limited like any other: the gateway
	// answers before routing.
	if rec := call(t, s, "GET", "/v1/campaigns", nil); rec.Code != http.StatusNotFound {
		t.Fatalf("hidden route within the limit: %d, want 404", rec.Code)
	}
	if rec := call(t, s, "GET", "/v1/sdrs", nil); rec.Code != http.StatusTooManyRequests {
		t.Errorf("documented route over the limit: %d, want 429", rec.Code)
	}
	s.SetRateLimit(0)
	for range 5 {
		if rec := call(t, s, "GET", "/v1/sdrs", nil); rec.Code != http.StatusOK {
			t.Fatalf("limit off: %d, want 200", rec.Code)
		}
	}
	s.SetRateLimit(1) // a fresh, full bucket
	if rec := call(t, s, "GET", "/v1/sdrs", nil); rec.Code != http.StatusOK {
		t.Errorf("limit back on, first request: %d, want 200", rec.Code)
	}
	if s.RateLimited() != 1 {
		t.Errorf("RateLimited = %d, want 1", s.RateLimited())
	}
}

func TestRateLimitUnauthenticatedNotCounted(t *testing.T) {
	s, _ := newLimitedServer(t, Options{RateLimit: 1})
	for range 3 {
		if rec := callKey(t, s, "sk_test_wrong", "GET", "/v1/sdrs", nil); rec.Code != http.StatusUnauthorized {
			t.Fatalf("bad key: %d, want 401", rec.Code)
		}
	}
	if rec := call(t, s, "GET", "/v1/sdrs", nil); rec.Code != http.StatusOK {
		t.Errorf("first request of a valid key: %d, want 200 (401s take no token of it)", rec.Code)
	}
}
