package provider

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// envActionSchemasOut names the file TestActionSchemasForDocs writes.
// scripts/gen-docs.sh sets it: no pinned CLI knows actions (Terraform 1.14),
// so `providers schema -json` has no action_schemas, and tfplugindocs needs
// them to write docs/actions/. The test writes them in the same JSON shape.
const envActionSchemasOut = "LEADTERRA_ACTION_SCHEMAS_OUT"

// TestActionSchemasForDocs renders every action schema as `providers schema
// -json` would, checks each attribute has a type and a description, and
// writes the result when envActionSchemasOut is set.
func TestActionSchemasForDocs(t *testing.T) {
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.ActionSchemas) == 0 {
		t.Fatal("the provider serves no action")
	}
	out := map[string]any{}
	for name, s := range resp.ActionSchemas {
		attrs := map[string]any{}
		for _, a := range s.Schema.Block.Attributes {
			typ, ok := ctyTypeJSON(a.Type)
			if !ok || a.Description == "" {
				t.Fatalf("%s.%s: type %s (rendered: %v), description %q", name, a.Name, a.Type, ok, a.Description)
			}
			attrs[a.Name] = map[string]any{"type": typ, "description": a.Description, "description_kind": "markdown", "required": a.Required, "optional": a.Optional}
		}
		out[name] = map[string]any{"block": map[string]any{"attributes": attrs, "description": s.Schema.Block.Description, "description_kind": "markdown"}}
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if path := os.Getenv(envActionSchemasOut); path != "" {
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// ctyTypeJSON renders the attribute types actions use as the schema JSON
// does ("string", ["list","string"]); false for any other type.
func ctyTypeJSON(t tftypes.Type) (any, bool) {
	switch {
	case t.Is(tftypes.String):
		return "string", true
	case t.Is(tftypes.Bool):
		return "bool", true
	case t.Is(tftypes.Number):
		return "number", true
	case t.Is(tftypes.List{}):
		elem, ok := ctyTypeJSON(t.(tftypes.List).ElementType)
		return []any{"list", elem}, ok
	case t.Is(tftypes.Set{}):
		elem, ok := ctyTypeJSON(t.(tftypes.Set).ElementType)
		return []any{"set", elem}, ok
	}
	return nil, false
}
