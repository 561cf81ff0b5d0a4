package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

const gmailAddr = "data.leadterra_sdr_gmail_status.me"

const gmailConfig = "data \"leadterra_sdr_gmail_status\" \"me\" {}\n"

// TestAccSDRGmailStatus: a healthy connection (no lastSyncError sent), then
// one that needs re-authorisation with the error the API reports.
func TestAccSDRGmailStatus(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			style := sandbox.StyleGuide
			if mode.documented {
				style = sandbox.StyleConcept
			}
			env := mode.env(t, withStyle(style))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: env.config(gmailConfig),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(gmailAddr, tfjsonpath.New("connected"), knownvalue.Bool(true)),
							statecheck.ExpectKnownValue(gmailAddr, tfjsonpath.New("email"), knownvalue.StringExact("jordan.sdr@gmail.com")),
							statecheck.ExpectKnownValue(gmailAddr, tfjsonpath.New("health_state"), knownvalue.StringExact("active")),
							// The API sends milliseconds; state holds RFC 3339 seconds.
							statecheck.ExpectKnownValue(gmailAddr, tfjsonpath.New("last_synced_at"), knownvalue.StringRegexp(stateTimeRe)),
							statecheck.ExpectKnownValue(gmailAddr, tfjsonpath.New("last_sync_error"), knownvalue.Null()),
						},
					},
					{
						PreConfig: func() { env.Sandbox.SetGmailHealth("needs_reauth", "invalid_grant: token revoked by user") },
						Config:    env.config(gmailConfig),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(gmailAddr, tfjsonpath.New("health_state"), knownvalue.StringExact("needs_reauth")),
							statecheck.ExpectKnownValue(gmailAddr, tfjsonpath.New("last_sync_error"), knownvalue.StringExact("invalid_grant: token revoked by user")),
						},
					},
				},
			})
		})
	}
}

// TestAccSDRGmailStatus_noSDRAndAuthErrors: without an SDR the API reports
// a disconnected mailbox with empty fields, which become null.
func TestAccSDRGmailStatus_noSDRAndAuthErrors(t *testing.T) {
	env := newTestEnv(t, func(o *sandbox.Options) { o.Seed = false })
	env.requireSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(gmailConfig),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(gmailAddr, tfjsonpath.New("connected"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(gmailAddr, tfjsonpath.New("health_state"), knownvalue.StringExact("disconnected")),
					statecheck.ExpectKnownValue(gmailAddr, tfjsonpath.New("email"), knownvalue.Null()),
					statecheck.ExpectKnownValue(gmailAddr, tfjsonpath.New("last_synced_at"), knownvalue.Null()),
				},
			},
			{Config: env.configWithKey("sk_test_revoked", gmailConfig), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not read the SDR Gmail status", "LEADTERRA_API_KEY")},
			{Config: env.configWithKey(env.NoAccessKey, gmailConfig), ExpectError: errorRe("lacks permission (HTTP 403)", "Could not read the SDR Gmail status")},
		},
	})
}
