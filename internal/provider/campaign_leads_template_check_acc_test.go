package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// TestAccCampaignLeads_templateFieldWarning: through the CLI, a plan that
// enrolls leads lacking a custom field the campaign's body uses warns,
// naming the field, the count and the addresses, at the cost of no request
// beyond the refresh; with every lead carrying it, no warning.
func TestAccCampaignLeads_templateFieldWarning(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			warnings := &planWarnings{}
			lack := errorRe("lack the custom field use_case")
			campaign := `
resource "leadterra_campaign" "test" {
  name           = "` + testResourcePrefix + `template-check"
  sequence_steps = [{ subject = "Hi {{firstName}}", body_html = "<p>How do you handle {{use_case}}?</p>" }]
}
`
			lead := func(local, useCase string) leadSpec {
				l := testLead(local, local)
				if useCase != "-" {
					l.custom = map[string]string{"use_case": useCase}
				}
				return l
			}
			cfg := func(leads ...leadSpec) string { return env.config(campaign + leadsHCL(leadsCampRef, 0, leads...)) }
			countsFrom := func() { warnings.reset(); env.Sandbox.ResetCounts() }
			campaignReads := func(want int) plancheck.PlanCheck {
				return planCheckFunc(func() error {
					if n := env.Sandbox.RequestCount("GET /v1/campaigns/:id"); n != want {
						return fmt.Errorf("want %d GET /v1/campaigns/:id during the plan (the refresh), got %v", want, env.Sandbox.RequestCounts())
					}
					return nil
				})
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: warnings.factories(),
				Steps: []resource.TestStep{
					{
						Config: cfg(lead("ada", "billing"), lead("bob", "payroll")),
					},
					{
						PreConfig: countsFrom,
						Config:    cfg(lead("ada", "billing"), lead("bob", "payroll"), lead("cy", "-"), lead("di", "")),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							expectPlanWarning(warnings, errorRe("2 of 4 leads lack the custom field use_case", "{{use_case}}", "cy@example.com, di@example.com."), 1),
							campaignReads(1),
						}},
					},
					{
						PreConfig: countsFrom,
						Config:    cfg(lead("ada", "billing"), lead("bob", "payroll"), lead("cy", "tax"), lead("di", "hr")),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(leadsAddr, plancheck.ResourceActionUpdate),
							expectPlanWarning(warnings, lack, 0),
						}},
					},
				},
			})
		})
	}
}

// planCheckFunc adapts a function to plancheck.PlanCheck.
type planCheckFunc func() error

func (f planCheckFunc) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f()
}
