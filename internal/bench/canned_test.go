package bench

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The canned provider must walk a campaign through create, no-change plan,
// update and destroy the way the CLI checks it: planned computed values
// unknown, applied ones known, configured values untouched.
func TestCannedCampaignLifecycle(t *testing.T) {
	ctx := context.Background()
	s, err := newCannedServer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const typeName = "leadterra_campaign"
	r := s.resources[typeName]
	if r == nil || !r.computed["id"] || r.computed["name"] {
		t.Fatalf("campaign schema not indexed: %+v", r)
	}
	obj := r.typ.(tftypes.Object)
	config := map[string]tftypes.Value{}
	for name, at := range obj.AttributeTypes {
		config[name] = tftypes.NewValue(at, nil)
	}
	config["name"] = tftypes.NewValue(tftypes.String, "bench-0000")
	stepType := obj.AttributeTypes["sequence_steps"].(tftypes.List).ElementType.(tftypes.Object)
	step := map[string]tftypes.Value{}
	for name, at := range stepType.AttributeTypes {
		step[name] = tftypes.NewValue(at, nil)
	}
	step["subject"] = tftypes.NewValue(tftypes.String, "Quick question")
	step["body_html"] = tftypes.NewValue(tftypes.String, "<p>Hi</p>")
	step["delay_days"] = tftypes.NewValue(tftypes.Number, 0)
	config["sequence_steps"] = tftypes.NewValue(obj.AttributeTypes["sequence_steps"], []tftypes.Value{tftypes.NewValue(stepType, step)})
	proposed := dv(t, r.typ, tftypes.NewValue(obj, config))

	plan, err := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, ProposedNewState: proposed})
	if err != nil || len(plan.Diagnostics) > 0 {
		t.Fatalf("plan: %v %v", err, plan.Diagnostics)
	}
	planned := attrs(t, r.typ, plan.PlannedState)
	if planned["id"].IsKnown() || !planned["name"].Equal(config["name"]) {
		t.Errorf("planned id %v (want unknown), name %v (want the configured one)", planned["id"], planned["name"])
	}

	applied, err := s.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typeName, PlannedState: plan.PlannedState})
	if err != nil || len(applied.Diagnostics) > 0 {
		t.Fatalf("apply: %v %v", err, applied.Diagnostics)
	}
	state := attrs(t, r.typ, applied.NewState)
	var id string
	if err := state["id"].As(&id); err != nil || !strings.HasPrefix(id, "canned-") {
		t.Errorf("applied id %q, %v; want canned-<n>", id, err)
	}
	if !tftypes.NewValue(obj, state).IsFullyKnown() {
		t.Error("the applied state still holds unknown values")
	}

	// A plan on the applied state proposes it back unchanged.
	again, err := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: applied.NewState, ProposedNewState: applied.NewState})
	if err != nil || !attrsValue(t, r.typ, again.PlannedState).Equal(tftypes.NewValue(obj, state)) {
		t.Errorf("a no-change plan changed the state: %v", err)
	}

	read, _ := s.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: applied.NewState})
	if read.NewState != applied.NewState {
		t.Error("read must return the current state")
	}

	null := dv(t, r.typ, tftypes.NewValue(obj, nil))
	destroy, err := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: applied.NewState, ProposedNewState: null})
	if err != nil || !attrsValue(t, r.typ, destroy.PlannedState).IsNull() {
		t.Errorf("a destroy must plan null: %v", err)
	}

	up, err := s.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: typeName, RawState: &tfprotov6.RawState{JSON: []byte(`{"name":"x","id":"canned-1"}`)}})
	if err != nil || len(up.Diagnostics) > 0 || !attrs(t, r.typ, up.UpgradedState)["id"].Equal(tftypes.NewValue(tftypes.String, "canned-1")) {
		t.Errorf("upgrade: %v %v", err, up.Diagnostics)
	}

	if resp, _ := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "leadterra_nothing", ProposedNewState: proposed}); len(resp.Diagnostics) != 1 {
		t.Error("an unknown resource type must fail")
	}
}

func TestCannedValues(t *testing.T) {
	var c cannedValues
	a, b := c.of(tftypes.String), c.of(tftypes.String)
	if a.Equal(b) {
		t.Errorf("canned strings must differ (IDs): %v, %v", a, b)
	}
	obj := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"n": tftypes.Number, "ok": tftypes.Bool, "tags": tftypes.Set{ElementType: tftypes.String},
		"m": tftypes.Map{ElementType: tftypes.Number},
	}}
	if v := c.of(obj); !v.IsFullyKnown() || v.IsNull() {
		t.Errorf("canned object %v is not fully known", v)
	}
}

func dv(t *testing.T, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	d, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}

func attrsValue(t *testing.T, typ tftypes.Type, d *tfprotov6.DynamicValue) tftypes.Value {
	t.Helper()
	v, err := d.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func attrs(t *testing.T, typ tftypes.Type, d *tfprotov6.DynamicValue) map[string]tftypes.Value {
	t.Helper()
	m := map[string]tftypes.Value{}
	if err := attrsValue(t, typ, d).As(&m); err != nil {
		t.Fatal(err)
	}
	return m
}
