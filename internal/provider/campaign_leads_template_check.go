package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// A campaign's steps may use custom fields ({{use_case}}) that some leads
// lack: their emails would go out with a blank. The plan warns when it is
// about to send leads (create, or leads to upsert) to a campaign whose id
// is known (for a campaign created in the same apply: Terraform's plan
// during the apply, just before the leads are sent). The steps come from
// the campaign resource's reads and writes in this provider process
// (stepsCache), else from one campaign read; never a write.

// templateCheckDescription is the resource documentation's paragraph.
const templateCheckDescription = "**Leads lacking a field the steps use.** When a plan enrolls or updates leads in a campaign whose id is already known, it warns about each custom field the campaign's subjects and bodies use (`{{use_case}}`) " +
	"that some leads lack (missing or empty), with how many lack it and a few of their addresses: their emails would show an empty string there. " +
	"The check uses the campaign's steps as the `leadterra_campaign` resource or data source read or wrote them in the same run: it sends no request, and it is skipped for a campaign the configuration neither manages nor reads. " +
	"Standard fields (`{{firstName}}`, …) are not checked. A campaign created in the same apply has no id at plan time: the warning then comes only during the apply, as the leads are sent. " +
	"To refuse such leads before anything is created, use `provider::leadterra::template_tokens` in a `precondition` (see that function's example)."

// templateExamplesShown is how many addresses a warning names.
const templateExamplesShown = 3

// fieldGap is a custom field the steps use and some leads lack.
type fieldGap struct {
	Field    string
	Lacking  int
	Examples []string // the first addresses lacking it, sorted
}

// missingTemplateFields lists, by field name, the custom fields templates
// use that leads (email → fields) lack: missing or empty. A nil lead is one
// unknown until apply: it is not counted.
func missingTemplateFields(templates []string, leads map[string]map[string]string) []fieldGap {
	fields := customTokens(templates)
	if len(fields) == 0 {
		return nil
	}
	emails := slices.Sorted(maps.Keys(leads))
	var gaps []fieldGap
	for _, f := range fields {
		g := fieldGap{Field: f}
		for _, e := range emails {
			if fields := leads[e]; fields != nil && fields[f] == "" {
				g.Lacking++
				if len(g.Examples) < templateExamplesShown {
					g.Examples = append(g.Examples, e)
				}
			}
		}
		if g.Lacking > 0 {
			gaps = append(gaps, g)
		}
	}
	return gaps
}

// customTokens returns the sorted custom-field names templates use.
// Malformed tokens are the campaign validator's business.
func customTokens(templates []string) []string {
	var out []string
	for _, t := range templates {
		tokens, _ := leadterra.ParseTokens(t)
		for _, tok := range tokens {
			if !slices.Contains(leadterra.StandardLeadFields, tok.Name) && !slices.Contains(out, tok.Name) {
				out = append(out, tok.Name)
			}
		}
	}
	slices.Sort(out)
	return out
}

// planTimeChecks is what ModifyPlan adds for other checks: it records how
// many leads the plan puts in the campaign (for a launch's capacity check)
// and warns about leads lacking a field the steps use. state is nil on
// create.
func (r *campaignLeadsResource) planTimeChecks(ctx context.Context, plan, state leadsAttrs, resp *resource.ModifyPlanResponse) {
	campaignID := plan.campaignID()
	if campaignID == "" {
		return
	}
	if n, ok := rawLeadCount(plan); ok {
		r.data.rememberPlannedLeads(campaignID, n)
	}
	r.warnMissingTemplateFields(ctx, campaignID, plan, state, resp)
}

// warnMissingTemplateFields is the template check of a plan for campaignID.
// It sends no request: it uses the steps the campaign resource or data
// source read or wrote in this provider process. Reading the campaign here
// would read it a second time in one operation: Terraform plans changed
// resources again during an apply, in a new provider process.
func (r *campaignLeadsResource) warnMissingTemplateFields(ctx context.Context, campaignID string, plan, state leadsAttrs, resp *resource.ModifyPlanResponse) {
	templates, cached := r.data.cachedSteps(campaignID)
	if !cached {
		tflog.Debug(ctx, "template field check skipped: this run has not read the campaign's steps", map[string]any{"campaign_id": campaignID})
		return
	}
	if len(customTokens(templates)) == 0 {
		return // before decoding the leads: 10,000 of them take a while
	}
	planned, ok := rawLeads(plan)
	if !ok || !sendsLeads(state, campaignID, planned) {
		return
	}
	for _, g := range missingTemplateFields(templates, planned) {
		more := ""
		if g.Lacking > len(g.Examples) {
			more = fmt.Sprintf(" and %d more", g.Lacking-len(g.Examples))
		}
		resp.Diagnostics.AddAttributeWarning(path.Root("leads"), fmt.Sprintf("%d of %d leads lack the custom field %s", g.Lacking, len(planned), g.Field),
			fmt.Sprintf("The steps of campaign %q use {{%s}}, but %d of the %d leads have no %s field (or an empty one), so their emails will show an empty string there: %s%s.\n\n"+
				"Add %s to these leads, or remove {{%s}} from the campaign's steps. (Checked against the campaign's steps as this run last read or wrote them.)",
				campaignID, g.Field, g.Lacking, len(planned), g.Field, strings.Join(g.Examples, ", "), more, g.Field, g.Field))
	}
}

// sendsLeads reports whether the plan upserts leads: a create, a new
// campaign, or a lead whose sent fields (non-empty, "email" aside) change.
func sendsLeads(state leadsAttrs, campaignID string, planned map[string]map[string]string) bool {
	if state == nil || state.campaignID() != campaignID {
		return true
	}
	prior, ok := rawLeads(state)
	if !ok {
		return true
	}
	byKey := make(map[string]map[string]string, len(prior))
	for e, f := range prior {
		byKey[emailKey(e)] = f
	}
	for e, f := range planned {
		if !maps.Equal(sentFields(f), sentFields(byKey[emailKey(e)])) {
			return true
		}
	}
	return false
}

func sentFields(f map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range f {
		if k != "email" && v != "" {
			out[k] = v
		}
	}
	return out
}

// rawLeadCount is how many leads a known leads attribute holds.
func rawLeadCount(obj leadsAttrs) (int, bool) {
	var leads map[string]tftypes.Value
	if v := obj["leads"]; !v.IsKnown() || v.IsNull() || v.As(&leads) != nil {
		return 0, false
	}
	return len(leads), true
}

// rawLeads reads the leads attribute of a decoded object as
// email → fields. A field unknown until apply reads as present ("?"), a
// lead unknown until apply as nil: neither can be said to lack anything.
// ok is false when leads itself is unknown.
func rawLeads(obj leadsAttrs) (map[string]map[string]string, bool) {
	var leads map[string]tftypes.Value
	if v := obj["leads"]; !v.IsKnown() || v.As(&leads) != nil {
		return nil, false
	}
	out := make(map[string]map[string]string, len(leads))
	for email, lv := range leads {
		var fields map[string]tftypes.Value
		if !lv.IsKnown() || lv.As(&fields) != nil {
			out[email] = nil
			continue
		}
		f := make(map[string]string, len(fields))
		for k, fv := range fields {
			var s string
			switch {
			case !fv.IsKnown():
				f[k] = "?"
			case fv.As(&s) == nil:
				f[k] = s
			}
		}
		out[email] = f
	}
	return out, true
}
