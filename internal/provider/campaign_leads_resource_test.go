package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

const (
	leadsAddr    = "leadterra_campaign_leads.test"
	leadsBulk    = "POST /v1/campaigns/:id/leads/bulk"
	leadsDelete  = "DELETE /v1/campaigns/:id/leads"
	leadsCampRef = "leadterra_campaign.test.id"
)

// leadSpec is one lead of a test configuration.
type leadSpec struct {
	email, first, company string
	custom                map[string]string
}

func testLead(local, first string) leadSpec {
	return leadSpec{email: local + "@" + testLeadEmailDomain, first: first}
}

// leadsHCL declares the leads resource; campaign is an HCL expression and
// batch 0 leaves batch_size out.
func leadsHCL(campaign string, batch int, leads ...leadSpec) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"leadterra_campaign_leads\" \"test\" {\n  campaign_id = %s\n", campaign)
	if batch > 0 {
		fmt.Fprintf(&b, "  batch_size  = %d\n", batch)
	}
	b.WriteString("  leads = {\n")
	for _, l := range leads {
		fmt.Fprintf(&b, "    %q = {\n", l.email)
		if l.first != "" {
			fmt.Fprintf(&b, "      first_name = %q\n", l.first)
		}
		if l.company != "" {
			fmt.Fprintf(&b, "      company = %q\n", l.company)
		}
		for _, k := range slices.Sorted(maps.Keys(l.custom)) {
			fmt.Fprintf(&b, "      %q = %q\n", k, l.custom[k])
		}
		b.WriteString("    }\n")
	}
	b.WriteString("  }\n}\n")
	return b.String()
}

// seedLeadsCampaign creates a draft campaign through the API, for tests of
// the leads resource alone (a bad key must fail on the leads, not on it).
func seedLeadsCampaign(t *testing.T, env *testEnv) string {
	t.Helper()
	in := leadterra.CampaignInput{Name: testResourcePrefix + "leads-" + randomKey(""), Steps: []leadterra.Step{{Subject: "Hi {{firstName}}", BodyHTML: "<p>Hi</p>"}}}
	camp, err := sandboxClient(t, env).CreateCampaign(context.Background(), in, "")
	if err != nil {
		t.Fatal(err)
	}
	env.removeLiveCampaign(t, camp.ID)
	return camp.ID
}

// leadsBulkLog records the addresses of every bulk request the sandbox
// receives, to prove that an apply sent only what changed.
type leadsBulkLog struct {
	mu      sync.Mutex
	batches [][]string
	mark    int
}

// recordLeadBulk puts a recorder in front of env's sandbox.
func recordLeadBulk(t *testing.T, env *testEnv) *leadsBulkLog {
	t.Helper()
	log := &leadsBulkLog{}
	if env.Sandbox == nil {
		return log
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/leads/bulk") {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			var req struct {
				Leads []struct {
					Email string `json:"email"`
				} `json:"leads"`
			}
			_ = json.Unmarshal(body, &req)
			var emails []string
			for _, l := range req.Leads {
				emails = append(emails, strings.ToLower(l.Email))
			}
			log.mu.Lock()
			log.batches = append(log.batches, emails)
			log.mu.Unlock()
		}
		env.Sandbox.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	env.BaseURL = srv.URL
	return log
}

// start forgets what was sent so far (a PreConfig).
func (l *leadsBulkLog) start() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.mark = len(l.batches)
}

// sentSince checks the bulk requests since start, each batch as its
// addresses joined by spaces.
func (l *leadsBulkLog) sentSince(env *testEnv, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if env.Sandbox == nil {
			return nil
		}
		l.mu.Lock()
		defer l.mu.Unlock()
		var got []string
		for _, b := range l.batches[l.mark:] {
			got = append(got, strings.Join(b, " "))
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("bulk requests sent %q, want %q", got, want)
		}
		return nil
	}
}

// sandboxLeads checks the leads the sandbox holds for the campaign *id.
func sandboxLeads(env *testEnv, id *string, check func(map[string]sandbox.Lead) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if env.Sandbox == nil {
			return nil
		}
		got := map[string]sandbox.Lead{}
		for _, l := range env.Sandbox.Leads(*id) {
			got[strings.ToLower(l.Email)] = l
		}
		return check(got)
	}
}

