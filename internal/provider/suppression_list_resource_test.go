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

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

const (
	suppressionAddr   = "leadterra_suppression_list.test"
	suppressionPost   = "POST /v1/suppression-list"
	suppressionDelete = "DELETE /v1/suppression-list"
)

func suppressionHCL(name string, emails ...string) string {
	quoted := make([]string, len(emails))
	for i, e := range emails {
		quoted[i] = fmt.Sprintf("%q", e)
	}
	return fmt.Sprintf("resource \"leadterra_suppression_list\" %q {\n  emails = [%s]\n}\n", name, strings.Join(quoted, ", "))
}

// suppressedExactly checks the whole workspace list as the sandbox holds it.
func suppressedExactly(env *testEnv, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if env.Sandbox == nil {
			return nil
		}
		slices.Sort(want)
		if got := env.Sandbox.Suppressed(); !slices.Equal(got, want) {
			return fmt.Errorf("sandbox suppresses %v, want %v", got, want)
		}
		return nil
	}
}

// requests remembers a route's request count so a later check can assert
// how many requests a step sent.
type requests struct {
	env   *testEnv
	route string
	mark  int
}

func (r *requests) start() { r.mark = r.env.Sandbox.RequestCount(r.route) }

func (r *requests) sent(n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := r.env.Sandbox.RequestCount(r.route) - r.mark; got != n {
			return fmt.Errorf("%s: %d requests, want %d", r.route, got, n)
		}
		return nil
	}
}

func suppressionAction(addr string, a plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, a)}}
}

// suppressionCounts checks the counts the last apply that added addresses
// left in state.
func suppressionCounts(addr string, suppressed, already int64) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("suppressed_count"), knownvalue.Int64Exact(suppressed)),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("already_suppressed_count"), knownvalue.Int64Exact(already)),
	}
}

func preSuppress(t *testing.T, env *testEnv, emails ...string) {
	t.Helper()
	if _, err := sandboxClient(t, env).AddSuppressions(context.Background(), emails); err != nil {
		t.Fatal(err)
	}
}

// TestAccSuppressionList_full: in each add-response variant, counts are
// reported, changes send only the difference (a change of case sends
// nothing), two resources keep their own addresses, and destroy takes off
// only this configuration's addresses.
func TestAccSuppressionList_full(t *testing.T) {
	for _, style := range []sandbox.Style{sandbox.StyleReference, sandbox.StyleGuide, sandbox.StyleData} {
		t.Run(string(style), func(t *testing.T) {
			env := newTestEnv(t, withStyle(style))
			env.requireSandbox(t)
			preSuppress(t, env, "already@example.com", "bounced@example.com")
			posts, deletes := &requests{env: env, route: suppressionPost}, &requests{env: env, route: suppressionDelete}
			writes := 0
			other := "leadterra_suppression_list.other"
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             suppressedExactly(env, "bounced@example.com"),
				Steps: []resource.TestStep{
					{
						Config: env.config(suppressionHCL("test", "a@example.com", "B@Example.com", "already@example.com")),
						// emails is not checked: Terraform fails an apply whose
						// state differs from the configuration.
						ConfigStateChecks: append(suppressionCounts(suppressionAddr, 2, 1),
							statecheck.ExpectKnownValue(suppressionAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexpMust(`^[0-9a-f-]{36}$`))),
						),
						Check:            suppressedExactly(env, "a@example.com", "b@example.com", "already@example.com", "bounced@example.com"),
						ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					},
					{
						PreConfig:         func() { posts.start(); deletes.start() },
						Config:            env.config(suppressionHCL("test", "b@example.com", "already@example.com", "c@example.com")),
						ConfigPlanChecks:  suppressionAction(suppressionAddr, plancheck.ResourceActionUpdate),
						ConfigStateChecks: suppressionCounts(suppressionAddr, 1, 0),
						Check: resource.ComposeAggregateTestCheckFunc(
							posts.sent(1), deletes.sent(1),
							suppressedExactly(env, "b@example.com", "c@example.com", "already@example.com", "bounced@example.com"),
						),
					},
					{
						// Only the case changes: nothing is sent, the counts stay.
						PreConfig:         func() { writes = env.Sandbox.TotalWrites() },
						Config:            env.config(suppressionHCL("test", "B@EXAMPLE.COM", "already@example.com", "c@example.com")),
						ConfigPlanChecks:  suppressionAction(suppressionAddr, plancheck.ResourceActionUpdate),
						ConfigStateChecks: suppressionCounts(suppressionAddr, 1, 0),
						Check: func(*terraform.State) error {
							if n := env.Sandbox.TotalWrites(); n != writes {
								return fmt.Errorf("a change of case sent %d writes", n-writes)
							}
							return nil
						},
					},
					{
						Config:            env.config(suppressionHCL("test", "B@EXAMPLE.COM", "already@example.com", "c@example.com") + suppressionHCL("other", "d@example.com")),
						ConfigStateChecks: suppressionCounts(other, 1, 0),
						Check:             suppressedExactly(env, "b@example.com", "c@example.com", "d@example.com", "already@example.com", "bounced@example.com"),
					},
					{
						// The other resource goes: only its own address leaves the list.
						Config:           env.config(suppressionHCL("test", "B@EXAMPLE.COM", "already@example.com", "c@example.com")),
						ConfigPlanChecks: suppressionAction(other, plancheck.ResourceActionDestroy),
						Check:            suppressedExactly(env, "b@example.com", "c@example.com", "already@example.com", "bounced@example.com"),
					},
				},
			})
		})
	}
}

