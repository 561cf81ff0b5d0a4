package diagnostics

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// StartRefused turns the documented 400s of a campaign start
// (no_leads_enrolled, no_sequence_steps) into what to add and how to order
// it, reported on the attribute at. Other errors give false: FromError
// reports them.
func StartRefused(at path.Path, id string, err error) (diag.Diagnostic, bool) {
	var summary, lacks, fix string
	switch {
	case leadterra.HasCode(err, "no_leads_enrolled"):
		summary, lacks = "Campaign has no enrolled leads", "no_leads_enrolled): a campaign needs at least one enrolled lead before it can start."
		fix = "Enroll leads with a leadterra_campaign_leads resource, and make the launch depend on it so that Terraform enrolls them before starting the campaign:"
	case leadterra.HasCode(err, "no_sequence_steps"):
		summary, lacks = "Campaign has no sequence steps", "no_sequence_steps): a campaign needs at least one email in its sequence before it can start."
		fix = "Add at least one step (subject and body_html) to sequence_steps of the leadterra_campaign resource. Reference that campaign's id from the launch, and keep the launch after the leads too, so that Terraform orders both before starting the campaign:"
	default:
		return nil, false
	}
	detail := fmt.Sprintf("Leadterra refused to start campaign %q (400 %s\n\n%s\n\n"+
		"    resource \"leadterra_campaign_launch\" \"<name>\" {\n"+
		"      campaign_id = leadterra_campaign.<name>.id\n"+
		"      depends_on  = [leadterra_campaign_leads.<name>]\n"+
		"    }\n\n"+
		"To create the launch without sending for now, set paused = true.", id, lacks, fix)
	if e, ok := asAPIError(err); ok {
		detail += reference(e)
	}
	return diag.NewAttributeErrorDiagnostic(at, summary, detail), true
}
