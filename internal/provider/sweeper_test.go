package provider

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
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
	resource.AddTestSweepers("leadterra_webhook", &resource.Sweeper{
		Name: "leadterra_webhook",
		F:    sweepWebhooks,
	})
}

func sweeperClient() (*leadterra.Client, error) {
	env, err := liveEnv(os.Getenv)
	if err != nil {
		return nil, err
	}
	return leadterra.New(leadterra.Config{BaseURL: env.BaseURL, APIKey: env.Key})
}

func sweepCampaigns(_ string) error {
	client, err := sweeperClient()
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

// sweepWebhooks deletes webhooks whose URL holds testResourcePrefix (the
// tests register https://example.com/tf-acc-…).
func sweepWebhooks(_ string) error {
	client, err := sweeperClient()
	if err != nil {
		return err
	}
	return sweepWebhooksWith(context.Background(), client)
}

func sweepWebhooksWith(ctx context.Context, client *leadterra.Client) error {
	hooks, err := client.ListWebhooks(ctx)
	if leadterra.IsNotOffered(err) {
		log.Printf("[WARN] sweeper: %v; test webhooks (URLs holding %q) can only be removed in the dashboard", err, testResourcePrefix)
		return nil
	}
	if err != nil {
		return fmt.Errorf("listing webhooks: %w", err)
	}
	for _, w := range hooks {
		if !strings.Contains(w.URL, testResourcePrefix) {
			continue
		}
		err := client.DeleteWebhook(ctx, w.ID)
		if leadterra.IsNotOffered(err) {
			log.Printf("[WARN] sweeper: %v; webhook %s (%s) stays registered: remove it in the dashboard", err, w.ID, w.URL)
			continue
		}
		if err != nil && !leadterra.IsObjectNotFound(err) {
			return fmt.Errorf("sweeping webhook %s: %w", w.ID, err)
		}
		log.Printf("[INFO] sweeper: webhook %s (%s) deleted", w.ID, w.URL)
	}
	return nil
}

// TestWebhookSweeper deletes the tests' webhooks (and only them) where the
// API can list and delete webhooks, and gives up quietly where it cannot.
func TestWebhookSweeper(t *testing.T) {
	for _, documented := range []bool{false, true} {
		t.Run(fmt.Sprintf("documentedOnly=%v", documented), func(t *testing.T) {
			s := sandbox.New(sandbox.Options{Keys: []string{"sk_test_sweep"}, DocumentedOnly: documented})
			srv := httptest.NewServer(s)
			t.Cleanup(srv.Close)
			client, err := leadterra.New(leadterra.Config{BaseURL: srv.URL, APIKey: "sk_test_sweep"})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			for _, u := range []string{"https://example.com/" + testResourcePrefix + "a", "https://example.com/keep"} {
				if _, err := client.CreateWebhook(ctx, leadterra.WebhookInput{URL: u, Events: []string{"reply.received"}}, ""); err != nil {
					t.Fatal(err)
				}
			}
			if err := sweepWebhooksWith(ctx, client); err != nil {
				t.Fatal(err)
			}
			var left []string
			for _, w := range s.Webhooks() {
				left = append(left, w.URL)
			}
			want := 1
			if documented {
				want = 2 // nothing can be listed or deleted
			}
			if len(left) != want || !slices.Contains(left, "https://example.com/keep") {
				t.Errorf("webhooks left: %v; want %d, the non-test one among them", left, want)
			}
		})
	}
}
