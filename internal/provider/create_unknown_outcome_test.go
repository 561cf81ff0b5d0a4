package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// Creates whose answer is lost after the server acted, against a sandbox
// that (in documented-only mode) ignores Idempotency-Key as the documented
// API may: never two objects.

// lostAnswerProvider has a short timeout, so FaultActedSlow outlasts it, and
// no retries, the setting that used to say "try again later".
func lostAnswerProvider(env *testEnv) string {
	return fmt.Sprintf("provider \"leadterra\" {\n  api_key         = %q\n  base_url        = %q\n  max_retries     = 0\n  request_timeout = \"1s\"\n}\n", env.Key, env.BaseURL)
}

func lostAnswerCampaignHCL(name string, count int) string {
	return fmt.Sprintf(`
resource "leadterra_campaign" "c" {
  count          = %d
  name           = %q
  sequence_steps = [{ subject = "Hi {{firstName}}", body_html = "<p>Hello</p>" }]
}
`, count, name)
}

// lostAnswerFaults are the ways a create's answer is lost after the server
// acted (and, for contrast, before it acted).
var lostAnswerFaults = []struct {
	name  string
	fault sandbox.Fault
	acted bool
}{
	{"acted then 502", sandbox.Fault{Kind: sandbox.FaultActedServerError}, true},
	{"acted then stall past request_timeout", sandbox.Fault{Kind: sandbox.FaultActedSlow, Delay: 3 * time.Second}, true},
	{"acted then reset", sandbox.Fault{Kind: sandbox.FaultResetAfter}, true},
	{"acted then answer cut short", sandbox.Fault{Kind: sandbox.FaultTruncated}, true},
	{"500 before acting", sandbox.Fault{Kind: sandbox.FaultServerError}, false},
}

func countCampaigns(env *testEnv, name string) int {
	n := 0
	for _, c := range env.Sandbox.Campaigns() {
		if c.Name == name {
			n++
		}
	}
	return n
}

func countWebhooks(env *testEnv, url string) int {
	n := 0
	for _, w := range env.Sandbox.Webhooks() {
		if w.URL == url {
			n++
		}
	}
	return n
}

func wantCount(what string, got func() int, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := got(); n != want {
			return fmt.Errorf("the sandbox holds %d %s, want %d", n, what, want)
		}
		return nil
	}
}

// Full mode (GET /v1/campaigns offered): the campaign is found and adopted,
// or created again when the server had not acted; one campaign, empty plan.
func TestAccCreateLostAnswer_campaignAdopted(t *testing.T) {
	for _, tt := range lostAnswerFaults {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t)
			env.requireSandbox(t)
			name := testResourcePrefix + "lost-" + randomKey("")[:6]
			f := tt.fault
			f.Route = "POST /v1/campaigns"
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PreConfig: onSandbox(env, func(s *sandbox.Server) { s.InjectFault(f) }),
					Config:    lostAnswerProvider(env) + lostAnswerCampaignHCL(name, 1),
					Check: resource.ComposeAggregateTestCheckFunc(
						wantCount("campaigns named "+name, func() int { return countCampaigns(env, name) }, 1),
						resource.TestCheckResourceAttrWith("leadterra_campaign.c.0", "id", func(id string) error {
							if c, ok := env.Sandbox.Campaign(id); !ok || c.Name != name {
								return fmt.Errorf("state id %s is not the sandbox's campaign %q", id, name)
							}
							return nil
						}),
						resource.TestCheckResourceAttr("leadterra_campaign.c.0", "status", "draft"),
						func(*terraform.State) error {
							if got, want := env.Sandbox.RequestCount("POST /v1/campaigns"), map[bool]int{true: 1, false: 2}[tt.acted]; got != want {
								return fmt.Errorf("%d creates sent, want %d", got, want)
							}
							return nil
						},
					),
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				}},
			})
		})
	}
}

