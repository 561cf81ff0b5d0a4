package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// protocolProvider drives the provider at the protocol level, where the
// warnings the testing framework hides (removed from state, left in the
// workspace) can be asserted.
type protocolProvider struct {
	t      *testing.T
	server tfprotov6.ProviderServer
	schema *tfprotov6.GetProviderSchemaResponse
}

func newProtocolProvider(t *testing.T, env *testEnv, key string) *protocolProvider {
	t.Helper()
	server, err := NewServer(New("test")())
	if err != nil {
		t.Fatal(err)
	}
	return configuredProtocolProvider(t, env, key, server)
}

// configuredProtocolProvider configures server for env with key.
func configuredProtocolProvider(t *testing.T, env *testEnv, key string, server tfprotov6.ProviderServer) *protocolProvider {
	t.Helper()
	ctx := context.Background()
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	p := &protocolProvider{t: t, server: server, schema: schema}
	cfg := p.value(schema.Provider.ValueType(), map[string]tftypes.Value{"api_key": str(key), "base_url": str(env.BaseURL)})
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.5.7", Config: &cfg})
	if err != nil || hasError(resp.Diagnostics) {
		t.Fatalf("configure: %v %+v", err, resp.Diagnostics)
	}
	return p
}

// value builds an object of typ from attrs, null for the attributes left out.
func (p *protocolProvider) value(typ tftypes.Type, attrs map[string]tftypes.Value) tfprotov6.DynamicValue {
	p.t.Helper()
	return objectValue(p.t, typ, attrs)
}

// objectValue builds an object of typ from attrs, null for the attributes
// left out; tests and benchmarks share it.
func objectValue(tb testing.TB, typ tftypes.Type, attrs map[string]tftypes.Value) tfprotov6.DynamicValue {
	tb.Helper()
	obj := typ.(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range obj.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for k, v := range attrs {
		vals[k] = v
	}
	dv, err := tfprotov6.NewDynamicValue(obj, tftypes.NewValue(obj, vals))
	if err != nil {
		tb.Fatal(err)
	}
	return dv
}

func (p *protocolProvider) resourceType(name string) tftypes.Type {
	s, ok := p.schema.ResourceSchemas[name]
	if !ok {
		p.t.Fatalf("no resource type %s", name)
	}
	return s.ValueType()
}

// readResource refreshes one object; gone reports that the provider
// removed it from state.
func (p *protocolProvider) readResource(typeName string, attrs map[string]tftypes.Value) (diags []*tfprotov6.Diagnostic, gone bool) {
	p.t.Helper()
	typ := p.resourceType(typeName)
	state := p.value(typ, attrs)
	resp, err := p.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: &state})
	if err != nil {
		p.t.Fatal(err)
	}
	if resp.NewState == nil {
		return resp.Diagnostics, true
	}
	v, err := resp.NewState.Unmarshal(typ)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.Diagnostics, v.IsNull()
}

// destroyResource applies a destroy of one object.
func (p *protocolProvider) destroyResource(typeName string, attrs map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	p.t.Helper()
	typ := p.resourceType(typeName)
	prior := p.value(typ, attrs)
	planned, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		p.t.Fatal(err)
	}
	resp, err := p.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typeName, PriorState: &prior, PlannedState: &planned, Config: &planned,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.Diagnostics
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// onlyWarning returns the single diagnostic, failing unless it is a warning.
func onlyWarning(t *testing.T, diags []*tfprotov6.Diagnostic) *tfprotov6.Diagnostic {
	t.Helper()
	if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning {
		t.Fatalf("want exactly one warning, got %+v", diags)
	}
	return diags[0]
}
