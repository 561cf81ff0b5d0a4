package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

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
						Check: resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(gmailAddr, "connected", "true"),
							resource.TestCheckResourceAttr(gmailAddr, "email", "jordan.sdr@gmail.com"),
							resource.TestCheckResourceAttr(gmailAddr, "health_state", "active"),
							// The API sends milliseconds; state holds RFC 3339 seconds.
							resource.TestMatchResourceAttr(gmailAddr, "last_synced_at", regexpMust(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
							resource.TestCheckNoResourceAttr(gmailAddr, "last_sync_error"),
						),
					},
					{
						PreConfig: func() { env.Sandbox.SetGmailHealth("needs_reauth", "invalid_grant: token revoked by user") },
						Config:    env.config(gmailConfig),
						Check: resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(gmailAddr, "health_state", "needs_reauth"),
							resource.TestCheckResourceAttr(gmailAddr, "last_sync_error", "invalid_grant: token revoked by user"),
						),
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
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(gmailAddr, "connected", "false"),
					resource.TestCheckResourceAttr(gmailAddr, "health_state", "disconnected"),
					resource.TestCheckNoResourceAttr(gmailAddr, "email"),
					resource.TestCheckNoResourceAttr(gmailAddr, "last_synced_at"),
				),
			},
			{Config: env.configWithKey("sk_test_revoked", gmailConfig), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not read the SDR Gmail status", "LEADTERRA_API_KEY")},
			{Config: env.configWithKey(env.NoAccessKey, gmailConfig), ExpectError: errorRe("lacks permission (HTTP 403)", "Could not read the SDR Gmail status")},
		},
	})
}
