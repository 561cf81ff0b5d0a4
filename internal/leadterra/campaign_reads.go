package leadterra

import (
	"context"
	"net/http"
	"strings"
	"sync"
)

// campaignReads coalesces the reads of one campaign within a Client. In one
// refresh the campaign, its launch and a data source each ask for the same
// campaign; one GET answers them all. A Client serves one provider
// configuration, that is one Terraform graph walk (a plan or an apply), so
// an answer is never reused beyond it, and a write to the campaign through
// this Client forgets it (before and after the write, so that a read racing
// with the write is not kept). Failed reads are not kept.
type campaignReads struct {
	mu      sync.Mutex
	entries map[string]*campaignRead
	gen     map[string]uint64
}

type campaignRead struct {
	done chan struct{}
	res  CampaignLookup
	err  error
}

func (r *campaignReads) lookup(ctx context.Context, id string, read func() (CampaignLookup, error)) (CampaignLookup, error) {
	// Keyed as the id appears in request paths, which forget sees.
	id = pathEscape(id)
	r.mu.Lock()
	if r.entries == nil {
		r.entries, r.gen = map[string]*campaignRead{}, map[string]uint64{}
	}
	if e, ok := r.entries[id]; ok {
		r.mu.Unlock()
		select {
		case <-e.done:
			return e.res.clone(), e.err
		case <-ctx.Done():
			return CampaignLookup{}, ctx.Err()
		}
	}
	e := &campaignRead{done: make(chan struct{})}
	r.entries[id] = e
	gen := r.gen[id]
	r.mu.Unlock()

	e.res, e.err = read()
	r.mu.Lock()
	if (e.err != nil || r.gen[id] != gen) && r.entries[id] == e {
		delete(r.entries, id)
	}
	r.mu.Unlock()
	close(e.done)
	return e.res.clone(), e.err
}

// forget drops what is known of the campaign a write goes to.
func (r *campaignReads) forget(req request) {
	if req.method == http.MethodGet {
		return
	}
	rest, ok := strings.CutPrefix(req.path, "/v1/campaigns/")
	if !ok {
		return
	}
	id, _, _ := strings.Cut(rest, "/")
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.entries == nil {
		return
	}
	delete(r.entries, id)
	r.gen[id]++
}

// clone gives each caller its own copy, so that no caller can change what
// another one reads.
func (l CampaignLookup) clone() CampaignLookup {
	if l.Campaign != nil {
		c := *l.Campaign
		c.Steps = append([]Step(nil), c.Steps...)
		l.Campaign = &c
	}
	return l
}
