package provider

import (
	"maps"
	"slices"
	"strings"

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
	return !l.unknown && !o.unknown && l.Email.Equal(o.Email) && sentSubset(l, o) && sentSubset(o, l)
}

// sentSubset reports whether every field a sends, b sends the same; it runs
// for every lead of every plan, so it allocates nothing.
func sentSubset(a, b leadModel) bool {
	for k, v := range a.Fields {
		if k != "email" && v != "" && b.Fields[k] != v {
			return false
		}
	}
	return true
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
// The fields are copied only when one differs: a refresh mostly finds none.
func refreshLead(prior leadModel, api leadterra.Lead) leadModel {
	out, copied := prior, false
	for k, v := range prior.Fields {
		if k == "email" || v == "" {
			continue
		}
		if got := apiField(api, k); got != "" && got != v {
			if !copied {
				out.Fields, copied = maps.Clone(prior.Fields), true
			}
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
