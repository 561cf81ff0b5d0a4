package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// fresh returns a client that never reuses connections, so a dropped
// connection is reported instead of silently retried by the transport.
func fresh() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

func send(t *testing.T, cl *http.Client, ctx context.Context, base, method, path, body string) (*http.Response, []byte, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+testKey)
	resp, err := cl.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

const createBody = `{"name":"fault test"}`

func TestFaultKinds(t *testing.T) {
	tests := []struct {
		kind        FaultKind
		wantStatus  int    // 0: the request fails at transport level
		contentType string // prefix
		retryAfter  string
		acted       bool // did the campaign get created?
		bodyErr     bool // headers arrive but the body read fails
	}{
		{FaultRateLimit, 429, "application/json", "7", false, false},
		{FaultServerError, 500, "application/json", "", false, false},
		{FaultBadGateway, 502, "text/html", "", false, false},
		{FaultUnavailable, 503, "application/json", "7", false, false},
		{FaultResetBefore, 0, "", "", false, false},
		{FaultResetAfter, 0, "", "", true, false},
		{FaultTruncated, 201, "application/json", "", true, true},
		{FaultActedServerError, 502, "text/html", "", true, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			s := newServer(t, Options{})
			ts := httptest.NewServer(s)
			defer ts.Close()
			s.InjectFault(Fault{Route: "POST /v1/campaigns", Kind: tt.kind, RetryAfter: "7"})
			// A different route is unaffected.
			if resp, _, err := send(t, fresh(), context.Background(), ts.URL, "GET", "/v1/sender-pools", ""); err != nil || resp.StatusCode != 200 {
				t.Fatalf("other route: %v %v", resp, err)
			}
			resp, body, err := send(t, fresh(), context.Background(), ts.URL, "POST", "/v1/campaigns", createBody)
			switch {
			case tt.wantStatus == 0:
				if err == nil {
					t.Fatalf("want a transport error, got %d %s", resp.StatusCode, body)
				}
			case tt.bodyErr:
				if err == nil || resp == nil || resp.StatusCode != tt.wantStatus {
					t.Fatalf("want status %d then a body read error, got %v %v", tt.wantStatus, resp, err)
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				if resp.StatusCode != tt.wantStatus || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.contentType) {
					t.Fatalf("%d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
				}
				if resp.Header.Get("Retry-After") != tt.retryAfter {
					t.Errorf("Retry-After %q", resp.Header.Get("Retry-After"))
				}
				if resp.Header.Get("X-Request-Id") == "" {
					t.Error("no request id")
				}
				if tt.contentType == "application/json" && !json.Valid(body) {
					t.Errorf("invalid JSON %s", body)
				}
			}
			if got := len(s.Campaigns()) == 1; got != tt.acted {
				t.Errorf("acted = %v, want %v", got, tt.acted)
			}
			if s.FaultsServed()[tt.kind] != 1 {
				t.Errorf("FaultsServed %v", s.FaultsServed())
			}
			// The fault is consumed: the retry succeeds.
			resp, _, err = send(t, fresh(), context.Background(), ts.URL, "POST", "/v1/campaigns", createBody)
			if err != nil || resp.StatusCode != 201 {
				t.Fatalf("retry: %v %v", resp, err)
			}
			if s.RequestCount("POST /v1/campaigns") != 2 {
				t.Errorf("count %d", s.RequestCount("POST /v1/campaigns"))
			}
		})
	}
}

// A body cut short surfaces as an unexpected EOF from the client, not as a
// complete but truncated JSON document.
func TestFaultTruncatedBody(t *testing.T) {
	s := newServer(t, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	s.InjectFault(Fault{Route: "GET /v1/sender-accounts", Kind: FaultTruncated})
	req, _ := http.NewRequest("GET", ts.URL+"/v1/sender-accounts", nil)
	req.Header.Set("Authorization", "Bearer "+testKey)
	resp, err := fresh().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("err %v", err)
	}
}

