package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

const campaignAddr = "leadterra_campaign.test"

type testStep struct{ subject, body string }

func campaignHCL(name string, steps ...testStep) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"leadterra_campaign\" \"test\" {\n  name = %q\n", name)
	if len(steps) > 0 {
		b.WriteString("  sequence_steps = [\n")
		for i, s := range steps {
			fmt.Fprintf(&b, "    { subject = %q, body_html = %q, delay_days = %d },\n", s.subject, s.body, i*3)
		}
		b.WriteString("  ]\n")
	}
	b.WriteString("}\n")
	return b.String()
}

var (
	stepIntro    = testStep{"Quick question, {{firstName}}", "<p>Hi {{firstName}}, saw {{company}} is hiring.</p>"}
	stepFollowUp = testStep{"Re: quick question", "<p>Worth a call about {{ useCase }}?</p>"}
)

// captureID stores the id of addr in *id after a step.
func captureID(addr string, id *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		*id = rs.Primary.ID
		return nil
	}
}

// sandboxCampaign checks the campaign as the sandbox holds it, so the test
// sees what reached the API, not only what the provider wrote to state.
func sandboxCampaign(env *testEnv, id *string, check func(name string, steps int, status string) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if env.Sandbox == nil {
			return nil
		}
		c, ok := env.Sandbox.Campaign(*id)
		if !ok {
			return fmt.Errorf("campaign %s is not in the sandbox", *id)
		}
		return check(c.Name, len(c.Steps), c.Status)
	}
}

func TestAccCampaign_full(t *testing.T) {
	env := newTestEnv(t)
	var id string
	name := testResourcePrefix + "campaign-" + randomKey("")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if env.Sandbox != nil {
				if _, ok := env.Sandbox.Campaign(id); ok {
					return fmt.Errorf("campaign %s still exists after destroy", id)
				}
			}
			return env.checkLiveCampaignGone(t, id, false)
		},
		Steps: []resource.TestStep{
			{
				Config: env.config(campaignHCL(name, stepIntro)),
				// Only computed attributes: Terraform itself fails an apply
				// whose state differs from a configured value.
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(campaignAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexpMust(`^camp_`))),
					statecheck.ExpectKnownValue(campaignAddr, tfjsonpath.New("status"), knownvalue.StringExact("draft")),
					statecheck.ExpectKnownValue(campaignAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(stateTimeRe)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					captureID(campaignAddr, &id),
					sandboxCampaign(env, &id, func(n string, steps int, status string) error {
						if n != name || steps != 1 || status != "draft" {
							return fmt.Errorf("sandbox holds %q with %d steps, %s", n, steps, status)
						}
						return nil
					}),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ResourceName: campaignAddr, ImportState: true, ImportStateVerify: true, SkipFunc: env.campaignReadOffered(t, &id)},
			{
				// Rename and add a step: changed in place (probed with a
				// change to what it already is).
				SkipFunc: env.skipUnlessOffered(t, leadterra.CapCampaignUpdate, func(ctx context.Context, c *leadterra.Client) error {
					_, _, err := c.UpdateCampaign(ctx, id, leadterra.CampaignInput{Name: name, Steps: []leadterra.Step{{Subject: stepIntro.subject, BodyHTML: stepIntro.body}}})
					return err
				}),
				Config:           env.config(campaignHCL(name+"-v2", stepIntro, stepFollowUp)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(campaignAddr, plancheck.ResourceActionUpdate)}},
				Check: sandboxCampaign(env, &id, func(n string, steps int, _ string) error {
					if n != name+"-v2" || steps != 2 {
						return fmt.Errorf("sandbox holds %q with %d steps", n, steps)
					}
					return nil
				}),
			},
			{
				// Renamed in the dashboard: refresh sees it, apply puts it back.
				PreConfig: func() {
					if env.Sandbox != nil {
						env.Sandbox.RenameCampaign(id, "renamed in dashboard")
					}
				},
				SkipFunc:         func() (bool, error) { return env.Live, nil },
				Config:           env.config(campaignHCL(name+"-v2", stepIntro, stepFollowUp)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(campaignAddr, plancheck.ResourceActionUpdate)}},
				Check: sandboxCampaign(env, &id, func(n string, _ int, _ string) error {
					if n != name+"-v2" {
						return fmt.Errorf("the apply did not put the name back: sandbox holds %q", n)
					}
					return nil
				}),
			},
			{
				// Deleted in the dashboard: the next plan creates it again.
				PreConfig: func() {
					if env.Sandbox != nil {
						env.Sandbox.DeleteCampaign(id)
					}
				},
				SkipFunc:         func() (bool, error) { return env.Live, nil },
				Config:           env.config(campaignHCL(name+"-v2", stepIntro, stepFollowUp)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(campaignAddr, plancheck.ResourceActionCreate)}},
				Check:            resource.ComposeAggregateTestCheckFunc(captureID(campaignAddr, &id)),
			},
		},
	})
}

