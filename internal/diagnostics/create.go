package diagnostics

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// CreateFailed reports a create that failed with an answer. An answer
// without an id gets its own advice: the object may exist, untracked, and
// applying again could make a second one. kind is "campaign" or "webhook",
// what names the object for a human, example is an id of its form.
func CreateFailed(kind, what, example string, err error) diag.Diagnostic {
	if !leadterra.IsCreateWithoutID(err) {
		return FromError(Op{Action: "create", Object: what}, err)
	}
	request, cause := "POST /v1/"+kind+"s", leadterra.ErrCreateWithoutID
	var de *leadterra.DecodeError
	if errors.As(err, &de) {
		cause = de.Err
		if de.RequestID != "" {
			request += " (request id " + de.RequestID + ")"
		}
	}
	return diag.NewErrorDiagnostic(fmt.Sprintf("Leadterra answered the create without a %s id", kind),
		fmt.Sprintf("Could not create %s: %s succeeded, but %s. Terraform cannot track an object without its id, so it saved nothing to state.\n\n"+
			"The %s may exist: find it in the Leadterra dashboard and import it (where this API can read %ss back):\n\n"+
			"    terraform import '<address of this resource, shown above>' %s\n\n"+
			"or delete it there. Applying again before that may create a second %s.",
			what, request, cause, kind, kind, example, kind))
}
