package leadterra

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestClientSendsAuthUAAndJSONHeaders(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.URL.Path {
		case "/v1/sender-pools":
			writeJSON(w, 200, docPoolsBare)
		case "/v1/campaigns":
			writeJSON(w, 201, `{"campaign":{"id":"camp_123","name":"VP Sales - AI workflow","status":"draft"}}`)
		default:
			writeJSON(w, 404, ``)
		}
	})
	c, _ := newTestClient(t, srv.URL, nil)
	ctx := testCtx(t)
	pools, err := c.ListSenderPools(ctx)
	mustOK(t, err)
	if len(pools) != 1 || pools[0].SenderCount != 2 {
		t.Errorf("pools = %+v", pools)
	}
	in := CampaignInput{Name: "VP Sales - AI workflow", Steps: []Step{{Subject: "Quick question, {{firstName}}", BodyHTML: docStepBody}}}
	camp, err := c.CreateCampaign(ctx, in, "")
	mustOK(t, err)
	if camp.ID != "camp_123" || camp.Status != StatusDraft {
		t.Errorf("campaign = %+v", camp)
	}

	reqs := srv.requests()
	if len(reqs) != 2 {
		t.Fatalf("requests = %d, want 2", len(reqs))
	}
	for _, r := range reqs {
		if got := r.Header.Get("Authorization"); got != "Bearer "+testKey {
			t.Errorf("%s %s Authorization = %q", r.Method, r.Path, got)
		}
		if got := r.Header.Get("User-Agent"); got != testUA {
			t.Errorf("%s %s User-Agent = %q, want %q", r.Method, r.Path, got, testUA)
		}
		if got := r.Header.Get("Accept"); got != "application/json" {
			t.Errorf("Accept = %q", got)
		}
		if len(r.Header.Values("Cookie")) != 0 {
			t.Errorf("cookies sent: %v", r.Header.Values("Cookie"))
		}
	}
	if got := reqs[0].Header.Get("Content-Type"); got != "" || len(reqs[0].Body) != 0 {
		t.Errorf("GET sent a body or Content-Type %q", got)
	}
	post := reqs[1]
	if post.Method != http.MethodPost || post.Header.Get("Content-Type") != "application/json" {
		t.Errorf("POST %s Content-Type %q", post.Method, post.Header.Get("Content-Type"))
	}
	if got := post.Header.Get("Idempotency-Key"); got != "" {
		t.Errorf("Idempotency-Key %q sent although none was given", got)
	}
	// The body is the documented create body.
	var sent, doc any
	if err := json.Unmarshal(post.Body, &sent); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(docCampaignCreateBody), &doc); err != nil {
		t.Fatal(err)
	}
	if mustJSON(t, sent) != mustJSON(t, doc) {
		t.Errorf("create body\n got %s\nwant %s", post.Body, mustJSON(t, doc))
	}
}

func TestClientDefaultUserAgent(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{"GET /v1/sender-accounts": {200, docAccountsBare, nil}})
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.UserAgent = "" })
	_, err := c.ListSenderAccounts(testCtx(t))
	mustOK(t, err)
	if got := srv.requests()[0].Header.Get("User-Agent"); got != "terraform-provider-leadterra" {
		t.Errorf("User-Agent = %q", got)
	}
}

func TestClientBasePathKept(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{"GET /api/v1/sender-accounts": {200, docAccountsData, nil}})
	c, _ := newTestClient(t, srv.URL+"/api/", nil)
	got, err := c.ListSenderAccounts(testCtx(t))
	mustOK(t, err)
	if len(got) != 3 || got[2].Status != "warming" {
		t.Errorf("accounts = %+v", got)
	}
}

func TestRetry429HonoursRetryAfter(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, 429, `{"code":"rate_limited"}`)
			return
		}
		writeJSON(w, 200, docPoolsQuickstart)
	})
	c, spy := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetryAfter = 3 * time.Second })
	start := time.Now()
	pools, err := c.ListSenderPools(testCtx(t))
	elapsed := time.Since(start)
	mustOK(t, err)
	if len(pools) != 1 || pools[0].RemainingVolume != 412 {
		t.Errorf("pools = %+v", pools)
	}
	if srv.hits() != 2 {
		t.Errorf("hits = %d, want 2", srv.hits())
	}
	// RetryWaitMax is 5ms: only the header can explain a wait near 1s.
	if elapsed < 900*time.Millisecond {
		t.Errorf("retried after %v, Retry-After: 1 asked for 1s", elapsed)
	}
	var warned bool
	for _, e := range spy.all() {
		if e.level == "warn" && e.fields["attempt"] == 2 && e.fields["http_method"] == "GET" && e.fields["http_path"] == "/v1/sender-pools" {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no retry warning with attempt 2 logged:\n%s", spy.text())
	}
}

