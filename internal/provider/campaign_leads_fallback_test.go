package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// These tests pin the warnings of the leads resource, which the testing
// framework hides: skipped (suppressed) leads, leads that stay enrolled
// where the API cannot unenroll, and removal from state.

// leadsValue is a leads map of addresses with a first name each.
func (p *protocolProvider) leadsValue(emails ...string) tftypes.Value {
	p.t.Helper()
	mapT := p.resourceType(campaignLeadsType).(tftypes.Object).AttributeTypes["leads"].(tftypes.Map)
	fieldsT := mapT.ElementType
	elems := make(map[string]tftypes.Value, len(emails))
	for _, e := range emails {
		elems[e] = tftypes.NewValue(fieldsT, map[string]tftypes.Value{"first_name": str("Lead")})
	}
	return tftypes.NewValue(mapT, elems)
}

// planApply plans and applies one change the way Terraform does: prior nil
// creates; the proposed state is the config with computed values carried
// over from prior. It returns the new state and every diagnostic.
func (p *protocolProvider) planApply(typeName string, prior, config map[string]tftypes.Value) (map[string]tftypes.Value, []*tfprotov6.Diagnostic) {
	p.t.Helper()
	ctx := context.Background()
	typ := p.resourceType(typeName)
	priorDV, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		p.t.Fatal(err)
	}
	if prior != nil {
		priorDV = p.value(typ, prior)
	}
	proposed := maps.Clone(config)
	for k, v := range prior {
		if _, set := config[k]; !set {
			proposed[k] = v
		}
	}
	cfg, prop := p.value(typ, config), p.value(typ, proposed)
	plan, err := p.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: &priorDV, ProposedNewState: &prop, Config: &cfg})
	if err != nil {
		p.t.Fatal(err)
	}
	if hasError(plan.Diagnostics) {
		return prior, plan.Diagnostics
	}
	applied, err := p.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typeName, PriorState: &priorDV, PlannedState: plan.PlannedState, Config: &cfg})
	if err != nil {
		p.t.Fatal(err)
	}
	diags := append(plan.Diagnostics, applied.Diagnostics...)
	return p.stateAttrs(typ, applied.NewState), diags
}

func (p *protocolProvider) stateAttrs(typ tftypes.Type, dv *tfprotov6.DynamicValue) map[string]tftypes.Value {
	p.t.Helper()
	if dv == nil {
		return nil
	}
	v, err := dv.Unmarshal(typ)
	if err != nil {
		p.t.Fatal(err)
	}
	if v.IsNull() {
		return nil
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		p.t.Fatal(err)
	}
	return attrs
}

// readState refreshes one object and returns its new state (nil: removed).
func (p *protocolProvider) readState(typeName string, attrs map[string]tftypes.Value) (map[string]tftypes.Value, []*tfprotov6.Diagnostic) {
	p.t.Helper()
	typ := p.resourceType(typeName)
	state := p.value(typ, attrs)
	resp, err := p.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: &state})
	if err != nil {
		p.t.Fatal(err)
	}
	return p.stateAttrs(typ, resp.NewState), resp.Diagnostics
}

// setLen counts the elements of a set or the entries of a map.
func setLen(t *testing.T, v tftypes.Value) int {
	t.Helper()
	if v.Type().Is(tftypes.Map{}) {
		var m map[string]tftypes.Value
		if err := v.As(&m); err != nil {
			t.Fatal(err)
		}
		return len(m)
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		t.Fatal(err)
	}
	return len(elems)
}

func leadsConfig(p *protocolProvider, campaignID string, emails ...string) map[string]tftypes.Value {
	return map[string]tftypes.Value{"campaign_id": str(campaignID), "leads": p.leadsValue(emails...)}
}

func mustMatch(t *testing.T, d *tfprotov6.Diagnostic, summary, detail string) {
	t.Helper()
	if !regexp.MustCompile(summary).MatchString(d.Summary) || !regexp.MustCompile(`(?s)`+detail).MatchString(d.Detail) {
		t.Fatalf("unexpected diagnostic:\n%s\n%s", d.Summary, d.Detail)
	}
}

