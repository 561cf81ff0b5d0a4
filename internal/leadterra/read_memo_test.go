package leadterra

import (
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// One refresh asks for a campaign from the campaign, its launch and a data
// source: one GET answers them all, and a write makes the next lookup read
// again.
func TestLookupCampaignReadsOncePerWrite(t *testing.T) {
	const read = "GET /v1/campaigns/:id"
	sb := sandbox.New(sandbox.Options{Keys: []string{testKey}})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	c, _ := newTestClient(t, srv.URL, nil)
	ctx := testCtx(t)
	camp, err := c.CreateCampaign(ctx, CampaignInput{Name: "Coalesced", Steps: []Step{{Subject: "Hi", BodyHTML: "<p>Hi</p>"}}}, NewIdempotencyKey())
	mustOK(t, err)
	sb.ResetCounts()

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			l, err := c.LookupCampaign(ctx, camp.ID)
			if err != nil || l.Presence != Found || l.Campaign.Name != "Coalesced" {
				t.Errorf("lookup: %+v, %v", l, err)
				return
			}
			l.Campaign.Steps[0].Subject = "changed by one caller"
		})
	}
	wg.Wait()
	if got := sb.RequestCount(read); got != 1 {
		t.Fatalf("8 concurrent lookups sent %d campaign reads, want 1", got)
	}
	l, _ := c.LookupCampaign(ctx, camp.ID)
	if l.Campaign.Steps[0].Subject != "Hi" {
		t.Errorf("a caller's change reached another caller: %q", l.Campaign.Steps[0].Subject)
	}

	_, _, err = c.UpdateCampaign(ctx, camp.ID, CampaignInput{Name: "Renamed", Steps: []Step{}})
	mustOK(t, err)
	l, err = c.LookupCampaign(ctx, camp.ID)
	mustOK(t, err)
	if l.Campaign.Name != "Renamed" || sb.RequestCount(read) != 2 {
		t.Fatalf("after a write: name %q, %d reads; want the new name from a second read", l.Campaign.Name, sb.RequestCount(read))
	}

	// A failed read is not kept: the next lookup asks again.
	other := "camp_unknown"
	sb.ResetCounts()
	for range 2 {
		if l, err := c.LookupCampaign(ctx, other); err == nil && l.Presence == Found {
			t.Fatalf("unknown campaign found: %+v", l)
		}
	}
	if sb.TotalRequests() < 2 {
		t.Errorf("two lookups of an unknown campaign sent %d requests, want each to ask", sb.TotalRequests())
	}
}

// Every launch's capacity check asks for the pools: one GET per Client.
func TestListSenderPoolsReadsOnce(t *testing.T) {
	sb := sandbox.New(sandbox.Options{Keys: []string{testKey}, Seed: true})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	c, _ := newTestClient(t, srv.URL, nil)
	ctx := testCtx(t)
	first, err := c.ListSenderPools(ctx)
	mustOK(t, err)
	if len(first) == 0 {
		t.Fatal("the seeded sandbox has no pool")
	}
	first[0].Name = "changed by one caller"
	again, err := c.ListSenderPools(ctx)
	mustOK(t, err)
	if again[0].Name == first[0].Name {
		t.Error("a caller's change reached another caller")
	}
	if n := sb.TotalRequests(); n != 1 {
		t.Errorf("two pool listings sent %d requests, want 1", n)
	}
}
