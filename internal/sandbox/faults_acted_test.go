package sandbox

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// An answer later than the client's timeout: the campaign exists although
// the client saw no answer.
func TestFaultActedSlowActsBeforeStalling(t *testing.T) {
	s := newServer(t, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	s.InjectFault(Fault{Route: "POST /v1/campaigns", Kind: FaultActedSlow, Delay: 5 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, _, err := send(t, fresh(), ctx, ts.URL, "POST", "/v1/campaigns", createBody); err == nil {
		t.Fatal("want a timeout")
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("the stall outlived the client by %v", time.Since(start))
	}
	if n := len(s.Campaigns()); n != 1 {
		t.Fatalf("acted-then-stall must have created the campaign; sandbox holds %d", n)
	}

	// A patient client gets the answer late.
	s.InjectFault(Fault{Route: "POST /v1/campaigns", Kind: FaultActedSlow, Delay: 50 * time.Millisecond})
	resp, _, err := send(t, fresh(), context.Background(), ts.URL, "POST", "/v1/campaigns", createBody)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("%v %v", resp, err)
	}
	if s.FaultsServed()[FaultActedSlow] != 2 {
		t.Errorf("%v", s.FaultsServed())
	}
}

// The documented API shows no idempotency keys: in documented-only mode the
// header is accepted and ignored, so a repeated create makes a second one.
func TestDocumentedOnlyIgnoresIdempotencyKey(t *testing.T) {
	s := newServer(t, Options{DocumentedOnly: true})
	body := map[string]any{"name": "twice", "sequenceSteps": oneStep}
	for range 2 {
		rec := call(t, s, "POST", "/v1/campaigns", body, "Idempotency-Key", "same")
		wantStatus(t, rec, 201)
		if rec.Header().Get("Idempotent-Replayed") != "" {
			t.Error("documented-only mode replayed an answer")
		}
	}
	// Even a key the full mode would reject is ignored.
	wantStatus(t, call(t, s, "POST", "/v1/campaigns", body, "Idempotency-Key", strings.Repeat("k", 300)), 201)
	if n := len(s.Campaigns()); n != 3 {
		t.Fatalf("%d campaigns, want 3", n)
	}
	s.SetDocumentedOnly(false)
	call(t, s, "POST", "/v1/campaigns", body, "Idempotency-Key", "again")
	call(t, s, "POST", "/v1/campaigns", body, "Idempotency-Key", "again")
	if n := len(s.Campaigns()); n != 4 {
		t.Fatalf("full mode honours the key again: %d campaigns, want 4", n)
	}
}

// FaultRedirect answers 307 to another origin (here a second listener, as a
// plain-http target would be) before acting.
func TestFaultRedirect(t *testing.T) {
	s := newServer(t, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	other := httptest.NewServer(http.NotFoundHandler())
	defer other.Close()
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	s.InjectFault(Fault{Route: "GET /v1/campaigns", Kind: FaultRedirect, RedirectTo: other.URL})
	resp, _, err := send(t, noFollow, context.Background(), ts.URL, "GET", "/v1/campaigns?page=2", "")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusTemporaryRedirect || resp.Header.Get("Location") != other.URL+"/v1/campaigns?page=2" {
		t.Fatalf("%d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}

	// Default target: plain http on the request's own host.
	s.InjectFault(Fault{Route: "POST /v1/campaigns", Kind: FaultRedirect})
	resp, _, err = send(t, noFollow, context.Background(), ts.URL, "POST", "/v1/campaigns", createBody)
	if err != nil {
		t.Fatal(err)
	}
	if want := "http://" + strings.TrimPrefix(ts.URL, "http://") + "/v1/campaigns"; resp.Header.Get("Location") != want {
		t.Errorf("Location %q, want %q", resp.Header.Get("Location"), want)
	}
	if n := len(s.Campaigns()); n != 0 {
		t.Errorf("a redirect must not act; %d campaigns", n)
	}
}

// After lets k requests through before the fault strikes.
func TestFaultAfterLetsTheFirstKThrough(t *testing.T) {
	s := newServer(t, Options{})
	id := mkCampaign(t, s, "bulk", oneStep)
	s.InjectFault(Fault{Route: "POST /v1/campaigns/:id/leads/bulk", Kind: FaultStatus, Status: 500, After: 2, Times: 2})
	var got []int
	for i := range 5 {
		rec := call(t, s, "POST", "/v1/campaigns/"+id+"/leads/bulk", map[string]any{"leads": []any{map[string]any{"email": fmt.Sprintf("l%d@example.com", i)}}})
		got = append(got, rec.Code)
	}
	if fmt.Sprint(got) != "[200 200 500 500 200]" {
		t.Fatalf("statuses %v", got)
	}
	if n := len(s.Leads(id)); n != 3 {
		t.Errorf("%d leads enrolled, want 3", n)
	}
}

// PageSize serves paginated lists in pages of the chosen size.
func TestPageSize(t *testing.T) {
	s := newServer(t, Options{PageSize: 10})
	id := mkCampaign(t, s, "paged", oneStep)
	s.SetStyle(StyleGuide) // the style whose lists paginate
	var leads []any
	for i := range 25 {
		leads = append(leads, map[string]any{"email": fmt.Sprintf("p%02d@example.com", i)})
	}
	wantStatus(t, call(t, s, "POST", "/v1/campaigns/"+id+"/leads/bulk", map[string]any{"leads": leads}), 200)
	for _, tt := range []struct {
		query   string
		items   int
		perPage float64
	}{
		{"", 10, 10},
		{"?page=3", 5, 10},
		{"?perPage=50", 10, 10}, // the size is a cap too
		{"?perPage=4", 4, 4},
	} {
		body := asObj(t, decode(t, call(t, s, "GET", "/v1/campaigns/"+id+"/leads"+tt.query, nil)))
		pag := asObj(t, body["pagination"])
		if n := len(asList(t, body["leads"])); n != tt.items || pag["perPage"] != tt.perPage || pag["total"] != float64(25) {
			t.Errorf("%q: %d items, pagination %v", tt.query, n, pag)
		}
	}
	s.SetPageSize(0)
	body := asObj(t, decode(t, call(t, s, "GET", "/v1/campaigns/"+id+"/leads", nil)))
	if n := len(asList(t, body["leads"])); n != 25 {
		t.Errorf("default page: %d items", n)
	}
}
