package provider

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// leadModel is one element of the leads set.
type leadModel struct {
	Email        types.String `tfsdk:"email"`
	FirstName    types.String `tfsdk:"first_name"`
	LastName     types.String `tfsdk:"last_name"`
	Company      types.String `tfsdk:"company"`
	JobTitle     types.String `tfsdk:"job_title"`
	CustomFields types.Map    `tfsdk:"custom_fields"`
}

var leadObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"email": types.StringType, "first_name": types.StringType, "last_name": types.StringType,
	"company": types.StringType, "job_title": types.StringType,
	"custom_fields": types.MapType{ElemType: types.StringType},
}}

// leadKey is the identity of a lead: the API upserts by email and matches
// addresses case-insensitively.
func leadKey(email string) string { return strings.ToLower(email) }

func (l leadModel) key() string { return leadKey(l.Email.ValueString()) }

func (l leadModel) equal(o leadModel) bool {
	return l.Email.Equal(o.Email) && l.FirstName.Equal(o.FirstName) && l.LastName.Equal(o.LastName) &&
		l.Company.Equal(o.Company) && l.JobTitle.Equal(o.JobTitle) && l.CustomFields.Equal(o.CustomFields)
}

func stringMap(m types.Map) map[string]string {
	out := map[string]string{}
	for k, v := range m.Elements() {
		if s, ok := v.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			out[k] = s.ValueString()
		}
	}
	return out
}

func mapValue(m map[string]string) types.Map {
	vals := make(map[string]attr.Value, len(m))
	for k, v := range m {
		vals[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, vals)
}

// toAPI is the lead to send. Custom fields the prior version had and this
// one drops are sent empty: an upsert only overwrites what it carries, and
// an empty field renders like a missing one. (Standard fields cannot be
// cleared: the client omits empty ones.)
func (l leadModel) toAPI(prior *leadModel) leadterra.Lead {
	out := leadterra.Lead{
		Email: l.Email.ValueString(), FirstName: l.FirstName.ValueString(), LastName: l.LastName.ValueString(),
		Company: l.Company.ValueString(), JobTitle: l.JobTitle.ValueString(),
	}
	custom := stringMap(l.CustomFields)
	if prior != nil {
		for k := range stringMap(prior.CustomFields) {
			if _, kept := custom[k]; !kept {
				custom[k] = ""
			}
		}
	}
	if len(custom) > 0 {
		out.CustomFields = custom
	}
	return out
}

// leadFromAPI builds an imported lead; empty values are absent ones.
func leadFromAPI(l leadterra.Lead) leadModel {
	opt := func(s string) types.String {
		if s == "" {
			return types.StringNull()
		}
		return types.StringValue(s)
	}
	custom := types.MapNull(types.StringType)
	set := map[string]string{}
	for k, v := range l.CustomFields {
		if v != "" {
			set[k] = v
		}
	}
	if len(set) > 0 {
		custom = mapValue(set)
	}
	return leadModel{
		Email: types.StringValue(l.Email), FirstName: opt(l.FirstName), LastName: opt(l.LastName),
		Company: opt(l.Company), JobTitle: opt(l.JobTitle), CustomFields: custom,
	}
}

// refreshLead updates a managed lead from the listing. Only attributes the
// configuration sets are compared, and an empty API value is read as "not
// reported" (the listing is undocumented): so drift is a different value,
// never a field the listing leaves out. The configured address casing stays,
// since the API matches addresses case-insensitively.
func refreshLead(prior leadModel, api leadterra.Lead) leadModel {
	field := func(p types.String, got string) types.String {
		if p.IsNull() || got == "" {
			return p
		}
		return types.StringValue(got)
	}
	out := prior
	out.FirstName = field(prior.FirstName, api.FirstName)
	out.LastName = field(prior.LastName, api.LastName)
	out.Company = field(prior.Company, api.Company)
	out.JobTitle = field(prior.JobTitle, api.JobTitle)
	if !prior.CustomFields.IsNull() {
		custom := stringMap(prior.CustomFields)
		for k := range custom {
			if v := api.CustomFields[k]; v != "" {
				custom[k] = v
			}
		}
		out.CustomFields = mapValue(custom)
	}
	return out
}

// leadsDiff is what an update sends: new or changed leads, and the
// addresses (as in state) of leads no longer configured.
type leadsDiff struct {
	upsert []leadModel
	remove []string
}

func diffLeads(prior, planned []leadModel) leadsDiff {
	byKey := keyed(prior)
	var d leadsDiff
	for _, p := range planned {
		if old, ok := byKey[p.key()]; !ok || !old.equal(p) {
			d.upsert = append(d.upsert, p)
		}
	}
	inPlan := keyed(planned)
	for _, p := range prior {
		if _, ok := inPlan[p.key()]; !ok {
			d.remove = append(d.remove, p.Email.ValueString())
		}
	}
	sortLeads(d.upsert)
	slices.Sort(d.remove)
	return d
}

func keyed(leads []leadModel) map[string]leadModel {
	m := make(map[string]leadModel, len(leads))
	for _, l := range leads {
		m[l.key()] = l
	}
	return m
}

// sortLeads orders by address so batches are the same on every run.
func sortLeads(leads []leadModel) {
	slices.SortFunc(leads, func(a, b leadModel) int { return strings.Compare(a.key(), b.key()) })
}

func leadsOf(ctx context.Context, set linearSetValue, diags *diag.Diagnostics) []leadModel {
	var out []leadModel
	if set.IsNull() || set.IsUnknown() {
		return out
	}
	diags.Append(set.ElementsAs(ctx, &out, false)...)
	return out
}

func leadsSet(ctx context.Context, leads []leadModel, diags *diag.Diagnostics) linearSetValue {
	if leads == nil {
		leads = []leadModel{}
	}
	v, d := types.SetValueFrom(ctx, leadObjectType, leads)
	diags.Append(d...)
	return linearSetValue{v}
}

// emailSet turns a skipped_emails value into a key → address map.
func emailSet(v types.Set) map[string]string {
	out := map[string]string{}
	for _, e := range v.Elements() {
		if s, ok := e.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			out[leadKey(s.ValueString())] = s.ValueString()
		}
	}
	return out
}

func emailSetValue(m map[string]string) types.Set {
	vals := make([]attr.Value, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		vals = append(vals, types.StringValue(m[k]))
	}
	return types.SetValueMust(types.StringType, vals)
}

// keepConfigured returns the skipped addresses that are still configured.
func keepConfigured(skipped map[string]string, planned []leadModel) map[string]string {
	inPlan := keyed(planned)
	out := map[string]string{}
	for k, e := range skipped {
		if _, ok := inPlan[k]; ok {
			out[k] = e
		}
	}
	return out
}
