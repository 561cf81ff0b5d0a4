package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// providerData is what Configure hands to resources and data sources.
type providerData struct {
	client *leadterra.Client
	// unknown: the provider block depends on values known only after apply.
	unknown bool
	// kept, keptSuppressed: what a replacing Delete left in place for the
	// Create after it (campaign_leads_replace.go).
	kept           handOver[leadModel]
	keptSuppressed handOver[string]
	// steps: the campaigns' subjects and bodies (campaign_steps_cache.go).
	steps stepsCache
}

// configuredData extracts providerData in a resource's or data source's
// Configure. A nil result with no error means "not configured yet"
// (validation runs before the provider is configured).
func configuredData(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data
}

// clientFor returns the client, or adds a diagnostic and returns nil when
// the provider could not be configured yet.
func (d *providerData) clientFor(what string, diags *diag.Diagnostics) *leadterra.Client {
	if d == nil || d.client == nil {
		diags.Append(diagnostics.UnconfiguredProvider(what))
		return nil
	}
	return d.client
}
