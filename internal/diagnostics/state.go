package diagnostics

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// RemovedFromState is the warning Read adds before dropping an object that
// the API proved gone.
func RemovedFromState(object, proof string) diag.Diagnostic {
	return diag.NewWarningDiagnostic(
		fmt.Sprintf("%s no longer exists; removed from state", object),
		fmt.Sprintf("%s was deleted outside Terraform (%s). Terraform removed it from state and will plan to create it again.", object, proof),
	)
}

// UnconfiguredProvider is the error for a data source or write that runs
// while the provider configuration is still unknown.
func UnconfiguredProvider(what string) diag.Diagnostic {
	return diag.NewErrorDiagnostic(
		"Leadterra provider configuration is not known yet",
		fmt.Sprintf("Cannot %s: api_key or base_url depends on a value known only after apply. Apply the resources the provider block depends on first (for example with -target), then run again.", what),
	)
}

// NoSuchObject is the error for an id that names nothing in the workspace:
// kind is "campaign" or "webhook", proof what the API answered. With a
// non-empty at it is reported on that attribute.
func NoSuchObject(at path.Path, kind, id, proof string) diag.Diagnostic {
	summary := "No such " + kind
	detail := fmt.Sprintf("%s %q does not exist in this workspace (%s). Check the id in the Leadterra dashboard, or use the id of the leadterra_%s resource that manages it.",
		capitalize(kind), id, proof, kind)
	if len(at.Steps()) > 0 {
		return diag.NewAttributeErrorDiagnostic(at, summary, detail)
	}
	return diag.NewErrorDiagnostic(summary, detail)
}

// CampaignNotFoundProof is the proof NoSuchObject and RemovedFromState give
// for a campaign: the documented stats endpoint's answer.
const CampaignNotFoundProof = "its stats endpoint answers campaign_not_found"

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