func TestCampaignLeads_skippedWarning(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opts   []envOption
		detail string
		named  int
	}{
		// The guide's answer names the skipped addresses.
		{"guide", []envOption{withStyle(sandbox.StyleGuide)}, `did not enroll these leads in campaign ".*":.*suppression list.*- Blocked@Example.com.*skipped_emails.*lift their suppression`, 1},
		// The reference answer only counts: the listing names them.
		{"reference", []envOption{withStyle(sandbox.StyleReference)}, `- Blocked@Example.com.*skipped_emails`, 1},
		// Neither names nor listing: the count, and where to look.
		{"documented", []envOption{withDocumentedOnly()}, `left out 1 lead\(s\) of campaign ".*" without saying which.*cannot list enrolled leads.*suppression list`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t, tc.opts...)
			env.requireSandbox(t)
			id := seedLeadsCampaign(t, env)
			if _, err := sandboxClient(t, env).AddSuppressions(context.Background(), []string{"blocked@example.com"}); err != nil {
				t.Fatal(err)
			}
			p := newProtocolProvider(t, env, env.Key)
			state, diags := p.planApply(campaignLeadsType, nil, leadsConfig(p, id, "ok@example.com", "Blocked@Example.com"))
			mustMatch(t, onlyWarning(t, diags), `^Leadterra skipped 1 suppressed lead\(s\)$`, tc.detail)
			if got := setLen(t, state["skipped_emails"]); got != tc.named {
				t.Fatalf("skipped_emails has %d entries, want %d", got, tc.named)
			}
			if n := len(env.Sandbox.Leads(id)); n != 1 {
				t.Fatalf("the sandbox enrolled %d leads, want 1", n)
			}
		})
	}
}

func TestCampaignLeads_removalWithoutUnenrolWarns(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			id := seedLeadsCampaign(t, env)
			p := newProtocolProvider(t, env, env.Key)

			state, diags := p.planApply(campaignLeadsType, nil, leadsConfig(p, id, "a@example.com", "b@example.com", "c@example.com"))
			if len(diags) != 0 {
				t.Fatalf("create: %+v", diags)
			}
			state, diags = p.planApply(campaignLeadsType, state, leadsConfig(p, id, "a@example.com", "b@example.com"))
			if mode.documented {
				mustMatch(t, onlyWarning(t, diags), `^1 lead\(s\) stay enrolled in campaign ".*"$`,
					`offers no way to unenroll leads \(there is no DELETE /v1/campaigns/:id/leads\)\. They were removed from leads, so Terraform no longer manages them, but these leads remain enrolled.*- c@example.com\n\nUnenroll them in the Leadterra dashboard`)
			} else if len(diags) != 0 {
				t.Fatalf("update: %+v", diags)
			}
			if got, want := len(env.Sandbox.Leads(id)), map[bool]int{true: 3, false: 2}[mode.documented]; got != want {
				t.Fatalf("sandbox holds %d leads after the removal, want %d", got, want)
			}

			diags = p.destroyResource(campaignLeadsType, state)
			if mode.documented {
				mustMatch(t, onlyWarning(t, diags), `^2 lead\(s\) stay enrolled in campaign ".*"$`,
					`removed this leadterra_campaign_leads resource from state, but these leads remain enrolled.*- a@example.com\n  - b@example.com`)
			} else if len(diags) != 0 {
				t.Fatalf("destroy: %+v", diags)
			}
			if got, want := len(env.Sandbox.Leads(id)), map[bool]int{true: 3, false: 0}[mode.documented]; got != want {
				t.Fatalf("sandbox holds %d leads after destroy, want %d", got, want)
			}
		})
	}
}

func TestCampaignLeads_destroyAfterCampaignGoneIsQuiet(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			id := seedLeadsCampaign(t, env)
			p := newProtocolProvider(t, env, env.Key)
			state, diags := p.planApply(campaignLeadsType, nil, leadsConfig(p, id, "a@example.com"))
			if len(diags) != 0 {
				t.Fatal(diags)
			}
			env.Sandbox.DeleteCampaign(id)
			if diags := p.destroyResource(campaignLeadsType, state); len(diags) != 0 {
				t.Fatalf("the leads went with their campaign: nothing to warn about, got %+v", diags)
			}
		})
	}
}