// TestAccSuppressionList_documentedOnly: without removal, removed addresses
// leave the resource but stay suppressed (a warning names them), and the
// plan stays empty afterwards.
func TestAccSuppressionList_documentedOnly(t *testing.T) {
	env := newTestEnv(t, withDocumentedOnly())
	env.requireSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             suppressedExactly(env, "a@example.com", "b@example.com"),
		Steps: []resource.TestStep{
			{
				Config:            env.config(suppressionHCL("test", "a@example.com", "b@example.com")),
				ConfigStateChecks: suppressionCounts(suppressionAddr, 2, 0),
			},
			{
				Config:           env.config(suppressionHCL("test", "b@example.com")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            suppressedExactly(env, "a@example.com", "b@example.com"),
			},
		},
	})
}

// TestAccSuppressionList_largeSet: 2,500 addresses go in 3 requests (the
// sandbox refuses more than 1,000 in one), and come off in 3 on destroy.
// It is slow (minutes on 2 cores): the framework compares large sets
// element by element, quadratically, on every call.
func TestAccSuppressionList_largeSet(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	posts, deletes := &requests{env: env, route: suppressionPost}, &requests{env: env, route: suppressionDelete}
	cfg := func(n int) string {
		// range() stops at 1,024 values: 3 × 1,000, cut to n.
		return env.config(fmt.Sprintf(`locals {
  idx = [for i in flatten([for a in range(3) : [for b in range(1000) : a * 1000 + b]]) : i if i < %d]
}
resource "leadterra_suppression_list" "test" {
  emails = [for i in local.idx : format("bulk%%04d@example.com", i)]
}
`, n))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			deletes.sent(3), // 2,499 addresses: 1,000 + 1,000 + 499
			suppressedExactly(env),
		),
		Steps: []resource.TestStep{
			{
				PreConfig:         posts.start,
				Config:            cfg(2500),
				ConfigStateChecks: suppressionCounts(suppressionAddr, 2500, 0),
				Check: resource.ComposeAggregateTestCheckFunc(
					posts.sent(3),
					func(*terraform.State) error {
						if n := len(env.Sandbox.Suppressed()); n != 2500 {
							return fmt.Errorf("sandbox suppresses %d addresses", n)
						}
						return nil
					},
				),
			},
			{
				PreConfig: func() { posts.start(); deletes.start() },
				Config:    cfg(2499),
				Check: resource.ComposeAggregateTestCheckFunc(posts.sent(0), deletes.sent(1),
					func(*terraform.State) error { deletes.start(); return nil }),
			},
		},
	})
}

// TestAccSuppressionList_planTimeChecks: bad addresses stop the plan and
// send nothing; an address only the API refuses is named in its answer.
func TestAccSuppressionList_planTimeChecks(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	bad := func(body string, phrases ...string) resource.TestStep {
		return resource.TestStep{Config: env.config(body), PlanOnly: true, ExpectError: errorRe(phrases...)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			bad(suppressionHCL("test", "ok@example.com", "jane.example.com"), "Invalid email address", "emails", `"jane.example.com" has no @`),
			bad(suppressionHCL("test", "jane@example.com "), "Invalid email address", "whitespace"),
			bad(suppressionHCL("test", "Jane@Example.com", "jane@example.com"), "Duplicate suppressed address", "emails", "differ only in case"),
			bad(suppressionHCL("test"), "emails", "at least 1"),
			{
				PreConfig: func() {
					if n := env.Sandbox.TotalWrites(); n != 0 {
						t.Errorf("plan-time errors must send nothing, the sandbox saw %d writes", n)
					}
				},
				Config:      env.config(suppressionHCL("test", "ok@example.com", "ann@mail_server.example")),
				ExpectError: errorRe("HTTP 422 validation_failed", "Could not add 2 address(es) to the suppression list", "ann@mail_server.example", "not a valid email address"),
			},
		},
	})
}

