package provider

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// A create whose answer is lost after sending (leadterra.IsOutcomeUnknown)
// may have acted, and the documented API has no idempotency keys. Where the
// list completion exists, Terraform looks for the object: same name (webhook:
// url and events), created since the request was sent, not claimed by
// another resource of this run. Exactly one: adopt it. None: create again.
// Several: fail and list them. Without the list: fail, saying it may have
// been created. Creating again never happens without a look first.

// createdSkew widens the "created since the request" window for a server
// clock that runs behind ours (timestamps are also whole seconds). Wider is
// safer against duplicates; the name and the claims keep strangers out.
const createdSkew = time.Minute

// createClaims tracks, for this provider process, the ids that resources
// created or adopted (so another resource with the same name is never
// adopted twice) and the creates still awaiting an answer (so a lookup waits
// for a sibling's answer before taking its object for ours).
type createClaims struct {
	mu       sync.Mutex
	inflight map[string]int
	claimed  map[string]bool
	lookups  map[string]*sync.Mutex
}

var claims = &createClaims{inflight: map[string]int{}, claimed: map[string]bool{}, lookups: map[string]*sync.Mutex{}}

func (c *createClaims) begin(key string) {
	c.mu.Lock()
	c.inflight[key]++
	c.mu.Unlock()
}

// end marks a create answered; id ("" if unknown) is claimed.
func (c *createClaims) end(key, id string) {
	c.mu.Lock()
	c.inflight[key]--
	if id != "" {
		c.claimed[id] = true
	}
	c.mu.Unlock()
}

func (c *createClaims) claim(id string) {
	c.mu.Lock()
	c.claimed[id] = true
	c.mu.Unlock()
}

func (c *createClaims) isClaimed(id string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.claimed[id]
}