func TestRetryAfterBeyondCapFailsAtOnce(t *testing.T) {
	for _, status := range []int{429, 503} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Retry-After", "3600")
				writeJSON(w, status, ``)
			})
			c, _ := newTestClient(t, srv.URL, func(cfg *Config) {
				cfg.MaxRetryAfter = 2 * time.Minute
				cfg.MaxRetries = 5
			})
			_, err := c.ListSenderAccounts(testCtx(t))
			err = mustErr(t, err)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status || apiErr.WaitRefused != 2*time.Minute || apiErr.RetryAfter != time.Hour {
				t.Fatalf("err = %#v", err)
			}
			if want := "the API asked to wait 1h0m0s, more than the 2m0s the provider waits"; !strings.Contains(err.Error(), want) {
				t.Errorf("err = %q, want it to contain %q", err, want)
			}
			// Sleeping the cap and asking again would only add load.
			if srv.hits() != 1 {
				t.Errorf("hits = %d, want 1: a wait beyond the cap must fail at once", srv.hits())
			}
		})
	}
}

func TestRetryAfterAtCapIsWaited(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, 503, ``)
			return
		}
		writeJSON(w, 200, `[]`)
	})
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetryAfter = time.Second })
	start := time.Now()
	_, err := c.ListSenderAccounts(testCtx(t))
	mustOK(t, err)
	if elapsed := time.Since(start); elapsed < 900*time.Millisecond {
		t.Errorf("took %v: Retry-After: 1 (equal to the cap) was not waited", elapsed)
	}
	if srv.hits() != 2 {
		t.Errorf("hits = %d, want 2", srv.hits())
	}
}

func TestServerErrorsRetriedThenReturned(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504, 429} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				w.Header().Set("X-Request-Id", "req_retry")
				writeJSON(w, status, `{"error":{"code":"upstream_unavailable","message":"try later"}}`)
			})
			c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 3 })
			_, err := c.GetCampaignStats(testCtx(t), "camp_123")
			err = mustErr(t, err)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %T %v, want *APIError", err, err)
			}
			if apiErr.StatusCode != status || apiErr.Code != "upstream_unavailable" || apiErr.RequestID != "req_retry" {
				t.Errorf("APIError = %+v", apiErr)
			}
			if srv.hits() != 4 {
				t.Errorf("hits = %d, want 1 + MaxRetries(3)", srv.hits())
			}
		})
	}
}

func TestMaxRetriesNegativeDisablesRetries(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{"GET /v1/sdrs": {503, ``, nil}})
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = -1 })
	_, err := c.ListSDRs(testCtx(t))
	_ = mustErr(t, err)
	if srv.hits() != 1 {
		t.Errorf("hits = %d, want 1", srv.hits())
	}
}

func TestClientErrorsNotRetried(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 405, 409, 422, 501} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				writeJSON(w, status, `{"code":"some_code"}`)
			})
			c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 3 })
			_, err := c.StartCampaign(testCtx(t), "camp_123")
			err = mustErr(t, err)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
				t.Errorf("err = %v, want APIError %d", err, status)
			}
			if srv.hits() != 1 {
				t.Errorf("hits = %d, want 1 (no retry)", srv.hits())
			}
		})
	}
}

