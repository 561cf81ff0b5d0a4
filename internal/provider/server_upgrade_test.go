package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every resource's saved state comes back as the framework hands it back:
// a value in every attribute, an attribute of an older version, none at
// all; at the current version (answered without the framework) and at
// another (the framework's, through the server).
func TestUpgradeMatchesFrameworkForEveryResource(t *testing.T) {
	server, err := NewServer(New("test")())
	if err != nil {
		t.Fatal(err)
	}
	ls := server.(*leadsServer)
	ctx := context.Background()
	types, err := ls.resourceTypes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(types) < 5 {
		t.Fatalf("%d resource types, want every resource", len(types))
	}
	for name, rt := range types {
		if !rt.blockFree {
			t.Errorf("%s has blocks: its states go through the framework; test them", name)
		}
		full := sampleJSON(rt.typ).(map[string]any)
		full["an_attribute_of_an_older_version"] = true
		for label, state := range map[string]any{"every attribute": full, "no attribute": map[string]any{}} {
			raw, err := json.Marshal(state)
			if err != nil {
				t.Fatal(err)
			}
			for _, version := range []int64{rt.version, rt.version + 1} {
				req := &tfprotov6.UpgradeResourceStateRequest{TypeName: name, Version: version, RawState: &tfprotov6.RawState{JSON: raw}}
				t.Run(fmt.Sprintf("%s/%s/version %d", name, label, version), func(t *testing.T) {
					assertUpgradeMatchesFramework(t, ls, rt.typ, req)
				})
			}
		}
	}
}

// assertUpgradeMatchesFramework asks the server and the framework behind it
// the same: both fail, or both hand back equal states.
func assertUpgradeMatchesFramework(t *testing.T, ls *leadsServer, typ tftypes.Type, req *tfprotov6.UpgradeResourceStateRequest) {
	t.Helper()
	ctx := context.Background()
	got, err := ls.UpgradeResourceState(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ls.frameworkServer.UpgradeResourceState(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if hasError(got.Diagnostics) != hasError(want.Diagnostics) {
		t.Fatalf("diagnostics %+v, the framework's %+v", got.Diagnostics, want.Diagnostics)
	}
	if want.UpgradedState == nil {
		return
	}
	g, err := got.UpgradedState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	w, err := want.UpgradedState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	if !g.Equal(w) {
		t.Errorf("got %v\nwant %v", g, w)
	}
}

// sampleJSON is a JSON value of type t with every attribute and one
// element in every collection.
func sampleJSON(t tftypes.Type) any {
	switch {
	case t.Is(tftypes.String):
		return "x"
	case t.Is(tftypes.Number):
		return 2
	case t.Is(tftypes.Bool):
		return true
	case t.Is(tftypes.DynamicPseudoType):
		return nil
	}
	switch t := t.(type) {
	case tftypes.List:
		return []any{sampleJSON(t.ElementType)}
	case tftypes.Set:
		return []any{sampleJSON(t.ElementType)}
	case tftypes.Map:
		return map[string]any{"k": sampleJSON(t.ElementType)}
	case tftypes.Tuple:
		out := make([]any, len(t.ElementTypes))
		for i, e := range t.ElementTypes {
			out[i] = sampleJSON(e)
		}
		return out
	case tftypes.Object:
		out := make(map[string]any, len(t.AttributeTypes))
		for name, a := range t.AttributeTypes {
			out[name] = sampleJSON(a)
		}
		return out
	}
	return nil
}
