// Command docs-schema turns `tofu providers schema -json` into the schema
// file scripts/gen-docs.sh hands to tfplugindocs:
//
//   - the provider's entry is re-keyed from registry.<host>/leadterra/leadterra
//     to "leadterra", the only key tfplugindocs looks up for a local build;
//   - the list resource and action schemas are added from the provider
//     itself: no pinned CLI exports them (Terraform 1.5.7 predates both,
//     OpenTofu 1.12 has neither), so tfplugindocs would document none.
//
// Usage: go run ./scripts/docs-schema CLI_SCHEMA.json OUT.json
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/leadterra/terraform-provider-leadterra/internal/provider"
)

const providerName = "leadterra"

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: docs-schema CLI_SCHEMA.json OUT.json")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "docs-schema:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	served, err := servedSchemas()
	if err != nil {
		return err
	}
	doc, err := merge(raw, served)
	if err != nil {
		return err
	}
	return os.WriteFile(out, doc, 0o600)
}

// merge re-keys the one leadterra provider of the CLI's export and adds
// the schema kinds the CLI left out (a newer CLI's own export wins).
func merge(cliJSON []byte, served map[string]any) ([]byte, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(cliJSON, &doc); err != nil {
		return nil, fmt.Errorf("reading the CLI's schema: %w", err)
	}
	var providers map[string]map[string]json.RawMessage
	if err := json.Unmarshal(doc["provider_schemas"], &providers); err != nil {
		return nil, fmt.Errorf("reading provider_schemas: %w", err)
	}
	var keys []string
	for k := range providers {
		if strings.HasSuffix(k, "/leadterra/"+providerName) {
			keys = append(keys, k)
		}
	}
	if len(keys) != 1 {
		return nil, fmt.Errorf("expected one leadterra/%s provider in the CLI's schema, found %q", providerName, keys)
	}
	schema := providers[keys[0]]
	for kind, v := range served {
		if _, ok := schema[kind]; ok {
			continue
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		schema[kind] = b
	}
	b, err := json.Marshal(map[string]any{providerName: schema})
	if err != nil {
		return nil, err
	}
	doc["provider_schemas"] = b
	return json.Marshal(doc)
}

// servedSchemas renders the provider's list resource and action schemas as
// `providers schema -json` does (terraform-json's shape).
func servedSchemas() (map[string]any, error) {
	server, err := provider.NewServer(provider.New("docs")())
	if err != nil {
		return nil, err
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return nil, err
	}
	lists, actions := map[string]any{}, map[string]any{}
	for name, s := range resp.ListResourceSchemas {
		b, err := block(name, s.Block)
		if err != nil {
			return nil, err
		}
		lists[name] = map[string]any{"version": s.Version, "block": b}
	}
	for name, s := range resp.ActionSchemas {
		b, err := block(name, s.Schema.Block)
		if err != nil {
			return nil, err
		}
		actions[name] = map[string]any{"block": b}
	}
	if len(lists) == 0 || len(actions) == 0 {
		return nil, fmt.Errorf("the provider serves %d list resources and %d actions: expected both", len(lists), len(actions))
	}
	return map[string]any{"list_resource_schemas": lists, "action_schemas": actions}, nil
}

// block converts a flat block: that is all list resource and action
// configurations hold. Every attribute must carry a description, since it
// becomes the docs.
func block(name string, b *tfprotov6.SchemaBlock) (map[string]any, error) {
	if len(b.BlockTypes) > 0 {
		return nil, fmt.Errorf("%s: nested blocks are not supported", name)
	}
	attrs := map[string]any{}
	for _, a := range b.Attributes {
		typ, ok := typeJSON(a.Type)
		if !ok || a.NestedType != nil {
			return nil, fmt.Errorf("%s.%s: type %v is not supported", name, a.Name, a.Type)
		}
		if a.Description == "" {
			return nil, fmt.Errorf("%s.%s has no description", name, a.Name)
		}
		attrs[a.Name] = map[string]any{"type": typ, "description": a.Description, "description_kind": kind(a.DescriptionKind),
			"required": a.Required, "optional": a.Optional, "computed": a.Computed, "sensitive": a.Sensitive}
	}
	return map[string]any{"attributes": attrs, "description": b.Description, "description_kind": kind(b.DescriptionKind)}, nil
}

func kind(k tfprotov6.StringKind) string {
	if k == tfprotov6.StringKindMarkdown {
		return "markdown"
	}
	return "plain"
}

// typeJSON renders a type as cty's type JSON ("string", ["list","string"]).
func typeJSON(t tftypes.Type) (any, bool) {
	switch tt := t.(type) {
	case tftypes.List:
		elem, ok := typeJSON(tt.ElementType)
		return []any{"list", elem}, ok
	case tftypes.Set:
		elem, ok := typeJSON(tt.ElementType)
		return []any{"set", elem}, ok
	}
	switch {
	case t.Is(tftypes.String):
		return "string", true
	case t.Is(tftypes.Bool):
		return "bool", true
	case t.Is(tftypes.Number):
		return "number", true
	}
	return nil, false
}
