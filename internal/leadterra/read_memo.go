package leadterra

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
)

// readMemo coalesces repeated reads within a Client. In one refresh the
// campaign, its launch and a data source each ask for the same campaign,
// and every launch's capacity check asks for the sender pools; one GET
// answers each. A Client serves one provider configuration, that is one
// Terraform graph walk (a plan or an apply), so an answer is never reused
// beyond it. A write to a campaign through this Client forgets what is
// known of it, before and after the write, so that a read racing with the
// write is not kept. Failed reads are not kept.
type readMemo struct {
	mu      sync.Mutex
	entries map[string]*memoEntry
	gen     map[string]uint64
}

type memoEntry struct {
	done chan struct{}
	val  any
	err  error
}

// Memo keys: a campaign as its id appears in request paths, which forget
// sees; the pool list.
func campaignMemoKey(id string) string { return "campaign " + pathEscape(id) }

const poolsMemoKey = "sender-pools"

func (r *readMemo) get(ctx context.Context, key string, read func() (any, error)) (any, error) {
	r.mu.Lock()
	if r.entries == nil {
		r.entries, r.gen = map[string]*memoEntry{}, map[string]uint64{}
	}
	if e, ok := r.entries[key]; ok {
		r.mu.Unlock()
		select {
		case <-e.done:
			return e.val, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	e := &memoEntry{done: make(chan struct{})}
	r.entries[key] = e
	gen := r.gen[key]
	r.mu.Unlock()

	e.val, e.err = read()
	r.mu.Lock()
	if (e.err != nil || r.gen[key] != gen) && r.entries[key] == e {
		delete(r.entries, key)
	}
	r.mu.Unlock()
	close(e.done)
	return e.val, e.err
}

// forget drops what is known of the campaign a write goes to.
func (r *readMemo) forget(req request) {
	if req.method == http.MethodGet {
		return
	}
	rest, ok := strings.CutPrefix(req.path, "/v1/campaigns/")
	if !ok {
		return
	}
	id, _, _ := strings.Cut(rest, "/")
	key := "campaign " + id
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.entries == nil {
		return
	}
	delete(r.entries, key)
	r.gen[key]++
}

// memoized runs read through the memo and gives each caller its own copy
// (clone), so that no caller can change what another one reads.
func memoized[T any](ctx context.Context, c *Client, key string, read func() (T, error), clone func(T) T) (T, error) {
	v, err := c.memo.get(ctx, key, func() (any, error) { return read() })
	t, _ := v.(T)
	if err != nil {
		return t, err
	}
	return clone(t), nil
}

func cloneLookup(l CampaignLookup) CampaignLookup {
	if l.Campaign != nil {
		c := *l.Campaign
		c.Steps = slices.Clone(c.Steps)
		l.Campaign = &c
	}
	return l
}

func clonePools(p []SenderPool) []SenderPool {
	out := slices.Clone(p)
	for i := range out {
		out[i].SenderAccountIDs = slices.Clone(out[i].SenderAccountIDs)
	}
	return out
}
