package leadterra

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// recordingTransport records every request the client puts on the wire,
// redirects included, before passing it on.
type recordingTransport struct {
	next http.RoundTripper
	mu   sync.Mutex
	urls []string
	auth []string
}

func (rt *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	rt.urls = append(rt.urls, r.URL.String())
	rt.auth = append(rt.auth, r.Header.Get("Authorization"))
	rt.mu.Unlock()
	return rt.next.RoundTrip(r)
}

func TestRedirectFromHTTPSToHTTPSameHostAndPortRefused(t *testing.T) {
	for _, status := range []int{301, 302, 307, 308} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			var hits int
			srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits++
				// Same host and port, scheme downgraded.
				http.Redirect(w, r, "http://"+r.Host+r.URL.Path, status)
			}))
			t.Cleanup(srv.Close)
			rec := &recordingTransport{next: srv.Client().Transport}
			c, _ := newTestClient(t, srv.URL, func(cfg *Config) {
				cfg.Transport = rec
				cfg.MaxRetries = 3
			})
			_, err := c.AddSuppressions(testCtx(t), []string{"unsubscribed@example.com"})
			err = mustErr(t, err)
			var re *RedirectError
			if !errors.As(err, &re) || re.StatusCode != status || !strings.HasPrefix(re.Location, "http://") {
				t.Fatalf("err = %#v", err)
			}
			if !strings.Contains(err.Error(), "not sent there") {
				t.Errorf("err = %q does not say the key was not sent", err)
			}
			// The only request that left the client is the first, over TLS.
			if len(rec.urls) != 1 || !strings.HasPrefix(rec.urls[0], "https://") {
				t.Errorf("requests sent: %v", rec.urls)
			}
			if hits != 1 {
				t.Errorf("server hits = %d, want 1", hits)
			}
		})
	}
}

func TestRedirectToPlainListenerNeverCarriesTheKey(t *testing.T) {
	plain := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) { writeJSON(w, 200, `[]`) })
	api := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(api.Close)
	c, _ := newTestClient(t, api.URL, func(cfg *Config) { cfg.Transport = api.Client().Transport })
	_, err := c.ListSenderAccounts(testCtx(t))
	_ = mustErr(t, err)
	if plain.hits() != 0 {
		t.Errorf("the plain http listener got %d requests (Authorization %q)", plain.hits(), plain.requests()[0].Header.Get("Authorization"))
	}
}

func TestPlainHTTPBaseURLUsesNoProxy(t *testing.T) {
	// Go already skips HTTP_PROXY for loopback, but by rules of its own
	// (and an env read once per process); the client does not rely on them.
	usesProxy := func(t *testing.T, base string) bool {
		t.Helper()
		c, err := New(Config{BaseURL: base, APIKey: testKey})
		mustOK(t, err)
		tr, ok := c.http.Transport.(*http.Transport)
		if !ok {
			t.Fatalf("transport is %T", c.http.Transport)
		}
		return tr.Proxy != nil
	}
	for _, base := range []string{"http://127.0.0.1:4010", "http://localhost:4010", "http://[::1]:4010"} {
		if usesProxy(t, base) {
			t.Errorf("%s: the transport uses a proxy", base)
		}
	}
	// https keeps the environment's proxy (corporate networks need it);
	// the key is encrypted end to end through a CONNECT tunnel.
	if !usesProxy(t, "https://app.leadterra.co") {
		t.Error("https: the environment's proxy is ignored")
	}
}

