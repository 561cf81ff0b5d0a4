package leadterra

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// TestCampaignFallbackRequestCounts runs every campaign operation that has
// a fallback against the sandbox, with and without the completions, on a
// campaign that exists and on one deleted out of band. It counts the
// requests per route: the fallback asks stats at most once per operation,
// never when the completion answered, and a completion found missing is
// not asked again.
func TestCampaignFallbackRequestCounts(t *testing.T) {
	const (
		stats    = "GET /v1/campaigns/:id/stats"
		read     = "GET /v1/campaigns/:id"
		patch    = "PATCH /v1/campaigns/:id"
		del      = "DELETE /v1/campaigns/:id"
		pause    = "POST /v1/campaigns/:id/pause"
		list     = "GET /v1/campaigns/:id/leads"
		unenroll = "DELETE /v1/campaigns/:id/leads"
	)
	ops := []struct {
		name  string
		route string
		run   func(context.Context, *Client, string) (Presence, error)
		// coalesced: a second call in one Client is answered by the
		// first one's read (campaign_reads.go), sending nothing.
		coalesced bool
	}{
		{"LookupCampaign", read, func(ctx context.Context, c *Client, id string) (Presence, error) {
			l, err := c.LookupCampaign(ctx, id)
			if err == nil && (l.Presence == Found) != (l.Campaign != nil) {
				t.Errorf("LookupCampaign: presence %v with campaign %v", l.Presence, l.Campaign)
			}
			return l.Presence, err
		}, true},
		{"UpdateCampaign", patch, func(ctx context.Context, c *Client, id string) (Presence, error) {
			_, p, err := c.UpdateCampaign(ctx, id, CampaignInput{Name: "Renamed", Steps: []Step{}})
			return p, err
		}, false},
		{"ListLeads", list, func(ctx context.Context, c *Client, id string) (Presence, error) {
			_, p, err := c.ListLeads(ctx, id)
			return p, err
		}, false},
		{"RemoveLeads", unenroll, func(ctx context.Context, c *Client, id string) (Presence, error) {
			return c.RemoveLeads(ctx, id, []string{"ava@example.com"})
		}, false},
		{"RemoveCampaign", del, func(ctx context.Context, c *Client, id string) (Presence, error) {
			out, _, err := c.RemoveCampaign(ctx, id)
			return map[DeleteOutcome]Presence{Deleted: Found, AlreadyGone: Gone, LeftInWorkspace: ExistsNotOffered}[out], err
		}, false},
	}
	for _, mode := range []struct {
		name           string
		documentedOnly bool
	}{{"full", false}, {"documented-only", true}} {
		for _, deleted := range []bool{false, true} {
			for _, op := range ops {
				name := mode.name + "/" + op.name + map[bool]string{false: "/exists", true: "/deleted"}[deleted]
				t.Run(name, func(t *testing.T) {
					sb := sandbox.New(sandbox.Options{Keys: []string{testKey}, DocumentedOnly: mode.documentedOnly})
					srv := httptest.NewServer(sb)
					t.Cleanup(srv.Close)
					c, _ := newTestClient(t, srv.URL, nil)
					ctx := testCtx(t)
					camp, err := c.CreateCampaign(ctx, CampaignInput{Name: "Counted", Steps: []Step{}}, NewIdempotencyKey())
					mustOK(t, err)
					if deleted {
						sb.DeleteCampaign(camp.ID)
					}
					sb.ResetCounts()

					want := Found
					switch {
					case deleted:
						want = Gone
					case mode.documentedOnly:
						want = ExistsNotOffered
					}
					wantStats := 1
					if want == Found {
						wantStats = 0
					}
					wantPause := 0
					if op.route == del && want == ExistsNotOffered {
						wantPause = 1
					}
					for call := 1; call <= 2; call++ {
						asked := call // operations that sent requests
						if op.coalesced {
							asked = 1
						}
						got, err := op.run(ctx, c, camp.ID)
						mustOK(t, err)
						if got != want {
							t.Errorf("call %d: %v, want %v", call, got, want)
						}
						if want == Found {
							break // the completion acted: a second call would meet another state
						}
						routeHits := 1 // a completion found missing is not asked again
						if want == Gone {
							routeHits = asked // a deleted campaign turns no completion off
						}
						if n := sb.RequestCount(op.route); n != routeHits {
							t.Errorf("call %d: %s asked %d times, want %d", call, op.route, n, routeHits)
						}
						if n := sb.RequestCount(stats); n != asked*wantStats {
							t.Errorf("call %d: stats asked %d times, want %d (once per operation)", call, n, asked*wantStats)
						}
						if n := sb.RequestCount(pause); n != asked*wantPause {
							t.Errorf("call %d: pause asked %d times, want %d", call, n, asked*wantPause)
						}
					}
					if want == Found {
						if n, s := sb.RequestCount(op.route), sb.RequestCount(stats); n != 1 || s != 0 {
							t.Errorf("%s asked %d times and stats %d; want 1 and 0", op.route, n, s)
						}
					}
					for route, n := range sb.RequestCounts() {
						if n > 0 && route != op.route && route != stats && route != pause {
							t.Errorf("%s asked %d times; only %s, stats and pause belong to this operation", route, n, op.route)
						}
					}
				})
			}
		}
	}
}
