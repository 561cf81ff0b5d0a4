package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

func TestMissingTemplateFields(t *testing.T) {
	templates := []string{"About {{use_case}}", "<p>Hi {{firstName}}, {{region}} / {{ use_case }}</p>", "broken {{"}
	leads := map[string]map[string]string{
		"e@example.com": {"use_case": "billing", "region": "EU"},
		"d@example.com": {"use_case": ""},
		"c@example.com": {},
		"b@example.com": {"first_name": "B"},
		"a@example.com": {"use_case": "x"},
		"z@example.com": nil, // unknown until apply: not counted
	}
	got := missingTemplateFields(templates, leads)
	want := "region: 4 [a@example.com b@example.com c@example.com]; use_case: 3 [b@example.com c@example.com d@example.com]"
	var parts []string
	for _, g := range got {
		parts = append(parts, fmt.Sprintf("%s: %d %v", g.Field, g.Lacking, g.Examples))
	}
	if strings.Join(parts, "; ") != want {
		t.Fatalf("got %q\nwant %q", strings.Join(parts, "; "), want)
	}
	// Standard tokens are not custom fields: a lead without first_name is
	// not reported here.
	if got := missingTemplateFields([]string{"Hi {{firstName}} at {{company}}"}, leads); got != nil {
		t.Fatalf("standard tokens only: got %+v", got)
	}
}

// templateCheckPlan plans a leadterra_campaign_leads through the protocol.
func templateCheckPlan(t *testing.T, p *protocolProvider, prior map[string]tftypes.Value, campaignID string, leads map[string]map[string]string) []*tfprotov6.Diagnostic {
	t.Helper()
	typ := p.resourceType(campaignLeadsType).(tftypes.Object)
	config := p.value(typ, map[string]tftypes.Value{"campaign_id": str(campaignID), "leads": leadsTestValue(typ, leads)})
	priorState := p.value(typ, prior)
	if prior == nil {
		v, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
		if err != nil {
			t.Fatal(err)
		}
		priorState = v
	}
	resp, err := p.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: campaignLeadsType, PriorState: &priorState, ProposedNewState: &config, Config: &config,
	})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

// TestCampaignLeadsPlan_templateFieldWarning: the warning, and the requests
// it costs: none. It uses the steps the campaign resource read in this
// process, and is skipped when nothing in the run read them.
func TestCampaignLeadsPlan_templateFieldWarning(t *testing.T) {
	leads := map[string]map[string]string{
		"a@example.com": {"first_name": "A", "use_case": "billing"},
		"b@example.com": {"first_name": "B"},
		"c@example.com": {"use_case": ""},
	}
	warning := regexp.MustCompile(`^2 of 3 leads lack the custom field use_case$`)
	detail := regexp.MustCompile(`\{\{use_case\}\}.*2 of the 3 leads.*: b@example.com, c@example.com\.`)
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			id, err := sandboxClient(t, env).CreateCampaign(context.Background(), leadterra.CampaignInput{
				Name: testResourcePrefix + "tokens", Steps: []leadterra.Step{{Subject: "Hi {{firstName}}", BodyHTML: "<p>{{use_case}}</p>"}},
			}, "")
			if err != nil {
				t.Fatal(err)
			}

			t.Run("campaign not read in this run", func(t *testing.T) {
				p := newProtocolProvider(t, env, env.Key)
				env.Sandbox.ResetCounts()
				if diags := templateCheckPlan(t, p, nil, id.ID, leads); len(diags) != 0 {
					t.Fatalf("no steps known to this run: no check; got %+v", diags)
				}
				if n := env.Sandbox.TotalRequests(); n != 0 {
					t.Fatalf("the check must send no request; got %v", env.Sandbox.RequestCounts())
				}
			})

			t.Run("after the campaign resource's read", func(t *testing.T) {
				p := newProtocolProvider(t, env, env.Key)
				steps := tftypes.List{ElementType: p.resourceType("leadterra_campaign").(tftypes.Object).AttributeTypes["sequence_steps"].(tftypes.List).ElementType}
				stepT := steps.ElementType.(tftypes.Object)
				step := tftypes.NewValue(stepT, map[string]tftypes.Value{"subject": str("Hi {{firstName}}"), "body_html": str("<p>{{use_case}}</p>"), "delay_days": tftypes.NewValue(tftypes.Number, 0)})
				if diags, gone := p.readResource("leadterra_campaign", map[string]tftypes.Value{
					"id": str(id.ID), "name": str(testResourcePrefix + "tokens"), "sequence_steps": tftypes.NewValue(steps, []tftypes.Value{step}),
				}); gone || hasError(diags) {
					t.Fatalf("read: gone=%v %+v", gone, diags)
				}
				env.Sandbox.ResetCounts()
				mustMatch(t, onlyWarning(t, templateCheckPlan(t, p, nil, id.ID, leads)), warning.String(), detail.String())
				if n := env.Sandbox.TotalRequests(); n != 0 {
					t.Fatalf("the warning must cost no request when the campaign was read; got %v", env.Sandbox.RequestCounts())
				}

				// An update that sends no lead (only an empty field added)
				// checks nothing.
				prior := map[string]tftypes.Value{"id": str(id.ID), "campaign_id": str(id.ID)}
				priorLeads := map[string]map[string]string{}
				for e, f := range leads {
					priorLeads[e] = f
				}
				plannedLeads := map[string]map[string]string{"a@example.com": leads["a@example.com"], "b@example.com": {"first_name": "B", "use_case": ""}, "c@example.com": leads["c@example.com"]}
				typ := p.resourceType(campaignLeadsType).(tftypes.Object)
				prior["leads"] = leadsTestValue(typ, priorLeads)
				if diags := templateCheckPlan(t, p, prior, id.ID, plannedLeads); len(diags) != 0 {
					t.Fatalf("no lead sent: want no warning, got %+v", diags)
				}
				// Every lead carrying the field: no warning.
				full := map[string]map[string]string{"a@example.com": {"use_case": "x"}, "b@example.com": {"use_case": "y"}}
				if diags := templateCheckPlan(t, p, nil, id.ID, full); len(diags) != 0 {
					t.Fatalf("all leads have use_case: want no warning, got %+v", diags)
				}
			})
		})
	}
}

