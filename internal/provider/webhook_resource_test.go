package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
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

const webhookAddr = "leadterra_webhook.test"

func webhookHCL(url string, events ...string) string {
	quoted := make([]string, len(events))
	for i, e := range events {
		quoted[i] = fmt.Sprintf("%q", e)
	}
	return fmt.Sprintf("resource \"leadterra_webhook\" \"test\" {\n  url    = %q\n  events = [%s]\n}\n", url, strings.Join(quoted, ", "))
}

// sandboxWebhook checks the webhook as the sandbox holds it.
func sandboxWebhook(env *testEnv, id *string, url string, events ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if env.Sandbox == nil {
			return nil
		}
		w, ok := env.Sandbox.Webhook(*id)
		if !ok {
			return fmt.Errorf("webhook %s is not in the sandbox", *id)
		}
		got := slices.Sorted(slices.Values(w.Events))
		if w.URL != url || !slices.Equal(got, slices.Sorted(slices.Values(events))) {
			return fmt.Errorf("sandbox holds %s %v, want %s %v", w.URL, got, url, events)
		}
		return nil
	}
}

func webhookAction(a plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, a)}}
}

// TestAccWebhook_full walks the life of a webhook on the richer API, in
// each documented response variant: create, import, in-place change, drift
// put back, out-of-band delete recreated, destroy.
func TestAccWebhook_full(t *testing.T) {
	for _, style := range []sandbox.Style{sandbox.StyleReference, sandbox.StyleGuide, sandbox.StyleConcept, sandbox.StyleData} {
		t.Run(string(style), func(t *testing.T) {
			env := newTestEnv(t, withStyle(style))
			if env.Live && style != sandbox.StyleReference {
				t.Skip("response variants need the sandbox")
			}
			var id, firstID string
			urlA, urlB := "https://example.com/"+testResourcePrefix+"hooks/a", "https://example.com/"+testResourcePrefix+"hooks/b"
			// The API returns the secret on create only, so every later step
			// checks that state kept it.
			secret := statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("signing_secret"), knownvalue.StringRegexp(regexpMust(`.`)))
			if style == sandbox.StyleConcept {
				secret = statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("signing_secret"), knownvalue.Null()) // never returned
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy: func(*terraform.State) error {
					if env.Sandbox != nil && len(env.Sandbox.Webhooks()) != 0 {
						return fmt.Errorf("webhooks left after destroy: %+v", env.Sandbox.Webhooks())
					}
					return env.checkLiveWebhookGone(t, id)
				},
				Steps: []resource.TestStep{
					{
						Config: env.config(webhookHCL(urlA, "message.sent", "reply.received")),
						// Configured values need no check: Terraform fails an apply
						// whose state differs from them.
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexpMust(`^wh_`))),
							statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("status"), knownvalue.StringExact("active")),
							statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(stateTimeRe)),
							secret,
						},
						Check: resource.ComposeAggregateTestCheckFunc(
							captureID(webhookAddr, &id),
							sandboxWebhook(env, &id, urlA, "message.sent", "reply.received"),
						),
						ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					},
					// signing_secret is the one true secret an API may return only on create.
					{ResourceName: webhookAddr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"signing_secret"},
						SkipFunc: env.skipUnlessOffered(t, leadterra.CapWebhookRead, func(ctx context.Context, c *leadterra.Client) error {
							_, err := c.GetWebhook(ctx, id)
							return err
						})},
					{
						// Changed in place (probed with a change to what it already is).
						SkipFunc: env.skipUnlessOffered(t, leadterra.CapWebhookUpdate, func(ctx context.Context, c *leadterra.Client) error {
							_, err := c.UpdateWebhook(ctx, id, leadterra.WebhookInput{URL: urlA, Events: []string{"message.sent", "reply.received"}})
							return err
						}),
						Config:           env.config(webhookHCL(urlB, "campaign.started")),
						ConfigPlanChecks: webhookAction(plancheck.ResourceActionUpdate),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("status"), knownvalue.StringExact("active")),
							secret,
						},
						Check: resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttrPtr(webhookAddr, "id", &id),
							sandboxWebhook(env, &id, urlB, "campaign.started"),
						),
					},
					{
						// Changed in the dashboard: refresh sees it, apply puts it back.
						PreConfig: func() {
							if env.Live {
								return // PreConfig runs even when SkipFunc skips the step
							}
							if _, err := sandboxClient(t, env).UpdateWebhook(context.Background(), id, leadterra.WebhookInput{URL: "https://example.com/elsewhere", Events: []string{"message.bounced"}}); err != nil {
								t.Fatal(err)
							}
						},
						SkipFunc:         func() (bool, error) { return env.Live, nil },
						Config:           env.config(webhookHCL(urlB, "campaign.started")),
						ConfigPlanChecks: webhookAction(plancheck.ResourceActionUpdate),
						Check:            sandboxWebhook(env, &id, urlB, "campaign.started"),
					},
					{
						// Deleted in the dashboard: the next plan registers it again.
						PreConfig: func() {
							if !env.Live {
								firstID = id
								env.Sandbox.DeleteWebhook(id)
							}
						},
						SkipFunc:         func() (bool, error) { return env.Live, nil },
						Config:           env.config(webhookHCL(urlB, "campaign.started")),
						ConfigPlanChecks: webhookAction(plancheck.ResourceActionCreate),
						Check: resource.ComposeAggregateTestCheckFunc(
							captureID(webhookAddr, &id),
							func(*terraform.State) error {
								if id == firstID {
									return fmt.Errorf("expected a new webhook, got the old id %s", id)
								}
								return nil
							},
							sandboxWebhook(env, &id, urlB, "campaign.started"),
						),
					},
				},
			})
		})
	}
}

