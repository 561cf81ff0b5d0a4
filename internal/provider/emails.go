package provider

import (
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// emailKey is the identity of a lead or a suppressed address: Leadterra
// matches addresses ignoring case.
func emailKey(email string) string { return leadterra.EmailKey(email) }

// sameEmail reports whether a and b are one address to Leadterra.
func sameEmail(a, b string) bool { return emailKey(a) == emailKey(b) }

// emailSet turns a set of addresses into a key → address map.
func emailSet(v types.Set) map[string]string {
	out := map[string]string{}
	for _, e := range v.Elements() {
		if s, ok := e.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			out[emailKey(s.ValueString())] = s.ValueString()
		}
	}
	return out
}

// emailSetValue is the set of the addresses of a key → address map.
func emailSetValue(m map[string]string) types.Set {
	vals := make([]attr.Value, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		vals = append(vals, types.StringValue(m[k]))
	}
	return types.SetValueMust(types.StringType, vals)
}