func TestCampaignLeads_readRemovedFromState(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name+"/campaign gone", func(t *testing.T) {
			env := mode.env(t)
			id := seedLeadsCampaign(t, env)
			p := newProtocolProvider(t, env, env.Key)
			state, _ := p.planApply(campaignLeadsType, nil, leadsConfig(p, id, "a@example.com"))
			if got, diags := p.readState(campaignLeadsType, state); got == nil || len(diags) != 0 {
				t.Fatalf("existing leads: state %v, diags %+v", got, diags)
			}
			env.Sandbox.DeleteCampaign(id)
			env.Sandbox.ResetCounts()
			got, diags := p.readState(campaignLeadsType, state)
			if got != nil {
				t.Fatal("leads of a deleted campaign must leave state")
			}
			// Stats, which proves it gone, is asked once, after the listing
			// (which the first read found missing in documented-only mode).
			wantList := 1
			if mode.name == "documented" {
				wantList = 0
			}
			if l, s, g := env.Sandbox.RequestCount("GET /v1/campaigns/:id/leads"), env.Sandbox.RequestCount("GET /v1/campaigns/:id/stats"), env.Sandbox.RequestCount("GET /v1/campaigns/:id"); l != wantList || s != 1 || g != 0 {
				t.Errorf("read of a deleted campaign's leads: listing %d, stats %d, campaign read %d; want %d, 1, 0", l, s, g, wantList)
			}
			mustMatch(t, onlyWarning(t, diags), fmt.Sprintf(`^The lead enrolment of campaign %q no longer exists; removed from state$`, id),
				`campaign itself is gone: its stats endpoint answers campaign_not_found.*plan to create it again`)
		})
	}

	t.Run("full/leads unenrolled", func(t *testing.T) {
		env := newTestEnv(t)
		env.requireSandbox(t)
		id := seedLeadsCampaign(t, env)
		p := newProtocolProvider(t, env, env.Key)
		state, _ := p.planApply(campaignLeadsType, nil, leadsConfig(p, id, "a@example.com", "b@example.com"))
		client := sandboxClient(t, env)
		// Someone else's lead in the same campaign is not ours to track.
		if _, err := client.UpsertLeads(context.Background(), id, []leadterra.Lead{{Email: "other@example.com"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := client.RemoveLeads(context.Background(), id, []string{"a@example.com"}); err != nil {
			t.Fatal(err)
		}
		got, diags := p.readState(campaignLeadsType, state)
		if len(diags) != 0 || got == nil || setLen(t, got["leads"]) != 1 {
			t.Fatalf("one lead unenrolled: it leaves state quietly (the plan re-adds it); got %v, %+v", got, diags)
		}
		if _, err := client.RemoveLeads(context.Background(), id, []string{"b@example.com"}); err != nil {
			t.Fatal(err)
		}
		got, diags = p.readState(campaignLeadsType, state)
		if got != nil {
			t.Fatal("with none of its leads enrolled, the resource must leave state")
		}
		mustMatch(t, onlyWarning(t, diags), fmt.Sprintf(`^Leads of campaign %q are no longer enrolled; removed from state$`, id),
			`None of the 2 lead\(s\) this resource manages is enrolled.*plan to enroll them again`)
	})

	t.Run("documented/keeps state", func(t *testing.T) {
		env := newTestEnv(t, withDocumentedOnly())
		env.requireSandbox(t)
		id := seedLeadsCampaign(t, env)
		p := newProtocolProvider(t, env, env.Key)
		state, _ := p.planApply(campaignLeadsType, nil, leadsConfig(p, id, "a@example.com"))
		got, diags := p.readState(campaignLeadsType, state)
		if len(diags) != 0 || got == nil || !got["leads"].Equal(state["leads"]) {
			t.Fatalf("without a listing the state stays as it was: %v, %+v", got, diags)
		}
	})
}

func TestCampaignLeads_readAuthNeverGone(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			id := seedLeadsCampaign(t, env)
			p := newProtocolProvider(t, env, env.Key)
			state, _ := p.planApply(campaignLeadsType, nil, leadsConfig(p, id, "a@example.com"))
			for _, key := range []string{"sk_test_wrong", env.NoAccessKey} {
				got, diags := newProtocolProvider(t, env, key).readState(campaignLeadsType, state)
				if got == nil || !hasError(diags) {
					t.Fatalf("401/403 must be an error that keeps state: state %v, diags %+v", got, diags)
				}
			}
		})
	}
}

func TestCampaignLeads_batchSizeAloneSendsNothing(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	id := seedLeadsCampaign(t, env)
	p := newProtocolProvider(t, env, env.Key)
	state, _ := p.planApply(campaignLeadsType, nil, leadsConfig(p, id, "a@example.com"))
	writes := env.Sandbox.TotalWrites()
	cfg := leadsConfig(p, id, "a@example.com")
	cfg["batch_size"] = tftypes.NewValue(tftypes.Number, 7)
	got, diags := p.planApply(campaignLeadsType, state, cfg)
	if len(diags) != 0 || env.Sandbox.TotalWrites() != writes {
		t.Fatalf("batch_size alone must send nothing: %+v, %d writes", diags, env.Sandbox.TotalWrites()-writes)
	}
	for _, k := range []string{"enrolled_count", "updated_count", "skipped_count", "skipped_emails"} {
		if !got[k].Equal(state[k]) {
			t.Fatalf("%s changed without a send: %v → %v", k, state[k], got[k])
		}
	}
}

func TestCampaignLeads_importErrors(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	empty := seedLeadsCampaign(t, env)
	gone := seedLeadsCampaign(t, env)
	env.Sandbox.DeleteCampaign(gone)
	p := newProtocolProvider(t, env, env.Key)
	for id, want := range map[string]string{
		empty: `^No leads to import$`,
		gone:  `^No such campaign$`,
	} {
		resp, err := p.server.ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{TypeName: campaignLeadsType, ID: id})
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Diagnostics) != 1 || !regexp.MustCompile(want).MatchString(resp.Diagnostics[0].Summary) {
			t.Fatalf("import %s: want %s, got %+v", id, want, resp.Diagnostics)
		}
	}
}
