package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// TestAccListResources_query runs `terraform query` on both list resources.
// No pinned CLI runs it yet (Terraform 1.14+; OpenTofu has no query), so it
// is skipped everywhere today: list_resource_test.go tests the same at the
// protocol level.
func TestAccListResources_query(t *testing.T) {
	env := apiModes[0].env(t)
	prefix := testResourcePrefix + "query-" + randomKey("") + "-"
	url := "https://" + randomKey("query-") + ".example.com/hook"
	query := fmt.Sprintf(`list "leadterra_campaign" "test" {
  provider         = leadterra
  include_resource = true
  config {
    name_prefix = %q
    status      = "draft"
  }
}

list "leadterra_webhook" "test" {
  provider = leadterra
  config {
    url_prefix = %q
    event      = "message.sent"
  }
}
`, prefix, url)

	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(campaignHCL(prefix+"one", stepIntro) + webhookHCL(url, "message.sent"))},
			{
				Query:  true,
				Config: query,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("leadterra_campaign.test", 1),
					querycheck.ExpectIdentity("leadterra_campaign.test", map[string]knownvalue.Check{"id": knownvalue.StringRegexp(regexpMust(`^camp_`))}),
					querycheck.ExpectLength("leadterra_webhook.test", 1),
					querycheck.ExpectIdentity("leadterra_webhook.test", map[string]knownvalue.Check{"id": knownvalue.StringRegexp(regexpMust(`^wh_`))}),
				},
			},
		},
	})
}
