package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

func TestLeadsDigest(t *testing.T) {
	lead := func(kv ...any) tftypes.Value {
		m := map[string]tftypes.Value{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = tftypes.NewValue(tftypes.String, kv[i+1])
		}
		return tftypes.NewValue(leadFieldsTF, m)
	}
	leads := func(kv ...any) tftypes.Value {
		m := map[string]tftypes.Value{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1].(tftypes.Value)
		}
		return tftypes.NewValue(leadsTF, m)
	}
	key := func(v tftypes.Value) string {
		t.Helper()
		k, ok := leadsDigest(v)
		if !ok {
			t.Fatalf("no digest for %v", v)
		}
		return k
	}
	base := key(leads("a@x.io", lead("first_name", "Ann", "company", "Co"), "b@x.io", lead()))
	if again := key(leads("b@x.io", lead(), "a@x.io", lead("company", "Co", "first_name", "Ann"))); again != base {
		t.Error("the same leads built in another order must have the same digest")
	}
	for name, v := range map[string]tftypes.Value{
		"a field edited":         leads("a@x.io", lead("first_name", "Anne", "company", "Co"), "b@x.io", lead()),
		"values swapped":         leads("a@x.io", lead("first_name", "Co", "company", "Ann"), "b@x.io", lead()),
		"a field moved to b":     leads("a@x.io", lead("first_name", "Ann"), "b@x.io", lead("company", "Co")),
		"a field null":           leads("a@x.io", lead("first_name", "Ann", "company", nil), "b@x.io", lead()),
		"a field empty":          leads("a@x.io", lead("first_name", "Ann", "company", ""), "b@x.io", lead()),
		"a lead null":            leads("a@x.io", lead("first_name", "Ann", "company", "Co"), "b@x.io", tftypes.NewValue(leadFieldsTF, nil)),
		"an address case change": leads("A@x.io", lead("first_name", "Ann", "company", "Co"), "b@x.io", lead()),
		"name and value joined":  leads("a@x.io", lead("first_nameAnn", "", "company", "Co"), "b@x.io", lead()),
	} {
		if key(v) == base {
			t.Errorf("%s: same digest as the original leads", name)
		}
	}
	for name, v := range map[string]tftypes.Value{
		"empty":         leads(),
		"null":          tftypes.NewValue(leadsTF, nil),
		"unknown":       tftypes.NewValue(leadsTF, tftypes.UnknownValue),
		"unknown field": leads("a@x.io", lead("first_name", tftypes.UnknownValue)),
	} {
		if _, ok := leadsDigest(v); ok {
			t.Errorf("%s leads must not stand in", name)
		}
	}
}

// frameworkRecorder is the framework's server, noting every leads map a
// request hands it.
type frameworkRecorder struct {
	frameworkServer
	t       *testing.T
	seen    []string // "standin" or the number of leads
	stashes []*leadsStash
}

func (r *frameworkRecorder) note(typ tftypes.Type, values ...*tfprotov6.DynamicValue) {
	for _, dv := range values {
		if dv == nil {
			continue
		}
		v, err := dv.Unmarshal(typ)
		if err != nil {
			r.t.Fatal(err)
		}
		var attrs map[string]tftypes.Value
		if v.IsNull() || v.As(&attrs) != nil {
			continue
		}
		if _, ok := standInKey(attrs["leads"]); ok {
			r.seen = append(r.seen, "standin")
		} else {
			r.seen = append(r.seen, fmt.Sprint(setLen(r.t, attrs["leads"])))
		}
	}
}

func (r *frameworkRecorder) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	typ, _ := r.typ()
	r.stashes = append(r.stashes, stashFrom(ctx))
	r.note(typ, req.PriorState, req.ProposedNewState, req.Config)
	return r.frameworkServer.PlanResourceChange(ctx, req)
}

func (r *frameworkRecorder) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	typ, _ := r.typ()
	r.stashes = append(r.stashes, stashFrom(ctx))
	r.note(typ, req.PriorState, req.PlannedState, req.Config)
	return r.frameworkServer.ApplyResourceChange(ctx, req)
}

func (r *frameworkRecorder) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	typ, _ := r.typ()
	r.stashes = append(r.stashes, stashFrom(ctx))
	r.note(typ, req.CurrentState)
	return r.frameworkServer.ReadResource(ctx, req)
}

