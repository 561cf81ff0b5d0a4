package provider

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// TestMain applies the provider's log settings and enables sweepers: `go test ./internal/provider -v -sweep=all`
// removes what an interrupted live run left behind (objects named with
// testResourcePrefix), using LEADTERRA_API_KEY and LEADTERRA_BASE_URL.
func TestMain(m *testing.M) {
	// A mistyped LEADTERRA_ACC_LIVE must not pass for a live run.
	if _, err := liveMode(os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	// As main does: the provider's log settings, not the framework defaults.
	LimitSDKLogs()
	// The provider's address is leadterra/leadterra, as the examples'
	// required_providers blocks say; the testing framework defaults to the
	// hashicorp namespace. The GNUmakefile sets this too.
	if os.Getenv(resource.EnvTfAccProviderNamespace) == "" {
		_ = os.Setenv(resource.EnvTfAccProviderNamespace, "leadterra")
	}
	resource.TestMain(m)
}

func init() {
	resource.AddTestSweepers("leadterra_campaign", &resource.Sweeper{
		Name: "leadterra_campaign",
		F:    sweepCampaigns,
	})
}

func sweepCampaigns(_ string) error {
	env, err := liveEnv(os.Getenv)
	if err != nil {
		return err
	}
	client, err := leadterra.New(leadterra.Config{BaseURL: env.BaseURL, APIKey: env.Key})
	if err != nil {
		return err
	}
	ctx := context.Background()
	campaigns, err := client.ListCampaigns(ctx)
	if leadterra.IsNotOffered(err) {
		// The documented API cannot list campaigns: nothing to find.
		log.Printf("[WARN] sweeper: %v; test campaigns can only be removed in the dashboard (names start with %q)", err, testResourcePrefix)
		return nil
	}
	if err != nil {
		return fmt.Errorf("listing campaigns: %w", err)
	}
	for _, c := range campaigns {
		if !strings.HasPrefix(c.Name, testResourcePrefix) {
			continue
		}
		outcome, _, err := client.RemoveCampaign(ctx, c.ID)
		if err != nil {
			return fmt.Errorf("sweeping campaign %s: %w", c.ID, err)
		}
		log.Printf("[INFO] sweeper: campaign %s (%s): outcome %d", c.ID, c.Name, outcome)
	}
	return nil
}
