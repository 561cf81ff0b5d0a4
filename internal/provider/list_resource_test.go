package provider

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// No CLI here runs `terraform query` (Terraform 1.14+), so the list
// resources are tested at the protocol level, as Terraform calls them,
// against the sandbox on both APIs.

// listResult is one ListResource result, decoded.
type listResult struct {
	name     string
	id       string // the identity's id
	resource map[string]tftypes.Value
	diags    []*tfprotov6.Diagnostic
}

// list runs ListResource on typeName with the config attributes given.
func (p *protocolProvider) list(typeName string, cfg map[string]tftypes.Value, include bool, limit int64) []listResult {
	p.t.Helper()
	ctx := context.Background()
	ls, ok := p.schema.ListResourceSchemas[typeName]
	if !ok {
		p.t.Fatalf("no list resource %s", typeName)
	}
	config := p.value(ls.ValueType(), cfg)
	ids, err := p.server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		p.t.Fatal(err)
	}
	server, ok := p.server.(tfprotov6.ListResourceServer)
	if !ok {
		p.t.Fatal("the provider server does not serve list resources")
	}
	stream, err := server.ListResource(ctx, &tfprotov6.ListResourceRequest{TypeName: typeName, Config: &config, IncludeResource: include, Limit: limit})
	if err != nil {
		p.t.Fatal(err)
	}
	var out []listResult
	for r := range stream.Results {
		got := listResult{name: r.DisplayName, diags: r.Diagnostics}
		if r.Identity != nil {
			v, err := r.Identity.IdentityData.Unmarshal(ids.IdentitySchemas[typeName].ValueType())
			if err != nil {
				p.t.Fatal(err)
			}
			var attrs map[string]tftypes.Value
			if err := v.As(&attrs); err != nil {
				p.t.Fatal(err)
			}
			_ = attrs["id"].As(&got.id)
		}
		if r.Resource != nil {
			v, err := r.Resource.Unmarshal(p.resourceType(typeName))
			if err != nil {
				p.t.Fatal(err)
			}
			if err := v.As(&got.resource); err != nil {
				p.t.Fatal(err)
			}
		}
		out = append(out, got)
	}
	return out
}

// okResults fails on any diagnostic and returns the results by display name.
func okResults(t *testing.T, results []listResult) map[string]listResult {
	t.Helper()
	byName := map[string]listResult{}
	for _, r := range results {
		if len(r.diags) > 0 {
			t.Fatalf("result %q: unexpected diagnostics %+v", r.name, r.diags)
		}
		byName[r.name] = r
	}
	return byName
}

// onlyNotOffered checks that a listing on the documented API is a single
// error naming the missing endpoint.
func onlyNotOffered(t *testing.T, results []listResult, endpoint string) {
	t.Helper()
	if len(results) != 1 || len(results[0].diags) != 1 || results[0].diags[0].Severity != tfprotov6.DiagnosticSeverityError {
		t.Fatalf("want one result with one error, got %+v", results)
	}
	d := results[0].diags[0]
	if !strings.Contains(d.Detail, "does not offer "+endpoint) || results[0].id != "" {
		t.Fatalf("the error must name %s and carry no identity: %s: %s", endpoint, d.Summary, d.Detail)
	}
}

