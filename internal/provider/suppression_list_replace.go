package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// The suppression list's take on campaign_leads_replace.go: a create that
// fails part-way saves the addresses it added and is tainted; replacing it
// must not take those addresses off the list (they could be emailed in
// between), and the Create sends only the missing ones. The Create gets no
// private data, so the hand-over is keyed by the planned address set.

// recordSuppressionCreatePlan is ModifyPlan's part for a create.
func recordSuppressionCreatePlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var emails linearSetValue
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("emails"), &emails)...)
	if resp.Diagnostics.HasError() || emails.IsNull() || emails.IsUnknown() {
		return
	}
	cp := createPlan{Emails: lowerAll(suppressionEmails(ctx, emails))}
	raw, err := json.Marshal(cp)
	if err != nil {
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateCreatePlan, raw)...)
}

// suppressionCreatePlan reads the create plan a Delete or Create received.
func suppressionCreatePlan(ctx context.Context, private interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}) (createPlan, bool) {
	var cp createPlan
	if private == nil {
		return cp, false
	}
	raw, diags := private.GetKey(ctx, privateCreatePlan)
	if diags.HasError() || len(raw) == 0 || json.Unmarshal(raw, &cp) != nil || cp.CampaignID != "" {
		return cp, false
	}
	return cp, true
}

func lowerAll(emails []string) []string {
	out := make([]string, len(emails))
	for i, e := range emails {
		out[i] = strings.ToLower(e)
	}
	return out
}

// addressSetKey names an address set, whatever its order or case.
func addressSetKey(emails []string) string {
	l := lowerAll(emails)
	slices.Sort(l)
	sum := sha256.Sum256([]byte(strings.Join(l, "\n")))
	return hex.EncodeToString(sum[:])
}
