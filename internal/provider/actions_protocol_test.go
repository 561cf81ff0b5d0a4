package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// No CLI of the test matrix runs actions (Terraform 1.14+), so actions are
// tested here through the provider server's PlanAction and InvokeAction, as
// Terraform would call them.

// actionResult is what one invoke reported.
type actionResult struct {
	progress []string
	diags    []*tfprotov6.Diagnostic
}

func (r actionResult) text() string {
	var b strings.Builder
	for _, d := range r.diags {
		b.WriteString(d.Summary + ": " + d.Detail + "\n")
	}
	return b.String()
}

// invokeAction plans, then invokes, the action typeName with attrs. A plan
// diagnostic fails the test: an action's config is all known here.
func (p *protocolProvider) invokeAction(typeName string, attrs map[string]tftypes.Value) actionResult {
	p.t.Helper()
	s, ok := p.schema.ActionSchemas[typeName]
	if !ok {
		p.t.Fatalf("no action type %s", typeName)
	}
	cfg := p.value(s.Schema.ValueType(), attrs)
	ctx := context.Background()
	srv, ok := p.server.(tfprotov6.ActionServer)
	if !ok {
		p.t.Fatalf("the provider server %T serves no actions", p.server)
	}
	plan, err := srv.PlanAction(ctx, &tfprotov6.PlanActionRequest{ActionType: typeName, Config: &cfg})
	if err != nil || len(plan.Diagnostics) > 0 {
		p.t.Fatalf("plan %s: %v %+v", typeName, err, plan.Diagnostics)
	}
	stream, err := srv.InvokeAction(ctx, &tfprotov6.InvokeActionRequest{ActionType: typeName, Config: &cfg})
	if err != nil {
		p.t.Fatal(err)
	}
	var r actionResult
	for ev := range stream.Events {
		switch e := ev.Type.(type) {
		case tfprotov6.ProgressInvokeActionEventType:
			r.progress = append(r.progress, e.Message)
		case tfprotov6.CompletedInvokeActionEventType:
			r.diags = append(r.diags, e.Diagnostics...)
		}
	}
	return r
}

func campaignStatus(t *testing.T, s *sandbox.Server, id string) string {
	t.Helper()
	c, ok := s.Campaign(id)
	if !ok {
		t.Fatalf("campaign %s is gone", id)
	}
	return c.Status
}

// TestCampaignActions: pause then start the seeded running campaign in the
// sandbox, in both API modes; a start of a draft without leads is refused
// with what to add; an unknown campaign is named.
func TestCampaignActions(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			p := newProtocolProvider(t, env, env.Key)
			id := sandbox.SeedCampaignID
			args := map[string]tftypes.Value{"campaign_id": str(id)}

			r := p.invokeAction("leadterra_campaign_pause", args)
			if hasError(r.diags) || campaignStatus(t, env.Sandbox, id) != sandbox.StatusPaused {
				t.Fatalf("pause: %s; status %s", r.text(), campaignStatus(t, env.Sandbox, id))
			}
			if last := r.progress[len(r.progress)-1]; last != "Campaign "+id+" is paused" {
				t.Errorf("pause progress %q", r.progress)
			}
			r = p.invokeAction("leadterra_campaign_start", args)
			if hasError(r.diags) || campaignStatus(t, env.Sandbox, id) != sandbox.StatusRunning {
				t.Fatalf("start: %s; status %s", r.text(), campaignStatus(t, env.Sandbox, id))
			}

			draft, err := env.liveClient(t).CreateCampaign(t.Context(), leadterra.CampaignInput{Name: "tf-acc-action-draft"}, "")
			if err != nil {
				t.Fatal(err)
			}
			r = p.invokeAction("leadterra_campaign_start", map[string]tftypes.Value{"campaign_id": str(draft.ID)})
			if !hasError(r.diags) || !strings.Contains(r.text(), "Campaign has no enrolled leads") || campaignStatus(t, env.Sandbox, draft.ID) != sandbox.StatusDraft {
				t.Errorf("start of an empty draft: %s", r.text())
			}
			r = p.invokeAction("leadterra_campaign_pause", map[string]tftypes.Value{"campaign_id": str(draft.ID)})
			if hasError(r.diags) || !strings.Contains(strings.Join(r.progress, "\n"), "a draft has nothing to pause") {
				t.Errorf("pause of a draft: %s %q", r.text(), r.progress)
			}

			for _, typ := range []string{"leadterra_campaign_start", "leadterra_campaign_pause"} {
				r = p.invokeAction(typ, map[string]tftypes.Value{"campaign_id": str("camp_missing")})
				if !hasError(r.diags) || !strings.Contains(r.text(), `No such campaign: Campaign "camp_missing" does not exist`) {
					t.Errorf("%s of an unknown campaign: %s", typ, r.text())
				}
			}
		})
	}
}

