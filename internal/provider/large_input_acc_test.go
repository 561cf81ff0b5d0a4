package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// TestAccLargeInput_campaign: large but valid input simply works: a 200 KB
// body, 50 steps, and names in several scripts round-trip unchanged.
func TestAccLargeInput_campaign(t *testing.T) {
	env := newTestEnv(t)
	name := testResourcePrefix + "Кампания 営業 حملة Ελληνικά 🚀"
	bigBody := "<p>" + strings.Repeat("Hi {{firstName}}, a long paragraph about {{company}}. ", 3800) + "</p>"
	var steps strings.Builder
	for i := range 50 {
		body := fmt.Sprintf("<p>Step %d for {{firstName}} — ünïcødé ✓</p>", i)
		if i == 0 {
			body = bigBody
		}
		fmt.Fprintf(&steps, "    { subject = %q, body_html = %q, delay_days = %d },\n", fmt.Sprintf("Étape %d · 第%d步", i, i), body, i%7)
	}
	cfg := env.config(fmt.Sprintf("resource \"leadterra_campaign\" \"big\" {\n  name = %q\n  sequence_steps = [\n%s  ]\n}\n", name, steps.String()))
	if len(bigBody) < 200_000 {
		t.Fatalf("the big body is only %d bytes", len(bigBody))
	}
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return env.checkLiveCampaignGone(t, id, false) },
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					captureID("leadterra_campaign.big", &id),
					resource.TestCheckResourceAttr("leadterra_campaign.big", "name", name),
					resource.TestCheckResourceAttr("leadterra_campaign.big", "sequence_steps.#", "50"),
					resource.TestCheckResourceAttr("leadterra_campaign.big", "sequence_steps.0.body_html", bigBody),
					resource.TestCheckResourceAttr("leadterra_campaign.big", "sequence_steps.49.subject", "Étape 49 · 第49步"),
					func(s *terraform.State) error {
						if env.Sandbox == nil {
							return nil
						}
						c, ok := env.Sandbox.Campaign(s.RootModule().Resources["leadterra_campaign.big"].Primary.ID)
						if !ok || c.Name != name || len(c.Steps) != 50 || c.Steps[0].BodyHTML != bigBody {
							return fmt.Errorf("the sandbox does not hold the campaign as sent")
						}
						return nil
					},
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ResourceName: "leadterra_campaign.big", ImportState: true, ImportStateVerify: true, SkipFunc: env.campaignReadOffered(t, &id)},
		},
	})
}
