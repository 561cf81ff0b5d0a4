package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

const launchAddr = "leadterra_campaign_launch.test"

// launchHCL declares the launch; paused "" leaves the argument out.
func launchHCL(id, paused string) string {
	s := fmt.Sprintf("resource \"leadterra_campaign_launch\" \"test\" {\n  campaign_id = %q\n", id)
	if paused != "" {
		s += "  paused      = " + paused + "\n"
	}
	return s + "}\n"
}

// seedLaunchCampaign creates a campaign through the API with steps and
// enrolled leads, as the campaign and leads resources would.
func seedLaunchCampaign(t *testing.T, env *testEnv, steps, leads int) string {
	t.Helper()
	in := leadterra.CampaignInput{Name: testResourcePrefix + "launch-" + randomKey("")}
	for i := range steps {
		in.Steps = append(in.Steps, leadterra.Step{Subject: fmt.Sprintf("Step %d for {{firstName}}", i+1), BodyHTML: "<p>Hi {{firstName}}</p>"})
	}
	camp, err := sandboxClient(t, env).CreateCampaign(context.Background(), in, "")
	if err != nil {
		t.Fatal(err)
	}
	env.removeLiveCampaign(t, camp.ID)
	launchEnroll(t, env, camp.ID, leads)
	return camp.ID
}

func launchEnroll(t *testing.T, env *testEnv, id string, n int) {
	t.Helper()
	var leads []leadterra.Lead
	for i := range n {
		leads = append(leads, leadterra.Lead{Email: fmt.Sprintf("lead%d@%s", i, testLeadEmailDomain), FirstName: "Lead"})
	}
	if n == 0 {
		return
	}
	if _, err := sandboxClient(t, env).UpsertLeads(context.Background(), id, leads); err != nil {
		t.Fatal(err)
	}
}

// launchSandboxStatus checks the campaign as the sandbox holds it.
func launchSandboxStatus(env *testEnv, id, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if env.Sandbox == nil {
			return nil
		}
		if c, ok := env.Sandbox.Campaign(id); !ok || c.Status != want {
			return fmt.Errorf("sandbox campaign %s: status %q (found %v), want %q", id, c.Status, ok, want)
		}
		return nil
	}
}

func launchStartCalls(env *testEnv) int {
	if env.Sandbox == nil {
		return 0
	}
	return env.Sandbox.RequestCount("POST /v1/campaigns/:id/start")
}

func launchWriteCalls(env *testEnv) int {
	if env.Sandbox == nil {
		return 0
	}
	return launchStartCalls(env) + env.Sandbox.RequestCount("POST /v1/campaigns/:id/pause")
}

// launchPlanCheck is a plan check that runs arbitrary code (request counts).
type launchPlanCheck func() error

func (f launchPlanCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f()
}

func launchAction(a plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(launchAddr, a)}}
}

var launchEmptyAfterRefresh = resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}

// TestAccCampaignLaunch_full walks the whole life against the API with
// completions, in each response style (rotate: a new style per request, so
// state written from one style must import and refresh from another).
func TestAccCampaignLaunch_full(t *testing.T) {
	for _, style := range []sandbox.Style{sandbox.StyleReference, sandbox.StyleConcept, sandbox.StyleData, sandbox.StyleRotate} {
		t.Run(string(style), func(t *testing.T) { testAccLaunchLifecycle(t, style, false) })
	}
}

// Documented-only: no campaign read, so import is refused and dashboard
// pauses stay unseen; existence still comes from the stats endpoint.
func TestAccCampaignLaunch_documentedOnly(t *testing.T) {
	testAccLaunchLifecycle(t, sandbox.StyleRotate, true)
}

