package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

const campaignDataAddr = "data.leadterra_campaign.c"

func campaignDataHCL(id string) string {
	return fmt.Sprintf("data \"leadterra_campaign\" \"c\" {\n  id = %q\n}\n", id)
}

// TestAccCampaignData_variants reads a running campaign in every response
// style: bare, {"campaign"}, {"data"}, "active" for running, millisecond
// timestamps, delayDays present or left out when 0.
func TestAccCampaignData_variants(t *testing.T) {
	for _, style := range []sandbox.Style{sandbox.StyleReference, sandbox.StyleGuide, sandbox.StyleConcept, sandbox.StyleData, sandbox.StyleRotate} {
		t.Run(string(style), func(t *testing.T) {
			env := newTestEnv(t, withStyle(style))
			env.requireSandbox(t)
			name := testResourcePrefix + "data-" + randomKey("")
			id := seedSentCampaign(t, env, name)
			step := resource.TestStep{
				Config: env.config(campaignDataHCL(id)),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(campaignDataAddr, "name", name),
					resource.TestCheckResourceAttr(campaignDataAddr, "status", "running"),
					resource.TestMatchResourceAttr(campaignDataAddr, "created_at", stateTimeRe),
					resource.TestMatchResourceAttr(campaignDataAddr, "started_at", stateTimeRe),
					resource.TestCheckNoResourceAttr(campaignDataAddr, "paused_at"),
					resource.TestCheckResourceAttr(campaignDataAddr, "sequence_steps.#", "2"),
					resource.TestCheckResourceAttr(campaignDataAddr, "sequence_steps.0.subject", "Quick question, {{firstName}}"),
					resource.TestCheckResourceAttr(campaignDataAddr, "sequence_steps.0.body_html", "<p>Hi {{firstName}}</p>"),
					resource.TestCheckResourceAttr(campaignDataAddr, "sequence_steps.0.delay_days", "0"),
					resource.TestCheckResourceAttr(campaignDataAddr, "sequence_steps.1.delay_days", "3"),
				),
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{step, step},
			})
		})
	}
}

// TestAccCampaignData_documentedOnly: without GET /v1/campaigns/:id the
// read fails naming that route and pointing to leadterra_campaign_stats;
// an unknown id is still told apart through the stats endpoint.
func TestAccCampaignData_documentedOnly(t *testing.T) {
	env := newTestEnv(t, withDocumentedOnly())
	env.requireSandbox(t)
	id := seedSentCampaign(t, env, testResourcePrefix+"data-doc-"+randomKey(""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.config(campaignDataHCL(id)),
				ExpectError: errorRe("Leadterra API offers no campaign read", `Campaign "`+id+`" exists`, "offers no GET /v1/campaigns/:id", "Use data.leadterra_campaign_stats", "works on every Leadterra API"),
			},
			{
				Config:      env.config(campaignDataHCL("camp_doesnotexist")),
				ExpectError: errorRe("No such campaign", `Campaign "camp_doesnotexist" does not exist`),
			},
		},
	})
}

func TestAccCampaignData_errors(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			id := seedSentCampaign(t, env, testResourcePrefix+"data-err-"+randomKey(""))
			object := `Could not read campaign "` + id + `"`
			ok := resource.TestStep{Config: env.configWithKey(env.ReadOnlyKey, campaignDataHCL(id)), Check: resource.TestCheckResourceAttr(campaignDataAddr, "status", "running")}
			if mode.documented {
				ok = resource.TestStep{Config: env.configWithKey(env.ReadOnlyKey, campaignDataHCL(id)), ExpectError: errorRe("Leadterra API offers no campaign read")}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: env.config(campaignDataHCL("camp_doesnotexist")), ExpectError: errorRe("No such campaign", "campaign_not_found")},
					{Config: env.configWithKey("sk_test_revoked", campaignDataHCL(id)), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", object, "LEADTERRA_API_KEY")},
					{Config: env.configWithKey(env.NoAccessKey, campaignDataHCL(id)), ExpectError: errorRe("Leadterra API key lacks permission (HTTP 403)", object)},
					ok, // a read-only key may read
				},
			})
		})
	}
}
