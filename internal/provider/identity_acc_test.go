package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// TestAccIdentity_allResources checks, on a CLI that knows resource
// identity (Terraform and OpenTofu 1.12+; the testing framework reports
// OpenTofu's own version), that every resource stores its identity, that an
// import block with identity imports each one to an empty plan, and that an
// import block with the plain id still does. Older CLIs skip it: the
// resources' own suites prove they work there unchanged.
func TestAccIdentity_allResources(t *testing.T) {
	env := apiModes[0].env(t) // import needs the campaign, webhook and lead reads
	camp := campaignHCL(testResourcePrefix+"identity-"+randomKey(""), stepIntro)
	body := camp + leadsHCL(leadsCampRef, 0, testLead("ava", "Ava")) +
		"resource \"leadterra_campaign_launch\" \"test\" {\n  campaign_id = leadterra_campaign_leads.test.campaign_id\n}\n" +
		webhookHCL("https://hooks.example.com/identity", "message.sent", "reply.received")
	cfg := env.config(body)

	byID := map[string]string{campaignAddr: identityID, webhookAddr: identityID, launchAddr: identityCampaignID, leadsAddr: identityCampaignID}
	idRe := map[string]string{campaignAddr: `^camp_`, webhookAddr: `^wh_`, launchAddr: `^camp_`, leadsAddr: `^camp_`}
	var checks []statecheck.StateCheck
	steps := []resource.TestStep{{Config: cfg}}
	for _, addr := range []string{campaignAddr, leadsAddr, launchAddr, webhookAddr} {
		attr := byID[addr]
		checks = append(checks,
			statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{attr: knownvalue.StringRegexp(regexpMust(idRe[addr]))}),
			statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New(attr)),
		)
		steps = append(steps,
			resource.TestStep{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
			resource.TestStep{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		)
	}
	steps[0].ConfigStateChecks = checks

	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}