func TestAccSuppressionList_authErrors(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			two, three, one := suppressionHCL("test", "a@example.com", "b@example.com"), suppressionHCL("test", "a@example.com", "b@example.com", "c@example.com"), suppressionHCL("test", "a@example.com")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: env.configWithKey("sk_test_revoked", two), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not add 2 address(es) to the suppression list", "LEADTERRA_API_KEY")},
					{Config: env.configWithKey(env.ReadOnlyKey, two), ExpectError: errorRe("lacks permission (HTTP 403)", "Could not add 2 address(es)", "read-only")},
					{Config: env.config(two)},
					// No API reads the list back, so a refresh sends nothing a bad key could fail.
					{Config: env.configWithKey("sk_test_revoked", two), PlanOnly: true},
					{Config: env.configWithKey(env.ReadOnlyKey, three), ExpectError: errorRe("lacks permission (HTTP 403)", "Could not add 1 address(es) to the suppression list")},
					{Config: env.configWithKey(env.ReadOnlyKey, one), ExpectError: errorRe("lacks permission (HTTP 403)", "Could not remove 1 address(es) from the suppression list")},
					{PreConfig: injectStatus(env, suppressionPost, 401), Config: env.config(three), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not add 1 address(es)")},
					{PreConfig: injectStatus(env, suppressionDelete, 401), Config: env.config(one), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not remove 1 address(es)")},
					{PreConfig: injectStatus(env, suppressionDelete, 401), Config: env.config(two), Destroy: true, ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not remove 2 address(es) from the suppression list")},
					{Config: env.configWithKey(env.ReadOnlyKey, two), Destroy: true, ExpectError: errorRe("lacks permission (HTTP 403)", "Could not remove 2 address(es)")},
					{Config: env.config(two), Check: suppressedExactly(env, "a@example.com", "b@example.com")},
				},
			})
		})
	}
}

// The fallback warnings, hidden by the testing framework, at the protocol
// level.

func suppressionState(id string, emails ...string) map[string]tftypes.Value {
	vals := make([]tftypes.Value, len(emails))
	for i, e := range emails {
		vals[i] = str(e)
	}
	n := tftypes.NewValue(tftypes.Number, 0)
	return map[string]tftypes.Value{"id": str(id), "emails": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vals), "suppressed_count": n, "already_suppressed_count": n}
}

func TestSuppressionList_documentedOnlyWarns(t *testing.T) {
	env := newTestEnv(t, withDocumentedOnly())
	env.requireSandbox(t)
	preSuppress(t, env, "a@example.com", "b@example.com", "c@example.com")
	p := newProtocolProvider(t, env, env.Key)
	typ := p.resourceType("leadterra_suppression_list")
	prior, planned := p.value(typ, suppressionState("s1", "a@example.com", "b@example.com", "c@example.com")), p.value(typ, suppressionState("s1", "b@example.com"))
	resp, err := p.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{TypeName: "leadterra_suppression_list", PriorState: &prior, PlannedState: &planned, Config: &planned})
	if err != nil {
		t.Fatal(err)
	}
	w := onlyWarning(t, resp.Diagnostics)
	if w.Summary != "2 address(es) stay on the Leadterra suppression list" || !regexp.MustCompile(`(?s)no way to remove.*removed them from this leadterra_suppression_list.*stay suppressed.*\n  - a@example\.com\n  - c@example\.com\n\n.*Settings → Suppression List`).MatchString(w.Detail) {
		t.Fatalf("update warning %q: %q", w.Summary, w.Detail)
	}
	w = onlyWarning(t, p.destroyResource("leadterra_suppression_list", suppressionState("s1", "b@example.com")))
	if !strings.Contains(w.Detail, "removed this leadterra_suppression_list from state") || !strings.Contains(w.Detail, "  - b@example.com") {
		t.Fatalf("destroy warning %q: %q", w.Summary, w.Detail)
	}
	if got := env.Sandbox.Suppressed(); len(got) != 3 {
		t.Fatalf("nothing can be removed, sandbox holds %v", got)
	}
}

func TestStaysSuppressedWarning_truncates(t *testing.T) {
	emails := make([]string, 2500)
	for i := range emails {
		emails[i] = fmt.Sprintf("bulk%04d@example.com", 2499-i)
	}
	d := staysSuppressedWarning(emails, true).Detail()
	if strings.Count(d, "\n  - ") != 20 || !strings.Contains(d, "  - bulk0000@example.com") || !strings.Contains(d, "\n  … and 2480 more\n") {
		t.Fatalf("want the first 20 sorted addresses and the count of the rest:\n%s", d)
	}
}