func TestConnectionDrops(t *testing.T) {
	// dropFirst drops the first n connections, then answers body.
	dropFirst := func(t *testing.T, n int, status int, body string) *testServer {
		return newTestServer(t, func(w http.ResponseWriter, r *http.Request, i int) {
			if i <= n {
				dropConnection(t, w)
				return
			}
			writeJSON(w, status, body)
		})
	}
	const campBody = `{"id":"camp_9","name":"n","status":"draft"}`

	t.Run("GET is retried", func(t *testing.T) {
		srv := dropFirst(t, 1, 200, docAccountsBare)
		c, _ := newTestClient(t, srv.URL, nil)
		got, err := c.ListSenderAccounts(testCtx(t))
		mustOK(t, err)
		if len(got) != 2 || srv.hits() != 2 {
			t.Errorf("accounts %d, hits %d; want 2, 2", len(got), srv.hits())
		}
	})
	t.Run("GET that never answers gives a TransportError, not Unknown", func(t *testing.T) {
		srv := dropFirst(t, 100, 200, `[]`)
		c, _ := newTestClient(t, srv.URL, nil)
		_, err := c.ListSenderAccounts(testCtx(t))
		err = mustErr(t, err)
		var te *TransportError
		if !errors.As(err, &te) || te.Unknown || te.Method != "GET" || te.Path != "/v1/sender-accounts" {
			t.Errorf("err = %#v", err)
		}
		if srv.hits() != 3 {
			t.Errorf("hits = %d, want 1 + MaxRetries(2)", srv.hits())
		}
	})
	// The documented API has no idempotency keys: a key does not make a
	// create safe to repeat, so a lost answer is never retried.
	for _, key := range []string{"", NewIdempotencyKey()} {
		t.Run("POST create is not retried after a drop, key "+strconv.Quote(key), func(t *testing.T) {
			srv := dropFirst(t, 1, 201, campBody)
			c, _ := newTestClient(t, srv.URL, nil)
			_, err := c.CreateCampaign(testCtx(t), CampaignInput{Name: "n"}, key)
			err = mustErr(t, err)
			var te *TransportError
			if !IsOutcomeUnknown(err) || !errors.As(err, &te) || !te.Unknown || te.Method != "POST" {
				t.Errorf("err = %#v, want OutcomeUnknownError over a TransportError", err)
			}
			if !strings.Contains(err.Error(), "may have been carried out") {
				t.Errorf("err = %q", err)
			}
			if srv.hits() != 1 {
				t.Errorf("hits = %d: a create whose answer was lost was repeated", srv.hits())
			}
			if key != "" && srv.requests()[0].Header.Get("Idempotency-Key") != key {
				t.Errorf("Idempotency-Key = %q, want it sent", srv.requests()[0].Header.Get("Idempotency-Key"))
			}
		})
	}
	t.Run("webhook create is not retried after a drop", func(t *testing.T) {
		srv := dropFirst(t, 1, 201, docWebhookGuide)
		c, _ := newTestClient(t, srv.URL, nil)
		_, err := c.CreateWebhook(testCtx(t), WebhookInput{URL: "https://x.example/h", Events: []string{"reply.received"}}, "idem-wh-1")
		if !IsOutcomeUnknown(mustErr(t, err)) || srv.hits() != 1 {
			t.Errorf("err %v, hits = %d, want OutcomeUnknownError after 1 hit", err, srv.hits())
		}
	})
	t.Run("start (a no-op when repeated) is retried", func(t *testing.T) {
		srv := dropFirst(t, 1, 200, docStart)
		c, _ := newTestClient(t, srv.URL, nil)
		st, err := c.StartCampaign(testCtx(t), "camp_123")
		mustOK(t, err)
		if st.Status != StatusRunning || srv.hits() != 2 {
			t.Errorf("state %+v, hits %d", st, srv.hits())
		}
	})
}

func TestCancelDuringBackoffReturnsPromptly(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Retry-After", "30")
		writeJSON(w, 503, ``)
	})
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.MaxRetryAfter = 30 * time.Second
		cfg.MaxRetries = 5
	})
	ctx, cancel := context.WithCancel(testCtx(t))
	time.AfterFunc(150*time.Millisecond, cancel)
	start := time.Now()
	_, _, err := c.ListReplies(ctx, "camp_123", 0)
	elapsed := time.Since(start)
	err = mustErr(t, err)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if elapsed > time.Second {
		t.Errorf("returned after %v, want < 1s", elapsed)
	}
	if srv.hits() != 1 {
		t.Errorf("hits = %d, want 1", srv.hits())
	}
}

func TestCancelledContextSendsNothing(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{})
	c, _ := newTestClient(t, srv.URL, nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.ListSenderPools(ctx)
	err = mustErr(t, err)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if srv.hits() != 0 {
		t.Errorf("hits = %d", srv.hits())
	}
}

