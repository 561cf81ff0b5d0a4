package bench

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCSVChangeIsOneLine(t *testing.T) {
	for _, tt := range []struct {
		name          string
		before, after string
		rows          int
	}{
		{"campaigns", CampaignsCSV(7, false), CampaignsCSV(7, true), 7},
		{"leads", LeadsCSV(501, false), LeadsCSV(501, true), 501},
	} {
		b, a := strings.Split(tt.before, "\n"), strings.Split(tt.after, "\n")
		if len(b) != tt.rows+2 || len(a) != len(b) { // header, rows, trailing ""
			t.Fatalf("%s: %d and %d lines, want %d", tt.name, len(b), len(a), tt.rows+2)
		}
		diff := 0
		for i := range b {
			if b[i] != a[i] {
				diff++
			}
		}
		if diff != 1 {
			t.Errorf("%s: the change edits %d lines, want 1", tt.name, diff)
		}
	}
	if !strings.Contains(LeadsCSV(3, false), "lead000002@example.com,First2,") {
		t.Errorf("lead rows: %q", LeadsCSV(3, false))
	}
}

func TestMainTF(t *testing.T) {
	tf := MainTF(Campaigns, 7)
	if n := strings.Count(tf, "\nresource "); n != 3*7 {
		t.Errorf("%d resources for 7 campaigns, want 21", n)
	}
	if strings.Contains(tf, "for_each") || strings.Contains(tf, "each.") {
		t.Error("campaign resources must be one block each: for_each makes every instance depend on every other")
	}
	for _, want := range []string{
		`campaigns = { for r in csvdecode(file("${path.module}/campaigns.csv")) : r.name => r }`,
		`resource "leadterra_campaign" "c0006" {`,
		`subject = local.campaigns["bench-0006"].subject1`,
		"campaign_id = leadterra_campaign.c0006.id",
		// Each launch waits for its own leads.
		"campaign_id = leadterra_campaign_leads.c0006.campaign_id",
	} {
		if !strings.Contains(tf, want) {
			t.Errorf("campaigns configuration lacks %q", want)
		}
	}
	leads := MainTF(Leads, 20000)
	if strings.Count(leads, "\nresource ") != 2 || strings.Count(leads, "subject = ") != 3 {
		t.Errorf("leads: want one campaign of 3 steps and one leads resource:\n%s", leads)
	}
	if !strings.Contains(leads, `csvdecode(file("${path.module}/leads.csv")) : r.email => r`) {
		t.Error("the leads come from leads.csv, keyed by email")
	}
}

func TestMinimum(t *testing.T) {
	for _, tt := range []struct {
		kind Kind
		size int
		p    Phase
		want Budget
	}{
		{Campaigns, 10, Apply, Budget{Writes: map[string]int{routeCreate: 10, routeBulk: 10, routeStart: 10}, Reads: 11}},
		{Campaigns, 10, Plan, Budget{Writes: map[string]int{}, Reads: 20}},
		{Campaigns, 500, Change, Budget{Writes: map[string]int{routePatch: 1}, Reads: 1000}},
		{Campaigns, 10, Destroy, Budget{Writes: map[string]int{routeDelete: 10, routeDeleteLeads: 10, routePause: 10}, Reads: 20}},
		{Leads, 20000, Apply, Budget{Writes: map[string]int{routeCreate: 1, routeBulk: 40}}},
		{Leads, 100, Plan, Budget{Writes: map[string]int{}, Reads: 3}}, // a full page needs one more
		{Leads, 5001, Change, Budget{Writes: map[string]int{routeBulk: 1}, Reads: 52}},
		{Leads, 20000, Destroy, Budget{Writes: map[string]int{routeDelete: 1, routeDeleteLeads: 40}, Reads: 202}},
	} {
		if got := Minimum(tt.kind, tt.size, tt.p); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Minimum(%s, %d, %s) = %+v, want %+v", tt.kind, tt.size, tt.p, got, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	b := Budget{Writes: map[string]int{routeBulk: 2}, Reads: 3}
	for _, tt := range []struct {
		name   string
		got    snapshot
		excess int
	}{
		{"within", snapshot{Routes: map[string]int{routeBulk: 2, routeGet: 3}}, 0},
		{"fewer", snapshot{Routes: map[string]int{routeBulk: 1}}, 0},
		{"one write too many", snapshot{Routes: map[string]int{routeBulk: 3}}, 1},
		{"a write on another route", snapshot{Routes: map[string]int{routePatch: 1}}, 1},
		{"one read too many", snapshot{Routes: map[string]int{routeGet: 4}}, 1},
		{"a URL read twice", snapshot{Repeated: []string{"/v1/campaigns/a"}}, 1},
		{"two URLs read twice", snapshot{Repeated: []string{"/v1/campaigns/a", "/v1/campaigns/b"}}, 2},
	} {
		if excess := Check(b, tt.got); len(excess) != tt.excess {
			t.Errorf("%s: excess %q; want %d", tt.name, excess, tt.excess)
		}
	}
	if excess := Check(Minimum(Leads, 10, Plan), snapshot{Routes: map[string]int{routeBulk: 1}}); len(excess) != 1 {
		t.Errorf("a write on a no-change plan must be over the minimum: %q", excess)
	}
}

// The plain client is the other side of the minimum: it must send exactly
// the writes of the budget and no more reads, in every phase.
func TestPlainClientSendsTheMinimum(t *testing.T) {
	for _, tt := range []struct {
		kind Kind
		size int
	}{{Campaigns, 3}, {Leads, 1201}} {
		api, err := startServer(0)
		if err != nil {
			t.Fatal(err)
		}
		c := &plainClient{base: api.URL, http: &http.Client{}, par: 4}
		_, snaps, err := c.phases(context.Background(), tt.kind, tt.size, api)
		api.close()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range Phases {
			b, got := Minimum(tt.kind, tt.size, p), snaps[p]
			if excess := Check(b, got); len(excess) > 0 {
				t.Errorf("%s=%d %s: %q", tt.kind, tt.size, p, excess)
			}
			writes := 0
			for route, n := range got.Routes {
				if !isRead(route) {
					writes += n
				}
			}
			if writes != b.TotalWrites() {
				t.Errorf("%s=%d %s: %d writes %v, budget %d", tt.kind, tt.size, p, writes, got.Routes, b.TotalWrites())
			}
			if bad := got.Statuses[http.StatusBadRequest] + got.Statuses[http.StatusNotFound]; bad > 0 {
				t.Errorf("%s=%d %s: %d failed requests", tt.kind, tt.size, p, bad)
			}
		}
	}
}

func TestProcParsers(t *testing.T) {
	mb, err := parseVmHWM("Name:\tx\nVmPeak:\t  9999 kB\nVmHWM:\t   51200 kB\nVmRSS:\t 100 kB\n")
	if err != nil || mb != 50 {
		t.Errorf("VmHWM = %v, %v; want 50", mb, err)
	}
	if _, err := parseVmHWM("Name:\tx\n"); err == nil {
		t.Error("a status without VmHWM must fail")
	}
	// utime 120, stime 30 (fields 14 and 15); the name holds a space and a ')'.
	stat := "4242 (terraform-pro) vider) S 1 2 3 4 5 6 7 8 9 10 120 30 0 0 20 0 12 0 100"
	if ticks, err := parseStatCPU(stat); err != nil || ticks != 150 {
		t.Errorf("ticks = %d, %v; want 150", ticks, err)
	}
}

func TestReattachForBoth(t *testing.T) {
	got, err := reattachForBoth(`{"registry.terraform.io/leadterra/leadterra":{"Protocol":"grpc","ProtocolVersion":6,"Pid":7,"Test":true,"Addr":{"Network":"unix","String":"/tmp/p"}}}`)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]struct{ Pid int }
	if err := json.Unmarshal([]byte(got), &m); err != nil {
		t.Fatal(err)
	}
	for _, a := range providerAddrs {
		if m[a].Pid != 7 {
			t.Errorf("%s missing in %s", a, got)
		}
	}
	if _, err := reattachForBoth(`{}`); err == nil {
		t.Error("an empty reattach config must fail")
	}
}