func testAccLaunchLifecycle(t *testing.T, style sandbox.Style, documented bool) {
	opts := []envOption{withStyle(style)}
	if documented {
		opts = append(opts, withDocumentedOnly())
	}
	env := newTestEnv(t, opts...)
	if documented || style != sandbox.StyleReference {
		env.requireSandbox(t)
	}
	id := seedLaunchCampaign(t, env, 1, 2)
	calls, starts := 0, 0
	sandboxOnly := func() (bool, error) { return env.Live, nil }
	fullOnly := func() (bool, error) { return env.Live || documented, nil }
	importStep := resource.TestStep{ResourceName: launchAddr, ImportState: true, ImportStateVerify: true, SkipFunc: env.campaignReadOffered(t, &id)}
	// Resumed in the dashboard: with a campaign read, refresh sees paused =
	// false and apply pauses again; without one the change stays unseen.
	resumedInDashboard := resource.TestStep{
		PreConfig:        onSandbox(env, func(s *sandbox.Server) { s.SetCampaignStatus(id, sandbox.StatusRunning) }),
		SkipFunc:         sandboxOnly,
		Config:           env.config(launchHCL(id, "true")),
		ConfigPlanChecks: launchAction(plancheck.ResourceActionUpdate),
		Check:            launchSandboxStatus(env, id, sandbox.StatusPaused),
	}
	if documented {
		importStep.ImportStateVerify = false
		importStep.ExpectError = errorRe("Leadterra cannot read a campaign's status", "no GET /v1/campaigns/:id", "Import is not needed", "declare the leadterra_campaign_launch resource and apply")
		resumedInDashboard.PlanOnly, resumedInDashboard.ConfigPlanChecks, resumedInDashboard.Check = true, resource.ConfigPlanChecks{}, nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if env.Sandbox == nil {
				return nil
			}
			if c, ok := env.Sandbox.Campaign(id); ok && c.Status == sandbox.StatusRunning {
				return fmt.Errorf("campaign %s still running after destroy", id)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: env.config(launchHCL(id, "")),
				// paused is not checked: its default is in the plan, and
				// Terraform fails an apply whose state differs from the plan.
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("status"), knownvalue.StringExact("running")),
					statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("started_at"), knownvalue.StringRegexp(stateTimeRe)),
					statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("paused_at"), knownvalue.Null()),
				},
				Check:            launchSandboxStatus(env, id, sandbox.StatusRunning),
				ConfigPlanChecks: launchEmptyAfterRefresh,
			},
			importStep,
			{
				// Refresh and plan read the campaign; neither starts nor pauses it.
				PreConfig:    func() { calls = launchWriteCalls(env) },
				RefreshState: true,
				RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{launchPlanCheck(func() error {
					if n := launchWriteCalls(env); n != calls {
						return fmt.Errorf("refresh and plan called start/pause %d times", n-calls)
					}
					return nil
				})}},
			},
			{
				Config:           env.config(launchHCL(id, "true")),
				ConfigPlanChecks: launchAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("status"), knownvalue.StringExact("paused")),
					statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("paused_at"), knownvalue.StringRegexp(stateTimeRe)),
					statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("started_at"), knownvalue.StringRegexp(stateTimeRe)),
				},
				Check: launchSandboxStatus(env, id, sandbox.StatusPaused),
			},
			resumedInDashboard,
			{
				Config:           env.config(launchHCL(id, "")),
				ConfigPlanChecks: launchAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("status"), knownvalue.StringExact("running")),
					statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("paused_at"), knownvalue.Null()),
				},
				Check: launchSandboxStatus(env, id, sandbox.StatusRunning),
			},
			{
				// Paused in the dashboard while paused = false: a plan to resume.
				PreConfig:        onSandbox(env, func(s *sandbox.Server) { s.SetCampaignStatus(id, sandbox.StatusPaused) }),
				SkipFunc:         fullOnly,
				Config:           env.config(launchHCL(id, "")),
				ConfigPlanChecks: launchAction(plancheck.ResourceActionUpdate),
				Check:            launchSandboxStatus(env, id, sandbox.StatusRunning),
			},
			{
				// Destroy pauses.
				Config: env.config(""),
				Check:  launchSandboxStatus(env, id, sandbox.StatusPaused),
			},
			{
				// Created with paused = true on a paused campaign: nothing starts.
				PreConfig:        func() { starts = launchStartCalls(env) },
				Config:           env.config(launchHCL(id, "true")),
				ConfigPlanChecks: launchAction(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("status"), knownvalue.StringExact("paused")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					launchSandboxStatus(env, id, sandbox.StatusPaused),
					func(*terraform.State) error {
						if n := launchStartCalls(env); n != starts {
							return fmt.Errorf("paused = true called start %d times", n-starts)
						}
						return nil
					},
				),
			},
			{
				// Campaign deleted in the dashboard: refresh drops the launch
				// (with a warning, see TestCampaignLaunchRead_goneWarns) and a
				// create is planned.
				PreConfig:          onSandbox(env, func(s *sandbox.Server) { s.DeleteCampaign(id) }),
				SkipFunc:           sandboxOnly,
				Config:             env.config(launchHCL(id, "true")),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks:   resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(launchAddr, plancheck.ResourceActionCreate)}},
			},
		},
	})
}

