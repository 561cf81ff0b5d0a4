package provider

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// leadModel is one lead: its key in the leads map (the address, as
// configured) and its fields, exactly as configured, so that the state
// matches the configuration: the standard fields, custom fields, an optional
// "email" echoing the key, and empty values, which mean "not set".
type leadModel struct {
	Email  types.String
	Fields map[string]string
	// unknown: a field is not known until apply, so the lead counts as
	// changed.
	unknown bool
}

func (l leadModel) key() string { return emailKey(l.Email.ValueString()) }

// equal reports whether sending l would change nothing that o sent: the
// "email" echo and empty fields are not sent, so adding a blank CSV column
// or an email column sends no lead again. (The state still follows the
// configuration exactly.)
func (l leadModel) equal(o leadModel) bool {
	return !l.unknown && !o.unknown && l.Email.Equal(o.Email) && maps.Equal(l.sent(), o.sent())
}

// sent returns the fields that reach the API: those with a value.
func (l leadModel) sent() map[string]string {
	out := make(map[string]string, len(l.Fields))
	for k, v := range l.Fields {
		if k != "email" && v != "" {
			out[k] = v
		}
	}
	return out
}

// custom returns the custom fields that have a value.
func (l leadModel) custom() map[string]string {
	out := map[string]string{}
	for k, v := range l.Fields {
		if k != "email" && !isStandardLeadField(k) && v != "" {
			out[k] = v
		}
	}
	return out
}

// toAPI is the lead to send. Custom fields the prior version had and this
// one drops are sent empty: an upsert only overwrites what it carries, and
// an empty field renders like a missing one. (Standard fields cannot be
// cleared: the client omits empty ones.)
func (l leadModel) toAPI(prior *leadModel) leadterra.Lead {
	out := leadterra.Lead{Email: l.Email.ValueString()}
	for _, name := range standardLeadFields {
		out.SetField(apiFieldName(name), l.Fields[name])
	}
	custom := l.custom()
	if prior != nil {
		for k := range prior.custom() {
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

// apiField is the value the API holds for a field of leads.
func apiField(l leadterra.Lead, name string) string { return l.Field(apiFieldName(name)) }

// leadFromAPI builds an imported lead; empty values are absent ones.
func leadFromAPI(l leadterra.Lead) leadModel {
	fields := map[string]string{}
	for _, name := range standardLeadFields {
		if v := apiField(l, name); v != "" {
			fields[name] = v
		}
	}
	for k, v := range l.CustomFields {
		if v != "" && k != "email" && !isStandardLeadField(k) {
			fields[k] = v
		}
	}
	return leadModel{Email: types.StringValue(l.Email), Fields: fields}
}

// refreshLead updates a managed lead from the listing. Only fields the
// configuration sets are compared, and an empty API value is read as "not
// reported" (the listing is undocumented): so drift is a different value,
// never a field the listing leaves out. The configured address casing stays,
// since the API matches addresses case-insensitively.
func refreshLead(prior leadModel, api leadterra.Lead) leadModel {
	out := prior
	out.Fields = maps.Clone(prior.Fields)
	for k, v := range prior.Fields {
		if k == "email" || v == "" {
			continue
		}
		if got := apiField(api, k); got != "" {
			out.Fields[k] = got
		}
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

// leadsOf reads the leads map directly rather than through reflection:
// with 10,000 leads this runs on every plan.
func leadsOf(m types.Map, diags *diag.Diagnostics) []leadModel {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	out := make([]leadModel, 0, len(m.Elements()))
	for email, el := range m.Elements() {
		fields, ok := el.(types.Map)
		if !ok {
			diags.AddError("Unexpected lead value", fmt.Sprintf("The lead %q is a %T, not a map. This is a bug in the provider; please report it.", email, el))
			return nil
		}
		l := leadModel{Email: types.StringValue(email), Fields: map[string]string{}, unknown: fields.IsUnknown()}
		for k, v := range fields.Elements() {
			s, ok := v.(types.String)
			switch {
			case !ok || s.IsUnknown():
				l.unknown = true
			case !s.IsNull():
				l.Fields[k] = s.ValueString()
			}
		}
		out = append(out, l)
	}
	return out
}

// leadsMap builds the leads map, keyed by each lead's address.
func leadsMap(leads []leadModel, diags *diag.Diagnostics) types.Map {
	elems := make(map[string]attr.Value, len(leads))
	for _, l := range leads {
		fields := make(map[string]attr.Value, len(l.Fields))
		for k, v := range l.Fields {
			fields[k] = types.StringValue(v)
		}
		m, d := types.MapValue(types.StringType, fields)
		diags.Append(d...)
		elems[l.Email.ValueString()] = m
	}
	v, d := types.MapValue(leadFieldsType, elems)
	diags.Append(d...)
	return v
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
