package bench

import (
	"fmt"
	"math/big"
	"strings"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// cannedResource is one resource type of the canned provider: its value
// type and which attribute paths are computed.
type cannedResource struct {
	typ      tftypes.Type
	computed map[string]bool // attribute names joined by ".", element keys left out
}

func newCannedResource(s *tfprotov6.Schema) *cannedResource {
	r := &cannedResource{typ: s.ValueType(), computed: map[string]bool{}}
	r.index("", s.Block.Attributes, s.Block.BlockTypes)
	return r
}

func (r *cannedResource) index(prefix string, attrs []*tfprotov6.SchemaAttribute, blocks []*tfprotov6.SchemaNestedBlock) {
	for _, a := range attrs {
		if a.Computed {
			r.computed[prefix+a.Name] = true
		}
		if a.NestedType != nil {
			r.index(prefix+a.Name+".", a.NestedType.Attributes, nil)
		}
	}
	for _, b := range blocks {
		r.index(prefix+b.TypeName+".", b.Block.Attributes, b.Block.BlockTypes)
	}
}

// pathKey is p's attribute names joined by ".", without element keys, so
// that one key covers a nested attribute in every element.
func pathKey(p *tftypes.AttributePath) string {
	var names []string
	for _, step := range p.Steps() {
		if name, ok := step.(tftypes.AttributeName); ok {
			names = append(names, string(name))
		}
	}
	return strings.Join(names, ".")
}

func (r *cannedResource) upgrade(raw *tfprotov6.RawState) (*tfprotov6.DynamicValue, error) {
	if raw == nil {
		return nil, fmt.Errorf("no state to upgrade")
	}
	v, err := raw.Unmarshal(r.typ)
	if err != nil {
		return nil, err
	}
	return r.encode(v)
}

// plan returns the proposed new state with every null computed attribute
// unknown: on create that is each of them; on update the CLI has already
// carried the prior values over, so only new nested elements' remain null.
func (r *cannedResource) plan(proposed *tfprotov6.DynamicValue) (*tfprotov6.DynamicValue, error) {
	v, err := proposed.Unmarshal(r.typ)
	if err != nil || v.IsNull() { // null: a destroy plans nothing
		return proposed, err
	}
	v, err = tftypes.Transform(v, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsNull() && r.computed[pathKey(p)] {
			return tftypes.NewValue(v.Type(), tftypes.UnknownValue), nil
		}
		return v, nil
	})
	if err != nil {
		return nil, err
	}
	return r.encode(v)
}

// apply returns the planned state with every unknown value canned.
func (r *cannedResource) apply(planned *tfprotov6.DynamicValue, c *cannedValues) (*tfprotov6.DynamicValue, error) {
	v, err := planned.Unmarshal(r.typ)
	if err != nil || v.IsNull() { // null: a destroy
		return planned, err
	}
	v, err = tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return c.of(v.Type()), nil
		}
		return v, nil
	})
	if err != nil {
		return nil, err
	}
	return r.encode(v)
}

func (r *cannedResource) encode(v tftypes.Value) (*tfprotov6.DynamicValue, error) {
	dv, err := tfprotov6.NewDynamicValue(r.typ, v)
	return &dv, err
}

// cannedValues makes the values an apply gives unknowns: distinct strings
// ("canned-1", …, so that IDs differ), zeros, false, empty collections.
type cannedValues struct{ n atomic.Int64 }

func (c *cannedValues) of(t tftypes.Type) tftypes.Value {
	switch tt := t.(type) {
	case tftypes.List, tftypes.Set:
		return tftypes.NewValue(t, []tftypes.Value{})
	case tftypes.Map:
		return tftypes.NewValue(t, map[string]tftypes.Value{})
	case tftypes.Tuple:
		elems := make([]tftypes.Value, len(tt.ElementTypes))
		for i, et := range tt.ElementTypes {
			elems[i] = c.of(et)
		}
		return tftypes.NewValue(t, elems)
	case tftypes.Object:
		attrs := make(map[string]tftypes.Value, len(tt.AttributeTypes))
		for name, at := range tt.AttributeTypes {
			attrs[name] = c.of(at)
		}
		return tftypes.NewValue(t, attrs)
	}
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, fmt.Sprintf("canned-%d", c.n.Add(1)))
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, big.NewFloat(0))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false)
	}
	return tftypes.NewValue(tftypes.String, "canned") // DynamicPseudoType: any known value
}