// TestAccCampaignLaunch_draft: paused = true on a draft leaves it a draft
// (pause is a no-op there); starting it without leads is refused with the
// depends_on advice; once leads are enrolled the same apply starts it.
func TestAccCampaignLaunch_draft(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			id := seedLaunchCampaign(t, env, 1, 0)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             func(*terraform.State) error { return launchSandboxStatus(env, id, sandbox.StatusPaused)(nil) },
				Steps: []resource.TestStep{
					{
						Config: env.config(launchHCL(id, "true")),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("status"), knownvalue.StringExact("draft")),
							statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("started_at"), knownvalue.Null()),
						},
						Check: resource.ComposeAggregateTestCheckFunc(
							launchSandboxStatus(env, id, sandbox.StatusDraft),
							func(*terraform.State) error {
								if n := launchStartCalls(env); n != 0 {
									return fmt.Errorf("paused = true must never start the campaign, start called %d times", n)
								}
								return nil
							},
						),
						ConfigPlanChecks: launchEmptyAfterRefresh,
					},
					{
						// Import reads draft back as paused = true, as created.
						ResourceName: launchAddr, ImportState: true, ImportStateVerify: true,
						SkipFunc: func() (bool, error) { return mode.documented, nil },
					},
					{
						Config:      env.config(launchHCL(id, "false")),
						ExpectError: errorRe("Campaign has no enrolled leads", "400 no_leads_enrolled", "leadterra_campaign_leads resource", "depends_on = [leadterra_campaign_leads.<name>]", "POST /v1/campaigns/"+id+"/start"),
					},
					{
						PreConfig:        func() { launchEnroll(t, env, id, 1) },
						Config:           env.config(launchHCL(id, "false")),
						ConfigPlanChecks: launchAction(plancheck.ResourceActionUpdate),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(launchAddr, tfjsonpath.New("status"), knownvalue.StringExact("running")),
						},
						Check: launchSandboxStatus(env, id, sandbox.StatusRunning),
					},
				},
			})
		})
	}
}

func TestAccCampaignLaunch_noSteps(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	id := seedLaunchCampaign(t, env, 0, 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.config(launchHCL(id, "")),
			ExpectError: errorRe("Campaign has no sequence steps", "400 no_sequence_steps", "sequence_steps of the leadterra_campaign resource", "depends_on = [leadterra_campaign_leads.<name>]"),
		}},
	})
}

