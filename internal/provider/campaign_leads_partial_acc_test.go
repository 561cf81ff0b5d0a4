package provider

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// bulkFailer lets the first pass requests matching match through after it
// is armed, then fails every later one with 403 (not retried), as a key
// whose permissions change mid-apply would.
type bulkFailer struct {
	mu         sync.Mutex
	armed      bool
	pass, seen int
}

func (f *bulkFailer) arm(pass int) func() {
	return func() { f.mu.Lock(); f.armed, f.pass, f.seen = true, pass, 0; f.mu.Unlock() }
}

func (f *bulkFailer) disarm() { f.mu.Lock(); f.armed = false; f.mu.Unlock() }

// failAfter puts a bulkFailer in front of env's sandbox for the requests
// match selects.
func failAfter(t *testing.T, env *testEnv, match func(*http.Request) bool) *bulkFailer {
	t.Helper()
	env.requireSandbox(t)
	f := &bulkFailer{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if match(r) {
			f.mu.Lock()
			f.seen++
			fail := f.armed && f.seen > f.pass
			f.mu.Unlock()
			if fail {
				env.Sandbox.InjectFault(sandbox.Fault{Route: r.Method + " *", Kind: sandbox.FaultStatus, Status: http.StatusForbidden})
			}
		}
		env.Sandbox.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	env.BaseURL = srv.URL
	return f
}

func isLeadBulk(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/leads/bulk")
}

// priorLeads checks, before an apply, the leads the state recorded and
// whether the object is tainted.
type priorLeads struct {
	want    []string
	tainted bool
}

func (p priorLeads) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if req.Plan.PriorState == nil || req.Plan.PriorState.Values == nil {
		resp.Error = fmt.Errorf("no prior state")
		return
	}
	for _, r := range req.Plan.PriorState.Values.RootModule.Resources {
		if r.Address != leadsAddr {
			continue
		}
		leads, _ := r.AttributeValues["leads"].(map[string]any)
		got := slices.Sorted(maps.Keys(leads))
		if !slices.Equal(got, p.want) || r.Tainted != p.tainted {
			resp.Error = fmt.Errorf("state holds leads %v (tainted %v), want %v (tainted %v)", got, r.Tainted, p.want, p.tainted)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the state", leadsAddr)
}

// atPlan runs a state-independent check when the plan is made (the
// sandbox after a failed apply, whose Check never runs).
type atPlan resource.TestCheckFunc

func (f atPlan) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f(nil)
}

// requestsSince checks the requests to route since *mark.
func requestsSince(env *testEnv, route string, mark *int, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := env.Sandbox.RequestCount(route) - *mark; got != want {
			return fmt.Errorf("%d request(s) to %s, want %d", got, route, want)
		}
		return nil
	}
}

// bulkCount checks the bulk requests sent since *mark.
func bulkCount(env *testEnv, mark *int, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := env.Sandbox.RequestCount(leadsBulk) - *mark; got != want {
			return fmt.Errorf("%d bulk request(s) sent, want %d", got, want)
		}
		return nil
	}
}

func sixLeads() ([]leadSpec, []string) { return nLeads(6) }

func nLeads(n int) ([]leadSpec, []string) {
	var specs []leadSpec
	var emails []string
	for i := 1; i <= n; i++ {
		l := testLead(fmt.Sprintf("p%d", i), fmt.Sprintf("P%d", i))
		specs = append(specs, l)
		emails = append(emails, l.email)
	}
	return specs, emails
}

