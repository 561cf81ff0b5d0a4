package diagnostics

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