// TestAccWebhook_documentedOnly: the documented API only registers. The
// state is kept, import is refused with the reason, a change is planned as
// a replacement, and the replaced and destroyed webhooks stay registered.
func TestAccWebhook_documentedOnly(t *testing.T) {
	for _, style := range []sandbox.Style{sandbox.StyleReference, sandbox.StyleConcept} {
		t.Run(string(style), func(t *testing.T) {
			env := newTestEnv(t, withDocumentedOnly(), withStyle(style))
			env.requireSandbox(t)
			var id, firstID string
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy: func(*terraform.State) error {
					// The replaced webhook stays; destroy asked once more, for the last one.
					if _, ok := env.Sandbox.Webhook(firstID); !ok || len(env.Sandbox.Webhooks()) != 1 {
						return fmt.Errorf("the replaced webhook must stay registered, sandbox holds %+v", env.Sandbox.Webhooks())
					}
					if n := env.Sandbox.RequestCount("DELETE /v1/webhooks/:id"); n != 2 {
						return fmt.Errorf("DELETE was tried %d times, want 2: by the replacement and by the destroy", n)
					}
					return nil
				},
				Steps: []resource.TestStep{
					{
						Config: env.config(webhookHCL("https://example.com/a", "message.sent")),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("status"), knownvalue.StringExact("active")),
						},
						Check: resource.ComposeAggregateTestCheckFunc(
							captureID(webhookAddr, &id),
							sandboxWebhook(env, &id, "https://example.com/a", "message.sent"),
						),
						ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					},
					{
						ResourceName: webhookAddr, ImportState: true,
						ExpectError: errorRe("Leadterra cannot import webhook", "does not offer GET /v1/webhooks/:id", "Keep managing it in the dashboard"),
					},
					{
						PreConfig:        func() { firstID = id },
						Config:           env.config(webhookHCL("https://example.com/b", "message.sent", "message.bounced")),
						ConfigPlanChecks: webhookAction(plancheck.ResourceActionDestroyBeforeCreate),
						Check: resource.ComposeAggregateTestCheckFunc(
							captureID(webhookAddr, &id),
							sandboxWebhook(env, &id, "https://example.com/b", "message.sent", "message.bounced"),
							sandboxWebhook(env, &firstID, "https://example.com/a", "message.sent"), // stays registered
						),
					},
					{
						// Deleted in the dashboard: nothing can see it; the plan stays empty.
						PreConfig:        func() { env.Sandbox.DeleteWebhook(id) },
						Config:           env.config(webhookHCL("https://example.com/b", "message.sent", "message.bounced")),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					},
				},
			})
		})
	}
}

// TestAccWebhook_planTimeChecks: mistakes stop the plan, before any request
// (Terraform checks again at apply, once late values are known); a rule only
// the API has is reported with its answer.
func TestAccWebhook_planTimeChecks(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	bad := func(body string, phrases ...string) resource.TestStep {
		return resource.TestStep{Config: env.config(body), PlanOnly: true, ExpectError: errorRe(phrases...)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			bad(webhookHCL("http://example.com/hook", "message.sent"), "Invalid webhook URL", `"http://example.com/hook" uses http://`, "only to https://"),
			bad(webhookHCL("/webhooks/leadterra", "message.sent"), "Invalid webhook URL", "not an absolute URL"),
			bad(webhookHCL("https://example.com/hook", "message.opened"), "Unknown webhook event", `"message.opened" is not a Leadterra webhook event`, "campaign.started, message.sent, message.bounced, reply.received"),
			bad(webhookHCL("https://example.com/hook", "Reply.Received"), "Unknown webhook event", `did you mean "reply.received"`),
			bad(webhookHCL("https://example.com/hook"), "events", "at least 1"),
			{
				// Past the plan-time checks, the API's own rules still apply:
				// its answer is shown in full, and nothing else was sent.
				PreConfig: func() {
					if n := env.Sandbox.TotalWrites(); n != 0 {
						t.Errorf("plan-time errors must send nothing, the sandbox saw %d writes", n)
					}
				},
				Config:      env.config(webhookHCL("https://example.com/"+strings.Repeat("a", 2100), "message.sent")),
				ExpectError: errorRe("HTTP 400 invalid_request", "Could not create webhook", "url must be at most 2048 characters"),
			},
		},
	})
}

