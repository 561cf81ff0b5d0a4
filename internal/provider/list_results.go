package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
)

// listed streams the items a list resource found, at most limit of them
// (0: no limit), each turned into a result by fill. The API is read before
// streaming starts, so an API failure is one error result, never a partial
// list.
func listed[T any](ctx context.Context, req list.ListRequest, items []T, fill func(T, *list.ListResult)) func(func(list.ListResult) bool) {
	return func(push func(list.ListResult) bool) {
		for i, item := range items {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			result := req.NewListResult(ctx)
			fill(item, &result)
			if !push(result) {
				return
			}
		}
	}
}

// listFailed is a stream of one result carrying diags.
func listFailed(diags diag.Diagnostics) func(func(list.ListResult) bool) {
	return list.ListResultsStreamDiagnostics(diags)
}