func TestWriteReport(t *testing.T) {
	row := func(kind Kind, size int, p Phase, wall, base float64) Row {
		return Row{Kind: kind, Size: size, CLI: "terraform", Phase: p,
			Provider: Measure{Wall: secs(wall), ProviderCPU: secs(wall / 10), PeakMB: 42,
				Requests: snapshot{Routes: map[string]int{routeCreate: size, routeBulk: size}}},
			Baseline: Measure{Wall: secs(base)}, Plain: secs(0.5)}
	}
	res := &Result{Elapsed: time.Minute}
	for _, p := range Phases {
		// 2 s + 0.01 s per campaign: the slope is 0.0100.
		res.Rows = append(res.Rows, row(Campaigns, 10, p, 2.1, 2), row(Campaigns, 110, p, 3.1, 2))
	}
	res.Rows[0].Excess = []string{"3 reads, at most 2"}
	var b strings.Builder
	if err := WriteReport(&b, res, Meta{Command: "go run ./cmd/leadterra-bench", Date: "2026-12-02T16:00:00Z", Machine: "test CPU, 2 cores"}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"- Command: `go run ./cmd/leadterra-bench`", "- Machine: test CPU, 2 cores",
		"## " + string(Apply), "## " + string(Destroy),
		"| N=10 | terraform | 2.10 | 0.00 | 0.21 | 42 | POST campaigns 10, POST …/leads/bulk 10 (0.667/object) | 2.00 | 0.00 | 0.00 | 0 | 0.500 | +5% | 3 reads, at most 2 |",
		"| campaign | terraform | " + string(Apply) + " | 0.0100 | 0.0010 | 0.0000 | 0.0000 |",
		"Not run (`-rate-limit 0`)",
		"- Requests above the minimum in 1 phase(s)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func secs(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }

func TestRateLimitReport(t *testing.T) {
	rr := &RateResult{CLI: "terraform", Campaigns: 100, Limit: 20, Wall: 20 * time.Second, Requests: 400, Limited: 40}
	if got := rr.Sustained(); got != 18 {
		t.Errorf("sustained %v req/s, want 18 (360 accepted in 20 s)", got)
	}
	if got := rr.Share429(); got != 0.1 {
		t.Errorf("429 share %v, want 0.1", got)
	}
	var b strings.Builder
	if err := WriteReport(&b, &Result{RateLimit: rr}, Meta{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| 100 | terraform | 20 | 20.00 | 400 | 40 (10.0%) | 18.0 | 90% |",
		"- Rate limit 20 req/s: 90% of it sustained, 10.0% answered 429",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}