func TestBaseURLErrorsNeverRepeatSecrets(t *testing.T) {
	const secret = "sk_test_SECRETvalue"
	for _, raw := range []string{
		"https://127.0.0.1:8443/?api_key=" + secret,
		"https://127.0.0.1:8443/?" + secret,
		"https://" + secret + "@app.leadterra.co",
		"https://user:" + secret + "@app.leadterra.co/",
		"https://app.leadterra.co/#" + secret,
		"http://10.0.0.1/?k=" + secret,
		"http://api.localhost:8080/?api_key=" + secret,
		"ftp://app.leadterra.co/?k=" + secret,
		"https://app.leadterra.co/v1?k=" + secret,
		"https://app.leadterra.co:" + secret + "/",
		"https://app.leadterra.co/%zz?k=" + secret,
		"https://app.leadterra.co/\x7f" + secret,
		secret,
		"mailto:" + secret,
	} {
		_, err := ParseBaseURL(raw)
		if err == nil {
			t.Errorf("ParseBaseURL(%q) accepted", raw)
			continue
		}
		if strings.Contains(err.Error(), "SECRET") {
			t.Errorf("ParseBaseURL(%q) error repeats the secret: %q", raw, err)
		}
		_, err = New(Config{BaseURL: raw, APIKey: testKey})
		if err == nil || strings.Contains(err.Error(), "SECRET") {
			t.Errorf("New(%q) = %v", raw, err)
		}
	}
	_, err := ParseBaseURL("https://127.0.0.1:8443/?api_key=" + secret)
	if want := `"https://127.0.0.1:8443/"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want it to show %s", err, want)
	}
}

func TestRequestsPerSecondLowerBound(t *testing.T) {
	for _, rps := range []float64{0, 0.1, 0.5, 20} {
		if err := CheckRequestsPerSecond(rps); err != nil {
			t.Errorf("%g: %v", rps, err)
		}
	}
	for _, rps := range []float64{0.000000001, 0.09, -1} {
		err := CheckRequestsPerSecond(rps)
		if err == nil || !strings.Contains(err.Error(), "at least 0.1") {
			t.Errorf("%g: err = %v", rps, err)
		}
		if _, err := New(Config{BaseURL: "https://app.leadterra.co", APIKey: testKey, RequestsPerSecond: rps}); err == nil {
			t.Errorf("New accepted requests_per_second %g", rps)
		}
	}
}

// cutShort answers a 2xx whose body stops before its Content-Length.
func cutShort(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write([]byte(body[:len(body)/2]))
}

func TestRetryBudgetIsTotalAcrossReasons(t *testing.T) {
	const pools = `[{"id":"pool_1","name":"P","dailyCapacity":10,"remainingVolume":5,"senderAccountIds":["sa_1"]}]`
	tests := []struct {
		name     string
		answer   func(t *testing.T, w http.ResponseWriter, n int)
		retries  int
		wantHits int
		wantOK   bool
	}{
		{"always cut short", func(_ *testing.T, w http.ResponseWriter, _ int) { cutShort(w, pools) }, 2, 3, false},
		{"always 503", func(_ *testing.T, w http.ResponseWriter, _ int) { writeJSON(w, 503, ``) }, 2, 3, false},
		{"always dropped", func(t *testing.T, w http.ResponseWriter, _ int) { dropConnection(t, w) }, 2, 3, false},
		{"invalid JSON", func(_ *testing.T, w http.ResponseWriter, _ int) { writeJSON(w, 200, `[{"id":`) }, 2, 3, false},
		// One of each reason, then success: the four attempts need three
		// retries from one budget.
		{"mixed, budget 2", mixed(pools), 2, 3, false},
		{"mixed, budget 3", mixed(pools), 3, 4, true},
		{"retries off", func(_ *testing.T, w http.ResponseWriter, _ int) { cutShort(w, pools) }, -1, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) { tt.answer(t, w, n) })
			c, spy := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = tt.retries })
			_, err := c.ListSenderPools(testCtx(t))
			if tt.wantOK {
				mustOK(t, err)
			} else {
				_ = mustErr(t, err)
			}
			if srv.hits() != tt.wantHits {
				t.Errorf("hits = %d, want %d", srv.hits(), tt.wantHits)
			}
			var warned int
			for _, e := range spy.all() {
				if e.level == "warn" && e.msg == "retrying Leadterra API request" {
					warned++
				}
			}
			if warned != tt.wantHits-1 {
				t.Errorf("%d retry warnings, want %d:\n%s", warned, tt.wantHits-1, spy.text())
			}
		})
	}
}

// mixed drops first: net/http itself replays a GET once, uncounted, when a
// reused keep-alive connection turns out closed, and the first request
// reuses none.
func mixed(pools string) func(t *testing.T, w http.ResponseWriter, n int) {
	return func(t *testing.T, w http.ResponseWriter, n int) {
		switch n {
		case 1:
			dropConnection(t, w)
		case 2:
			writeJSON(w, 503, ``)
		case 3:
			cutShort(w, pools)
		default:
			writeJSON(w, 200, pools)
		}
	}
}

func TestUnsafeWriteNotRetriedOnLostAnswerWithinBudget(t *testing.T) {
	// The single budget must not make the classification looser: a create
	// without an idempotency key is never repeated after a lost answer.
	for name, answer := range map[string]func(*testing.T, http.ResponseWriter){
		"dropped":   func(t *testing.T, w http.ResponseWriter) { dropConnection(t, w) },
		"cut short": func(_ *testing.T, w http.ResponseWriter) { cutShort(w, `{"id":"camp_1","name":"x","status":"draft"}`) },
	} {
		t.Run(name, func(t *testing.T) {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) { answer(t, w) })
			c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 5 })
			_, err := c.CreateCampaign(testCtx(t), CampaignInput{Name: "x"}, "")
			_ = mustErr(t, err)
			if srv.hits() != 1 {
				t.Errorf("hits = %d, want 1", srv.hits())
			}
		})
	}
}

func TestResponseTooLargeFailsWithoutRetry(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req_big")
		// Valid JSON, one byte over the limit: neither cut short nor bad.
		_, _ = w.Write([]byte("[" + strings.Repeat(" ", 1024-1) + "]"))
	})
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 3 })
	c.maxBody = 1024
	_, err := c.ListSenderPools(testCtx(t))
	err = mustErr(t, err)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.RequestID != "req_big" {
		t.Fatalf("err = %#v, want TooLargeError", err)
	}
	if !strings.Contains(err.Error(), "response too large (over 1024 bytes)") {
		t.Errorf("err = %q", err)
	}
	if got := (&TooLargeError{Method: "GET", Path: "/v1/x", Limit: maxResponseBytes}).Error(); !strings.Contains(got, "response too large (over 32 MB)") {
		t.Errorf("at the real limit: %q", got)
	}
	var te *TransportError
	var de *DecodeError
	if errors.As(err, &te) || errors.As(err, &de) {
		t.Errorf("err = %#v reads as a lost or malformed answer", err)
	}
	if srv.hits() != 1 {
		t.Errorf("hits = %d, want 1 (the same request gets the same answer)", srv.hits())
	}
}

func TestResponseAtTheLimitIsRead(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, 200, "["+strings.Repeat(" ", 1024-2)+"]")
	})
	c, _ := newTestClient(t, srv.URL, nil)
	c.maxBody = 1024
	pools, err := c.ListSenderPools(testCtx(t))
	mustOK(t, err)
	if len(pools) != 0 {
		t.Errorf("pools = %+v", pools)
	}
}

func TestNoHiddenReplayOnReusedConnection(t *testing.T) {
	// net/http replays a request carrying an Idempotency-Key on its own when
	// a reused keep-alive connection dies after the request was sent. The
	// documented API honours no such key: that replay could act twice, and
	// it would not count against max_retries.
	const camp = `{"id":"camp_1","name":"x","status":"draft"}`
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 2 {
			dropConnection(t, w) // the request was read: it may have acted
			return
		}
		writeJSON(w, 201, camp)
	})
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = -1 })
	ctx := testCtx(t)
	_, err := c.CreateCampaign(ctx, CampaignInput{Name: "x"}, "idem-1") // opens the connection
	mustOK(t, err)
	_, err = c.CreateCampaign(ctx, CampaignInput{Name: "x"}, "idem-2") // reuses it
	_ = mustErr(t, err)
	if srv.hits() != 2 {
		t.Errorf("hits = %d, want 2: the dropped create was replayed behind the client's back", srv.hits())
	}
}
