package provider

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

const repliesConfig = `
data "leadterra_replies" "all" {}

data "leadterra_replies" "campaign" {
  campaign_id = "camp_01jsandb0x0000000000000001"
}

data "leadterra_replies" "referral" {
  classification = "referral"
}

data "leadterra_replies" "none" {
  classification = "tf-acc-no-such-class"
}
`

// TestAccReplies_variants reads the seeded replies in every documented
// shape (bare array, replies+pagination, data), on both API modes: fields
// are mapped, newest first, and an undocumented classification is kept.
func TestAccReplies_variants(t *testing.T) {
	for _, mode := range []struct {
		name string
		opts []envOption
	}{
		{"reference", []envOption{withStyle(sandbox.StyleReference)}},
		{"guide", []envOption{withStyle(sandbox.StyleGuide)}},
		{"concept", []envOption{withStyle(sandbox.StyleConcept)}},
		{"data", []envOption{withStyle(sandbox.StyleData)}},
		{"rotate", []envOption{withStyle(sandbox.StyleRotate)}},
		{"documented", []envOption{withDocumentedOnly(), withStyle(sandbox.StyleGuide)}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			env := newTestEnv(t, mode.opts...)
			env.requireSandbox(t)
			all := "data.leadterra_replies.all"
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: env.config(repliesConfig),
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(all, "replies.#", "3"),
						resource.TestCheckResourceAttr(all, "truncated", "false"),
						resource.TestCheckResourceAttr(all, "replies.0.id", "rpl_01jsandb0x0000000000000003"),
						resource.TestCheckResourceAttr(all, "replies.0.email", "dan@example.com"),
						resource.TestCheckResourceAttr(all, "replies.0.campaign_id", sandbox.SeedCampaignID),
						resource.TestCheckResourceAttr(all, "replies.0.classification", "referral"),
						resource.TestMatchResourceAttr(all, "replies.0.received_at", regexpMust(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
						resource.TestCheckResourceAttr(all, "replies.0.thread_snippet", "Not the right person here, looping in our Head of Sales Ops."),
						resource.TestCheckResourceAttr(all, "replies.2.classification", "interested"),
						resource.TestCheckResourceAttr("data.leadterra_replies.campaign", "replies.#", "3"),
						resource.TestCheckResourceAttr("data.leadterra_replies.referral", "replies.#", "1"),
						resource.TestCheckResourceAttr("data.leadterra_replies.referral", "replies.0.email", "dan@example.com"),
						resource.TestCheckResourceAttr("data.leadterra_replies.none", "replies.#", "0"),
					),
				}},
			})
		})
	}
}

// addReplies stores n replies to the seeded campaign, older than the seeds.
func addReplies(env *testEnv, n int) {
	base := time.Now().Add(-30 * 24 * time.Hour)
	for i := range n {
		env.Sandbox.AddReply(sandbox.Reply{
			ID: fmt.Sprintf("rpl_tfacc%04d", i), Email: fmt.Sprintf("lead%04d@example.com", i), CampaignID: sandbox.SeedCampaignID,
			Classification: "interested", ThreadSnippet: "Sounds good", ReceivedAt: base.Add(time.Duration(i) * time.Minute),
		})
	}
}

// TestAccReplies_everyPage: the guide's API really pages (the provider
// asks 100 a page); every page is read, and max_pages stops early with
// truncated set.
func TestAccReplies_everyPage(t *testing.T) {
	env := newTestEnv(t, withStyle(sandbox.StyleGuide))
	env.requireSandbox(t)
	addReplies(env, 120)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
data "leadterra_replies" "all" {}

data "leadterra_replies" "capped" {
  campaign_id = "camp_01jsandb0x0000000000000001"
  max_pages   = 1
}
`),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.leadterra_replies.all", "replies.#", "123"),
				resource.TestCheckResourceAttr("data.leadterra_replies.all", "truncated", "false"),
				resource.TestCheckResourceAttr("data.leadterra_replies.all", "replies.122.id", "rpl_tfacc0000"),
				resource.TestCheckResourceAttr("data.leadterra_replies.capped", "replies.#", "100"),
				resource.TestCheckResourceAttr("data.leadterra_replies.capped", "truncated", "true"),
			),
		}},
	})
}

func TestAccReplies_errors(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	body := "data \"leadterra_replies\" \"x\" {}\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.config("data \"leadterra_replies\" \"x\" {\n  campaign_id = \"camp_missing\"\n}\n"),
				ExpectError: errorRe("HTTP 404 campaign_not_found", "campaign_id", `Could not list replies of campaign "camp_missing"`, `No campaign with id "camp_missing"`),
			},
			{Config: env.configWithKey("sk_test_revoked", body), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not list replies")},
			{Config: env.configWithKey(env.NoAccessKey, body), ExpectError: errorRe("lacks permission (HTTP 403)", "Could not list replies")},
			{Config: env.config("data \"leadterra_replies\" \"x\" {\n  max_pages = 0\n}\n"), PlanOnly: true, ExpectError: errorRe("max_pages", "between 1 and 100000")},
		},
	})
}

// readDataSourceProto reads a data source at the protocol level, where its
// warnings can be seen.
func readDataSourceProto(p *protocolProvider, typeName string, attrs map[string]tftypes.Value) (tftypes.Value, []*tfprotov6.Diagnostic) {
	p.t.Helper()
	typ := p.schema.DataSourceSchemas[typeName].ValueType()
	cfg := p.value(typ, attrs)
	resp, err := p.server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: &cfg})
	if err != nil || resp.State == nil {
		p.t.Fatalf("read %s: %v %+v", typeName, err, resp.Diagnostics)
	}
	v, err := resp.State.Unmarshal(typ)
	if err != nil {
		p.t.Fatal(err)
	}
	return v, resp.Diagnostics
}

func TestRepliesRead_pagesAndTruncationWarning(t *testing.T) {
	env := newTestEnv(t, withStyle(sandbox.StyleGuide))
	env.requireSandbox(t)
	addReplies(env, 120)
	p := newProtocolProvider(t, env, env.Key)
	count := func(v tftypes.Value) int {
		var attrs map[string]tftypes.Value
		var list []tftypes.Value
		if err := v.As(&attrs); err != nil || attrs["replies"].As(&list) != nil {
			t.Fatal(err)
		}
		return len(list)
	}

	before := env.Sandbox.RequestCount("GET /v1/replies")
	v, diags := readDataSourceProto(p, "leadterra_replies", nil)
	if n := env.Sandbox.RequestCount("GET /v1/replies") - before; count(v) != 123 || len(diags) != 0 || n != 2 {
		t.Fatalf("read %d replies in %d requests with %+v; want 123 in 2 pages of 100", count(v), n, diags)
	}

	v, diags = readDataSourceProto(p, "leadterra_replies", map[string]tftypes.Value{"max_pages": tftypes.NewValue(tftypes.Number, big.NewFloat(1))})
	w := onlyWarning(t, diags)
	want := "data.leadterra_replies read 100 replies and stopped although the API reports more: it reached max_pages (now 1), or the API answered a page it had already sent (it may ignore ?page=). Raise max_pages, or narrow the list with campaign_id, to read them all; `truncated` is true."
	if count(v) != 100 || w.Summary != "Not every reply was read" || w.Detail != want {
		t.Fatalf("%d replies, warning %q: %q", count(v), w.Summary, w.Detail)
	}
}
