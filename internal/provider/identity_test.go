package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// identityOf decodes the one string attribute attr of an identity.
func (p *protocolProvider) identityOf(typeName, attr string, data *tfprotov6.ResourceIdentityData) string {
	p.t.Helper()
	if data == nil {
		p.t.Fatalf("%s: no identity", typeName)
	}
	schemas, err := p.server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		p.t.Fatal(err)
	}
	v, err := data.IdentityData.Unmarshal(schemas.IdentitySchemas[typeName].ValueType())
	if err != nil {
		p.t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		p.t.Fatal(err)
	}
	var s string
	_ = attrs[attr].As(&s)
	return s
}

// TestIdentity_protocol drives what the CLIs send: a refresh without any
// identity (Terraform 1.5.7, or state written before identity) gets one
// back without error, and an import by identity alone (1.12+) finds the
// object and answers the same identity.
func TestIdentity_protocol(t *testing.T) {
	env := apiModes[0].env(t)
	ctx := context.Background()
	camp, err := sandboxClient(t, env).CreateCampaign(ctx, leadterra.CampaignInput{Name: testResourcePrefix + "identity-" + randomKey(""), Steps: []leadterra.Step{}}, "")
	if err != nil {
		t.Fatal(err)
	}
	p := newProtocolProvider(t, env, env.Key)
	const typ = "leadterra_campaign"

	state := p.value(p.resourceType(typ), map[string]tftypes.Value{"id": str(camp.ID)})
	read, err := p.server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typ, CurrentState: &state})
	if err != nil || len(read.Diagnostics) > 0 {
		t.Fatalf("refresh without identity: %v %+v", err, read.Diagnostics)
	}
	if got := p.identityOf(typ, "id", read.NewIdentity); got != camp.ID {
		t.Fatalf("refresh identity %q, want %q", got, camp.ID)
	}

	schemas, err := p.server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	identity := p.value(schemas.IdentitySchemas[typ].ValueType(), map[string]tftypes.Value{"id": str(camp.ID)})
	imported, err := p.server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: typ, Identity: &tfprotov6.ResourceIdentityData{IdentityData: &identity}})
	if err != nil || len(imported.Diagnostics) > 0 || len(imported.ImportedResources) != 1 {
		t.Fatalf("import by identity: %v %+v", err, imported)
	}
	got := imported.ImportedResources[0]
	v, err := got.State.Unmarshal(p.resourceType(typ))
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	if id := getString(t, attrs["id"]); id != camp.ID || p.identityOf(typ, "id", got.Identity) != camp.ID {
		t.Fatalf("import by identity: state id %q, identity %q; want %q", id, p.identityOf(typ, "id", got.Identity), camp.ID)
	}
}
