package diagnostics

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// CampaignNotFoundOnAction is the error for a start or pause of a campaign
// the workspace does not hold. The proof is the 404 of the call itself.
const CampaignNotFoundOnAction = "the API answered campaign_not_found"

// AlreadyAssigned is the warning for an assign answered 409: the reply was
// forwarded before, so its hand-off exists and nothing was sent now. A
// warning, not an error: what the action asks for already holds, and an
// action triggered on every apply must not fail every apply after the first.
func AlreadyAssigned(replyID string, err error) diag.Diagnostic {
	detail := fmt.Sprintf("Reply %q was already forwarded to an SDR (HTTP 409), so Leadterra forwarded nothing and opened no new thread. "+
		"Its thread is in the SDR's inbox (data source leadterra_sdr_inbox). To forward it again, set force_forward = true.", replyID)
	if e, ok := asAPIError(err); ok {
		detail += reference(e)
	}
	return diag.NewWarningDiagnostic("Reply already assigned", detail)
}

// ICPFailed turns the 400 of an assign whose contact fails the ICP check
// (seniority, employee count) into what to change; other errors give false.
func ICPFailed(replyID string, err error) (diag.Diagnostic, bool) {
	if !leadterra.IsICPFailed(err) {
		return nil, false
	}
	detail := fmt.Sprintf("Leadterra refused to assign reply %q: the contact fails the workspace's ideal-customer-profile check (seniority, employee count). "+
		"Correct seniority and employee_count if they are wrong, or set skip_icp_check = true to hand the reply over anyway.", replyID)
	if e, ok := asAPIError(err); ok {
		detail += reference(e)
	}
	return diag.NewAttributeErrorDiagnostic(path.Root("seniority"), "Contact fails the ICP check", detail), true
}
