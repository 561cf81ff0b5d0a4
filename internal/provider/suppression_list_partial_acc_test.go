package provider

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

func isSuppressionAdd(r *http.Request) bool {
	return r.Method == http.MethodPost && r.URL.Path == "/v1/suppression-list"
}

// suppressedCount checks how many addresses the sandbox suppresses.
func suppressedCount(env *testEnv, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := len(env.Sandbox.Suppressed()); n != want {
			return fmt.Errorf("sandbox suppresses %d addresses, want %d", n, want)
		}
		return nil
	}
}

// priorEmailCount checks, before an apply, how many addresses the state
// recorded and whether the object is tainted.
type priorEmailCount struct {
	want    int
	tainted bool
}

func (p priorEmailCount) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, r := range req.Plan.PriorState.Values.RootModule.Resources {
		if r.Address == suppressionAddr {
			emails, _ := r.AttributeValues["emails"].([]any)
			if len(emails) != p.want || r.Tainted != p.tainted {
				resp.Error = fmt.Errorf("state holds %d addresses (tainted %v), want %d (tainted %v)", len(emails), r.Tainted, p.want, p.tainted)
			}
			return
		}
	}
	resp.Error = fmt.Errorf("%s is not in the state", suppressionAddr)
}

// TestAccSuppressionList_partialCreate: 1,001 addresses in two requests,
// the second refused. The state keeps the 1,000 added; the next apply
// replaces the tainted object without taking them off the list and sends
// only the last one; removing the resource takes all 1,001 off.
func TestAccSuppressionList_partialCreate(t *testing.T) {
	env := newTestEnv(t)
	fail := failAfter(t, env, isSuppressionAdd)
	posts, deletes := &requests{env: env, route: suppressionPost}, &requests{env: env, route: suppressionDelete}
	cfg := env.config(fmt.Sprintf("resource \"leadterra_suppression_list\" \"test\" {\n  emails = [for i in %s : format(\"blocked%%04d@example.com\", i)]\n}\n", indexesHCL(1001)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             suppressedExactly(env),
		Steps: []resource.TestStep{
			{
				PreConfig:   fail.arm(1),
				Config:      cfg,
				ExpectError: errorRe("addresses 1001 to 1001 of 1001", "HTTP 403"),
			},
			{
				PreConfig: func() { fail.disarm(); posts.start(); deletes.start() },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						priorEmailCount{want: 1000, tainted: true},
						atPlan(suppressedCount(env, 1000)),
						plancheck.ExpectResourceAction(suppressionAddr, plancheck.ResourceActionReplace),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					posts.sent(1), deletes.sent(0), suppressedCount(env, 1001),
					resource.TestCheckResourceAttr(suppressionAddr, "emails.#", "1001"),
				),
			},
		},
	})
}

// TestAccSuppressionList_partialCreateThenDestroy: the addresses a failed
// create added are in state, so removing the resource takes them off.
func TestAccSuppressionList_partialCreateThenDestroy(t *testing.T) {
	env := newTestEnv(t)
	fail := failAfter(t, env, isSuppressionAdd)
	cfg := env.config(fmt.Sprintf("resource \"leadterra_suppression_list\" \"test\" {\n  emails = [for i in %s : format(\"blocked%%04d@example.com\", i)]\n}\n", indexesHCL(1001)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{PreConfig: fail.arm(1), Config: cfg, ExpectError: errorRe("HTTP 403")},
			{
				PreConfig:        fail.disarm,
				Config:           env.config(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{priorEmailCount{want: 1000, tainted: true}}},
				Check:            suppressedExactly(env),
			},
		},
	})
}
