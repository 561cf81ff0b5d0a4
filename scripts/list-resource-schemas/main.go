// Command list-resource-schemas prints the provider's list resource schemas
// in the shape of `terraform providers schema -json`'s list_resource_schemas
// (terraform-json), for scripts/gen-docs.sh: neither pinned CLI exports
// them (Terraform 1.5.7 predates list resources, OpenTofu has none), so
// tfplugindocs would otherwise document no list resource.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/leadterra/terraform-provider-leadterra/internal/provider"
)

type attribute struct {
	Type            json.RawMessage `json:"type"`
	Description     string          `json:"description,omitempty"`
	DescriptionKind string          `json:"description_kind"`
	Required        bool            `json:"required,omitempty"`
	Optional        bool            `json:"optional,omitempty"`
	Computed        bool            `json:"computed,omitempty"`
	Sensitive       bool            `json:"sensitive,omitempty"`
}

type block struct {
	Attributes      map[string]attribute `json:"attributes,omitempty"`
	Description     string               `json:"description,omitempty"`
	DescriptionKind string               `json:"description_kind"`
}

type schema struct {
	Version int64 `json:"version"`
	Block   block `json:"block"`
}

func kind(k tfprotov6.StringKind) string {
	if k == tfprotov6.StringKindMarkdown {
		return "markdown"
	}
	return "plain"
}

// primitive is a type in the JSON of `providers schema -json` (cty's type
// JSON); the list resources' filters are all primitives.
func primitive(t tftypes.Type) (json.RawMessage, error) {
	switch {
	case t.Is(tftypes.String):
		return json.RawMessage(`"string"`), nil
	case t.Is(tftypes.Bool):
		return json.RawMessage(`"bool"`), nil
	case t.Is(tftypes.Number):
		return json.RawMessage(`"number"`), nil
	}
	return nil, fmt.Errorf("type %s is not supported", t)
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "list-resource-schemas:", err)
		os.Exit(1)
	}
}

func run() error {
	server, err := providerserver.NewProtocol6WithError(provider.New("docs")())()
	if err != nil {
		return err
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return err
	}
	out := map[string]schema{}
	for name, s := range resp.ListResourceSchemas {
		// Only flat attributes are converted: that is all the list
		// resources' configurations hold.
		if len(s.Block.BlockTypes) > 0 {
			return fmt.Errorf("%s: nested blocks are not supported", name)
		}
		b := block{Attributes: map[string]attribute{}, Description: s.Block.Description, DescriptionKind: kind(s.Block.DescriptionKind)}
		for _, a := range s.Block.Attributes {
			if a.NestedType != nil {
				return fmt.Errorf("%s.%s: nested attributes are not supported", name, a.Name)
			}
			typ, err := primitive(a.Type)
			if err != nil {
				return fmt.Errorf("%s.%s: %w", name, a.Name, err)
			}
			b.Attributes[a.Name] = attribute{Type: typ, Description: a.Description, DescriptionKind: kind(a.DescriptionKind),
				Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}
		}
		out[name] = schema{Version: s.Version, Block: b}
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}
