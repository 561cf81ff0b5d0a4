package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestKnownOr(t *testing.T) {
	for _, tc := range []struct {
		planned       types.String
		got, fallback string
		want          types.String
	}{
		{types.StringValue("draft"), "running", "x", types.StringValue("draft")}, // the plan knew it
		{types.StringNull(), "2025-01-01T00:00:00Z", "", types.StringNull()},     // known null stays
		{types.StringUnknown(), "running", "draft", types.StringValue("running")},
		{types.StringUnknown(), "", "draft", types.StringValue("draft")},
		{types.StringUnknown(), "", "", types.StringNull()},
	} {
		if got := knownOr(tc.planned, tc.got, tc.fallback); !got.Equal(tc.want) {
			t.Errorf("knownOr(%v, %q, %q) = %v, want %v", tc.planned, tc.got, tc.fallback, got, tc.want)
		}
	}
}
