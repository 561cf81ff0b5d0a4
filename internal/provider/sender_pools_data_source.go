package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

var _ datasource.DataSourceWithConfigure = (*senderPoolsDataSource)(nil)

// NewSenderPoolsDataSource lists every sender pool of the workspace.
func NewSenderPoolsDataSource() datasource.DataSource { return &senderPoolsDataSource{} }

type senderPoolsDataSource struct{ data *providerData }

type poolModel struct {
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	DailyCapacity    types.Int64  `tfsdk:"daily_capacity"`
	RemainingVolume  types.Int64  `tfsdk:"remaining_volume"`
	SenderAccountIDs types.List   `tfsdk:"sender_account_ids"`
	SenderCount      types.Int64  `tfsdk:"sender_count"`
}

type senderPoolsModel struct {
	Pools []poolModel `tfsdk:"pools"`
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

func (d *senderPoolsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sender_pools"
}

func (d *senderPoolsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every sender pool of the workspace, with its daily capacity and remaining volume.",
		Attributes: map[string]schema.Attribute{
			"pools": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The pools, in the order the API lists them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: poolAttributes()},
			},
		},
	}
}

func (d *senderPoolsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *senderPoolsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := d.data.clientFor("list sender pools", &resp.Diagnostics)
	if client == nil {
		return
	}
	pools, err := client.ListSenderPools(ctx)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "list sender pools"}, err)
		return
	}
	state := senderPoolsModel{Pools: make([]poolModel, 0, len(pools))}
	for _, p := range pools {
		state.Pools = append(state.Pools, newPoolModel(p))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
