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
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/validators"
)

// ValidateConfig checks the leads map in one pass over the raw value
// (per-element validators would make the framework walk 20,000 leads one
// path at a time):
//   - each key must be one bare address (validators.EmailProblem);
//   - no two keys may be one address in different case: the API upserts by
//     email case-insensitively, so they would overwrite each other and the
//     state could never match the configuration (Terraform itself refuses
//     two identical keys);
//   - field names must be standard fields or plain identifiers usable as
//     {{tokens}}, and an "email" field must repeat the key;
//   - values must be UTF-8 text that is empty (not set) or not blank.
func (r *campaignLeadsResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if !req.Config.Raw.IsKnown() || req.Config.Raw.IsNull() {
		return
	}
	cfg := attrsOf(ctx, req.Config.Raw, &resp.Diagnostics)
	var leads map[string]tftypes.Value
	if v := cfg["leads"]; resp.Diagnostics.HasError() || !v.IsKnown() || v.IsNull() || v.As(&leads) != nil {
		return
	}
	// Paths are built only for a diagnostic: 20,000 leads would otherwise
	// make 140,000 of them.
	root := path.Root("leads")
	byKey := make(map[string][]string, len(leads))
	okNames := map[string]bool{}
	for email, el := range leads {
		key := emailKey(email)
		byKey[key] = append(byKey[key], email)
		if problem := validators.EmailProblem(email); problem != "" {
			resp.Diagnostics.AddAttributeError(root.AtMapKey(email), "Invalid email address", problem)
		}
		var fields map[string]tftypes.Value
		switch {
		case !el.IsKnown():
			continue
		case el.IsNull():
			resp.Diagnostics.AddAttributeError(root.AtMapKey(email), "Lead without fields",
				fmt.Sprintf("The lead %q is null. Give it a map of fields, or {} for a lead with none.", email))
			continue
		case el.As(&fields) != nil:
			continue
		}
		for name, v := range fields {
			validateLeadField(email, name, v, okNames, &resp.Diagnostics)
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

// validateLeadField checks one field of one lead. okNames remembers the
// field names already found valid (a CSV repeats its columns on every row);
// nil checks every name.
func validateLeadField(email, name string, value tftypes.Value, okNames map[string]bool, diags *diag.Diagnostics) {
	at := func() path.Path { return path.Root("leads").AtMapKey(email).AtMapKey(name) }
	lead := func() string { return fmt.Sprintf("lead %q", email) }
	if !okNames[name] {
		switch {
		case name == "email" || isStandardLeadField(name):
		case !leadterra.IsIdentifier(name):
			diags.AddAttributeError(at(), "Invalid custom field name",
				fmt.Sprintf("Field %q of %s is not a plain identifier. Use letters, digits and _, not starting with a digit (for example use_case), so that templates can use it as {{name}}.", name, lead()))
			return
		default:
			if std, taken := reservedLeadKeys[leadterra.FoldName(name)]; taken {
				diags.AddAttributeError(at(), "Custom field reuses a standard lead field",
					fmt.Sprintf("Field %q of %s is a spelling of the standard field %s (%s) or of the custom-field container; the API would read it as that field. Write %s, or rename the custom field.", name, lead(), std, standardFieldList(), std))
				return
			}
		}
		if okNames != nil {
			okNames[name] = true
		}
	}
	if !value.IsKnown() {
		return
	}
	var s string
	if value.IsNull() || value.As(&s) != nil {
		diags.AddAttributeError(at(), "Null lead field",
			fmt.Sprintf("Field %q of %s is null. Leave the field out, or set it to \"\" (not set).", name, lead()))
		return
	}
	switch {
	case s == "":
	case !utf8.ValidString(s):
		diags.AddAttributeError(at(), "Text is not valid UTF-8",
			fmt.Sprintf("Field %q of %s holds bytes that are not valid UTF-8; Leadterra accepts JSON text only. Check the file it was read from.", name, lead()))
	case name == "email":
		if !sameEmail(s, email) {
			diags.AddAttributeError(at(), "Lead email does not match its key",
				fmt.Sprintf("The email field of %s is %q. The key of each lead is its address: the email field, which a row of csvdecode carries, must repeat it (case aside) or be left out.", lead(), s))
		}
	case strings.TrimSpace(s) == "":
		diags.AddAttributeError(at(), "Blank "+name,
			fmt.Sprintf("Field %q of %s is only whitespace. Leave it out, or set it to \"\" (not set): blank text would be sent to Leadterra as is.", name, lead()))
	}
}

func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, " and ")
}

// ModifyPlan decodes the planned leads once, for every plan-time step:
// recording a create plan (see campaign_leads_replace.go), and keeping the
// counters when an update sends no lead (only removals, or only
// batch_size): they describe the last apply that did.
func (r *campaignLeadsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	plan := attrsOf(ctx, req.Plan.Raw, &resp.Diagnostics)
	var state leadsAttrs
	if !req.State.Raw.IsNull() {
		state = attrsOf(ctx, req.State.Raw, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	r.planTimeChecks(ctx, plan, state, resp) // campaign_leads_template_check.go
	// planned is nil while the leads map is unknown; a lead unknown in part
	// is marked so.
	planned := decodeLeads(plan["leads"], &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if state == nil {
		recordCreatePlan(ctx, plan, planned, resp)
		return
	}
	if !plan["campaign_id"].Equal(state["campaign_id"]) || !plan["leads"].IsKnown() {
		return
	}
	prior := decodeLeads(state["leads"], &resp.Diagnostics)
	if resp.Diagnostics.HasError() || len(diffLeads(prior, planned).upsert) > 0 {
		return
	}
	for _, c := range countAttrs {
		plan[c] = state[c]
	}
	plan["skipped_emails"] = emailSetValue(keepConfigured(emailSet(state["skipped_emails"]), planned))
	resp.Plan.Raw = plan.object(ctx, req.Plan.Raw.Type())
}