// sandboxHoldsExactly checks the campaign's enrolled addresses.
func sandboxHoldsExactly(env *testEnv, id *string, emails ...string) resource.TestCheckFunc {
	return sandboxLeads(env, id, func(got map[string]sandbox.Lead) error {
		have := slices.Sorted(maps.Keys(got))
		want := make([]string, len(emails))
		for i, e := range emails {
			want[i] = strings.ToLower(e)
		}
		slices.Sort(want)
		if !slices.Equal(have, want) {
			return fmt.Errorf("sandbox campaign %s holds %v, want %v", *id, have, want)
		}
		return nil
	})
}

// outOfBand changes leads through the API, as the dashboard would.
func outOfBand(t *testing.T, env *testEnv, id *string, upsert []leadterra.Lead, remove ...string) func() {
	return func() {
		c := sandboxClient(t, env)
		if len(upsert) > 0 {
			if _, err := c.UpsertLeads(context.Background(), *id, upsert); err != nil {
				t.Fatal(err)
			}
		}
		if len(remove) > 0 {
			if _, err := c.RemoveLeads(context.Background(), *id, remove); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// leadsFault injects a sandbox fault once the plan is made: the refresh
// does not meet it, the apply does (a key revoked between plan and apply).
type leadsFault struct {
	env   *testEnv
	route string
	code  int
}

func (f leadsFault) CheckPlan(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse) {
	f.env.Sandbox.InjectFault(sandbox.Fault{Route: f.route, Kind: sandbox.FaultStatus, Status: f.code})
}

func leadsAction(a plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(leadsAddr, a)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

func TestAccCampaignLeads_full(t *testing.T) {
	env := newTestEnv(t)
	bulk := recordLeadBulk(t, env)
	var id string
	camp := campaignHCL(testResourcePrefix+"leads-"+randomKey(""), stepIntro)
	ava := leadSpec{email: "ava@example.com", first: "Ava", company: "Acme", custom: map[string]string{"use_case": "billing", "tier": "gold"}}
	ben := leadSpec{email: "Ben@Example.com", first: "Ben"}
	cy := testLead("cy", "")
	ava2 := ava
	ava2.company, ava2.custom = "Acme Corp", map[string]string{"tier": "gold"}
	dee, eve := testLead("dee", "Dee"), testLead("eve", "Eve")
	v2 := env.config(camp + leadsHCL(leadsCampRef, 2, ava2, ben, dee, eve))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return env.checkLiveCampaignGone(t, id, false) },
		Steps: []resource.TestStep{
			{
				Config:           env.config(camp + leadsHCL(leadsCampRef, 0, ava, ben, cy)),
				ConfigPlanChecks: leadsAction(plancheck.ResourceActionCreate),
				Check: resource.ComposeAggregateTestCheckFunc(
					captureID(campaignAddr, &id),
					resource.TestCheckResourceAttrPair(leadsAddr, "id", campaignAddr, "id"),
					resource.TestCheckResourceAttr(leadsAddr, "batch_size", "500"),
					resource.TestCheckResourceAttr(leadsAddr, "leads.%", "3"),
					resource.TestCheckResourceAttr(leadsAddr, "leads.ava@example.com.company", "Acme"),
					resource.TestCheckResourceAttr(leadsAddr, "leads.ava@example.com.use_case", "billing"),
					resource.TestCheckResourceAttr(leadsAddr, "enrolled_count", "3"),
					resource.TestCheckResourceAttr(leadsAddr, "updated_count", "0"),
					resource.TestCheckResourceAttr(leadsAddr, "skipped_count", "0"),
					resource.TestCheckResourceAttr(leadsAddr, "skipped_emails.#", "0"),
					sandboxHoldsExactly(env, &id, "ava@example.com", "ben@example.com", "cy@example.com"),
					sandboxLeads(env, &id, func(got map[string]sandbox.Lead) error {
						if a := got["ava@example.com"]; a.FirstName != "Ava" || a.Company != "Acme" || a.CustomFields["use_case"] != "billing" {
							return fmt.Errorf("sandbox holds %+v", a)
						}
						return nil
					}),
				),
			},
			{ResourceName: leadsAddr, ImportState: true, ImportStateVerify: true, SkipFunc: env.skipUnlessOffered(t, leadterra.CapLeadsList, func(ctx context.Context, c *leadterra.Client) error {
				_, _, err := c.ListLeads(ctx, id)
				return err
			})},
			{
				// Edit one lead (a custom field dropped), remove one, add two,
				// in batches of 2: only the 3 upserts are sent, in 2 requests.
				PreConfig:        bulk.start,
				Config:           v2,
				ConfigPlanChecks: leadsAction(plancheck.ResourceActionUpdate),
				Check: resource.ComposeAggregateTestCheckFunc(
					bulk.sentSince(env, "ava@example.com dee@example.com", "eve@example.com"),
					resource.TestCheckResourceAttr(leadsAddr, "enrolled_count", "2"),
					resource.TestCheckResourceAttr(leadsAddr, "updated_count", "1"),
					sandboxHoldsExactly(env, &id, "ava@example.com", "ben@example.com", "dee@example.com", "eve@example.com"),
					sandboxLeads(env, &id, func(got map[string]sandbox.Lead) error {
						if a := got["ava@example.com"]; a.Company != "Acme Corp" || a.CustomFields["use_case"] != "" || a.CustomFields["tier"] != "gold" {
							return fmt.Errorf("sandbox holds %+v", a)
						}
						return nil
					}),
				),
			},
			{
				// Dashboard: one lead unenrolled, one edited, one enrolled by
				// someone else. Only the first two are drift, and only they
				// are sent back.
				PreConfig: sandboxOnly(env, func() {
					outOfBand(t, env, &id, []leadterra.Lead{{Email: "ben@example.com", FirstName: "Benjamin"}, {Email: "zed@example.com"}}, "dee@example.com")()
					bulk.start()
				}),
				SkipFunc:         func() (bool, error) { return env.Live, nil },
				Config:           v2,
				ConfigPlanChecks: leadsAction(plancheck.ResourceActionUpdate),
				Check: resource.ComposeAggregateTestCheckFunc(
					bulk.sentSince(env, "ben@example.com dee@example.com"),
					resource.TestCheckResourceAttr(leadsAddr, "enrolled_count", "1"),
					resource.TestCheckResourceAttr(leadsAddr, "updated_count", "1"),
					sandboxHoldsExactly(env, &id, "ava@example.com", "ben@example.com", "dee@example.com", "eve@example.com", "zed@example.com"),
					sandboxLeads(env, &id, func(got map[string]sandbox.Lead) error {
						if got["ben@example.com"].FirstName != "Ben" {
							return fmt.Errorf("the dashboard edit was not undone: %+v", got["ben@example.com"])
						}
						return nil
					}),
				),
			},
			{
				// Every managed lead unenrolled outside Terraform: the object
				// is gone, a create is planned.
				PreConfig:        sandboxOnly(env, outOfBand(t, env, &id, nil, "ava@example.com", "ben@example.com", "dee@example.com", "eve@example.com")),
				SkipFunc:         func() (bool, error) { return env.Live, nil },
				Config:           v2,
				ConfigPlanChecks: leadsAction(plancheck.ResourceActionCreate),
				Check:            sandboxHoldsExactly(env, &id, "ava@example.com", "ben@example.com", "dee@example.com", "eve@example.com", "zed@example.com"),
			},
			{
				// The campaign deleted in the dashboard: both are created again.
				PreConfig: func() {
					if env.Sandbox != nil {
						env.Sandbox.DeleteCampaign(id)
					}
				},
				SkipFunc:         func() (bool, error) { return env.Live, nil },
				Config:           v2,
				ConfigPlanChecks: leadsAction(plancheck.ResourceActionCreate),
				Check: resource.ComposeAggregateTestCheckFunc(
					captureID(campaignAddr, &id),
					sandboxHoldsExactly(env, &id, "ava@example.com", "ben@example.com", "dee@example.com", "eve@example.com"),
				),
			},
			{
				// Destroy the leads alone: they are unenrolled.
				Config:           env.config(camp),
				ConfigPlanChecks: leadsAction(plancheck.ResourceActionDestroy),
				Check:            sandboxHoldsExactly(env, &id),
			},
		},
	})
}

// TestAccCampaignLeads_documentedOnly runs against the API as documented:
// no lead listing or unenrolment. Import is refused, dashboard edits stay
// unseen, removed leads stay enrolled (with a warning, asserted at the
// protocol level), and a deleted campaign is still noticed through stats.
func TestAccCampaignLeads_documentedOnly(t *testing.T) {
	env := newTestEnv(t, withDocumentedOnly())
	env.requireSandbox(t)
	bulk := recordLeadBulk(t, env)
	var id string
	camp := campaignHCL(testResourcePrefix+"leads-doc-"+randomKey(""), stepIntro)
	l := []leadSpec{testLead("l1", "One"), testLead("l2", "Two"), testLead("l3", "Three"), testLead("l4", "Four"), testLead("l5", "Five")}
	l3 := l[2]
	l3.first = "Third"
	v2 := env.config(camp + leadsHCL(leadsCampRef, 2, l[0], l[1], l3, l[3]))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// 5 leads in batches of 2: 3 requests.
				PreConfig:        bulk.start,
				Config:           env.config(camp + leadsHCL(leadsCampRef, 2, l...)),
				ConfigPlanChecks: leadsAction(plancheck.ResourceActionCreate),
				Check: resource.ComposeAggregateTestCheckFunc(
					captureID(campaignAddr, &id),
					bulk.sentSince(env, "l1@example.com l2@example.com", "l3@example.com l4@example.com", "l5@example.com"),
					resource.TestCheckResourceAttr(leadsAddr, "enrolled_count", "5"),
					sandboxHoldsExactly(env, &id, "l1@example.com", "l2@example.com", "l3@example.com", "l4@example.com", "l5@example.com"),
				),
			},
			{
				ResourceName: leadsAddr, ImportState: true,
				ExpectError: errorRe("Leadterra cannot list enrolled leads", "no GET /v1/campaigns/:id/leads"),
			},
			{
				// One of 5 changed, one removed: exactly that one lead is
				// sent; the removed one stays enrolled.
				PreConfig:        bulk.start,
				Config:           v2,
				ConfigPlanChecks: leadsAction(plancheck.ResourceActionUpdate),
				Check: resource.ComposeAggregateTestCheckFunc(
					bulk.sentSince(env, "l3@example.com"),
					resource.TestCheckResourceAttr(leadsAddr, "leads.%", "4"),
					resource.TestCheckResourceAttr(leadsAddr, "enrolled_count", "0"),
					resource.TestCheckResourceAttr(leadsAddr, "updated_count", "1"),
					sandboxHoldsExactly(env, &id, "l1@example.com", "l2@example.com", "l3@example.com", "l4@example.com", "l5@example.com"),
					sandboxLeads(env, &id, func(got map[string]sandbox.Lead) error {
						if got["l3@example.com"].FirstName != "Third" {
							return fmt.Errorf("l3 not updated: %+v", got["l3@example.com"])
						}
						return nil
					}),
				),
			},
			{
				// A dashboard edit cannot be seen without a listing: the plan
				// stays empty rather than guessing.
				PreConfig:        outOfBand(t, env, &id, []leadterra.Lead{{Email: "l1@example.com", FirstName: "Changed"}}),
				Config:           v2,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// The campaign is gone (stats says so): both are created.
				PreConfig:        func() { env.Sandbox.DeleteCampaign(id) },
				Config:           v2,
				ConfigPlanChecks: leadsAction(plancheck.ResourceActionCreate),
				Check: resource.ComposeAggregateTestCheckFunc(
					captureID(campaignAddr, &id),
					sandboxHoldsExactly(env, &id, "l1@example.com", "l2@example.com", "l3@example.com", "l4@example.com"),
				),
			},
			{
				// Destroying the leads cannot unenroll them.
				Config:           env.config(camp),
				ConfigPlanChecks: leadsAction(plancheck.ResourceActionDestroy),
				Check:            sandboxHoldsExactly(env, &id, "l1@example.com", "l2@example.com", "l3@example.com", "l4@example.com"),
			},
		},
	})
}