// TestAccCampaignLeads_partialCreate: a create whose third bulk request of
// three fails saves the leads of the first two, with the error. The next
// apply sends only the missing batch; destroy unenrolls all six.
func TestAccCampaignLeads_partialCreate(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			documented := mode.documented
			fail := failAfter(t, env, isLeadBulk)
			id := seedLeadsCampaign(t, env)
			specs, emails := sixLeads()
			cfg := env.config(leadsHCL(fmt.Sprintf("%q", id), 2, specs...))
			var mark, deletes int
			markBulk := func() { mark, deletes = env.Sandbox.RequestCount(leadsBulk), env.Sandbox.RequestCount(leadsDelete) }
			destroyed := []string{}
			if documented {
				destroyed = emails
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             sandboxHoldsExactly(env, &id, destroyed...),
				Steps: []resource.TestStep{
					{
						PreConfig:   fail.arm(2),
						Config:      cfg,
						ExpectError: errorRe("HTTP 403", "4 lead(s) of the earlier batches"),
					},
					{
						PreConfig: func() { fail.disarm(); markBulk() },
						Config:    cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{
								priorLeads{want: emails[:4], tainted: true},
								atPlan(sandboxHoldsExactly(env, &id, emails[:4]...)),
								plancheck.ExpectResourceAction(leadsAddr, plancheck.ResourceActionReplace),
							},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: resource.ComposeAggregateTestCheckFunc(
							// Only the missing batch, and the replaced object's
							// leads were not unenrolled on the way.
							bulkCount(env, &mark, 1),
							requestsSince(env, leadsDelete, &deletes, 0),
							sandboxHoldsExactly(env, &id, emails...),
							resource.TestCheckResourceAttr(leadsAddr, "leads.%", "6"),
						),
					},
				},
			})
		})
	}
}

// TestAccCampaignLeads_partialCreateThenDestroy: the leads a failed create
// enrolled are in state, so removing the resource unenrolls them (where the
// API can), although the object is tainted.
func TestAccCampaignLeads_partialCreateThenDestroy(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			documented := mode.documented
			fail := failAfter(t, env, isLeadBulk)
			id := seedLeadsCampaign(t, env)
			specs, emails := sixLeads()
			left := []string{}
			if documented {
				left = emails[:4]
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						PreConfig:   fail.arm(2),
						Config:      env.config(leadsHCL(fmt.Sprintf("%q", id), 2, specs...)),
						ExpectError: errorRe("HTTP 403", "4 lead(s) of the earlier batches"),
					},
					{
						PreConfig: fail.disarm,
						Config:    env.config(""),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							priorLeads{want: emails[:4], tainted: true},
							plancheck.ExpectResourceAction(leadsAddr, plancheck.ResourceActionDestroy),
						}},
						Check: sandboxHoldsExactly(env, &id, left...),
					},
				},
			})
		})
	}
}

// TestAccCampaignLeads_partialUpdate: an update whose third bulk request
// fails keeps the leads of the first two in state; the next apply sends
// only the last batch.
func TestAccCampaignLeads_partialUpdate(t *testing.T) {
	env := newTestEnv(t)
	fail := failAfter(t, env, isLeadBulk)
	id := seedLeadsCampaign(t, env)
	specs, emails := nLeads(8)
	v2 := env.config(leadsHCL(fmt.Sprintf("%q", id), 2, specs...))
	var mark, deletes int
	markBulk := func() { mark, deletes = env.Sandbox.RequestCount(leadsBulk), env.Sandbox.RequestCount(leadsDelete) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             sandboxHoldsExactly(env, &id),
		Steps: []resource.TestStep{
			{Config: env.config(leadsHCL(fmt.Sprintf("%q", id), 2, specs[:2]...))},
			{
				PreConfig:   fail.arm(2),
				Config:      v2,
				ExpectError: errorRe("HTTP 403", "4 lead(s) of the earlier batches"),
			},
			{
				PreConfig: func() { fail.disarm(); markBulk() },
				Config:    v2,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						priorLeads{want: emails[:6]},
						atPlan(sandboxHoldsExactly(env, &id, emails[:6]...)),
						plancheck.ExpectResourceAction(leadsAddr, plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					bulkCount(env, &mark, 1),
					requestsSince(env, leadsDelete, &deletes, 0),
					sandboxHoldsExactly(env, &id, emails...),
				),
			},
		},
	})
}
