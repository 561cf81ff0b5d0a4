package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

const leadsList = "GET /v1/campaigns/:id/leads"

// indexesHCL is the HCL list 0 … n-1 (range() stops at 1,024 values).
func indexesHCL(n int) string {
	return fmt.Sprintf("[for i in flatten([for a in range(%d) : [for b in range(1000) : a * 1000 + b]]) : i if i < %d]", (n+999)/1000, n)
}

// manyLeadsHCL enrolls n generated leads in campaign id.
func manyLeadsHCL(id string, n int) string {
	return fmt.Sprintf(`resource "leadterra_campaign_leads" "test" {
  campaign_id = %q
  leads       = { for i in %s : format("lead%%05d@example.com", i) => { first_name = "L${i}" } }
}
`, id, indexesHCL(n))
}

// noWritesSince checks that no write reached the sandbox since *mark, and
// that the lead listing was read at least pages times.
func noWritesSince(env *testEnv, writes, lists *int, pages int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := env.Sandbox.TotalWrites() - *writes; got != 0 {
			return fmt.Errorf("a no-change apply sent %d write(s)", got)
		}
		if got := env.Sandbox.RequestCount(leadsList) - *lists; got < pages {
			return fmt.Errorf("the lead listing was read in %d request(s), want at least %d pages", got, pages)
		}
		return nil
	}
}

// TestAccCampaignLeads_pagedListing: 2,010 leads listed 10 a page (201
// pages) are all seen, so a no-change plan is empty and sends nothing.
func TestAccCampaignLeads_pagedListing(t *testing.T) {
	env := newTestEnv(t, withStyle(sandbox.StyleGuide))
	env.requireSandbox(t)
	env.Sandbox.SetPageSize(10)
	id := seedLeadsCampaign(t, env)
	cfg := env.config(manyLeadsHCL(id, 2010))
	var writes, lists int
	mark := func() { writes, lists = env.Sandbox.TotalWrites(), env.Sandbox.RequestCount(leadsList) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(leadsAddr, "leads.%", "2010"),
					func(*terraform.State) error {
						if n := len(env.Sandbox.Leads(id)); n != 2010 {
							return fmt.Errorf("sandbox holds %d leads", n)
						}
						return nil
					},
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig:        mark,
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            noWritesSince(env, &writes, &lists, 201),
			},
		},
	})
}

// TestAccCampaignLeads_cutListing: a server that ignores ?page= repeats
// its first page of 10 while announcing 25 leads. The listing is cut; the
// 15 leads not seen keep their state (with a warning) instead of being
// planned again.
func TestAccCampaignLeads_cutListing(t *testing.T) {
	env := newTestEnv(t, withStyle(sandbox.StyleGuide))
	env.requireSandbox(t)
	env.Sandbox.SetPageSize(10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Query().Has("page") {
			q := r.URL.Query()
			q.Del("page")
			r.URL.RawQuery = q.Encode()
		}
		env.Sandbox.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	env.BaseURL = srv.URL
	id := seedLeadsCampaign(t, env)
	cfg := env.config(manyLeadsHCL(id, 25))
	var writes, lists int
	mark := func() { writes, lists = env.Sandbox.TotalWrites(), env.Sandbox.RequestCount(leadsList) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig:        mark,
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: resource.ComposeAggregateTestCheckFunc(
					noWritesSince(env, &writes, &lists, 2),
					resource.TestCheckResourceAttr(leadsAddr, "leads.%", strconv.Itoa(25)),
				),
			},
		},
	})
}