func TestDeadlineDuringSlowAnswer(t *testing.T) {
	release := make(chan struct{})
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c, _ := newTestClient(t, srv.URL, nil)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ListSenderPools(ctx)
	err = mustErr(t, err)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want DeadlineExceeded", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("took %v", time.Since(start))
	}
}

func TestRedirectToAnotherHostRefused(t *testing.T) {
	other := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, 200, docPoolsBare)
	})
	for _, method := range []string{"GET", "POST"} {
		t.Run(method, func(t *testing.T) {
			before := other.hits()
			api := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
			})
			c, _ := newTestClient(t, api.URL, func(cfg *Config) { cfg.MaxRetries = 3 })
			var err error
			if method == "GET" {
				_, err = c.ListSenderPools(testCtx(t))
			} else {
				_, err = c.AddSuppressions(testCtx(t), []string{"unsubscribed@example.com"})
			}
			err = mustErr(t, err)
			if !strings.Contains(err.Error(), "redirect") {
				t.Errorf("err = %v", err)
			}
			for _, r := range other.requests()[before:] {
				if r.Header.Get("Authorization") != "" {
					t.Errorf("the other host received Authorization %q", r.Header.Get("Authorization"))
				}
			}
			if n := other.hits() - before; n != 0 {
				t.Errorf("the other host was called %d times", n)
			}
			if api.hits() != 1 {
				t.Errorf("api hits = %d: a refused redirect is not worth retrying", api.hits())
			}
		})
	}
}

func TestRedirectWithinHostRefused(t *testing.T) {
	// Even a same-host redirect is refused: none is documented, and a 301
	// or 302 would silently turn a POST into a GET.
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.URL.Path == "/v1/sender-pools" {
			http.Redirect(w, r, "/v1/pools-moved?token=sk_test_in_location#frag", http.StatusMovedPermanently)
			return
		}
		writeJSON(w, 200, docPoolsGuide)
	})
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 3 })
	_, err := c.ListSenderPools(testCtx(t))
	err = mustErr(t, err)
	var re *RedirectError
	if !errors.As(err, &re) || re.StatusCode != 301 || re.Location != srv.URL+"/v1/pools-moved" {
		t.Fatalf("err = %#v", err)
	}
	for _, want := range []string{"HTTP 301", "not sent there", "base_url"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("err = %q, want it to mention %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "sk_test_in_location") || strings.Contains(err.Error(), "frag") {
		t.Errorf("err = %q repeats the query or fragment of the Location", err)
	}
	if srv.hits() != 1 {
		t.Errorf("hits = %d, want 1 (not followed, not retried)", srv.hits())
	}
}

func TestRedirectLoopStops(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		http.Redirect(w, r, fmt.Sprintf("/v1/loop/%d", n), http.StatusFound)
	})
	c, _ := newTestClient(t, srv.URL, nil)
	_, err := c.ListSenderPools(testCtx(t))
	_ = mustErr(t, err)
	if srv.hits() > 6 {
		t.Errorf("hits = %d: redirects were followed (or retried) too often", srv.hits())
	}
}

func TestRequestsPerSecondLimit(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{"GET /v1/sdrs": {200, docSDRs, nil}})
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RequestsPerSecond = 20 })
	ctx := testCtx(t)
	start := time.Now()
	for range 10 {
		_, err := c.ListSDRs(ctx)
		mustOK(t, err)
	}
	// 10 requests at 20/s need at least 9 intervals of 50ms.
	if elapsed := time.Since(start); elapsed < 350*time.Millisecond {
		t.Errorf("10 requests at 20 rps took %v, want >= ~450ms", elapsed)
	}
}

func TestRequestsPerSecondLimitConcurrent(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{"GET /v1/sdr/gmail/status": {200, docGmailStatus, nil}})
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RequestsPerSecond = 10 })
	ctx := testCtx(t)
	start := time.Now()
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() {
			_, err := c.GetGmailStatus(ctx)
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if elapsed := time.Since(start); elapsed < 300*time.Millisecond {
		t.Errorf("5 concurrent requests at 10 rps took %v, want >= ~400ms", elapsed)
	}
}