// TestActionsAuthErrors: 401 and 403 are reported as such, and change
// nothing.
func TestActionsAuthErrors(t *testing.T) {
	env := apiModes[0].env(t)
	for key, want := range map[string]string{"sk_test_revoked": "Leadterra rejected the API key (HTTP 401)", env.ReadOnlyKey: "lacks permission (HTTP 403)"} {
		p := newProtocolProvider(t, env, key)
		for _, c := range []struct {
			typ  string
			args map[string]tftypes.Value
			what string
		}{
			{"leadterra_campaign_pause", map[string]tftypes.Value{"campaign_id": str(sandbox.SeedCampaignID)}, "Could not pause campaign"},
			{"leadterra_reply_assign", map[string]tftypes.Value{"reply_id": str("rpl_01jsandb0x0000000000000001"), "sdr_id": str("sdr_01jsandb0x0000000000000001"), "skip_icp_check": tftypes.NewValue(tftypes.Bool, true)}, "Could not assign reply"},
		} {
			r := p.invokeAction(c.typ, c.args)
			if !hasError(r.diags) || !strings.Contains(r.text(), want) || !strings.Contains(r.text(), c.what) {
				t.Errorf("%s with %s: %s", c.typ, key[:12], r.text())
			}
		}
	}
	if campaignStatus(t, env.Sandbox, sandbox.SeedCampaignID) != sandbox.StatusRunning {
		t.Error("a refused pause changed the campaign")
	}
	if _, ok := env.Sandbox.ReplyAssignment("rpl_01jsandb0x0000000000000001"); ok {
		t.Error("a refused assign opened a thread")
	}
}

// TestReplyAssignAction: the assign opens a thread in the SDR inbox; a
// repeat is a warning "already assigned" and opens nothing; force_forward
// forwards again; the API's refusals (unknown reply, unknown SDR, ICP
// check) are errors that say why.
func TestReplyAssignAction(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			p := newProtocolProvider(t, env, env.Key)
			rid, sdrID := "rpl_01jsandb0x0000000000000001", "sdr_01jsandb0x0000000000000001"
			yes := tftypes.NewValue(tftypes.Bool, true)
			args := map[string]tftypes.Value{"reply_id": str(rid), "sdr_id": str(sdrID), "category": str("A"), "skip_icp_check": yes,
				"cc": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{str("manager@example.com")})}

			r := p.invokeAction("leadterra_reply_assign", args)
			th, ok := env.Sandbox.ReplyAssignment(rid)
			if len(r.diags) > 0 || !ok || th.Category != "A" || th.ContactEmail != "ava@example.com" {
				t.Fatalf("assign: %s; thread %+v", r.text(), th)
			}
			if last := r.progress[len(r.progress)-1]; !strings.Contains(last, "thread "+th.ID) {
				t.Errorf("progress %q", r.progress)
			}

			r = p.invokeAction("leadterra_reply_assign", args)
			if len(r.diags) != 1 || r.diags[0].Severity != tfprotov6.DiagnosticSeverityWarning || r.diags[0].Summary != "Reply already assigned" || !strings.Contains(r.diags[0].Detail, "force_forward = true") {
				t.Errorf("repeat: want one warning, got %s", r.text())
			}
			args["force_forward"] = yes
			if r = p.invokeAction("leadterra_reply_assign", args); len(r.diags) > 0 {
				t.Errorf("force_forward: %s", r.text())
			}

			for _, c := range []struct {
				args map[string]tftypes.Value
				want string
			}{
				{map[string]tftypes.Value{"reply_id": str("rpl_missing"), "sdr_id": str(sdrID), "skip_icp_check": yes}, "HTTP 404 reply_not_found"},
				{map[string]tftypes.Value{"reply_id": str("rpl_01jsandb0x0000000000000002"), "sdr_id": str("sdr_missing"), "skip_icp_check": yes}, "is not an active SDR"},
				{map[string]tftypes.Value{"reply_id": str("rpl_01jsandb0x0000000000000002"), "sdr_id": str(sdrID), "seniority": str("Intern"), "employee_count": str("11-50")}, "Contact fails the ICP check"},
			} {
				if r := p.invokeAction("leadterra_reply_assign", c.args); !hasError(r.diags) || !strings.Contains(r.text(), c.want) {
					t.Errorf("want %q, got %s", c.want, r.text())
				}
			}
			if _, ok := env.Sandbox.ReplyAssignment("rpl_01jsandb0x0000000000000002"); ok {
				t.Error("a refused assign opened a thread")
			}
		})
	}
}

// TestReplyAssignValidateConfig: without skip_icp_check the ICP fields are
// required before anything is sent.
func TestReplyAssignValidateConfig(t *testing.T) {
	env := apiModes[0].env(t)
	p := newProtocolProvider(t, env, env.Key)
	typ := p.schema.ActionSchemas["leadterra_reply_assign"].Schema.ValueType()
	validate := func(attrs map[string]tftypes.Value) []*tfprotov6.Diagnostic {
		cfg := p.value(typ, attrs)
		resp, err := p.server.(tfprotov6.ActionServer).ValidateActionConfig(context.Background(), &tfprotov6.ValidateActionConfigRequest{ActionType: "leadterra_reply_assign", Config: &cfg})
		if err != nil {
			t.Fatal(err)
		}
		return resp.Diagnostics
	}
	base := map[string]tftypes.Value{"reply_id": str("rpl_1"), "sdr_id": str("sdr_1"), "seniority": str("VP")}
	if d := validate(base); len(d) != 1 || d[0].Summary != "Missing employee_count" {
		t.Errorf("want one error on employee_count, got %+v", d)
	}
	base["skip_icp_check"] = tftypes.NewValue(tftypes.Bool, true)
	if d := validate(base); len(d) != 0 {
		t.Errorf("skip_icp_check: %+v", d)
	}
	base["skip_icp_check"] = tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue)
	if d := validate(base); len(d) != 0 {
		t.Errorf("unknown skip_icp_check must wait: %+v", d)
	}
	if env.Sandbox.TotalRequests() != 0 {
		t.Error("validation sent requests")
	}
}