func TestAccCampaignLeads_authErrors(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			// deleteRoute is a route Delete uses and the refresh before it
			// does not: the unenrol completion, or (documented-only) the
			// stats check that decides whether to warn.
			deleteRoute := leadsDelete
			if mode.documented {
				deleteRoute = "GET /v1/campaigns/:id/stats"
			}
			id := seedLeadsCampaign(t, env)
			ref := fmt.Sprintf("%q", id)
			v1 := leadsHCL(ref, 0, testLead("ann", "Ann"), testLead("bo", "Bo"))
			v2 := leadsHCL(ref, 0, testLead("ann", "Annie"), testLead("bo", "Bo"))
			before := func(route string, code int) resource.ConfigPlanChecks {
				return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{leadsFault{env, route, code}}}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      env.configWithKey("sk_test_revoked", v1),
						ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not enroll leads in campaign", "LEADTERRA_API_KEY"),
					},
					{
						Config:      env.configWithKey(env.ReadOnlyKey, v1),
						ExpectError: errorRe("lacks permission (HTTP 403)", "Could not enroll leads in campaign", "read-only"),
					},
					{
						Config: env.config(v1),
						Check:  sandboxHoldsExactly(env, &id, "ann@example.com", "bo@example.com"),
					},
					{
						Config:      env.configWithKey("sk_test_revoked", v1),
						ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not read the leads of campaign"),
					},
					{
						Config:      env.configWithKey(env.NoAccessKey, v1),
						ExpectError: errorRe("lacks permission (HTTP 403)", "Could not read the leads of campaign"),
					},
					{
						Config:           env.config(v2),
						ConfigPlanChecks: before(leadsBulk, 401),
						ExpectError:      errorRe("Leadterra rejected the API key (HTTP 401)", "Could not update the leads of campaign"),
					},
					{
						Config:      env.configWithKey(env.ReadOnlyKey, v2),
						ExpectError: errorRe("lacks permission (HTTP 403)", "Could not update the leads of campaign"),
					},
					{
						Config:           env.config(v1),
						Destroy:          true,
						ConfigPlanChecks: before(deleteRoute, 401),
						ExpectError:      errorRe("Leadterra rejected the API key (HTTP 401)", "Could not unenroll leads from campaign"),
					},
					{
						Config:      env.configWithKey(env.ReadOnlyKey, v1),
						Destroy:     true,
						ExpectError: errorRe("lacks permission (HTTP 403)", "Could not unenroll leads from campaign"),
					},
					{
						// Nothing above changed the sandbox.
						Config:           env.config(v1),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						Check: sandboxLeads(env, &id, func(got map[string]sandbox.Lead) error {
							if len(got) != 2 || got["ann@example.com"].FirstName != "Ann" {
								return fmt.Errorf("sandbox holds %+v", got)
							}
							return nil
						}),
					},
				},
			})
		})
	}
}

