package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestLinearSetType_checksAgreeWithTheFramework(t *testing.T) {
	ctx := context.Background()
	set := func(emails ...string) linearSetValue { return suppressionSet(emails) }
	if !set("a@x.io", "b@x.io").Equal(set("b@x.io", "a@x.io")) || set("a@x.io", "b@x.io").Equal(set("a@x.io")) || set("a@x.io", "b@x.io").Equal(set("a@x.io", "B@x.io")) {
		t.Fatal("set equality must ignore order and see every difference")
	}
	if eq, _ := set("a@x.io", "b@x.io").SetSemanticEquals(ctx, set("b@x.io", "a@x.io")); !eq {
		t.Fatal("an unchanged set is semantically equal")
	}
	typ := newLinearSetType(types.StringType)
	tfv, err := set("a@x.io", "b@x.io").ToTerraformValue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := typ.Validate(ctx, tfv, path.Root("emails")); d.HasError() {
		t.Fatal(d)
	}
	var elems []tftypes.Value
	_ = tfv.As(&elems)
	dup := tftypes.NewValue(tfv.Type(), append(elems, elems[0]))
	if d := typ.Validate(ctx, dup, path.Root("emails")); !d.HasError() {
		t.Fatal("a duplicate element must be refused")
	}
	v, err := typ.ValueFromTerraform(ctx, tfv)
	if err != nil || !v.(linearSetValue).Equal(set("a@x.io", "b@x.io")) {
		t.Fatalf("round trip: %v %v", v, err)
	}
}

// BenchmarkLinearSetEqual compares two equal sets of addresses (the same
// elements in reverse order) with the linear set type and with the
// framework's own set:
//
//	go test -run '^$' -bench LinearSetEqual -benchtime 3x ./internal/provider
//
// The suppression list uses the linear type.
func BenchmarkLinearSetEqual(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		emails := make([]string, n)
		reversed := make([]string, n)
		for i := range emails {
			emails[i] = fmt.Sprintf("lead%05d@example.com", i)
			reversed[n-1-i] = emails[i]
		}
		a, bb := suppressionSet(emails), suppressionSet(reversed)
		b.Run(fmt.Sprintf("linear/%d", n), func(b *testing.B) {
			for b.Loop() {
				if !a.Equal(bb) {
					b.Fatal("equal sets compare unequal")
				}
			}
		})
		b.Run(fmt.Sprintf("framework/%d", n), func(b *testing.B) {
			for b.Loop() {
				if !a.SetValue.Equal(bb.SetValue) {
					b.Fatal("equal sets compare unequal")
				}
			}
		})
	}
}
