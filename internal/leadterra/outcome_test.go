package leadterra

import (
	"errors"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// countingTransport counts round trips, the attempts a client makes.
type countingTransport struct {
	next http.RoundTripper
	n    atomic.Int32
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.RoundTrip(r)
}

const createdCampaign = `{"id":"camp_9","name":"n","status":"draft"}`

// A create is retried only where the server surely did not act; every
// other failure after sending is an unknown outcome, answered once.
func TestCreateRetriesOnlyWhereTheServerDidNotAct(t *testing.T) {
	tests := []struct {
		name        string
		first       func(w http.ResponseWriter)
		wantHits    int
		wantUnknown bool
		wantOK      bool
	}{
		{"429 is retried", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "0")
			writeJSON(w, 429, `{"code":"rate_limited"}`)
		}, 2, false, true},
		{"502 HTML is not", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			writeJSON(w, 502, "<html>502 Bad Gateway</html>")
		}, 1, true, false},
		{"500 is not", func(w http.ResponseWriter) { writeJSON(w, 500, `{"code":"internal_error"}`) }, 1, true, false},
		{"503 is not", func(w http.ResponseWriter) { writeJSON(w, 503, `{}`) }, 1, true, false},
		{"501 says the route is missing: not unknown", func(w http.ResponseWriter) { writeJSON(w, 501, `{}`) }, 1, false, false},
		{"422 is a refusal: not unknown", func(w http.ResponseWriter) { writeJSON(w, 422, `{"code":"validation_failed"}`) }, 1, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
				if n == 1 {
					tt.first(w)
					return
				}
				writeJSON(w, 201, createdCampaign)
			})
			c, _ := newTestClient(t, srv.URL, nil)
			camp, err := c.CreateCampaign(testCtx(t), CampaignInput{Name: "n"}, NewIdempotencyKey())
			if tt.wantOK {
				mustOK(t, err)
				if camp.ID != "camp_9" {
					t.Errorf("campaign %+v", camp)
				}
			} else if IsOutcomeUnknown(mustErr(t, err)) != tt.wantUnknown {
				t.Errorf("IsOutcomeUnknown(%v) = %v, want %v", err, !tt.wantUnknown, tt.wantUnknown)
			}
			if srv.hits() != tt.wantHits {
				t.Errorf("hits = %d, want %d", srv.hits(), tt.wantHits)
			}
		})
	}
}

// An answer later than request_timeout: the server may have acted; the
// create is not repeated.
func TestCreateTimeoutIsAnUnknownOutcome(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
		writeJSON(w, 201, createdCampaign)
	})
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RequestTimeout = 100 * time.Millisecond })
	_, err := c.CreateWebhook(testCtx(t), WebhookInput{URL: "https://x.example/h", Events: []string{"message.sent"}}, "k")
	if !IsOutcomeUnknown(mustErr(t, err)) || srv.hits() != 1 {
		t.Fatalf("err %v after %d hits, want an unknown outcome after 1", err, srv.hits())
	}
}

// A connection refused sent nothing: retried, and not an unknown outcome.
func TestCreateConnectionRefusedIsRetried(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	mustOK(t, err)
	addr := l.Addr().String()
	_ = l.Close() // nothing listens there now
	ct := &countingTransport{next: http.DefaultTransport}
	c, _ := newTestClient(t, "http://"+addr, func(cfg *Config) { cfg.Transport = ct })
	_, err = c.CreateCampaign(testCtx(t), CampaignInput{Name: "n"}, "")
	err = mustErr(t, err)
	var te *TransportError
	if IsOutcomeUnknown(err) || !errors.As(err, &te) || te.Unknown {
		t.Errorf("err = %#v, want a TransportError that is not Unknown", err)
	}
	if ct.n.Load() != 3 {
		t.Errorf("attempts = %d, want 1 + MaxRetries(2)", ct.n.Load())
	}
}

// net/http silently resends a request carrying "Idempotency-Key" when a
// reused connection fails before the answer: the client must not let it, or
// a server that ignores the key makes a second object.
func TestCreateNotResentByTheTransportOnAReusedConnection(t *testing.T) {
	var posts atomic.Int32
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.Method == http.MethodPost {
			posts.Add(1)
			dropConnection(t, w)
			return
		}
		writeJSON(w, 200, `[]`)
	})
	c, _ := newTestClient(t, srv.URL, nil)
	_, err := c.ListSenderAccounts(testCtx(t)) // opens the connection the POST reuses
	mustOK(t, err)
	_, err = c.CreateCampaign(testCtx(t), CampaignInput{Name: "n"}, NewIdempotencyKey())
	if !IsOutcomeUnknown(mustErr(t, err)) || posts.Load() != 1 {
		t.Fatalf("err %v, %d POSTs reached the server; want an unknown outcome after 1", err, posts.Load())
	}
	if got := srv.requests()[1].Header.Get("Idempotency-Key"); got == "" {
		t.Error("the Idempotency-Key header was not sent")
	}
}
