package provider

import (
	"context"
	"encoding/json"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// A create that fails part-way saves the leads it enrolled, and Terraform
// marks that object tainted: the next apply replaces it, destroying the
// object and then creating it again. Unenrolling leads only to enroll them
// again would cost requests and, in a running campaign, restart their
// sequence. So a create plan records, in its private data, the campaign
// and addresses it will enroll. Terraform hands that private data to the
// Delete of a tainted object being replaced (a real destroy gets the
// object's own private data, which never holds it): that Delete keeps the
// leads the replacement enrolls again, and passes them on in memory (the
// same provider process runs both halves of a replacement) so the Create
// sends only what is missing or changed. Without the hand-over the Create
// sends every lead: the API upserts by email, so that is merely slower.

const privateCreatePlan = "create_plan"

type createPlan struct {
	CampaignID string   `json:"campaign_id,omitempty"`
	Emails     []string `json:"emails"` // addresses, lower case
}

// recordCreatePlan is ModifyPlan's part for a create.
func recordCreatePlan(ctx context.Context, plan leadsAttrs, planned []leadModel, resp *resource.ModifyPlanResponse) {
	campaign, leads := plan["campaign_id"], plan["leads"]
	if !campaign.IsKnown() || campaign.IsNull() || !leads.IsKnown() || leads.IsNull() {
		return // a campaign not yet created cannot be the tainted object's
	}
	cp := createPlan{CampaignID: plan.campaignID(), Emails: make([]string, 0, len(planned))}
	for _, l := range planned {
		cp.Emails = append(cp.Emails, l.key())
	}
	raw, err := json.Marshal(cp)
	if err != nil {
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateCreatePlan, raw)...)
}

// replacementPlan returns the create plan a Delete received, if that Delete
// is the first half of replacing campaignID's tainted object.
func replacementPlan(ctx context.Context, private interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}, campaignID string) (map[string]bool, bool) {
	if private == nil {
		return nil, false
	}
	raw, diags := private.GetKey(ctx, privateCreatePlan)
	var cp createPlan
	if diags.HasError() || len(raw) == 0 || json.Unmarshal(raw, &cp) != nil || cp.CampaignID != campaignID {
		return nil, false
	}
	keep := make(map[string]bool, len(cp.Emails))
	for _, e := range cp.Emails {
		keep[strings.ToLower(e)] = true
	}
	return keep, true
}

// handOver passes what a replacing Delete left in place to the Create that
// follows it: leads by campaign id, suppressed addresses by address set.
type handOver[T any] struct {
	mu sync.Mutex
	m  map[string][]T
}

func (h *handOver[T]) put(key string, v []T) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.m == nil {
		h.m = map[string][]T{}
	}
	h.m[key] = v
}

func (h *handOver[T]) take(key string) []T {
	h.mu.Lock()
	defer h.mu.Unlock()
	v := h.m[key]
	delete(h.m, key)
	return v
}
