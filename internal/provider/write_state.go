package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// State after a write. Terraform requires the state a create or update
// returns to keep every value the plan knew, so configured attributes are
// saved as planned whatever the answer echoed (it may leave out steps or
// delays, trim text, change the case of a URL): drift is Read's business.
// Only computed values the plan left unknown come from the answer.

// knownOr keeps a value the plan knows; an unknown one becomes got, or
// fallback when the answer lacked it ("" means null), never unknown.
func knownOr(planned types.String, got, fallback string) types.String {
	switch {
	case !planned.IsUnknown():
		return planned
	case got != "":
		return types.StringValue(got)
	}
	return nullIfEmpty(fallback)
}
