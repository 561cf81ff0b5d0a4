package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// Live mode runs against whatever API the environment names, with or
// without the completions (DESIGN.md, "Completions and fallbacks"). A step that needs
// one asks the API first, on an object the test created, and is skipped with
// the reason when the API does not offer it.

// liveClient is a client for the live API, as the tests' own checks use it.
func (e *testEnv) liveClient(t *testing.T) *leadterra.Client {
	t.Helper()
	c, err := leadterra.New(leadterra.Config{BaseURL: e.BaseURL, APIKey: e.Key})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// skipUnlessOffered is a step's SkipFunc. Off live mode it never skips (the
// sandbox's options say what it offers). In live mode it runs probe, which
// must use capability on the test's own object without changing it, and
// skips the step when the API does not offer it; any other probe error
// fails the step.
func (e *testEnv) skipUnlessOffered(t *testing.T, capability string, probe func(context.Context, *leadterra.Client) error) func() (bool, error) {
	return func() (bool, error) {
		if !e.Live {
			return false, nil
		}
		c := e.liveClient(t)
		err := probe(context.Background(), c)
		if leadterra.IsNotOffered(err) || (err == nil && !c.Offered(capability)) {
			t.Logf("live mode: skipping a step that needs %s, which the API at %s does not offer", capability, e.BaseURL)
			return true, nil
		}
		if err != nil {
			return false, fmt.Errorf("live mode: probing %s: %w", capability, err)
		}
		return false, nil
	}
}

// campaignReadOffered probes GET /v1/campaigns/:id on *id.
func (e *testEnv) campaignReadOffered(t *testing.T, id *string) func() (bool, error) {
	return e.skipUnlessOffered(t, leadterra.CapCampaignRead, func(ctx context.Context, c *leadterra.Client) error {
		_, err := c.LookupCampaign(ctx, *id)
		return err
	})
}

// removeLiveCampaign removes a campaign the test created outside Terraform
// (through the client), at the end of a live test: deleted where the API
// can delete, else paused and logged as left in the workspace.
func (e *testEnv) removeLiveCampaign(t *testing.T, id string) {
	t.Helper()
	if !e.Live {
		return
	}
	t.Cleanup(func() {
		if err := e.checkLiveCampaignGone(t, id, true); err != nil {
			t.Error(err)
		}
	})
}

// checkLiveCampaignGone reports, in live mode, whether the campaign id is
// gone after destroy. A campaign the API cannot delete must at least not be
// running; it is logged so that the run says what it left behind. With
// remove, the check removes it itself (for campaigns created outside
// Terraform).
func (e *testEnv) checkLiveCampaignGone(t *testing.T, id string, remove bool) error {
	if !e.Live || id == "" {
		return nil
	}
	ctx := context.Background()
	c := e.liveClient(t)
	outcome, _, err := c.RemoveCampaign(ctx, id)
	switch {
	case err != nil:
		return fmt.Errorf("live mode: checking that campaign %s is gone: %w", id, err)
	case outcome == leadterra.Deleted && !remove:
		return fmt.Errorf("live mode: campaign %s still existed after destroy (the check deleted it)", id)
	case outcome == leadterra.LeftInWorkspace:
		t.Logf("live mode: campaign %s stays in the workspace, paused: the API offers no delete; remove %s… campaigns in the dashboard", id, testResourcePrefix)
	}
	return nil
}

// checkLiveWebhookGone is checkLiveCampaignGone for a webhook: where the API
// offers no read, it cannot be checked and is logged as possibly left.
func (e *testEnv) checkLiveWebhookGone(t *testing.T, id string) error {
	if !e.Live || id == "" {
		return nil
	}
	_, err := e.liveClient(t).GetWebhook(context.Background(), id)
	switch {
	case leadterra.IsNotOffered(err):
		t.Logf("live mode: webhook %s may stay registered: the API offers no webhook read or delete; remove %s… webhooks in the dashboard", id, testResourcePrefix)
		return nil
	case leadterra.IsObjectNotFound(err):
		return nil
	case err != nil:
		return fmt.Errorf("live mode: checking that webhook %s is gone: %w", id, err)
	}
	return fmt.Errorf("live mode: webhook %s still registered after destroy", id)
}
