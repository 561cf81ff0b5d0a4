package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

var accAccounts = []sandbox.SenderAccount{
	{ID: "sa_01TFACCA", Email: "tf-acc-alex@example.com", Name: "Alex Acc", Status: "active"},
	{ID: "sa_01TFACCB", Email: "tf-acc-morgan@example.com", Name: "Morgan Acc", Status: "warming"},
	{ID: "sa_01TFACCC", Email: "tf-acc-sam@example.com", Name: "Sam Acc", Status: "tf-acc-unknown-status"},
}

const accountsConfig = `
data "leadterra_sender_accounts" "all" {}

data "leadterra_sender_accounts" "odd" {
  status = "tf-acc-unknown-status"
}

data "leadterra_sender_account" "by_email" {
  email = "TF-ACC-MORGAN@example.com"
}

data "leadterra_sender_account" "by_id" {
  id = "sa_01TFACCA"
}
`

func TestAccSenderAccounts_variants(t *testing.T) {
	for _, style := range []sandbox.Style{sandbox.StyleReference, sandbox.StyleGuide, sandbox.StyleConcept, sandbox.StyleRotate} {
		t.Run(string(style), func(t *testing.T) {
			env := newTestEnv(t, withStyle(style))
			env.requireSandbox(t)
			for _, a := range accAccounts {
				env.Sandbox.AddSenderAccount(a)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: env.config(accountsConfig),
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckTypeSetElemNestedAttrs("data.leadterra_sender_accounts.all", "accounts.*", map[string]string{
							"id": "sa_01TFACCB", "email": "tf-acc-morgan@example.com", "name": "Morgan Acc", "status": "warming",
						}),
						// An unknown status is kept and filterable, not rejected.
						resource.TestCheckResourceAttr("data.leadterra_sender_accounts.odd", "accounts.#", "1"),
						resource.TestCheckResourceAttr("data.leadterra_sender_accounts.odd", "accounts.0.id", "sa_01TFACCC"),
						resource.TestCheckResourceAttr("data.leadterra_sender_account.by_email", "id", "sa_01TFACCB"),
						resource.TestCheckResourceAttr("data.leadterra_sender_account.by_email", "status", "warming"),
						resource.TestCheckResourceAttr("data.leadterra_sender_account.by_id", "email", "tf-acc-alex@example.com"),
						resource.TestCheckResourceAttr("data.leadterra_sender_account.by_id", "name", "Alex Acc"),
					),
				}},
			})
		})
	}
}

func TestAccSenderAccount_errors(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.config(`data "leadterra_sender_account" "a" { email = "nobody@example.com" }`),
				ExpectError: errorRe("No such sender account", `"nobody@example.com"`),
			},
			{
				Config:      env.configWithKey("sk_test_revoked_key", `data "leadterra_sender_accounts" "all" {}`),
				ExpectError: errorRe("Leadterra rejected the API key", "Could not list sender accounts", "LEADTERRA_API_KEY"),
			},
			{
				Config:      env.configWithKey(env.NoAccessKey, `data "leadterra_sender_account" "a" { id = "sa_x" }`),
				ExpectError: errorRe("lacks permission (HTTP 403)", "Could not list sender accounts"),
			},
		},
	})
}

// TestAccSenderAccounts_live reads the real workspace without assuming its
// contents; it is the data-source smoke test of live mode.
func TestAccSenderAccounts_live(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.config(`
data "leadterra_sender_accounts" "all" {}
data "leadterra_sender_pools" "all" {}
`),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrSet("data.leadterra_sender_accounts.all", "accounts.#"),
				resource.TestCheckResourceAttrSet("data.leadterra_sender_pools.all", "pools.#"),
			),
		}},
	})
}
