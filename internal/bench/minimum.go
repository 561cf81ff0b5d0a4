package bench

import (
	"fmt"
	"sort"
)

// Routes, as the sandbox counts them.
const (
	routeCreate      = "POST /v1/campaigns"
	routeGet         = "GET /v1/campaigns/:id"
	routePatch       = "PATCH /v1/campaigns/:id"
	routeDelete      = "DELETE /v1/campaigns/:id"
	routeStart       = "POST /v1/campaigns/:id/start"
	routePause       = "POST /v1/campaigns/:id/pause"
	routeStats       = "GET /v1/campaigns/:id/stats"
	routeBulk        = "POST /v1/campaigns/:id/leads/bulk"
	routeListLeads   = "GET /v1/campaigns/:id/leads"
	routeDeleteLeads = "DELETE /v1/campaigns/:id/leads"
)

// Batch is the leads per bulk or removal request: the resource's default
// batch_size, which the generated configurations keep.
const Batch = 500

// Budget is the most a phase may send: writes by route (a write on a route
// not listed is over budget), and reads in total.
type Budget struct {
	Writes map[string]int
	Reads  int
}

// batches is the bulk or removal requests that n leads need.
func batches(n int) int { return (n + Batch - 1) / Batch }

// PageSize is the largest page a lead list is served in (the sandbox's
// guide style allows 100 per request), so a client asks for that much.
const PageSize = 100

// listReads is the reads of a list of n items: one per page, and one more
// when the last page is exactly full, since only an empty or short page
// proves the end of a list without a pagination object.
func listReads(n int) int { return n/PageSize + 1 }

// Minimum is the request budget of one phase, from the targets: 1 write
// per object (ceil(changed/Batch) bulk requests for leads), at most 1 read
// per object per refresh, 0 writes on a no-change plan. The plan of the
// change refreshes; applying the saved plan does not; destroy refreshes.
func Minimum(kind Kind, size int, p Phase) Budget {
	// reads: one per managed object per refresh; a lead list by pages.
	var reads int
	var apply, destroy map[string]int
	change := map[string]int{}
	if kind == Campaigns {
		// The campaign (its launch shares that read) and its lead list.
		reads = size * (1 + listReads(1))
		apply = map[string]int{routeCreate: size, routeBulk: size, routeStart: size}
		// Destroying a launch may pause its campaign; its campaign is then deleted.
		destroy = map[string]int{routeDelete: size, routeDeleteLeads: size, routePause: size}
		change[routePatch] = 1 // one step subject
	} else {
		reads = 1 + listReads(size)
		apply = map[string]int{routeCreate: 1, routeBulk: batches(size)}
		destroy = map[string]int{routeDelete: 1, routeDeleteLeads: batches(size)}
		change[routeBulk] = 1 // one lead's company
	}
	var b Budget
	switch p {
	case Apply:
		b = Budget{Writes: apply}
		if kind == Campaigns {
			// The capacity check of each launch that starts its campaign
			// (leadterra_campaign_launch): the campaign's stats, and the
			// pools once per run.
			b.Reads = size + 1
		}
	case Plan:
		b = Budget{Writes: map[string]int{}, Reads: reads}
	case Change:
		b = Budget{Writes: change, Reads: reads}
	default:
		b = Budget{Writes: destroy, Reads: reads}
	}
	return b
}

// TotalWrites is the budget's total number of writes.
func (b Budget) TotalWrites() int {
	n := 0
	for _, v := range b.Writes {
		n += v
	}
	return n
}

// Check lists how the requests of a phase exceed its budget (nil if they
// do not). Fewer requests than the budget are fine (a destroy may skip a
// pause).
func Check(b Budget, got snapshot) []string {
	var out []string
	reads := 0
	for _, route := range sortedKeys(got.Routes) {
		n := got.Routes[route]
		if isRead(route) {
			reads += n
			continue
		}
		if most := b.Writes[route]; n > most {
			out = append(out, fmt.Sprintf("%s: %d writes, at most %d", route, n, most))
		}
	}
	if reads > b.Reads {
		out = append(out, fmt.Sprintf("%d reads, at most %d", reads, b.Reads))
	}
	for _, uri := range got.Repeated {
		out = append(out, "read twice: GET "+uri)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