func getString(t *testing.T, v tftypes.Value) string {
	t.Helper()
	var s string
	if err := v.As(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestListResource_campaign(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			ctx := context.Background()
			client := sandboxClient(t, env)
			prefix := testResourcePrefix + "list-" + randomKey("") + "-"
			steps := []leadterra.Step{{Subject: "Hi {{firstName}}", BodyHTML: "<p>Hi</p>"}}
			running, err := client.CreateCampaign(ctx, leadterra.CampaignInput{Name: prefix + "running", Steps: steps}, "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := client.UpsertLeads(ctx, running.ID, []leadterra.Lead{{Email: "ava@" + testLeadEmailDomain}}); err != nil {
				t.Fatal(err)
			}
			if _, err := client.StartCampaign(ctx, running.ID); err != nil {
				t.Fatal(err)
			}
			draft, err := client.CreateCampaign(ctx, leadterra.CampaignInput{Name: prefix + "draft", Steps: []leadterra.Step{}}, "")
			if err != nil {
				t.Fatal(err)
			}
			p := newProtocolProvider(t, env, env.Key)
			const typ = "leadterra_campaign"
			byPrefix := map[string]tftypes.Value{"name_prefix": str(prefix)}

			if mode.documented {
				onlyNotOffered(t, p.list(typ, byPrefix, false, 0), "GET /v1/campaigns")
				return
			}

			got := okResults(t, p.list(typ, byPrefix, false, 0))
			if len(got) != 2 || got[prefix+"running"].id != running.ID || got[prefix+"draft"].id != draft.ID {
				t.Fatalf("name_prefix: want the two campaigns by name with their ids %s, %s; got %+v", running.ID, draft.ID, got)
			}
			if got[prefix+"running"].resource != nil {
				t.Fatal("a resource object was returned though not asked for")
			}

			// Every campaign (the sandbox seeds one more), then status.
			if all := okResults(t, p.list(typ, nil, false, 0)); len(all) < 3 {
				t.Fatalf("no filter: want every campaign, got %d", len(all))
			}
			status := map[string]tftypes.Value{"name_prefix": str(prefix), "status": str("running")}
			if got := okResults(t, p.list(typ, status, false, 0)); len(got) != 1 || got[prefix+"running"].id != running.ID {
				t.Fatalf("status running: want only %s, got %+v", running.ID, got)
			}
			status["status"] = str("paused")
			if got := p.list(typ, status, false, 0); len(got) != 0 {
				t.Fatalf("status paused: want nothing, got %+v", got)
			}

			got = okResults(t, p.list(typ, byPrefix, true, 0))
			r := got[prefix+"running"].resource
			if r == nil || getString(t, r["id"]) != running.ID || getString(t, r["name"]) != prefix+"running" || getString(t, r["status"]) != "running" {
				t.Fatalf("include_resource: got %+v", r)
			}
			var listed []tftypes.Value
			if err := r["sequence_steps"].As(&listed); err != nil || len(listed) != 1 {
				t.Fatalf("include_resource: want the one step, got %v (%v)", r["sequence_steps"], err)
			}
			if d := got[prefix+"draft"].resource; d == nil || getString(t, d["status"]) != "draft" {
				t.Fatalf("include_resource: draft got %+v", d)
			}

			if got := p.list(typ, byPrefix, false, 1); len(got) != 1 {
				t.Fatalf("limit 1: got %d results", len(got))
			}
		})
	}
}

func TestListResource_webhook(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			ctx := context.Background()
			client := sandboxClient(t, env)
			host := "https://list-" + randomKey("") + ".example.com/"
			create := func(url string, events ...string) leadterra.Webhook {
				t.Helper()
				w, err := client.CreateWebhook(ctx, leadterra.WebhookInput{URL: url, Events: events}, "")
				if err != nil {
					t.Fatal(err)
				}
				return w
			}
			sent := create(host+"sent", "message.sent")
			replies := create(host+"replies", "reply.received", "message.bounced")
			other := create("https://elsewhere.example.com/replies", "reply.received")
			p := newProtocolProvider(t, env, env.Key)
			const typ = "leadterra_webhook"
			byHost := map[string]tftypes.Value{"url_prefix": str(host)}

			if mode.documented {
				onlyNotOffered(t, p.list(typ, byHost, false, 0), "GET /v1/webhooks")
				return
			}

			got := okResults(t, p.list(typ, byHost, false, 0))
			if len(got) != 2 || got[sent.URL].id != sent.ID || got[replies.URL].id != replies.ID {
				t.Fatalf("url_prefix: want %s and %s by URL, got %+v", sent.ID, replies.ID, got)
			}

			var ids []string
			for _, r := range okResults(t, p.list(typ, map[string]tftypes.Value{"event": str("reply.received")}, false, 0)) {
				ids = append(ids, r.id)
			}
			if !slices.Contains(ids, replies.ID) || !slices.Contains(ids, other.ID) || slices.Contains(ids, sent.ID) {
				t.Fatalf("event reply.received: want %s and %s, not %s; got %v", replies.ID, other.ID, sent.ID, ids)
			}

			got = okResults(t, p.list(typ, map[string]tftypes.Value{"url_prefix": str(host), "event": str("message.bounced")}, true, 0))
			r := got[replies.URL].resource
			if len(got) != 1 || r == nil || getString(t, r["id"]) != replies.ID || getString(t, r["url"]) != replies.URL || getString(t, r["status"]) != "active" {
				t.Fatalf("include_resource: got %+v", got)
			}
			var events []tftypes.Value
			if err := r["events"].As(&events); err != nil || len(events) != 2 {
				t.Fatalf("include_resource: want both events, got %v (%v)", r["events"], err)
			}
		})
	}
}
