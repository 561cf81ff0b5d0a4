package provider

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

const campaignsHCL = `
data "leadterra_campaigns" "all" {}

data "leadterra_campaigns" "drafts" {
  name = %q
}

data "leadterra_campaigns" "none" {
  name = "no campaign has this name"
}
`

// seedDraftCampaigns creates n draft campaigns named name.
func seedDraftCampaigns(t *testing.T, env *testEnv, name string, n int) {
	t.Helper()
	c := sandboxClient(t, env)
	for range n {
		if _, err := c.CreateCampaign(context.Background(), leadterra.CampaignInput{Name: name}, ""); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAccCampaigns_variants lists campaigns in every response style: bare,
// {"campaigns"} with pagination (60 more campaigns than one page holds),
// {"data"}, "active" for running; filters by exact name.
func TestAccCampaigns_variants(t *testing.T) {
	for _, style := range []sandbox.Style{sandbox.StyleReference, sandbox.StyleGuide, sandbox.StyleConcept, sandbox.StyleData, sandbox.StyleRotate} {
		t.Run(string(style), func(t *testing.T) {
			env := newTestEnv(t, withStyle(style))
			env.requireSandbox(t)
			prefix := testResourcePrefix + "list-" + randomKey("")
			running := seedSentCampaign(t, env, prefix+"-running")
			drafts := 2
			if style == sandbox.StyleGuide {
				drafts = 60 // more than the sandbox's 50 per page
			}
			seedDraftCampaigns(t, env, prefix+"-draft", drafts)
			total := strconv.Itoa(len(env.Sandbox.Campaigns()))
			step := resource.TestStep{
				Config: env.config(fmt.Sprintf(campaignsHCL, prefix+"-draft")),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.leadterra_campaigns.all", "campaigns.#", total),
					resource.TestCheckTypeSetElemNestedAttrs("data.leadterra_campaigns.all", "campaigns.*", map[string]string{
						"id": running, "name": prefix + "-running", "status": "running",
					}),
					resource.TestCheckResourceAttr("data.leadterra_campaigns.drafts", "campaigns.#", strconv.Itoa(drafts)),
					resource.TestCheckResourceAttr("data.leadterra_campaigns.drafts", "campaigns.0.status", "draft"),
					resource.TestMatchResourceAttr("data.leadterra_campaigns.drafts", "campaigns.0.created_at", stateTimeRe),
					resource.TestCheckResourceAttr("data.leadterra_campaigns.none", "campaigns.#", "0"),
				),
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{step, step},
			})
		})
	}
}

func TestAccCampaigns_documentedOnly(t *testing.T) {
	env := newTestEnv(t, withDocumentedOnly())
	env.requireSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.config(`data "leadterra_campaigns" "all" {}`),
			ExpectError: errorRe("Leadterra cannot list campaigns", "does not offer GET /v1/campaigns", "Refer to campaigns by id instead", "data.leadterra_campaign_stats"),
		}},
	})
}

func TestAccCampaigns_authErrors(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			cfg := `data "leadterra_campaigns" "all" {}`
			ok := resource.TestStep{Config: env.configWithKey(env.ReadOnlyKey, cfg), Check: resource.TestCheckResourceAttrSet("data.leadterra_campaigns.all", "campaigns.0.id")}
			if mode.documented {
				ok.Check, ok.ExpectError = nil, errorRe("Leadterra cannot list campaigns")
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: env.configWithKey("sk_test_revoked", cfg), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not list campaigns", "GET /v1/campaigns")},
					{Config: env.configWithKey(env.NoAccessKey, cfg), ExpectError: errorRe("Leadterra API key lacks permission (HTTP 403)", "Could not list campaigns")},
					ok, // a read-only key may read
				},
			})
		})
	}
}
