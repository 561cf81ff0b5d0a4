package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// keyCatcher is a listener a redirect points at: it records every request
// and whether it carried an Authorization header.
type keyCatcher struct {
	srv      *httptest.Server
	mu       sync.Mutex
	requests int
	withAuth int
}

func newKeyCatcher(t *testing.T) *keyCatcher {
	k := &keyCatcher{}
	k.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k.mu.Lock()
		k.requests++
		if r.Header.Get("Authorization") != "" {
			k.withAuth++
		}
		k.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[]`))
	}))
	t.Cleanup(k.srv.Close)
	return k
}

func (k *keyCatcher) seen() (requests, withAuth int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.requests, k.withAuth
}

// TestAccTransport_redirectNotFollowed: an API answering 307 to another
// port (as a redirect from https to http on the same host would) gets an
// error naming the redirect, and the target never sees a request, so the key
// cannot follow it.
func TestAccTransport_redirectNotFollowed(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	catcher := newKeyCatcher(t)
	env.Sandbox.InjectFault(sandbox.Fault{Route: "GET /v1/sender-pools", Kind: sandbox.FaultRedirect, RedirectTo: catcher.srv.URL, Times: 10})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.config(`data "leadterra_sender_pools" "p" {}`),
			ExpectError: errorRe("redirect", "307"),
		}},
	})
	if n, auth := catcher.seen(); n != 0 || auth != 0 {
		t.Errorf("the redirect target got %d request(s), %d with an Authorization header; want none", n, auth)
	}
	if n := env.Sandbox.RequestCount("GET /v1/sender-pools"); n != 1 {
		t.Errorf("GET /v1/sender-pools was sent %d times; a refused redirect must not be retried", n)
	}
}

// TestAccTransport_retryAfterBeyondCap: a 429 asking for an hour fails the
// run at once, with the wait in the message, instead of waiting the cap
// again and again.
func TestAccTransport_retryAfterBeyondCap(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	env.Sandbox.InjectFault(sandbox.Fault{Route: "GET /v1/sender-pools", Kind: sandbox.FaultRateLimit, RetryAfter: "3600", Times: 10})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.config(`data "leadterra_sender_pools" "p" {}`),
			ExpectError: errorRe("rate limit", "1h0m0s"),
		}},
	})
	if n := env.Sandbox.RequestCount("GET /v1/sender-pools"); n != 1 {
		t.Errorf("GET /v1/sender-pools was sent %d times; a Retry-After beyond the cap must fail at once", n)
	}
}

// TestAccTransport_retryBudgetIsTotal: with max_retries = 2, a read that
// meets a cut-short answer, then a 503, then a 500 fails: 3 attempts in
// all. A budget renewed per kind of failure would make a fourth attempt,
// which the sandbox answers, and the apply would pass.
func TestAccTransport_retryBudgetIsTotal(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	for _, kind := range []sandbox.FaultKind{sandbox.FaultTruncated, sandbox.FaultUnavailable, sandbox.FaultServerError} {
		env.Sandbox.InjectFault(sandbox.Fault{Route: "GET /v1/sender-pools", Kind: kind, RetryAfter: "0"})
	}
	cfg := fmt.Sprintf(`
provider "leadterra" {
  api_key     = %q
  base_url    = %q
  max_retries = 2
}

data "leadterra_sender_pools" "p" {}
`, env.Key, env.BaseURL)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: errorRe("list sender pools"),
		}},
	})
	served := env.Sandbox.FaultsServed()
	if served[sandbox.FaultTruncated] != 1 || served[sandbox.FaultUnavailable] != 1 || served[sandbox.FaultServerError] != 1 {
		t.Errorf("faults served %v: each of the three must have been met once", served)
	}
}