func TestFaultResetAfterWithIdempotencyKey(t *testing.T) {
	s := newServer(t, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	s.InjectFault(Fault{Route: "POST /v1/campaigns", Kind: FaultResetAfter})
	do := func() (*http.Response, error) {
		req, _ := http.NewRequest("POST", ts.URL+"/v1/campaigns", strings.NewReader(createBody))
		req.Header.Set("Authorization", "Bearer "+testKey)
		req.Header.Set("Idempotency-Key", "retry-me")
		return fresh().Do(req)
	}
	if _, err := do(); err == nil {
		t.Fatal("want reset")
	}
	resp, err := do()
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 || resp.Header.Get("Idempotent-Replayed") != "true" || len(s.Campaigns()) != 1 {
		t.Errorf("%d replayed=%q campaigns=%d", resp.StatusCode, resp.Header.Get("Idempotent-Replayed"), len(s.Campaigns()))
	}
}

func TestFaultSlow(t *testing.T) {
	s := newServer(t, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()

	// The client gives up first: nothing is created.
	s.InjectFault(Fault{Route: "POST /v1/campaigns", Kind: FaultSlow, Delay: 5 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	start := time.Now()
	_, _, err := send(t, fresh(), ctx, ts.URL, "POST", "/v1/campaigns", createBody)
	cancel()
	if err == nil || time.Since(start) > 2*time.Second {
		t.Fatalf("err %v after %v", err, time.Since(start))
	}
	deadline := time.Now().Add(2 * time.Second)
	for s.RequestCount("POST /v1/campaigns") == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // let the handler notice the cancellation
	if len(s.Campaigns()) != 0 {
		t.Error("acted after the client went away")
	}

	// A patient client gets a normal answer after the delay.
	s.InjectFault(Fault{Route: "POST *", Kind: FaultSlow, Delay: 100 * time.Millisecond})
	start = time.Now()
	resp, _, err := send(t, fresh(), context.Background(), ts.URL, "POST", "/v1/campaigns", createBody)
	if err != nil || resp.StatusCode != 201 || time.Since(start) < 100*time.Millisecond {
		t.Fatalf("%v %v after %v", resp, err, time.Since(start))
	}
	if s.FaultsServed()[FaultSlow] != 2 {
		t.Errorf("%v", s.FaultsServed())
	}
}

func TestFaultOrderTimesAndWildcard(t *testing.T) {
	s := newServer(t, Options{})
	s.InjectFault(Fault{Route: "*", Kind: FaultRateLimit, Times: 2})
	s.InjectFault(Fault{Route: "GET /v1/sender-pools", Kind: FaultServerError})
	want := []int{429, 429, 500, 200}
	for i, w := range want {
		rec := call(t, s, "GET", "/v1/sender-pools", nil)
		if rec.Code != w {
			t.Errorf("request %d: %d, want %d", i, rec.Code, w)
		}
		if w == 429 && rec.Header().Get("Retry-After") != "1" {
			t.Errorf("default Retry-After %q", rec.Header().Get("Retry-After"))
		}
		if w == 429 && errorCode(t, rec) != "rate_limited" {
			t.Error(rec.Body.String())
		}
	}
	s.InjectFault(Fault{Route: "*", Kind: FaultServerError, Times: 5})
	s.ClearFaults()
	wantStatus(t, call(t, s, "GET", "/v1/sender-pools", nil), 200)
	if got := s.FaultsServed(); got[FaultRateLimit] != 2 || got[FaultServerError] != 1 {
		t.Errorf("%v", got)
	}
	if s.TotalWrites() != 0 {
		t.Error("faults counted as writes")
	}
}

func TestFaultStatusAnswersWithoutActing(t *testing.T) {
	s := New(Options{})
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.InjectFault(Fault{Route: "POST /v1/campaigns", Kind: FaultStatus, Status: 401})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/campaigns", strings.NewReader(`{"name":"x"}`))
	req.Header.Set("Authorization", "Bearer "+DefaultKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 401 || !strings.Contains(string(body), "authentication_failed") {
		t.Fatalf("got %d %s", resp.StatusCode, body)
	}
	if n := len(s.Campaigns()); n != 0 {
		t.Fatalf("a status fault must not act, sandbox holds %d campaigns", n)
	}
}
