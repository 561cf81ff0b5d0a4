package diagnostics

import (
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// Created names an object whose create got no usable answer, for the
// diagnostics below.
type Created struct {
	Kind     string    // "campaign", "webhook"
	Resource string    // "leadterra_campaign"
	Label    string    // `named "Q3 outreach"`, `for "https://…"`
	IDPrefix string    // "camp_", "wh_"
	ReadPath string    // the completion import needs: "GET /v1/campaigns/:id"
	Since    time.Time // when the create was sent
	Until    time.Time // when Terraform gave up on it
}

func (c Created) window() string {
	const f = "2006-01-02 15:04:05"
	return fmt.Sprintf("between %s and %s UTC", c.Since.UTC().Format(f), c.Until.UTC().Add(time.Second).Format(f))
}

func (c Created) importHint() string {
	return fmt.Sprintf("If it is there, import it instead of creating another:\n\n  terraform import <address> %s…\n\n"+
		"where <address> is this resource's address in your configuration (for example %s.main) and %s… its id; "+
		"import needs %s, which the documented API lacks: where the API does not offer it, delete the %s in the dashboard instead. "+
		"If it is not there, apply again.", c.IDPrefix, c.Resource, c.IDPrefix, c.ReadPath, c.Kind)
}

// MayHaveBeenCreated is the error for a create whose answer was lost (a
// 5xx, a timeout, a reset or a cut-short answer after sending) where
// Terraform could not look the object up: the API may have created it, and
// creating again could make a second one. reason says why the lookup was not
// possible; cause is the create's failure.
func MayHaveBeenCreated(c Created, reason string, cause error) diag.Diagnostic {
	return diag.NewErrorDiagnostic(
		fmt.Sprintf("The %s may have been created", c.Kind),
		fmt.Sprintf("Creating the %s %s got no usable answer: %v.\n\n"+
			"The Leadterra API may have created it anyway. %s, so Terraform did not create it again: that could make a second %s (the documented API has no idempotency keys).\n\n"+
			"Look in the Leadterra dashboard for a %s %s created %s. %s",
			c.Kind, c.Label, cause, capitalize(reason), c.Kind, c.Kind, c.Label, c.window(), c.importHint()))
}

// SeveralCandidates is the error for a lost create answer when the lookup
// found more than one object that could be it.
func SeveralCandidates(c Created, ids []string, cause error) diag.Diagnostic {
	return diag.NewErrorDiagnostic(
		fmt.Sprintf("The %s may have been created: %d candidates", c.Kind, len(ids)),
		fmt.Sprintf("Creating the %s %s got no usable answer: %v.\n\n"+
			"Terraform looked for it and found %d %ss %s created %s that no resource of this run manages: %s. "+
			"It cannot tell which one this apply made, so it adopted none and created none.\n\n"+
			"Check them in the Leadterra dashboard. %s",
			c.Kind, c.Label, cause, len(ids), c.Kind, c.Label, c.window(), strings.Join(ids, ", "), c.importHint()))
}

// Adopted is the warning for a lost create answer when the lookup found
// exactly one object that matches: Terraform manages it instead of creating
// a second one.
func Adopted(c Created, id string, cause error) diag.Diagnostic {
	return diag.NewWarningDiagnostic(
		fmt.Sprintf("Adopted %s %s after a lost answer", c.Kind, id),
		fmt.Sprintf("Creating the %s %s got no usable answer: %v.\n\n"+
			"The API had created it: exactly one %s %s, created %s and not managed by another resource of this run, was found (%s). "+
			"Terraform manages it instead of creating a second one. If it is not the one this apply made, run terraform state rm on this resource and delete %s in the dashboard.",
			c.Kind, c.Label, cause, c.Kind, c.Label, c.window(), id, id))
}

// describeOutcomeUnknown is describe for any write whose answer was lost:
// never "try again later", which could make the write twice.
func describeOutcomeUnknown(op Op, err error) (string, string) {
	return "Leadterra request may have been carried out", fmt.Sprintf(
		"Could not %s: %v.\n\nThe Leadterra API may have acted before its answer was lost. Check the Leadterra dashboard before applying again, so that nothing is created twice.",
		op.what(), err)
}