func leadsTestValue(typ tftypes.Object, leads map[string]map[string]string) tftypes.Value {
	leadT := typ.AttributeTypes["leads"].(tftypes.Map)
	elems := map[string]tftypes.Value{}
	for e, f := range leads {
		fields := map[string]tftypes.Value{}
		for k, v := range f {
			fields[k] = str(v)
		}
		elems[e] = tftypes.NewValue(leadT.ElementType, fields)
	}
	return tftypes.NewValue(leadT, elems)
}

// BenchmarkTemplateCheck10000 measures what the check adds to a plan of
// 10,000 leads when it runs: reading plan and state leads, deciding whether
// any is sent, and counting the gaps.
//
//	go test -run '^$' -bench TemplateCheck ./internal/provider
func BenchmarkTemplateCheck10000(b *testing.B) {
	leadsT := tftypes.Map{ElementType: tftypes.Map{ElementType: tftypes.String}}
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"campaign_id": tftypes.String, "leads": leadsT}}
	obj := func(changed int) tftypes.Value {
		elems := map[string]tftypes.Value{}
		for i := range 10000 {
			first := fmt.Sprintf("Lead %d", i)
			if i == changed {
				first = "Changed"
			}
			elems[fmt.Sprintf("lead%05d@example.com", i)] = tftypes.NewValue(leadsT.ElementType, map[string]tftypes.Value{
				"first_name": str(first), "company": str("Co"), "use_case": str(map[bool]string{true: "", false: "x"}[i%10 == 0]),
			})
		}
		return tftypes.NewValue(typ, map[string]tftypes.Value{"campaign_id": str("camp_1"), "leads": tftypes.NewValue(leadsT, elems)})
	}
	var diags diag.Diagnostics
	state, plan := attrsOf(context.Background(), obj(-1), &diags), attrsOf(context.Background(), obj(5000), &diags)
	templates := []string{"Hi {{firstName}}", "<p>{{use_case}}</p>"}
	b.ResetTimer()
	for range b.N {
		planned, _ := rawLeads(plan)
		if !sendsLeads(state, "camp_1", planned) {
			b.Fatal("one lead changed: leads are sent")
		}
		if gaps := missingTemplateFields(templates, planned); len(gaps) != 1 || gaps[0].Lacking != 1000 {
			b.Fatalf("gaps: %+v", gaps)
		}
	}
}