// TestAccCampaign_documentedOnly runs against the API as documented: no
// campaign read, update or delete. Existence comes from the stats endpoint;
// a change is refused with the -replace advice; destroy leaves it in place.
func TestAccCampaign_documentedOnly(t *testing.T) {
	env := newTestEnv(t, withDocumentedOnly())
	env.requireSandbox(t)
	var id, firstID string
	name := testResourcePrefix + "doc-" + randomKey("")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			c, ok := env.Sandbox.Campaign(id)
			if !ok || c.Status != "draft" {
				return fmt.Errorf("without a delete endpoint the draft campaign must stay as it was, got %+v (found %v)", c, ok)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: env.config(campaignHCL(name, stepIntro)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(campaignAddr, tfjsonpath.New("status"), knownvalue.StringExact("draft")),
					statecheck.ExpectKnownValue(campaignAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(stateTimeRe)),
				},
				Check:            captureID(campaignAddr, &id),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName: campaignAddr, ImportState: true,
				ExpectError: errorRe("Leadterra cannot read campaigns back", "no GET /v1/campaigns/:id"),
			},
			{
				Config:      env.config(campaignHCL(name+"-v2", stepIntro)),
				ExpectError: errorRe("Leadterra cannot change this campaign in place", "offers no way to rename a campaign", "terraform apply -replace="),
			},
			{
				// Renamed in the dashboard: nothing to see without a read; the
				// plan stays empty rather than guessing.
				PreConfig: func() { env.Sandbox.RenameCampaign(id, "renamed in dashboard") },
				Config:    env.config(campaignHCL(name, stepIntro)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Gone: the stats endpoint proves it, a create is planned.
				PreConfig: func() {
					firstID = id
					env.Sandbox.DeleteCampaign(id)
				},
				Config:           env.config(campaignHCL(name, stepIntro)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(campaignAddr, plancheck.ResourceActionCreate)}},
				Check: resource.ComposeAggregateTestCheckFunc(
					captureID(campaignAddr, &id),
					func(*terraform.State) error {
						if id == firstID {
							return fmt.Errorf("expected a new campaign, got the old id %s", id)
						}
						return nil
					},
				),
			},
		},
	})
}

// injectStatus makes the sandbox answer the next request on route with
// status, as if the key lost its rights between refresh and apply.
func injectStatus(env *testEnv, route string, status int) func() {
	return func() {
		env.Sandbox.InjectFault(sandbox.Fault{Route: route, Kind: sandbox.FaultStatus, Status: status})
	}
}

func TestAccCampaign_authErrors(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			name := testResourcePrefix + "auth-" + randomKey("")
			good := env.config(campaignHCL(name, stepIntro))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      env.configWithKey("sk_test_revoked", campaignHCL(name, stepIntro)),
						ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not create campaign", "LEADTERRA_API_KEY"),
					},
					{
						Config:      env.configWithKey(env.ReadOnlyKey, campaignHCL(name, stepIntro)),
						ExpectError: errorRe("lacks permission (HTTP 403)", "Could not create campaign", "read-only"),
					},
					{Config: good},
					{
						Config:      env.configWithKey("sk_test_revoked", campaignHCL(name, stepIntro)),
						ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not read campaign"),
					},
					{
						Config:      env.configWithKey(env.NoAccessKey, campaignHCL(name, stepIntro)),
						ExpectError: errorRe("lacks permission (HTTP 403)", "Could not read campaign"),
					},
					{
						Config:      env.configWithKey(env.ReadOnlyKey, campaignHCL(name+"-v2", stepIntro)),
						ExpectError: errorRe("lacks permission (HTTP 403)", "Could not update campaign"),
					},
					{
						// The key is revoked between refresh and apply.
						PreConfig:   injectStatus(env, "PATCH /v1/campaigns/:id", 401),
						Config:      env.config(campaignHCL(name+"-v2", stepIntro)),
						ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not update campaign"),
					},
					{
						PreConfig:   injectStatus(env, "DELETE /v1/campaigns/:id", 401),
						Config:      good,
						Destroy:     true,
						ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not delete campaign"),
					},
					{
						Config:      env.configWithKey(env.ReadOnlyKey, campaignHCL(name, stepIntro)),
						Destroy:     true,
						ExpectError: errorRe("lacks permission (HTTP 403)", "Could not delete campaign"),
					},
					{Config: good},
				},
			})
		})
	}
}
