package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// customFieldName checks a custom_fields key: it must be usable as a
// {{token}} and must not shadow a standard field, which the API would read
// as that field (extra top-level keys are one documented custom-field form).
func customFieldName() validator.String { return customFieldNameValidator{} }

type customFieldNameValidator struct{}

var plainIdentifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// reservedLeadKeys maps folded names (lower case, no _) to the lead
// attribute that holds them; customfields is the wire format's own key.
var reservedLeadKeys = map[string]string{
	"email": "email", "firstname": "first_name", "lastname": "last_name",
	"company": "company", "jobtitle": "job_title", "customfields": "custom_fields",
}

func (customFieldNameValidator) Description(context.Context) string {
	return "custom field names are plain identifiers (letters, digits and _, not starting with a digit) and do not reuse a standard lead field"
}

func (v customFieldNameValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (customFieldNameValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	name := req.ConfigValue.ValueString()
	if !plainIdentifier.MatchString(name) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid custom field name",
			fmt.Sprintf("Custom field name %q%s is not a plain identifier. Use letters, digits and _, not starting with a digit (for example use_case), so that templates can use it as {{name}}.", name, ofLead(req.Path)))
		return
	}
	if attr, taken := reservedLeadKeys[strings.ToLower(strings.ReplaceAll(name, "_", ""))]; taken {
		resp.Diagnostics.AddAttributeError(req.Path, "Custom field reuses a standard lead field",
			fmt.Sprintf("Custom field name %q%s is a standard lead field (email, firstName, lastName, company, jobTitle) or the custom-field container itself; the API would read it as that field. Set the lead's %s attribute instead, or rename the custom field.", name, ofLead(req.Path), attr))
	}
}

// ofLead names the lead a path inside the leads set belongs to: Terraform
// can only point at the whole set, so the message must say which lead.
func ofLead(p path.Path) string {
	for _, step := range p.Steps() {
		ev, ok := step.(path.PathStepElementKeyValue)
		if !ok {
			continue
		}
		if obj, ok := ev.Value.(types.Object); ok {
			if e, ok := obj.Attributes()["email"].(types.String); ok && !e.IsNull() && !e.IsUnknown() {
				return fmt.Sprintf(" (lead %q)", e.ValueString())
			}
		}
	}
	return ""
}

// leadText checks an optional text field of a lead: the client cannot send
// an empty value, so "" would never reach Leadterra and the plan would
// never settle.
func leadText() validator.String { return leadTextValidator{} }

type leadTextValidator struct{}

func (leadTextValidator) Description(context.Context) string {
	return "must not be empty; leave the attribute out instead"
}

func (v leadTextValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (leadTextValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s, attr := req.ConfigValue.ValueString(), "value"
	if last, _ := req.Path.Steps().LastStep(); last != nil {
		if name, ok := last.(path.PathStepAttributeName); ok {
			attr = string(name)
		}
	}
	switch {
	case !utf8.ValidString(s):
		resp.Diagnostics.AddAttributeError(req.Path, "Text is not valid UTF-8",
			fmt.Sprintf("The %s%s holds bytes that are not valid UTF-8; Leadterra accepts JSON text only. Check the file it was read from.", attr, ofLead(req.Path)))
	case strings.TrimSpace(s) == "":
		resp.Diagnostics.AddAttributeError(req.Path, "Empty "+attr,
			fmt.Sprintf("The %s%s is empty or only whitespace. Leave the attribute out instead: an empty value cannot be sent to Leadterra.", attr, ofLead(req.Path)))
	}
}

// ValidateConfig rejects two leads with one address: the API upserts by
// email case-insensitively, so they would overwrite each other and the
// state could never match the configuration.
func (r *campaignLeadsResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var leads linearSetValue
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("leads"), &leads)...)
	if resp.Diagnostics.HasError() || leads.IsNull() || leads.IsUnknown() {
		return
	}
	seen := map[string]string{}
	for _, el := range leads.Elements() {
		obj, ok := el.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		email, ok := obj.Attributes()["email"].(types.String)
		if !ok || email.IsNull() || email.IsUnknown() {
			continue
		}
		k := leadKey(email.ValueString())
		first, dup := seen[k]
		if !dup {
			seen[k] = email.ValueString()
			continue
		}
		same := "twice"
		if first != email.ValueString() {
			same = fmt.Sprintf("twice, also as %q", first)
		}
		resp.Diagnostics.AddAttributeError(path.Root("leads").AtSetValue(el).AtName("email"), "Duplicate lead email",
			fmt.Sprintf("The address %q appears in leads %s. Leadterra identifies a lead by its address, ignoring case, and keeps one lead per address: keep a single entry for it.", email.ValueString(), same))
	}
}

// ModifyPlan keeps the counters when an update sends no lead (only
// removals, or only batch_size): they describe the last apply that did.
func (r *campaignLeadsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var plan, state campaignLeadsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !plan.CampaignID.Equal(state.CampaignID) || plan.Leads.IsUnknown() {
		return
	}
	planned := leadsOf(ctx, plan.Leads, &resp.Diagnostics)
	d := diffLeads(leadsOf(ctx, state.Leads, &resp.Diagnostics), planned)
	if resp.Diagnostics.HasError() || len(d.upsert) > 0 {
		return
	}
	plan.EnrolledCount, plan.UpdatedCount, plan.SkippedCount = state.EnrolledCount, state.UpdatedCount, state.SkippedCount
	plan.SkippedEmails = emailSetValue(keepConfigured(emailSet(state.SkippedEmails), planned))
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}
