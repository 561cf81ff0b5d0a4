package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// setRemainingVolume gives every pool of the sandbox this remaining volume.
func setRemainingVolume(s *sandbox.Server, n int) {
	for _, p := range s.SenderPools() {
		p.RemainingVolume = n
		s.AddSenderPool(p)
	}
}

// TestAccCampaignLaunch_capacity: a plan that starts a campaign with more
// enrolled leads than the pools' remaining volume warns with both numbers,
// or fails with require_capacity; the count includes the leads planned in
// the same run; a plan that does not start reads no pool; nothing is
// written during a plan.
func TestAccCampaignLaunch_capacity(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			id := seedLaunchCampaign(t, env, 1, 5)
			warnings := &planWarnings{}
			over := errorRe("more leads than the sender pools can send today")
			launch := func(extra string) string {
				return fmt.Sprintf("resource \"leadterra_campaign_launch\" \"test\" {\n  campaign_id = %q\n%s  depends_on  = [leadterra_campaign_leads.test]\n}\n", id, extra)
			}
			leads := leadsHCL(fmt.Sprintf("%q", id), 0, testLead("a", "A"), testLead("b", "B"), testLead("c", "C"), testLead("d", "D"), testLead("e", "E"), testLead("f", "F"), testLead("g", "G"))
			reset := func() { warnings.reset(); env.Sandbox.ResetCounts() }
			poolReads := func(want int) plancheck.PlanCheck {
				return planCheckFunc(func() error {
					if n := env.Sandbox.RequestCount("GET /v1/sender-pools"); n != want {
						return fmt.Errorf("want %d GET /v1/sender-pools during the plan, got %v", want, env.Sandbox.RequestCounts())
					}
					if n := env.Sandbox.TotalWrites(); n != 0 {
						return fmt.Errorf("a plan wrote: %v", env.Sandbox.RequestCounts())
					}
					return nil
				})
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: warnings.factories(),
				Steps: []resource.TestStep{
					{
						PreConfig:   func() { setRemainingVolume(env.Sandbox, 1); reset() },
						Config:      env.config(leads + launch("  require_capacity = true\n")),
						ExpectError: errorRe("more leads than the sender pools can send today", "would send to 7 enrolled leads", "can send 3 more emails today", "require_capacity = true makes this an error"),
					},
					{
						PreConfig: func() {
							if n := env.Sandbox.TotalWrites(); n != 0 {
								t.Errorf("the refused plan wrote: %v", env.Sandbox.RequestCounts())
							}
							reset()
						},
						Config: env.config(leads + launch("")),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(launchAddr, plancheck.ResourceActionCreate),
							expectPlanWarning(warnings, errorRe("more leads than the sender pools can send today", "would send to 7 enrolled leads", "can send 3 more emails today (Primary Outbound Pool: 1,"), 1),
							poolReads(1),
						}},
					},
					{
						PreConfig: reset,
						Config:    env.config(leads + launch("  paused = true\n")),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(launchAddr, plancheck.ResourceActionUpdate),
							expectPlanWarning(warnings, over, 0),
							poolReads(0),
						}},
					},
					{
						PreConfig: func() { setRemainingVolume(env.Sandbox, 500); reset() },
						Config:    env.config(leads + launch("  require_capacity = true\n")),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(launchAddr, plancheck.ResourceActionUpdate),
							expectPlanWarning(warnings, over, 0),
							poolReads(1),
						}},
					},
					{
						// Dropping require_capacity alone starts and pauses nothing.
						PreConfig: reset,
						Config:    env.config(leads + launch("")),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(launchAddr, plancheck.ResourceActionUpdate),
							poolReads(0),
						}},
						Check: func(*terraform.State) error {
							if n := env.Sandbox.TotalWrites(); n != 0 {
								return fmt.Errorf("changing require_capacity alone wrote: %v", env.Sandbox.RequestCounts())
							}
							return nil
						},
					},
				},
			})
		})
	}
}

// TestAccCampaignLaunch_capacitySameApply: a campaign created in the same
// apply has no id at plan time; Terraform plans the launch again during the
// apply, with the id, and require_capacity stops it before the start.
func TestAccCampaignLaunch_capacitySameApply(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: func() { setRemainingVolume(env.Sandbox, 1) },
			Config: env.config(`
resource "leadterra_campaign" "test" {
  name           = "` + testResourcePrefix + `capacity"
  sequence_steps = [{ subject = "Hi {{firstName}}", body_html = "<p>Hello</p>" }]
}
` + leadsHCL(leadsCampRef, 0, testLead("a", "A"), testLead("b", "B"), testLead("c", "C"), testLead("d", "D")) + `
resource "leadterra_campaign_launch" "test" {
  campaign_id      = leadterra_campaign.test.id
  require_capacity = true
  depends_on       = [leadterra_campaign_leads.test]
}
`),
			ExpectError: errorRe("more leads than the sender pools can send today", "would send to 4 enrolled leads", "can send 3 more"),
		}},
	})
	if n := env.Sandbox.RequestCount("POST /v1/campaigns/:id/start"); n != 0 {
		t.Errorf("require_capacity must stop the start; %d start requests", n)
	}
}
