package provider

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// seedSentCampaign makes a running two-step campaign that has sent its
// first step to three leads, one of which bounces, so every counter the
// stats report has a value.
func seedSentCampaign(t *testing.T, env *testEnv, name string) string {
	t.Helper()
	ctx, c := context.Background(), sandboxClient(t, env)
	three := int64(3)
	camp, err := c.CreateCampaign(ctx, leadterra.CampaignInput{Name: name, Steps: []leadterra.Step{
		{Subject: "Quick question, {{firstName}}", BodyHTML: "<p>Hi {{firstName}}</p>"},
		{Subject: "Re: quick question", BodyHTML: "<p>Bumping this</p>", DelayDays: &three},
	}}, "")
	if err != nil {
		t.Fatal(err)
	}
	leads := []leadterra.Lead{{Email: "ava@example.com"}, {Email: "bounce@example.com"}, {Email: "cara@example.com"}}
	if _, err := c.UpsertLeads(ctx, camp.ID, leads); err != nil {
		t.Fatal(err)
	}
	if _, err := c.StartCampaign(ctx, camp.ID); err != nil {
		t.Fatal(err)
	}
	env.Sandbox.Tick()
	return camp.ID
}

func statsHCL(id string) string {
	return fmt.Sprintf("data \"leadterra_campaign_stats\" \"s\" {\n  campaign_id = %q\n}\n", id)
}

// statsMatchSandbox compares every attribute with what the sandbox counts.
func statsMatchSandbox(t *testing.T, env *testEnv, id string) resource.TestCheckFunc {
	st, ok := env.Sandbox.Stats(id)
	if !ok || st.Sent != 3 || st.Bounced != 1 || st.Queued != 2 {
		t.Fatalf("fixture did not send as expected: %+v", st)
	}
	const addr = "data.leadterra_campaign_stats.s"
	rate := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	return resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr(addr, "campaign_id", id),
		resource.TestCheckResourceAttr(addr, "total_enrolled", strconv.Itoa(st.TotalEnrolled)),
		resource.TestCheckResourceAttr(addr, "sent", strconv.Itoa(st.Sent)),
		resource.TestCheckResourceAttr(addr, "delivered", strconv.Itoa(st.Delivered)),
		resource.TestCheckResourceAttr(addr, "bounced", strconv.Itoa(st.Bounced)),
		resource.TestCheckResourceAttr(addr, "replied", strconv.Itoa(st.Replied)),
		resource.TestCheckResourceAttr(addr, "queued", strconv.Itoa(st.Queued)),
		resource.TestCheckResourceAttr(addr, "open_rate", rate(st.OpenRate)),
		resource.TestCheckResourceAttr(addr, "reply_rate", rate(st.ReplyRate)),
	)
}

// TestAccCampaignStats_variants reads stats in every response style
// (bare, {"data":…}) and against the documented-only API, where it works
// unchanged since it uses only documented endpoints.
func TestAccCampaignStats_variants(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []envOption
	}{
		{"reference", []envOption{withStyle(sandbox.StyleReference)}},
		{"guide", []envOption{withStyle(sandbox.StyleGuide)}},
		{"concept", []envOption{withStyle(sandbox.StyleConcept)}},
		{"data", []envOption{withStyle(sandbox.StyleData)}},
		{"rotate", []envOption{withStyle(sandbox.StyleRotate)}},
		{"documented", []envOption{withDocumentedOnly()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t, tc.opts...)
			env.requireSandbox(t)
			id := seedSentCampaign(t, env, testResourcePrefix+"stats-"+randomKey(""))
			step := resource.TestStep{Config: env.config(statsHCL(id)), Check: statsMatchSandbox(t, env, id)}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{step, step},
			})
		})
	}
}

func TestAccCampaignStats_errors(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	id := seedSentCampaign(t, env, testResourcePrefix+"stats-err-"+randomKey(""))
	object := `Could not read stats of campaign "` + id + `"`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.config(statsHCL("camp_doesnotexist")),
				ExpectError: errorRe("No such campaign", `Campaign "camp_doesnotexist" does not exist in this workspace`, "campaign_not_found"),
			},
			{
				Config:      env.configWithKey("sk_test_revoked", statsHCL(id)),
				ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", object, "LEADTERRA_API_KEY", "GET /v1/campaigns/"+id+"/stats"),
			},
			{
				Config:      env.configWithKey(env.NoAccessKey, statsHCL(id)),
				ExpectError: errorRe("Leadterra API key lacks permission (HTTP 403)", object, "the key is valid"),
			},
			{
				Config:      env.configWithKey(env.NoWorkspaceKey, statsHCL(id)),
				ExpectError: errorRe("No Leadterra workspace for this API key", "workspace_not_found"),
			},
			{
				// A read-only key may read.
				Config: env.configWithKey(env.ReadOnlyKey, statsHCL(id)),
				Check:  resource.TestCheckResourceAttr("data.leadterra_campaign_stats.s", "sent", "3"),
			},
		},
	})
}