func TestLoggerFieldsAndNoBodies(t *testing.T) {
	const leadEmail = "zed.private-lead@example.org"
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("X-Request-Id", fmt.Sprintf("req_%d", n))
		switch n {
		case 1:
			writeJSON(w, 503, `{"message":"busy for `+leadEmail+`"}`)
		case 2:
			writeJSON(w, 200, `{"enrolled":1,"updated":0,"total":1}`)
		default:
			writeJSON(w, 422, `{"message":"Validation failed","errors":[{"index":0,"email":"`+leadEmail+`","message":"invalid"}]}`)
		}
	})
	c, spy := newTestClient(t, srv.URL, nil)
	ctx := testCtx(t)
	lead := Lead{Email: leadEmail, FirstName: "Zed", CustomFields: map[string]string{"secretNote": "confidential-xyz"}}
	res, err := c.UpsertLeads(ctx, "camp_123", []Lead{lead})
	mustOK(t, err)
	if res.Enrolled != 1 {
		t.Errorf("result = %+v", res)
	}
	_, err = c.UpsertLeads(ctx, "camp_123", []Lead{lead})
	err = mustErr(t, err)
	// The error may name the address (the caller needs it); logs may not.
	if !strings.Contains(err.Error(), leadEmail) {
		t.Errorf("422 error %q does not name the failing lead", err)
	}

	// The request body really carried the address (so its absence from the
	// logs means something).
	if !strings.Contains(string(srv.requests()[0].Body), leadEmail) {
		t.Fatal("test setup: lead email not in the request body")
	}
	txt := spy.text()
	for _, bad := range []string{leadEmail, "confidential-xyz", "Validation failed", "busy for", "Zed"} {
		if strings.Contains(txt, bad) {
			t.Errorf("logs contain body content %q:\n%s", bad, txt)
		}
	}
	statuses := map[any]bool{}
	for _, e := range spy.all() {
		if e.fields["http_method"] != "POST" || e.fields["http_path"] != "/v1/campaigns/camp_123/leads/bulk" {
			t.Errorf("entry without method/path: %+v", e)
		}
		if s, ok := e.fields["http_status"]; ok {
			statuses[s] = true
			if _, ok := e.fields["request_id"].(string); !ok {
				t.Errorf("response entry without request_id: %+v", e)
			}
			if _, ok := e.fields["duration_ms"]; !ok {
				t.Errorf("response entry without duration_ms: %+v", e)
			}
		}
	}
	if !statuses[200] || !statuses[422] {
		t.Errorf("logged statuses %v, want 200 and 422 among them:\n%s", statuses, txt)
	}
}

func TestKeyNeverInTransportErrors(t *testing.T) {
	// A key with a stray newline makes an invalid header: the error must
	// not repeat it, and nothing may be sent.
	srv := newScriptedServer(t, map[string]reply{})
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.APIKey = testKey + "\n" })
	_, err := c.ListSenderPools(testCtx(t))
	_ = mustErr(t, err)
	if srv.hits() != 0 {
		t.Errorf("hits = %d", srv.hits())
	}
	// A server that is gone.
	dead := newScriptedServer(t, map[string]reply{})
	url := dead.URL
	dead.Close()
	c, _ = newTestClient(t, url, func(cfg *Config) { cfg.MaxRetries = -1 })
	_, err = c.CreateCampaign(testCtx(t), CampaignInput{Name: "n"}, "")
	_ = mustErr(t, err)
}

func TestDecodeErrorCarriesNoBody(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{
		"GET /v1/replies":         {200, `{"replies":{"email":"private.person@example.org"}}`, nil},
		"GET /v1/sender-accounts": {200, `<html><body>private.person@example.org</body></html>`, nil},
	})
	c, _ := newTestClient(t, srv.URL, nil)
	_, _, err := c.ListReplies(testCtx(t), "", 1)
	err = mustErr(t, err)
	var de *DecodeError
	if !errors.As(err, &de) || de.Path != "/v1/replies" {
		t.Errorf("err = %#v, want DecodeError", err)
	}
	_, err = c.ListSenderAccounts(testCtx(t))
	err2 := mustErr(t, err)
	if !errors.As(err2, &de) {
		t.Errorf("err = %#v, want DecodeError", err2)
	}
	for _, e := range []error{err, err2} {
		if strings.Contains(e.Error(), "private.person") {
			t.Errorf("decode error repeats the body: %q", e)
		}
	}
}

func TestIdempotencyKeysAreFresh(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		k := NewIdempotencyKey()
		if len(k) < 16 || seen[k] {
			t.Fatalf("key %q is short or repeated", k)
		}
		seen[k] = true
	}
}
