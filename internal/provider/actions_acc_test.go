package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// TestAccCampaignPauseAction_trigger runs the pause action through a real
// CLI, triggered after a terraform_data is created. terraform-plugin-testing
// v1.16 has no action step, but a lifecycle action_trigger in a plain
// config step runs the action on apply. Actions need Terraform 1.14, newer
// than the pinned CLIs, so today this test skips; OpenTofu has no actions.
func TestAccCampaignPauseAction_trigger(t *testing.T) {
	if strings.Contains(filepath.Base(os.Getenv("TF_ACC_TERRAFORM_PATH")), "tofu") {
		t.Skip("OpenTofu does not run provider actions")
	}
	env := apiModes[0].env(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{{
			Config: env.config(`action "leadterra_campaign_pause" "this" {
  config {
    campaign_id = "` + sandbox.SeedCampaignID + `"
  }
}

resource "terraform_data" "trigger" {
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.leadterra_campaign_pause.this]
    }
  }
}
`),
			Check: func(*terraform.State) error {
				if c, _ := env.Sandbox.Campaign(sandbox.SeedCampaignID); c.Status != sandbox.StatusPaused {
					return fmt.Errorf("after the triggered pause the campaign is %q", c.Status)
				}
				return nil
			},
		}},
	})
}