func TestAccWebhook_authErrors(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			// What a change of url does: update in place, or replace (delete first).
			change, route := "update", "PATCH /v1/webhooks/:id"
			if mode.documented {
				change, route = "delete", "DELETE /v1/webhooks/:id"
			}
			body, changed := webhookHCL("https://example.com/auth", "message.sent"), webhookHCL("https://example.com/auth2", "message.sent")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: env.configWithKey("sk_test_revoked", body), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not create webhook", "LEADTERRA_API_KEY")},
					{Config: env.configWithKey(env.ReadOnlyKey, body), ExpectError: errorRe("lacks permission (HTTP 403)", "Could not create webhook", "read-only")},
					{Config: env.config(body)},
					{Config: env.configWithKey("sk_test_revoked", body), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not read webhook")},
					{Config: env.configWithKey(env.NoAccessKey, body), ExpectError: errorRe("lacks permission (HTTP 403)", "Could not read webhook")},
					{Config: env.configWithKey(env.ReadOnlyKey, changed), ExpectError: errorRe("lacks permission (HTTP 403)", "Could not "+change+" webhook")},
					{PreConfig: injectStatus(env, route, 401), Config: env.config(changed), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not "+change+" webhook")},
					{PreConfig: injectStatus(env, "DELETE /v1/webhooks/:id", 401), Config: env.config(body), Destroy: true, ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not delete webhook")},
					{Config: env.configWithKey(env.ReadOnlyKey, body), Destroy: true, ExpectError: errorRe("lacks permission (HTTP 403)", "Could not delete webhook")},
					{Config: env.config(body)},
				},
			})
		})
	}
}

// TestAccWebhook_readButNoUpdate: an API that reads webhooks but refuses
// PATCH (405) gets an error that changes nothing, with the -replace advice.
func TestAccWebhook_readButNoUpdate(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(webhookHCL("https://example.com/a", "message.sent"))},
			{
				PreConfig:   injectStatus(env, "PATCH /v1/webhooks/:id", 405),
				Config:      env.config(webhookHCL("https://example.com/b", "message.sent")),
				ExpectError: errorRe("Leadterra cannot update webhook", "does not offer PATCH /v1/webhooks/:id", "Nothing was changed", "terraform apply -replace="),
			},
			{
				Config: env.config(webhookHCL("https://example.com/a", "message.sent")), PlanOnly: true,
				Check: func(*terraform.State) error {
					if n := len(env.Sandbox.Webhooks()); n != 1 {
						return fmt.Errorf("a refused change must register nothing, sandbox holds %d webhooks", n)
					}
					return nil
				},
			},
		},
	})
}

// The warnings below are hidden by the testing framework: they are checked
// at the protocol level.

func webhookState(w leadterra.Webhook) map[string]tftypes.Value {
	events := make([]tftypes.Value, len(w.Events))
	for i, e := range w.Events {
		events[i] = str(e)
	}
	return map[string]tftypes.Value{
		"id": str(w.ID), "url": str(w.URL), "status": str("active"),
		"events": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, events),
	}
}

func createSandboxWebhook(t *testing.T, env *testEnv) leadterra.Webhook {
	t.Helper()
	wh, err := sandboxClient(t, env).CreateWebhook(context.Background(), leadterra.WebhookInput{URL: "https://example.com/hook", Events: []string{"reply.received", "message.sent"}}, "")
	if err != nil {
		t.Fatal(err)
	}
	return wh
}