// lookup serialises lookups per key and waits until no create with this
// key awaits its answer.
func (c *createClaims) lookup(ctx context.Context, key string) (unlock func(), err error) {
	c.mu.Lock()
	l := c.lookups[key]
	if l == nil {
		l = &sync.Mutex{}
		c.lookups[key] = l
	}
	c.mu.Unlock()
	l.Lock()
	for {
		c.mu.Lock()
		n := c.inflight[key]
		c.mu.Unlock()
		if n == 0 {
			return l.Unlock, nil
		}
		select {
		case <-ctx.Done():
			l.Unlock()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// createLookup describes one kind of object for createOrAdopt.
type createLookup[T any] struct {
	what     diagnostics.Created // Since and Until are set per round
	key      string              // same-object key: base URL + kind + name
	listPath string              // "GET /v1/campaigns"
	rounds   int                 // create → look → create again, at most
	create   func(context.Context) (T, error)
	list     func(context.Context) ([]T, error)
	matches  func(T) bool // same name and content as the configuration
	id       func(T) string
	created  func(T) string // createdAt, RFC 3339, "" when not reported
}

// createOrAdopt creates the object, or after a lost answer finds and adopts
// it; ok is false when diags hold the error.
func createOrAdopt[T any](ctx context.Context, l createLookup[T], diags *diag.Diagnostics) (obj T, ok bool) {
	for range l.rounds {
		start := time.Now()
		claims.begin(l.key)
		got, err := l.create(ctx)
		if err == nil {
			claims.end(l.key, l.id(got))
			return got, true
		}
		claims.end(l.key, "")
		if !leadterra.IsOutcomeUnknown(err) {
			diags.Append(diagnostics.CreateFailed(l.what.Kind, l.what.Kind+" "+l.what.Label, l.what.IDPrefix+"…", err))
			return obj, false
		}
		w := l.what
		w.Since = start.Add(-createdSkew)
		tflog.Warn(ctx, "create answer lost; looking for the object", map[string]any{"kind": w.Kind, "list": l.listPath})
		found, adopted, done := l.look(ctx, w, err, diags)
		if done {
			return found, adopted
		}
	}
	w := l.what
	w.Since, w.Until = time.Now(), time.Now()
	diags.AddError(fmt.Sprintf("Could not create the %s", w.Kind), fmt.Sprintf(
		"Creating the %s %s lost its answer %d times, and each time no such %s had been created. Check the Leadterra API's status, then apply again.", w.Kind, w.Label, l.rounds, w.Kind))
	return obj, false
}

// look lists the objects after a lost create answer. done is false when
// none matches and the caller should create again.
func (l createLookup[T]) look(ctx context.Context, w diagnostics.Created, cause error, diags *diag.Diagnostics) (obj T, adopted, done bool) {
	unlock, err := claims.lookup(ctx, l.key)
	if err != nil {
		w.Until = time.Now()
		diags.Append(diagnostics.MayHaveBeenCreated(w, "the run was cancelled before Terraform could look for it", cause))
		return obj, false, true
	}
	defer unlock()
	items, err := l.list(ctx)
	w.Until = time.Now()
	switch {
	case leadterra.IsNotOffered(err):
		diags.Append(diagnostics.MayHaveBeenCreated(w, fmt.Sprintf("this Leadterra API offers no %s to look for it (the documented API cannot list %ss)", l.listPath, w.Kind), cause))
		return obj, false, true
	case err != nil:
		diags.Append(diagnostics.MayHaveBeenCreated(w, fmt.Sprintf("looking for it through %s failed too (%v)", l.listPath, err), cause))
		return obj, false, true
	}
	var candidates []T
	var ids []string
	for _, it := range items {
		if !l.matches(it) || claims.isClaimed(l.id(it)) {
			continue
		}
		// An object without a creation time cannot be placed in the window:
		// a candidate, so that it is never silently passed over.
		if at, perr := time.Parse(time.RFC3339, l.created(it)); perr == nil && (at.Before(w.Since) || at.After(w.Until.Add(createdSkew))) {
			continue
		}
		candidates = append(candidates, it)
		ids = append(ids, l.id(it))
	}
	switch len(candidates) {
	case 0:
		tflog.Warn(ctx, "create answer lost and no such object exists; creating again", map[string]any{"kind": w.Kind})
		return obj, false, false
	case 1:
		claims.claim(ids[0])
		diags.Append(diagnostics.Adopted(w, ids[0], cause))
		return candidates[0], true, true
	}
	slices.Sort(ids)
	diags.Append(diagnostics.SeveralCandidates(w, ids, cause))
	return obj, false, true
}

// createCampaignOrAdopt is CreateCampaign with the lost-answer handling
// above; a campaign matches on name and, where listed, its steps.
func createCampaignOrAdopt(ctx context.Context, client *leadterra.Client, in leadterra.CampaignInput, diags *diag.Diagnostics) (leadterra.Campaign, bool) {
	return createOrAdopt(ctx, createLookup[leadterra.Campaign]{
		what: diagnostics.Created{Kind: "campaign", Resource: "leadterra_campaign", Label: fmt.Sprintf("named %q", in.Name), IDPrefix: "camp_", ReadPath: leadterra.CapCampaignRead},
		key:  client.BaseURL() + "\x00campaign\x00" + in.Name, listPath: leadterra.CapCampaignList, rounds: client.CreateAttempts(),
		create: func(ctx context.Context) (leadterra.Campaign, error) {
			return client.CreateCampaign(ctx, in, leadterra.NewIdempotencyKey())
		},
		list: client.ListCampaigns,
		matches: func(c leadterra.Campaign) bool {
			return c.Name == in.Name && (c.Status == "" || c.Status == leadterra.StatusDraft) && (c.Steps == nil || sameSteps(c.Steps, in.Steps))
		},
		id:      func(c leadterra.Campaign) string { return c.ID },
		created: func(c leadterra.Campaign) string { return c.CreatedAt },
	}, diags)
}

// sameSteps compares subjects and bodies; delays are not reported by every
// page, so they do not count.
func sameSteps(got, want []leadterra.Step) bool {
	return slices.EqualFunc(got, want, func(a, b leadterra.Step) bool { return a.Subject == b.Subject && a.BodyHTML == b.BodyHTML })
}

// createWebhookOrAdopt is CreateWebhook with the lost-answer handling above;
// a webhook matches on url and, where listed, its events.
func createWebhookOrAdopt(ctx context.Context, client *leadterra.Client, in leadterra.WebhookInput, diags *diag.Diagnostics) (leadterra.Webhook, bool) {
	return createOrAdopt(ctx, createLookup[leadterra.Webhook]{
		what: diagnostics.Created{Kind: "webhook", Resource: "leadterra_webhook", Label: fmt.Sprintf("for %q", in.URL), IDPrefix: "wh_", ReadPath: leadterra.CapWebhookRead},
		key:  client.BaseURL() + "\x00webhook\x00" + in.URL, listPath: leadterra.CapWebhookList, rounds: client.CreateAttempts(),
		create: func(ctx context.Context) (leadterra.Webhook, error) {
			return client.CreateWebhook(ctx, in, leadterra.NewIdempotencyKey())
		},
		list: client.ListWebhooks,
		matches: func(w leadterra.Webhook) bool {
			return w.URL == in.URL && (w.Events == nil || sameSet(w.Events, in.Events))
		},
		id:      func(w leadterra.Webhook) string { return w.ID },
		created: func(w leadterra.Webhook) string { return w.CreatedAt },
	}, diags)
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}