// TestAccCampaignLeads_rejectedLead: a lead that passes the plan-time check
// but not the API's (an internationalized domain) is named in the error,
// even in a later batch; applying the fixed configuration is safe.
func TestAccCampaignLeads_rejectedLead(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	id := seedLeadsCampaign(t, env)
	ref := fmt.Sprintf("%q", id)
	good := []leadSpec{testLead("ann", "Ann"), testLead("bob", "Bob"), testLead("cat", "Cat")}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(leadsHCL(ref, 2, append(good, leadSpec{email: "jose@bücher.example"})...)),
				ExpectError: errorRe("HTTP 422", "Could not enroll leads in campaign", "The API rejected these leads:",
					"- jose@bücher.example: email", "is not a valid email address", "The 2 lead(s) of the earlier batches were sent"),
			},
			{
				Config: env.config(leadsHCL(ref, 2, append(good, leadSpec{email: "jose@buecher.example"})...)),
				Check: resource.ComposeAggregateTestCheckFunc(
					// ann and bob went through with the first attempt and are
					// in the (tainted) state: the replacement does not send
					// them again.
					resource.TestCheckResourceAttr(leadsAddr, "enrolled_count", "2"),
					resource.TestCheckResourceAttr(leadsAddr, "updated_count", "0"),
					sandboxHoldsExactly(env, &id, "ann@example.com", "bob@example.com", "cat@example.com", "jose@buecher.example"),
				),
			},
		},
	})
}