func TestWebhookRead_goneWarnsAndAuthNeverGone(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	wh := createSandboxWebhook(t, env)
	for _, key := range []string{"sk_test_wrong", env.NoAccessKey} {
		diags, gone := newProtocolProvider(t, env, key).readResource("leadterra_webhook", webhookState(wh))
		if gone || !hasError(diags) {
			t.Fatalf("401/403 must be an error that keeps state: gone=%v diags=%+v", gone, diags)
		}
	}
	env.Sandbox.DeleteWebhook(wh.ID)
	diags, gone := newProtocolProvider(t, env, env.Key).readResource("leadterra_webhook", webhookState(wh))
	w := onlyWarning(t, diags)
	if !gone || !strings.Contains(w.Summary, "removed from state") || !regexp.MustCompile(`webhook_not_found.*create it again`).MatchString(w.Detail) {
		t.Fatalf("gone=%v, warning %q: %q", gone, w.Summary, w.Detail)
	}
}

func TestWebhookDelete_documentedOnlyWarns(t *testing.T) {
	env := newTestEnv(t, withDocumentedOnly())
	env.requireSandbox(t)
	wh := createSandboxWebhook(t, env)
	p := newProtocolProvider(t, env, env.Key)
	if diags, gone := p.readResource("leadterra_webhook", webhookState(wh)); gone || len(diags) != 0 {
		t.Fatalf("without a read the state is kept silently: gone=%v diags=%+v", gone, diags)
	}
	w := onlyWarning(t, p.destroyResource("leadterra_webhook", webhookState(wh)))
	want := fmt.Sprintf(`(?s)no way to delete a webhook.*%q.*stays registered.*message\.sent, reply\.received events to https://example\.com/hook.*Leadterra dashboard`, wh.ID)
	if w.Summary != fmt.Sprintf("Webhook %q stays registered in Leadterra", wh.ID) || !regexp.MustCompile(want).MatchString(w.Detail) {
		t.Fatalf("unexpected warning %q: %q", w.Summary, w.Detail)
	}
	if _, ok := env.Sandbox.Webhook(wh.ID); !ok {
		t.Fatal("the webhook must still be registered")
	}
}

// TestWebhookPlan_replacementWithoutRefresh: with -refresh=false no read
// ran, yet the plan still asks, and shows a replacement where the API
// cannot change a webhook, an in-place update where it can.
func TestWebhookPlan_replacementWithoutRefresh(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			wh := createSandboxWebhook(t, env)
			p := newProtocolProvider(t, env, env.Key)
			typ := p.resourceType("leadterra_webhook")
			prior := p.value(typ, webhookState(wh))
			proposedAttrs := webhookState(wh)
			proposedAttrs["url"] = str("https://example.com/moved")
			proposed := p.value(typ, proposedAttrs)
			cfgAttrs := map[string]tftypes.Value{"url": proposedAttrs["url"], "events": proposedAttrs["events"]}
			cfg := p.value(typ, cfgAttrs)
			resp, err := p.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
				TypeName: "leadterra_webhook", PriorState: &prior, ProposedNewState: &proposed, Config: &cfg,
			})
			if err != nil || hasError(resp.Diagnostics) {
				t.Fatalf("plan: %v %+v", err, resp.Diagnostics)
			}
			// Only the documented API cannot change a webhook in place.
			if got := len(resp.RequiresReplace) == 1 && resp.RequiresReplace[0].String() == tftypes.NewAttributePath().WithAttributeName("url").String(); got != mode.documented {
				t.Fatalf("requires replace %v, want replacement=%v", resp.RequiresReplace, mode.documented)
			}
		})
	}
}

// TestWebhookCreate_serverRefuses: should a bad url or event get past the
// plan-time checks (a client bypassing them), the API's answer is reported.
func TestWebhookCreate_serverRefuses(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	p := newProtocolProvider(t, env, env.Key)
	typ := p.resourceType("leadterra_webhook")
	for _, tc := range []struct{ url, event, want string }{
		{"http://example.com/hook", "message.sent", `url must use https \(got http://\)`},
		{"https://example.com/hook", "message.opened", `unknown event "message\.opened"`},
	} {
		attrs := webhookState(leadterra.Webhook{URL: tc.url, Events: []string{tc.event}})
		attrs["id"], attrs["status"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue), tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
		planned := p.value(typ, attrs)
		prior, _ := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
		resp, err := p.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
			TypeName: "leadterra_webhook", PriorState: &prior, PlannedState: &planned, Config: &planned,
		})
		if err != nil || len(resp.Diagnostics) != 1 || !regexp.MustCompile(`Could not create webhook.*400: invalid_request; .*`+tc.want).MatchString(resp.Diagnostics[0].Detail) {
			t.Fatalf("%s %s: %v %+v", tc.url, tc.event, err, resp.Diagnostics)
		}
	}
	if n := len(env.Sandbox.Webhooks()); n != 0 {
		t.Fatalf("refused webhooks were registered: %d", n)
	}
}