// TestAccCampaignLaunch_authErrors: a 401 and a 403 in each of create,
// read, update and delete, in both modes. 401 on update and delete comes
// from a key revoked mid-run (a sandbox fault), since refresh runs first.
func TestAccCampaignLaunch_authErrors(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			id := seedLaunchCampaign(t, env, 1, 1)
			revokeOn := func(route string) func() {
				return func() { env.Sandbox.InjectFault(sandbox.Fault{Route: route, Kind: sandbox.FaultStatus, Status: 401}) }
			}
			const pause = "POST /v1/campaigns/:id/pause"
			good, paused := env.config(launchHCL(id, "")), launchHCL(id, "true")
			rejected, denied := "Leadterra rejected the API key (HTTP 401)", "Leadterra API key lacks permission (HTTP 403)"
			onDestroy := `Could not pause campaign "` + id + `" to destroy its leadterra_campaign_launch`
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             func(*terraform.State) error { return launchSandboxStatus(env, id, sandbox.StatusPaused)(nil) },
				Steps: []resource.TestStep{
					{Config: env.configWithKey("sk_test_revoked", launchHCL(id, "")), ExpectError: errorRe(rejected, `Could not start campaign "`+id+`"`, "LEADTERRA_API_KEY")},
					{Config: env.configWithKey(env.ReadOnlyKey, launchHCL(id, "")), ExpectError: errorRe(denied, `Could not start campaign "`+id+`"`, "read-only")},
					{Config: good, Check: launchSandboxStatus(env, id, sandbox.StatusRunning)},
					{Config: env.configWithKey("sk_test_revoked", launchHCL(id, "")), ExpectError: errorRe(rejected, `Could not read campaign "`+id+`"`)},
					{Config: env.configWithKey(env.NoAccessKey, launchHCL(id, "")), ExpectError: errorRe(denied, `Could not read campaign "`+id+`"`)},
					{PreConfig: revokeOn(pause), Config: env.config(paused), ExpectError: errorRe(rejected, `Could not pause campaign "`+id+`"`)},
					{Config: env.configWithKey(env.ReadOnlyKey, paused), ExpectError: errorRe(denied, `Could not pause campaign "`+id+`"`)},
					{PreConfig: revokeOn(pause), Config: good, Destroy: true, ExpectError: errorRe(rejected, onDestroy)},
					{Config: env.configWithKey(env.ReadOnlyKey, launchHCL(id, "")), Destroy: true, ExpectError: errorRe(denied, onDestroy)},
					{Config: good, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}, Check: launchSandboxStatus(env, id, sandbox.StatusRunning)},
				},
			})
		})
	}
}

func launchState(id string) map[string]tftypes.Value {
	return map[string]tftypes.Value{"id": str(id), "campaign_id": str(id), "paused": tftypes.NewValue(tftypes.Bool, false), "status": str("running")}
}

// TestCampaignLaunchRead_goneWarns: Read never writes; a deleted campaign
// leaves state with the warning that explains the planned create; and
// destroying a launch whose campaign is gone succeeds quietly.
func TestCampaignLaunchRead_goneWarns(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			id := seedLaunchCampaign(t, env, 1, 1)
			p := newProtocolProvider(t, env, env.Key)
			writes := env.Sandbox.TotalWrites()
			if diags, gone := p.readResource("leadterra_campaign_launch", launchState(id)); gone || len(diags) != 0 {
				t.Fatalf("existing campaign: gone=%v diags=%+v", gone, diags)
			}
			if n := env.Sandbox.TotalWrites(); n != writes {
				t.Fatalf("Read made %d writes", n-writes)
			}
			env.Sandbox.DeleteCampaign(id)
			p = newProtocolProvider(t, env, env.Key) // the next run
			diags, gone := p.readResource("leadterra_campaign_launch", launchState(id))
			if !gone {
				t.Fatal("a launch whose campaign is gone must leave state")
			}
			w := onlyWarning(t, diags)
			if !strings.Contains(w.Summary, `The launch of campaign "`+id+`" no longer exists; removed from state`) || !regexp.MustCompile(`campaign was deleted.*campaign_not_found.*create it again`).MatchString(w.Detail) {
				t.Fatalf("warning does not say why a create is planned: %q: %q", w.Summary, w.Detail)
			}
			if diags := p.destroyResource("leadterra_campaign_launch", launchState(id)); len(diags) != 0 {
				t.Fatalf("destroying the launch of a deleted campaign must succeed quietly, got %+v", diags)
			}
		})
	}
}