// TestAccCampaignLeads_suppressed: a suppressed address is skipped; it stays
// in state (skipped_emails where the API names it or the listing shows it)
// and the plan stays empty; removing it from the configuration sends nothing.
func TestAccCampaignLeads_suppressed(t *testing.T) {
	for _, mode := range []struct {
		name  string
		opts  []envOption
		named string // skipped_emails.# after create
	}{
		{"guide", []envOption{withStyle(sandbox.StyleGuide)}, "1"},
		{"reference", []envOption{withStyle(sandbox.StyleReference)}, "1"},
		{"documented", []envOption{withDocumentedOnly(), withStyle(sandbox.StyleReference)}, "0"},
	} {
		t.Run(mode.name, func(t *testing.T) {
			env := newTestEnv(t, mode.opts...)
			env.requireSandbox(t)
			id := seedLeadsCampaign(t, env)
			if _, err := sandboxClient(t, env).AddSuppressions(context.Background(), []string{"blocked@example.com"}); err != nil {
				t.Fatal(err)
			}
			ref := fmt.Sprintf("%q", id)
			deletes := 0
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:           env.config(leadsHCL(ref, 0, testLead("ok", "Ok"), leadSpec{email: "Blocked@Example.com"})),
						ConfigPlanChecks: leadsAction(plancheck.ResourceActionCreate),
						Check: resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(leadsAddr, "leads.%", "2"),
							resource.TestCheckResourceAttr(leadsAddr, "enrolled_count", "1"),
							resource.TestCheckResourceAttr(leadsAddr, "skipped_count", "1"),
							resource.TestCheckResourceAttr(leadsAddr, "skipped_emails.#", mode.named),
							sandboxHoldsExactly(env, &id, "ok@example.com"),
							func(*terraform.State) error { deletes = env.Sandbox.RequestCount(leadsDelete); return nil },
						),
					},
					{
						Config:           env.config(leadsHCL(ref, 0, testLead("ok", "Ok"))),
						ConfigPlanChecks: leadsAction(plancheck.ResourceActionUpdate),
						Check: resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(leadsAddr, "skipped_emails.#", "0"),
							resource.TestCheckResourceAttr(leadsAddr, "skipped_count", "1"), // from the last upsert
							func(*terraform.State) error {
								if mode.named == "1" && env.Sandbox.RequestCount(leadsDelete) != deletes {
									return fmt.Errorf("a skipped lead was never enrolled: nothing to unenroll")
								}
								return nil
							},
						),
					},
				},
			})
		})
	}
}

