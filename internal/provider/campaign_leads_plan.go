package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// ValidateConfig checks the leads map in one pass (per-element validators
// would make the framework walk 10,000 leads one path at a time):
//   - no two keys may be one address in different case: the API upserts by
//     email case-insensitively, so they would overwrite each other and the
//     state could never match the configuration (Terraform itself refuses
//     two identical keys);
//   - field names must be standard fields or plain identifiers usable as
//     {{tokens}}, and an "email" field must repeat the key;
//   - values must be UTF-8 text that is empty (not set) or not blank.
func (r *campaignLeadsResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var leads types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("leads"), &leads)...)
	if resp.Diagnostics.HasError() || leads.IsNull() || leads.IsUnknown() {
		return
	}
	root := path.Root("leads")
	byKey := map[string][]string{}
	for email, el := range leads.Elements() {
		byKey[emailKey(email)] = append(byKey[emailKey(email)], email)
		fields, ok := el.(types.Map)
		switch {
		case !ok || fields.IsUnknown():
			continue
		case fields.IsNull():
			resp.Diagnostics.AddAttributeError(root.AtMapKey(email), "Lead without fields",
				fmt.Sprintf("The lead %q is null. Give it a map of fields, or {} for a lead with none.", email))
			continue
		}
		for name, v := range fields.Elements() {
			value, _ := v.(types.String)
			validateLeadField(email, name, value, root.AtMapKey(email).AtMapKey(name), &resp.Diagnostics)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(byKey)) {
		emails := byKey[k]
		if len(emails) < 2 {
			continue
		}
		slices.Sort(emails)
		resp.Diagnostics.AddAttributeError(root.AtMapKey(emails[1]), "Duplicate lead email",
			fmt.Sprintf("The leads %s are one address: Leadterra identifies a lead by its address, ignoring case, and keeps one lead per address. Keep a single entry for it.", quotedList(emails)))
	}
}

func validateLeadField(email, name string, value types.String, at path.Path, diags *diag.Diagnostics) {
	lead := fmt.Sprintf("lead %q", email)
	switch {
	case name == "email" || isStandardLeadField(name):
	case !leadterra.IsIdentifier(name):
		diags.AddAttributeError(at, "Invalid custom field name",
			fmt.Sprintf("Field %q of %s is not a plain identifier. Use letters, digits and _, not starting with a digit (for example use_case), so that templates can use it as {{name}}.", name, lead))
		return
	default:
		if std, taken := reservedLeadKeys[leadterra.FoldName(name)]; taken {
			diags.AddAttributeError(at, "Custom field reuses a standard lead field",
				fmt.Sprintf("Field %q of %s is a spelling of the standard field %s (%s) or of the custom-field container; the API would read it as that field. Write %s, or rename the custom field.", name, lead, std, standardFieldList(), std))
			return
		}
	}
	if value.IsUnknown() {
		return
	}
	if value.IsNull() {
		diags.AddAttributeError(at, "Null lead field",
			fmt.Sprintf("Field %q of %s is null. Leave the field out, or set it to \"\" (not set).", name, lead))
		return
	}
	s := value.ValueString()
	switch {
	case !utf8.ValidString(s):
		diags.AddAttributeError(at, "Text is not valid UTF-8",
			fmt.Sprintf("Field %q of %s holds bytes that are not valid UTF-8; Leadterra accepts JSON text only. Check the file it was read from.", name, lead))
	case name == "email":
		if s != "" && !sameEmail(s, email) {
			diags.AddAttributeError(at, "Lead email does not match its key",
				fmt.Sprintf("The email field of %s is %q. The key of each lead is its address: the email field, which a row of csvdecode carries, must repeat it (case aside) or be left out.", lead, s))
		}
	case s != "" && strings.TrimSpace(s) == "":
		diags.AddAttributeError(at, "Blank "+name,
			fmt.Sprintf("Field %q of %s is only whitespace. Leave it out, or set it to \"\" (not set): blank text would be sent to Leadterra as is.", name, lead))
	}
}

func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, " and ")
}

// ModifyPlan keeps the counters when an update sends no lead (only
// removals, or only batch_size): they describe the last apply that did.
func (r *campaignLeadsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.planTimeChecks(ctx, req, resp) // campaign_leads_template_check.go
	if req.State.Raw.IsNull() && !req.Plan.Raw.IsNull() {
		recordCreatePlan(ctx, req, resp)
		return
	}
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var plan, state campaignLeadsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !plan.CampaignID.Equal(state.CampaignID) || plan.Leads.IsUnknown() {
		return
	}
	planned := leadsOf(plan.Leads, &resp.Diagnostics)
	d := diffLeads(leadsOf(state.Leads, &resp.Diagnostics), planned)
	if resp.Diagnostics.HasError() || len(d.upsert) > 0 {
		return
	}
	plan.EnrolledCount, plan.UpdatedCount, plan.SkippedCount = state.EnrolledCount, state.UpdatedCount, state.SkippedCount
	plan.SkippedEmails = emailSetValue(keepConfigured(emailSet(state.SkippedEmails), planned))
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}