func TestLaunchApplyCampaign_pausedRule(t *testing.T) {
	for status, want := range map[string]string{"running": "false", "paused": "true", "draft": "true", "": "keep"} {
		m := launchModel{Paused: types.BoolValue(true), Status: nullIfEmpty("before")}
		m.applyCampaign(leadterra.Campaign{Status: status, StartedAt: "2025-01-15T11:00:00Z"})
		got := fmt.Sprint(m.Paused.ValueBool())
		if want == "keep" && (m.Status.ValueString() != "before" || !m.Paused.ValueBool()) || want != "keep" && got != want {
			t.Errorf("status %q: paused=%s status=%s, want %s", status, got, m.Status, want)
		}
	}
}

// providerHasResource reports whether the provider registers typeName, so
// a test can wait for a resource another change adds.
func providerHasResource(typeName string) bool {
	ctx := context.Background()
	for _, f := range New("test")().Resources(ctx) {
		var resp fwresource.MetadataResponse
		f().Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "leadterra"}, &resp)
		if resp.TypeName == typeName {
			return true
		}
	}
	return false
}

const scenarioHCL = `
resource "leadterra_campaign" "s" {
  name           = %q
  sequence_steps = [{ subject = "Hi {{firstName}}", body_html = "<p>Hello {{firstName}} at {{company}}</p>" }]
}

resource "leadterra_campaign_leads" "s" {
  campaign_id = leadterra_campaign.s.id
  leads = {
    "ava@example.com" = { first_name = "Ava", last_name = "Stone", company = "ExampleCo", job_title = "VP Sales" }
    "ben@example.com" = { first_name = "Ben", last_name = "Park", company = "AcmeCorp", job_title = "Head of Growth" }
  }
}

resource "leadterra_campaign_launch" "s" {
  campaign_id = leadterra_campaign.s.id
  paused      = %t
  depends_on  = [leadterra_campaign_leads.s]
}

data "leadterra_campaign_stats" "s" {
  campaign_id = leadterra_campaign_launch.s.campaign_id
  depends_on  = [leadterra_campaign_launch.s]
}
`

// TestAccScenario_launchAndStats: campaign → leads → launch → pause →
// resume → stats show the enrolled leads (and, after a sandbox day, sends).
func TestAccScenario_launchAndStats(t *testing.T) {
	if !providerHasResource("leadterra_campaign_leads") {
		t.Skip("leadterra_campaign_leads is not registered in the provider yet; this scenario needs it")
	}
	env := newTestEnv(t)
	name := testResourcePrefix + "scenario-" + randomKey("")
	var id string
	cfg := func(paused bool) string { return env.config(fmt.Sprintf(scenarioHCL, name, paused)) }
	const launch, stats = "leadterra_campaign_launch.s", "data.leadterra_campaign_stats.s"
	status := func(want string) resource.TestCheckFunc {
		return func(s *terraform.State) error { return launchSandboxStatus(env, id, want)(s) }
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return env.checkLiveCampaignGone(t, id, false) },
		Steps: []resource.TestStep{
			{
				Config: cfg(false),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(launch, tfjsonpath.New("status"), knownvalue.StringExact("running")),
					statecheck.ExpectKnownValue(stats, tfjsonpath.New("total_enrolled"), knownvalue.Int64Exact(2)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					captureID("leadterra_campaign.s", &id),
					status(sandbox.StatusRunning),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config:            cfg(true),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(launch, tfjsonpath.New("status"), knownvalue.StringExact("paused"))},
				Check:             status(sandbox.StatusPaused),
			},
			{
				Config:            cfg(false),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(launch, tfjsonpath.New("status"), knownvalue.StringExact("running"))},
				Check:             status(sandbox.StatusRunning),
			},
			{
				PreConfig: onSandbox(env, func(s *sandbox.Server) { s.Tick() }),
				SkipFunc:  func() (bool, error) { return env.Live, nil },
				Config:    cfg(false),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(stats, tfjsonpath.New("total_enrolled"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(stats, tfjsonpath.New("sent"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(stats, tfjsonpath.New("delivered"), knownvalue.Int64Exact(2)),
				},
			},
		},
	})
}
