package sandbox

import (
	"math"
	"net/http"
	"strconv"

	"golang.org/x/time/rate"
)

// The rate limit (Options.RateLimit, SetRateLimit) is a token bucket per
// API key, refilled at RateLimit tokens per second and holding at most
// RateLimitBurst(RateLimit) tokens: one second's worth, as API gateways
// commonly allow, so an idle key may send that many at once. It runs after
// authentication and before routing, like a gateway: unknown and hidden
// routes count too, in full and documented-only mode alike. A request over
// the limit is answered 429 rate_limited with Retry-After in whole seconds
// (the wait for the next token, rounded up, at least 1), and nothing is
// done; it is counted by TotalRequests and RateLimited, not by
// RequestCount. A refused request takes no token.

// RateLimitBurst is the bucket size the sandbox uses for a limit of rps
// requests per second: ceil(rps), at least 1.
func RateLimitBurst(rps float64) int {
	return max(1, int(math.Ceil(rps)))
}

// SetRateLimit sets the per-key limit in requests per second (0 turns it
// off) and refills every key's bucket.
func (s *Server) SetRateLimit(rps float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimit = max(0, rps)
	clear(s.buckets)
}

// RateLimited counts the requests answered 429 by the rate limit (injected
// FaultRateLimit faults are in FaultsServed instead).
func (s *Server) RateLimited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rateLimited
}

// limitRate takes a token from the key's bucket, or returns the 429 to
// send when there is none.
func (s *Server) limitRate(c *reqCtx) *response {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rateLimit <= 0 {
		return nil
	}
	b := s.buckets[c.apiKey]
	if b == nil {
		b = rate.NewLimiter(rate.Limit(s.rateLimit), RateLimitBurst(s.rateLimit)) // full
		s.buckets[c.apiKey] = b
	}
	now := s.clock()
	r := b.ReserveN(now, 1)
	wait := r.DelayFrom(now)
	if wait == 0 {
		return nil
	}
	r.CancelAt(now)
	s.rateLimited++
	secs := max(1, int(math.Ceil(wait.Seconds())))
	resp := c.fail(http.StatusTooManyRequests, "rate_limited", "Rate limit exceeded; retry later").
		withHeader("Retry-After", strconv.Itoa(secs))
	return &resp
}