func (r *frameworkRecorder) typ() (tftypes.Type, error) {
	s, err := r.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return nil, err
	}
	return s.ResourceSchemas[campaignLeadsType].ValueType(), nil
}

// The framework sees only stand-ins, and Terraform only real leads: a
// create, a refresh, a no-change plan and an update, through the protocol.
func TestLeadsServerKeepsLeadsFromFramework(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	inner, err := NewServer(New("test")())
	if err != nil {
		t.Fatal(err)
	}
	rec := &frameworkRecorder{frameworkServer: inner.(*leadsServer).frameworkServer, t: t}
	p := configuredProtocolProvider(t, env, env.Key, &leadsServer{frameworkServer: rec})
	typ := p.resourceType(campaignLeadsType)

	emails := []string{"ann@example.com", "bob@example.com", "cy@example.com"}
	config := leadsConfig(p, sandbox.SeedCampaignID, emails...)
	state, diags := p.planApply(campaignLeadsType, nil, config)
	if hasError(diags) {
		t.Fatalf("create: %+v", diags)
	}
	if !state["leads"].Equal(config["leads"]) {
		t.Fatalf("state leads %v, want the configuration's %v", state["leads"], config["leads"])
	}

	// A refresh that finds nothing changed hands back the very bytes.
	current := p.value(typ, state)
	read, err := p.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{TypeName: campaignLeadsType, CurrentState: &current})
	if err != nil || hasError(read.Diagnostics) {
		t.Fatalf("read: %v %+v", err, read.Diagnostics)
	}
	if string(read.NewState.MsgPack) != string(current.MsgPack) {
		t.Error("a refresh that changes nothing must return the state it was given")
	}

	config = leadsConfig(p, sandbox.SeedCampaignID, append(emails, "dee@example.com")...)
	state, diags = p.planApply(campaignLeadsType, state, config)
	if hasError(diags) {
		t.Fatalf("update: %+v", diags)
	}
	if got := setLen(t, state["leads"]); got != 4 || !state["leads"].Equal(config["leads"]) {
		t.Fatalf("after the update: %d leads %v, want the configuration's", got, state["leads"])
	}
	if len(rec.seen) < 10 {
		t.Fatalf("the framework saw only %d values: %v", len(rec.seen), rec.seen)
	}
	for _, s := range rec.seen {
		if s != "standin" {
			t.Fatalf("the framework was handed a real leads map (%s leads): %v", s, rec.seen)
		}
	}
	// The framework keeps every request's context until the provider
	// stops: the leads must not stay with it.
	for i, s := range rec.stashes {
		if s == nil || s.leads != nil {
			t.Fatalf("request %d: stash %v still holds leads after the request", i, s)
		}
	}
}

// UpgradeResourceState at the current version answers as the framework
// would: unknown attributes dropped, missing ones null, nulls kept.
func TestLeadsUpgradeMatchesFramework(t *testing.T) {
	server, err := NewServer(New("test")())
	if err != nil {
		t.Fatal(err)
	}
	ls := server.(*leadsServer)
	typ, err := ls.objectType(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	state := map[string]any{
		"id": "camp_1", "campaign_id": "camp_1", "batch_size": 500, "enrolled_count": 2, "skipped_count": nil,
		"skipped_emails": []string{"x@example.com"}, "an_attribute_of_an_older_version": true,
		"leads": map[string]any{
			"a@example.com": map[string]any{"first_name": "Ann", "company": nil, "custom": ""},
			"b@example.com": map[string]any{},
			"c@example.com": nil,
		},
	}
	raw, err := json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, version := range []int64{0, 7} {
		req := &tfprotov6.UpgradeResourceStateRequest{TypeName: campaignLeadsType, Version: version, RawState: &tfprotov6.RawState{JSON: raw}}
		assertUpgradeMatchesFramework(t, ls, typ, req)
	}
	bad := &tfprotov6.UpgradeResourceStateRequest{TypeName: campaignLeadsType, RawState: &tfprotov6.RawState{JSON: []byte(`{"leads": {"a@example.com": {"first_name": 1}}}`)}}
	resp, err := ls.UpgradeResourceState(ctx, bad)
	if err != nil || !hasError(resp.Diagnostics) || !strings.Contains(resp.Diagnostics[0].Summary, "saved state") {
		t.Fatalf("a state that does not fit the schema: %v %+v", err, resp.Diagnostics)
	}
}