// TestAccCampaignLeads_planTimeChecks: mistakes are caught by plan, before
// any request.
func TestAccCampaignLeads_planTimeChecks(t *testing.T) {
	env := newTestEnv(t)
	ref := `"camp_never_used"`
	bad := func(leads []leadSpec, phrases ...string) resource.TestStep {
		return resource.TestStep{Config: env.config(leadsHCL(ref, 0, leads...)), PlanOnly: true, ExpectError: errorRe(phrases...)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			bad([]leadSpec{{email: "jane.example.com"}}, "Invalid email address", `"jane.example.com" has no @`),
			bad([]leadSpec{{email: "jane@example.com "}}, "Invalid email address", "whitespace"),
			bad([]leadSpec{{email: ""}}, "Invalid email address", "empty"),
			bad([]leadSpec{{email: "Jane@Example.com"}, {email: "jane@example.com", first: "Jane"}}, "Duplicate lead email", `"Jane@Example.com" and "jane@example.com" are one address`),
			bad([]leadSpec{{email: "a@example.com", first: " "}}, "Blank first_name", `Field "first_name" of lead "a@example.com" is only whitespace`),
			bad([]leadSpec{{email: "a@example.com", custom: map[string]string{"firstName": "x"}}}, "Custom field reuses a standard lead field", `"firstName" of lead "a@example.com"`, "Write first_name"),
			bad([]leadSpec{{email: "a@example.com", custom: map[string]string{"jobTitle": "x"}}}, "Custom field reuses a standard lead field", `"jobTitle"`),
			bad([]leadSpec{{email: "a@example.com", custom: map[string]string{"use-case": "x"}}}, "Invalid custom field name", `"use-case" of lead "a@example.com" is not a plain identifier`),
			bad([]leadSpec{{email: "a@example.com", custom: map[string]string{"email": "b@example.com"}}}, "Lead email does not match its key", `"b@example.com"`),
			{Config: env.config(`resource "leadterra_campaign_leads" "test" {
  campaign_id = "camp_1"
  batch_size  = 5000
  leads       = { "a@example.com" = {} }
}`), PlanOnly: true, ExpectError: errorRe("batch_size", "between 1 and 1000")},
			{Config: env.config("resource \"leadterra_campaign_leads\" \"test\" {\n  campaign_id = \"camp_1\"\n  leads = {}\n}\n"), PlanOnly: true, ExpectError: errorRe("at least 1")},
		},
	})
}