// Documented-only mode (no list, Idempotency-Key ignored): the apply fails
// saying the campaign may have been created and how to find and import it;
// exactly one campaign exists, not two.
func TestAccCreateLostAnswer_campaignDocumentedOnly(t *testing.T) {
	for _, tt := range lostAnswerFaults[:2] {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t, withDocumentedOnly())
			env.requireSandbox(t)
			name := testResourcePrefix + "lost-" + randomKey("")[:6]
			f := tt.fault
			f.Route = "POST /v1/campaigns"
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						PreConfig:   onSandbox(env, func(s *sandbox.Server) { s.InjectFault(f) }),
						Config:      lostAnswerProvider(env) + lostAnswerCampaignHCL(name, 1),
						ExpectError: errorRe("The campaign may have been created", "offers no GET /v1/campaigns", "dashboard", name, "terraform import <address> camp_"),
					},
					{
						// The failed apply made exactly one; nothing is in state.
						Config: lostAnswerProvider(env),
						Check:  wantCount("campaigns named "+name, func() int { return countCampaigns(env, name) }, 1),
					},
				},
			})
		})
	}
}

// The old message told the user to "try again later", which makes a second
// campaign: it must be gone.
func TestAccCreateLostAnswer_noTryAgainLater(t *testing.T) {
	env := newTestEnv(t, withDocumentedOnly())
	env.requireSandbox(t)
	name := testResourcePrefix + "lost-" + randomKey("")[:6]
	failed := false
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		// ErrorCheck sees the whole CLI error, so it can test an absence.
		ErrorCheck: func(err error) error {
			msg := strings.Join(strings.Fields(err.Error()), " ")
			if !strings.Contains(msg, "may have been created") || strings.Contains(strings.ToLower(msg), "try again later") {
				return fmt.Errorf("want a 'may have been created' error without 'try again later', got: %w", err)
			}
			failed = true
			return nil
		},
		Steps: []resource.TestStep{{
			PreConfig: onSandbox(env, func(s *sandbox.Server) {
				s.InjectFault(sandbox.Fault{Route: "POST /v1/campaigns", Kind: sandbox.FaultActedSlow, Delay: 3 * time.Second})
			}),
			Config: lostAnswerProvider(env) + lostAnswerCampaignHCL(name, 1),
		}},
	})
	if !failed {
		t.Error("the apply did not fail")
	}
}

// Two resources with the same name, one answer lost: the lost one must not
// adopt its sibling's campaign; it finds its own.
func TestAccCreateLostAnswer_sameNameSiblings(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	name := testResourcePrefix + "twin-" + randomKey("")[:6]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: onSandbox(env, func(s *sandbox.Server) {
				s.InjectFault(sandbox.Fault{Route: "POST /v1/campaigns", Kind: sandbox.FaultActedServerError})
			}),
			Config: lostAnswerProvider(env) + lostAnswerCampaignHCL(name, 2),
			Check: resource.ComposeAggregateTestCheckFunc(
				wantCount("campaigns named "+name, func() int { return countCampaigns(env, name) }, 2),
				func(s *terraform.State) error {
					a := s.RootModule().Resources["leadterra_campaign.c.0"].Primary.ID
					b := s.RootModule().Resources["leadterra_campaign.c.1"].Primary.ID
					if a == b {
						return fmt.Errorf("both resources manage %s", a)
					}
					return nil
				},
			),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// Same name made out of band in the window: Terraform cannot tell which is
// its own, adopts none, creates none, and lists them.
func TestAccCreateLostAnswer_severalCandidates(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	name := testResourcePrefix + "many-" + randomKey("")[:6]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: onSandbox(env, func(s *sandbox.Server) {
				postOutOfBand(t, s, env.Key, "/v1/campaigns", fmt.Sprintf(`{"name":%q,"sequenceSteps":[{"subject":"Hi {{firstName}}","bodyHtml":"<p>Hello</p>"}]}`, name))
				s.InjectFault(sandbox.Fault{Route: "POST /v1/campaigns", Kind: sandbox.FaultActedServerError})
			}),
			Config:      lostAnswerProvider(env) + lostAnswerCampaignHCL(name, 1),
			ExpectError: errorRe("may have been created: 2 candidates", "camp_", "camp_", "adopted none and created none"),
		}, {
			Config: lostAnswerProvider(env),
			Check:  wantCount("campaigns named "+name, func() int { return countCampaigns(env, name) }, 2),
		}},
	})
}

