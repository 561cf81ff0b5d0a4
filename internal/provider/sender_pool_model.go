package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// A sender pool as both sender pool data sources show it.

type poolModel struct {
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	DailyCapacity    types.Int64  `tfsdk:"daily_capacity"`
	RemainingVolume  types.Int64  `tfsdk:"remaining_volume"`
	SenderAccountIDs types.List   `tfsdk:"sender_account_ids"`
	SenderCount      types.Int64  `tfsdk:"sender_count"`
}

// poolAttributes describe one pool; shared with leadterra_sender_pool.
func poolAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Pool id (`pool_…`).",
		},
		"name": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Name set in the dashboard.",
		},
		"daily_capacity": schema.Int64Attribute{
			Computed:            true,
			MarkdownDescription: "Emails the pool may send per 24-hour window.",
		},
		"remaining_volume": schema.Int64Attribute{
			Computed:            true,
			MarkdownDescription: "Emails still available in the current window (`remainingVolume` or `remainingToday` in the API).",
		},
		"sender_account_ids": schema.ListAttribute{
			Computed:            true,
			ElementType:         types.StringType,
			MarkdownDescription: "Ids of the pool's sender accounts. Null when the API reports only a count.",
		},
		"sender_count": schema.Int64Attribute{
			Computed:            true,
			MarkdownDescription: "Number of sender accounts in the pool (counted from the ids when the API lists them).",
		},
	}
}

func newPoolModel(p leadterra.SenderPool) poolModel {
	ids := types.ListNull(types.StringType)
	if p.SenderAccountIDs != nil {
		elems := make([]attr.Value, 0, len(p.SenderAccountIDs))
		for _, id := range p.SenderAccountIDs {
			elems = append(elems, types.StringValue(id))
		}
		ids = types.ListValueMust(types.StringType, elems)
	}
	return poolModel{
		ID: types.StringValue(p.ID), Name: types.StringValue(p.Name),
		DailyCapacity: types.Int64Value(p.DailyCapacity), RemainingVolume: types.Int64Value(p.RemainingVolume),
		SenderAccountIDs: ids, SenderCount: types.Int64Value(p.SenderCount),
	}
}
