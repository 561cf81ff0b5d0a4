package provider

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
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

// createError reports a failed create. An answer without an id gets its
// own advice: the object may exist, untracked, and applying again could
// make a second one. kind is "campaign" or "webhook", what names the object
// for a human, example is an id of its form.
func createError(diags *diag.Diagnostics, kind, what, example string, err error) {
	if !leadterra.IsCreateWithoutID(err) {
		diagnostics.Add(diags, diagnostics.Op{Action: "create", Object: what}, err)
		return
	}
	request, cause := "POST /v1/"+kind+"s", leadterra.ErrCreateWithoutID
	var de *leadterra.DecodeError
	if errors.As(err, &de) {
		cause = de.Err
		if de.RequestID != "" {
			request += " (request id " + de.RequestID + ")"
		}
	}
	diags.AddError(fmt.Sprintf("Leadterra answered the create without a %s id", kind),
		fmt.Sprintf("Could not create %s: %s succeeded, but %s. Terraform cannot track an object without its id, so it saved nothing to state.\n\n"+
			"The %s may exist: find it in the Leadterra dashboard and import it (where this API can read %ss back):\n\n"+
			"    terraform import '<address of this resource, shown above>' %s\n\n"+
			"or delete it there. Applying again before that may create a second %s.",
			what, request, cause, kind, kind, example, kind))
}
