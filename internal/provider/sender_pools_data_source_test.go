package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// accPool is added to the sandbox so checks compare against values the
// test chose, not whatever the seed holds.
var accPool = sandbox.SenderPool{
	ID: "pool_01TFACCPOOL", Name: "tf-acc outbound", DailyCapacity: 1234, RemainingVolume: 567,
	SenderAccountIDs: []string{"sa_acc1", "sa_acc2", "sa_acc3"},
}

const poolsConfig = `
data "leadterra_sender_pools" "all" {}

data "leadterra_sender_pool" "by_name" {
  name = "tf-acc outbound"
}

data "leadterra_sender_pool" "by_id" {
  id = data.leadterra_sender_pool.by_name.id
}
`

// TestAccSenderPools_variants reads pools in every documented response
// shape: bare array with remainingVolume and ids, {"pools"} and
// {"senderPools"} with senderCount (and remainingToday), {"data"}.
func TestAccSenderPools_variants(t *testing.T) {
	for _, tc := range []struct {
		style   sandbox.Style
		withIDs bool
	}{
		{sandbox.StyleReference, true},
		{sandbox.StyleGuide, false},
		{sandbox.StyleConcept, false},
		{sandbox.StyleData, true},
	} {
		t.Run(string(tc.style), func(t *testing.T) {
			env := newTestEnv(t, withStyle(tc.style))
			env.requireSandbox(t)
			env.Sandbox.AddSenderPool(accPool)
			idChecks := []resource.TestCheckFunc{resource.TestCheckNoResourceAttr("data.leadterra_sender_pool.by_name", "sender_account_ids.#")}
			if tc.withIDs {
				idChecks = []resource.TestCheckFunc{
					resource.TestCheckResourceAttr("data.leadterra_sender_pool.by_name", "sender_account_ids.#", "3"),
					resource.TestCheckResourceAttr("data.leadterra_sender_pool.by_name", "sender_account_ids.1", "sa_acc2"),
				}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: env.config(poolsConfig),
					Check: resource.ComposeAggregateTestCheckFunc(append(idChecks,
						resource.TestCheckTypeSetElemNestedAttrs("data.leadterra_sender_pools.all", "pools.*", map[string]string{
							"id": accPool.ID, "name": accPool.Name, "daily_capacity": "1234", "remaining_volume": "567", "sender_count": "3",
						}),
						resource.TestCheckResourceAttr("data.leadterra_sender_pool.by_name", "id", accPool.ID),
						resource.TestCheckResourceAttr("data.leadterra_sender_pool.by_name", "remaining_volume", "567"),
						resource.TestCheckResourceAttr("data.leadterra_sender_pool.by_name", "sender_count", "3"),
						resource.TestCheckResourceAttr("data.leadterra_sender_pool.by_id", "name", accPool.Name),
						resource.TestCheckResourceAttrPair("data.leadterra_sender_pool.by_id", "daily_capacity", "data.leadterra_sender_pool.by_name", "daily_capacity"),
					)...),
				}},
			})
		})
	}
}

// TestAccSenderPools_rotate reads pools while the sandbox changes the
// response shape on every request: a second plan must still be empty.
func TestAccSenderPools_rotate(t *testing.T) {
	env := newTestEnv(t, withStyle(sandbox.StyleRotate))
	env.requireSandbox(t)
	env.Sandbox.AddSenderPool(accPool)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(poolsConfig), Check: resource.TestCheckResourceAttr("data.leadterra_sender_pool.by_name", "sender_count", "3")},
			{Config: env.config(poolsConfig), Check: resource.TestCheckResourceAttr("data.leadterra_sender_pool.by_id", "daily_capacity", "1234")},
		},
	})
}

func TestAccSenderPool_lookupErrors(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	env.Sandbox.AddSenderPool(accPool)
	twin := accPool
	twin.ID = "pool_01TFACCTWIN"
	env.Sandbox.AddSenderPool(twin)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.config(`data "leadterra_sender_pool" "p" { name = "no such pool" }`),
				ExpectError: errorRe("No such sender pool", `"no such pool"`, `"tf-acc outbound" (pool_01TFACCPOOL)`),
			},
			{
				Config:      env.config(`data "leadterra_sender_pool" "p" { name = "tf-acc outbound" }`),
				ExpectError: errorRe("Sender pool name is ambiguous", "2 sender pools are named", "pool_01TFACCPOOL", "pool_01TFACCTWIN", "by id instead"),
			},
			{
				Config:      env.config(`data "leadterra_sender_pool" "p" {}`),
				ExpectError: errorRe("Missing Attribute Configuration", "Exactly one of these attributes must be configured: [id,name]"),
			},
			{
				Config: env.config(`data "leadterra_sender_pool" "p" {
  id   = "pool_x"
  name = "x"
}`),
				ExpectError: errorRe("Invalid Attribute Combination", "Exactly one of these attributes must be configured: [id,name]"),
			},
		},
	})
}

func TestAccSenderPools_authErrors(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	cfg := `data "leadterra_sender_pools" "all" {}`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.configWithKey("sk_test_not_a_real_key", cfg),
				ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not list sender pools", "authentication_failed", "missing, malformed, revoked, or carries stray whitespace", "LEADTERRA_API_KEY", "GET /v1/sender-pools"),
			},
			{
				Config:      env.configWithKey(env.NoAccessKey, cfg),
				ExpectError: errorRe("Leadterra API key lacks permission (HTTP 403)", "Could not list sender pools", "the key is valid"),
			},
			{
				Config:      env.configWithKey(env.NoWorkspaceKey, cfg),
				ExpectError: errorRe("No Leadterra workspace for this API key", "workspace_not_found"),
			},
			{
				// A read-only key may read.
				Config: env.configWithKey(env.ReadOnlyKey, cfg),
				Check:  resource.TestCheckResourceAttrSet("data.leadterra_sender_pools.all", "pools.0.id"),
			},
		},
	})
}
