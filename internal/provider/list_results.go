package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// listFiltered is the query of a list resource: read its filters (C),
// list every object through the client, keep those the filters accept and
// stream them, fill making each result. action names the request in an
// error ("list campaigns"); notOfferedHint says what to do when the API
// lacks the listing.
func listFiltered[C, T any](ctx context.Context, data *providerData, req list.ListRequest, stream *list.ListResultsStream,
	action, notOfferedHint string, fetch func(*leadterra.Client, context.Context) ([]T, error), keeps func(C, T) bool, fill func(T, *list.ListResult),
) {
	var cfg C
	var diags diag.Diagnostics
	diags.Append(req.Config.Get(ctx, &cfg)...)
	client := data.clientFor(action, &diags)
	if diags.HasError() || client == nil {
		stream.Results = listFailed(diags)
		return
	}
	all, err := fetch(client, ctx)
	if err != nil {
		op := diagnostics.Op{Action: action}
		if leadterra.IsNotOffered(err) {
			op.Hint = notOfferedHint
		}
		diagnostics.Add(&diags, op, err)
		stream.Results = listFailed(diags)
		return
	}
	var found []T
	for _, item := range all {
		if keeps(cfg, item) {
			found = append(found, item)
		}
	}
	stream.Results = listed(ctx, req, found, fill)
}

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