// A 429 on create is refused before acting: retried, and it succeeds.
func TestAccCreateLostAnswer_rateLimitRetried(t *testing.T) {
	env := newTestEnv(t, withDocumentedOnly())
	env.requireSandbox(t)
	name := testResourcePrefix + "429-" + randomKey("")[:6]
	url := "https://example.com/" + testResourcePrefix + "hooks/429"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: onSandbox(env, func(s *sandbox.Server) {
				s.InjectFault(sandbox.Fault{Route: "POST /v1/campaigns", Kind: sandbox.FaultRateLimit, Times: 2, RetryAfter: "1"})
				s.InjectFault(sandbox.Fault{Route: "POST /v1/webhooks", Kind: sandbox.FaultRateLimit, Times: 2, RetryAfter: "1"})
			}),
			Config: env.config(lostAnswerCampaignHCL(name, 1) + webhookHCL(url, "message.sent")),
			Check: resource.ComposeAggregateTestCheckFunc(
				wantCount("campaigns named "+name, func() int { return countCampaigns(env, name) }, 1),
				wantCount("webhooks for "+url, func() int { return countWebhooks(env, url) }, 1),
				func(*terraform.State) error {
					if c, w := env.Sandbox.RequestCount("POST /v1/campaigns"), env.Sandbox.RequestCount("POST /v1/webhooks"); c != 3 || w != 3 {
						return fmt.Errorf("creates sent: %d campaign, %d webhook; want 3 each (two 429s, then success)", c, w)
					}
					return nil
				},
			),
		}},
	})
}

// Webhooks alike: adopted in full mode (GET /v1/webhooks), "may have been
// created" in documented-only mode; one webhook either way.
func TestAccCreateLostAnswer_webhook(t *testing.T) {
	for _, mode := range apiModes {
		for _, tt := range lostAnswerFaults[:2] {
			t.Run(mode.name+"/"+tt.name, func(t *testing.T) {
				env := mode.env(t)
				documentedOnly := mode.documented
				url := "https://example.com/" + testResourcePrefix + "hooks/" + randomKey("")[:6]
				f := tt.fault
				f.Route = "POST /v1/webhooks"
				step := resource.TestStep{
					PreConfig: onSandbox(env, func(s *sandbox.Server) { s.InjectFault(f) }),
					Config:    lostAnswerProvider(env) + webhookHCL(url, "message.sent", "reply.received"),
					Check: resource.ComposeAggregateTestCheckFunc(
						wantCount("webhooks for "+url, func() int { return countWebhooks(env, url) }, 1),
						resource.TestCheckResourceAttrWith(webhookAddr, "id", func(id string) error {
							if w, ok := env.Sandbox.Webhook(id); !ok || w.URL != url {
								return fmt.Errorf("state id %s is not the sandbox's webhook for %s", id, url)
							}
							return nil
						}),
					),
					ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				}
				steps := []resource.TestStep{step}
				if documentedOnly {
					steps = []resource.TestStep{
						{PreConfig: step.PreConfig, Config: step.Config, ExpectError: errorRe("The webhook may have been created", "offers no GET /v1/webhooks", url, "terraform import <address> wh_")},
						{Config: lostAnswerProvider(env), Check: wantCount("webhooks for "+url, func() int { return countWebhooks(env, url) }, 1)},
					}
				}
				resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
			})
		}
	}
}

// postOutOfBand creates through the sandbox's own handler, as someone using
// the dashboard would.
func postOutOfBand(t *testing.T, s *sandbox.Server, key, path, body string) {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusCreated {
		t.Errorf("out-of-band POST %s: %d %s", path, rec.Code, rec.Body)
	}
}