// largeLeadSet is the scale issue 5 asks to simply work: 10,000 leads in
// one resource, sent in batches of the default size.
const (
	largeLeadSet   = 10000
	largeLeadBatch = DefaultLeadBatchSize
)

// writeLeadsCSV writes n leads as a CSV file, the way teams keep lead lists
// (a custom column, some cells blank), with lead number changed renamed; it
// returns the file's path.
func writeLeadsCSV(t *testing.T, n, changed int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("email,first_name,company,segment\n")
	for i := range n {
		first, segment := fmt.Sprintf("Lead %d", i), ""
		if i == changed {
			first = "Changed"
		}
		if i%10 != 0 {
			segment = fmt.Sprintf("s%d", i%7)
		}
		fmt.Fprintf(&b, "lead%05d@example.com,%s,Company %d,%s\n", i, first, i%97, segment)
	}
	p := filepath.Join(t.TempDir(), fmt.Sprintf("leads-%d.csv", changed))
	if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAccCampaignLeads_largeSet: 10,000 leads read from a CSV file go in
// requests of batch_size; changing one lead sends one request with that
// lead, and the plan after each apply is empty.
func TestAccCampaignLeads_largeSet(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	bulk := recordLeadBulk(t, env)
	id := seedLeadsCampaign(t, env)
	cfg := func(changed int) string {
		return env.config(fmt.Sprintf(`resource "leadterra_campaign_leads" "test" {
  campaign_id = %q
  leads       = { for l in csvdecode(file(%q)) : l.email => l }
}
`, id, writeLeadsCSV(t, largeLeadSet, changed)))
	}
	var want []int
	for left := largeLeadSet; left > 0; left -= largeLeadBatch {
		want = append(want, min(left, largeLeadBatch))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:        bulk.start,
				Config:           cfg(-1),
				ConfigPlanChecks: leadsAction(plancheck.ResourceActionCreate),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(leadsAddr, "enrolled_count", fmt.Sprint(largeLeadSet)),
					func(*terraform.State) error {
						bulk.mu.Lock()
						defer bulk.mu.Unlock()
						var sizes []int
						for _, b := range bulk.batches[bulk.mark:] {
							sizes = append(sizes, len(b))
						}
						if !slices.Equal(sizes, want) {
							return fmt.Errorf("bulk request sizes %v, want %v", sizes, want)
						}
						held := env.Sandbox.Leads(id)
						if len(held) != largeLeadSet {
							return fmt.Errorf("sandbox holds %d leads", len(held))
						}
						byEmail := map[string]sandbox.Lead{}
						for _, l := range held {
							byEmail[l.Email] = l
						}
						// A CSV column is a custom field; a blank cell sends nothing.
						if got := byEmail["lead00001@example.com"]; got.FirstName != "Lead 1" || got.CustomFields["segment"] != "s1" {
							return fmt.Errorf("lead00001 held as %+v", got)
						}
						if got := byEmail["lead00010@example.com"]; len(got.CustomFields) != 0 {
							return fmt.Errorf("a blank cell was sent: %+v", got.CustomFields)
						}
						return nil
					},
				),
			},
			{
				PreConfig:        bulk.start,
				Config:           cfg(42),
				ConfigPlanChecks: leadsAction(plancheck.ResourceActionUpdate),
				Check: resource.ComposeAggregateTestCheckFunc(
					bulk.sentSince(env, "lead00042@example.com"),
					resource.TestCheckResourceAttr(leadsAddr, "updated_count", "1"),
					resource.TestCheckResourceAttr(leadsAddr, "enrolled_count", "0"),
				),
			},
		},
	})
}
