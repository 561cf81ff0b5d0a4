package provider

import (
	"context"
	"fmt"
	"maps"
	"math/big"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The leads resource reads and writes its values as the protocol hands them
// over (tftypes.Value) instead of through the framework's model: with 20,000
// leads the framework's types.Map holds 140,000 values and Get/Set walk them
// one path at a time, while the raw value decodes once into plain Go maps.
// The other attributes are scalars and cost nothing either way.

// leadsAttrs is a leadterra_campaign_leads object by attribute name.
type leadsAttrs map[string]tftypes.Value

// attrsOf decodes the top level of an object into a copy the caller may
// change (As hands out the value's own map); its values stay raw. The
// leads are the real ones, not their stand-in (campaign_leads_standin.go).
func attrsOf(ctx context.Context, v tftypes.Value, diags *diag.Diagnostics) leadsAttrs {
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		diags.AddError("Unexpected leadterra_campaign_leads value", fmt.Sprintf("Decoding the object failed: %s. This is a bug in the provider; please report it.", err))
		return attrs
	}
	attrs = maps.Clone(attrs)
	if stash := stashFrom(ctx); stash != nil && attrs != nil {
		leads, _, found := stash.reveal(attrs["leads"])
		if !found {
			diags.AddError("Unexpected leadterra_campaign_leads value", "A leads stand-in has no leads behind it. This is a bug in the provider; please report it.")
		}
		attrs["leads"] = leads
	}
	return attrs
}

// countAttrs are the counters of the last apply that sent leads.
var countAttrs = []string{"enrolled_count", "updated_count", "skipped_count"}

// object builds the value of type typ from a, which must hold every
// attribute. The framework gets the leads' stand-in, when there is a stash.
func (a leadsAttrs) object(ctx context.Context, typ tftypes.Type) tftypes.Value {
	if stash := stashFrom(ctx); stash != nil {
		if hidden, ok := stash.hide(a["leads"]); ok {
			a = maps.Clone(a)
			a["leads"] = hidden
		}
	}
	return tftypes.NewValue(typ, map[string]tftypes.Value(a))
}

// campaignID is the campaign_id attribute, "" when null or unknown.
func (a leadsAttrs) campaignID() string {
	var s string
	if v := a["campaign_id"]; v.IsKnown() && !v.IsNull() {
		_ = v.As(&s)
	}
	return s
}

// int is a number attribute, 0 when null or unknown.
func (a leadsAttrs) int(name string) int64 {
	v := a[name]
	if !v.IsKnown() || v.IsNull() {
		return 0
	}
	var f big.Float
	if v.As(&f) != nil {
		return 0
	}
	n, _ := f.Int64()
	return n
}

func (a leadsAttrs) setCounts(enrolled, updated, skipped int64) {
	a["enrolled_count"], a["updated_count"], a["skipped_count"] = numberValue(enrolled), numberValue(updated), numberValue(skipped)
}

func numberValue(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }

func stringValue(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

var (
	leadFieldsTF = tftypes.Map{ElementType: tftypes.String}
	leadsTF      = tftypes.Map{ElementType: leadFieldsTF}
	emailSetTF   = tftypes.Set{ElementType: tftypes.String}
)

// decodeLeads is leadsOf reporting a failure (a bug) as a diagnostic.
func decodeLeads(v tftypes.Value, diags *diag.Diagnostics) []leadModel {
	leads, err := leadsOf(v)
	if err != nil {
		diags.AddError("Unexpected leads value", fmt.Sprintf("%s. This is a bug in the provider; please report it.", err))
	}
	return leads
}

// leadsOf decodes the leads map. A lead or field unknown until apply marks
// the lead unknown; null fields are absent ones.
func leadsOf(v tftypes.Value) ([]leadModel, error) {
	if !v.IsKnown() || v.IsNull() {
		return nil, nil
	}
	var elems map[string]tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil, fmt.Errorf("decoding leads: %w", err)
	}
	out := make([]leadModel, 0, len(elems))
	for email, el := range elems {
		l := leadModel{Email: types.StringValue(email), unknown: !el.IsKnown()}
		if !l.unknown && !el.IsNull() {
			var fields map[string]tftypes.Value
			if err := el.As(&fields); err != nil {
				return nil, fmt.Errorf("decoding lead %q: %w", email, err)
			}
			l.Fields = make(map[string]string, len(fields))
			for k, f := range fields {
				switch {
				case !f.IsKnown():
					l.unknown = true
				case !f.IsNull():
					var s string
					if err := f.As(&s); err != nil {
						return nil, fmt.Errorf("decoding field %q of lead %q: %w", k, email, err)
					}
					l.Fields[k] = s
				}
			}
		}
		if l.Fields == nil {
			l.Fields = map[string]string{}
		}
		out = append(out, l)
	}
	return out, nil
}

// leadsValue builds the leads map, keyed by each lead's address.
func leadsValue(leads []leadModel) tftypes.Value {
	elems := make(map[string]tftypes.Value, len(leads))
	for _, l := range leads {
		fields := make(map[string]tftypes.Value, len(l.Fields))
		for k, v := range l.Fields {
			fields[k] = stringValue(v)
		}
		elems[l.Email.ValueString()] = tftypes.NewValue(leadFieldsTF, fields)
	}
	return tftypes.NewValue(leadsTF, elems)
}

// emailSet turns a set of addresses into a key → address map.
func emailSet(v tftypes.Value) map[string]string {
	out := map[string]string{}
	var elems []tftypes.Value
	if !v.IsKnown() || v.IsNull() || v.As(&elems) != nil {
		return out
	}
	for _, e := range elems {
		var s string
		if e.IsKnown() && !e.IsNull() && e.As(&s) == nil {
			out[emailKey(s)] = s
		}
	}
	return out
}

// emailSetValue is the set of the addresses of a key → address map.
func emailSetValue(m map[string]string) tftypes.Value {
	vals := make([]tftypes.Value, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		vals = append(vals, stringValue(m[k]))
	}
	return tftypes.NewValue(emailSetTF, vals)
}
