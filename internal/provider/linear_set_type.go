package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// linearSetType is a set type whose equality, duplicate check and
// semantic-equality check are linear; suppressed addresses use it. The
// framework's own (v1.19) compare every pair of elements with a large constant
// (hashicorp/terraform-plugin-framework#1314 and #1322).
type linearSetType struct{ basetypes.SetType }

var (
	_ basetypes.SetTypable                    = linearSetType{}
	_ basetypes.SetValuableWithSemanticEquals = linearSetValue{}
)

func newLinearSetType(elem attr.Type) linearSetType {
	return linearSetType{basetypes.SetType{ElemType: elem}}
}

func (t linearSetType) Equal(o attr.Type) bool {
	other, ok := o.(linearSetType)
	return ok && t.SetType.Equal(other.SetType)
}

func (t linearSetType) String() string { return "linearSetType" }

func (t linearSetType) ValueType(context.Context) attr.Value {
	return linearSetValue{basetypes.NewSetNull(t.ElemType)}
}

func (t linearSetType) ValueFromSet(_ context.Context, s basetypes.SetValue) (basetypes.SetValuable, diag.Diagnostics) {
	return linearSetValue{s}, nil
}

func (t linearSetType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.SetType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.SetValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return linearSetValue{s}, nil
}

// Validate rejects duplicate elements, as the framework's set type does,
// but through a map of canonical texts instead of comparing every pair.
func (t linearSetType) Validate(ctx context.Context, in tftypes.Value, p path.Path) diag.Diagnostics {
	var diags diag.Diagnostics
	if in.Type() == nil || !in.IsKnown() || in.IsNull() {
		return diags
	}
	var elems []tftypes.Value
	if err := in.As(&elems); err != nil {
		diags.AddAttributeError(p, "Set Type Validation Error", "Could not read the set value: "+err.Error()+". This is a bug in the provider; please report it.")
		return diags
	}
	seen := make(map[string]bool, len(elems))
	for _, e := range elems {
		if !e.IsFullyKnown() {
			continue
		}
		v, err := t.ElemType.ValueFromTerraform(ctx, e)
		if err != nil {
			diags.AddAttributeError(p, "Set Type Validation Error", "Could not read a set element: "+err.Error()+". This is a bug in the provider; please report it.")
			return diags
		}
		k := v.String()
		if seen[k] {
			diags.AddAttributeError(p, "Duplicate Set Element", "This attribute contains duplicate values of: "+k)
		}
		seen[k] = true
	}
	return diags
}

// linearSetValue is a value of linearSetType.
type linearSetValue struct{ basetypes.SetValue }

func (v linearSetValue) Type(ctx context.Context) attr.Type {
	return linearSetType{basetypes.SetType{ElemType: v.ElementType(ctx)}}
}

// Equal compares the elements by canonical text (attr String sorts keys
// and quotes strings), counting each, so it is linear.
func (v linearSetValue) Equal(o attr.Value) bool {
	other, ok := o.(linearSetValue)
	if !ok {
		return false
	}
	if v.IsNull() || v.IsUnknown() || other.IsNull() || other.IsUnknown() {
		return v.SetValue.Equal(other.SetValue)
	}
	a, b := v.Elements(), other.Elements()
	if len(a) != len(b) || !v.ElementType(context.Background()).Equal(other.ElementType(context.Background())) {
		return false
	}
	count := make(map[string]int, len(a))
	for _, e := range a {
		count[e.String()]++
	}
	for _, e := range b {
		k := e.String()
		if count[k] == 0 {
			return false
		}
		count[k]--
	}
	return true
}

// SetSemanticEquals reports an unchanged set, which lets the framework skip
// its element-by-element walk (the elements have no semantic equality of
// their own, so that walk could never change anything).
func (v linearSetValue) SetSemanticEquals(_ context.Context, prior basetypes.SetValuable) (bool, diag.Diagnostics) {
	p, ok := prior.(linearSetValue)
	return ok && v.Equal(p), nil
}
