package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// These tests pin the text users see when the API lacks a completion: the
// testing framework hides warnings, so they run at the protocol level.

func sandboxClient(t *testing.T, env *testEnv) *leadterra.Client {
	t.Helper()
	c, err := leadterra.New(leadterra.Config{BaseURL: env.BaseURL, APIKey: env.Key})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCampaignRead_goneWarns(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			camp, err := sandboxClient(t, env).CreateCampaign(context.Background(), leadterra.CampaignInput{Name: "x"}, "")
			if err != nil {
				t.Fatal(err)
			}
			p := newProtocolProvider(t, env, env.Key)
			state := map[string]tftypes.Value{"id": str(camp.ID), "name": str("x"), "status": str("draft")}

			diags, gone := p.readResource("leadterra_campaign", state)
			if gone || len(diags) != 0 {
				t.Fatalf("existing campaign: gone=%v diags=%+v", gone, diags)
			}
			env.Sandbox.DeleteCampaign(camp.ID)
			// The next run: a new provider process (one run reads a
			// campaign once, leadterra.Client's read memo).
			p = newProtocolProvider(t, env, env.Key)
			diags, gone = p.readResource("leadterra_campaign", state)
			if !gone {
				t.Fatal("a campaign whose stats answer campaign_not_found must leave state")
			}
			w := onlyWarning(t, diags)
			if !regexp.MustCompile(`removed from state`).MatchString(w.Summary) || !regexp.MustCompile(`campaign_not_found.*create it again`).MatchString(w.Detail) {
				t.Fatalf("warning does not say why a create is planned: %q: %q", w.Summary, w.Detail)
			}
		})
	}
}

func TestCampaignRead_authNeverGone(t *testing.T) {
	env := newTestEnv(t, withDocumentedOnly())
	env.requireSandbox(t)
	camp, err := sandboxClient(t, env).CreateCampaign(context.Background(), leadterra.CampaignInput{Name: "x"}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"sk_test_wrong", env.NoAccessKey} {
		p := newProtocolProvider(t, env, key)
		diags, gone := p.readResource("leadterra_campaign", map[string]tftypes.Value{"id": str(camp.ID), "name": str("x")})
		if gone || !hasError(diags) {
			t.Fatalf("401/403 must be an error that keeps state: gone=%v diags=%+v", gone, diags)
		}
	}
}

func TestCampaignDelete_documentedOnlyWarns(t *testing.T) {
	env := newTestEnv(t, withDocumentedOnly())
	env.requireSandbox(t)
	client := sandboxClient(t, env)
	ctx := context.Background()
	running, err := client.CreateCampaign(ctx, leadterra.CampaignInput{Name: "running", Steps: []leadterra.Step{{Subject: "s", BodyHTML: "b"}}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.UpsertLeads(ctx, running.ID, []leadterra.Lead{{Email: "ava@example.com"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.StartCampaign(ctx, running.ID); err != nil {
		t.Fatal(err)
	}
	p := newProtocolProvider(t, env, env.Key)
	w := onlyWarning(t, p.destroyResource("leadterra_campaign", map[string]tftypes.Value{"id": str(running.ID), "name": str("running")}))
	if !regexp.MustCompile(`remains in the Leadterra workspace`).MatchString(w.Summary) || !regexp.MustCompile(`paused it.*dashboard`).MatchString(w.Detail) {
		t.Fatalf("unexpected warning %q: %q", w.Summary, w.Detail)
	}
	if c, _ := env.Sandbox.Campaign(running.ID); c.Status != "paused" {
		t.Fatalf("a running campaign must be paused on destroy, sandbox says %s", c.Status)
	}
}
