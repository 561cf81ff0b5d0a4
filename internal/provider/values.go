package provider

import "github.com/hashicorp/terraform-plugin-framework/types"

// nullIfEmpty maps a string the API left out or sent empty to null.
func nullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
