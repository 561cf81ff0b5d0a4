package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func benchLeads(n int) []leadModel {
	leads := make([]leadModel, n)
	for i := range leads {
		leads[i] = leadModel{
			Email: types.StringValue(fmt.Sprintf("lead%05d@example.com", i)), FirstName: types.StringValue("Ava"),
			LastName: types.StringNull(), Company: types.StringValue("Example Co"), JobTitle: types.StringNull(),
			CustomFields: types.MapNull(types.StringType),
		}
	}
	return leads
}

// BenchmarkLeadsSetEqual compares two equal lead sets (the same elements in
// reverse order) with the linear set type and with the framework's own set.
// go test -run '^$' -bench LeadsSetEqual -benchtime 3x ./internal/provider
func BenchmarkLeadsSetEqual(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{100, 1000, 10000} {
		leads := benchLeads(n)
		reversed := make([]leadModel, n)
		for i := range leads {
			reversed[n-1-i] = leads[i]
		}
		var diags diag.Diagnostics
		a, bb := leadsSet(ctx, leads, &diags), leadsSet(ctx, reversed, &diags)
		if diags.HasError() {
			b.Fatal(diags)
		}
		b.Run(fmt.Sprintf("linear/%d", n), func(b *testing.B) {
			for b.Loop() {
				if !a.Equal(bb) {
					b.Fatal("equal sets compare unequal")
				}
			}
		})
		if n > 1000 {
			continue // the framework's pairwise compare takes minutes here
		}
		b.Run(fmt.Sprintf("framework/%d", n), func(b *testing.B) {
			for b.Loop() {
				if !a.SetValue.Equal(bb.SetValue) {
					b.Fatal("equal sets compare unequal")
				}
			}
		})
	}
}
