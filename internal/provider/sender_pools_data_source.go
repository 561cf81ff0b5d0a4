package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
)

var _ datasource.DataSourceWithConfigure = (*senderPoolsDataSource)(nil)

// NewSenderPoolsDataSource lists every sender pool of the workspace.
func NewSenderPoolsDataSource() datasource.DataSource { return &senderPoolsDataSource{} }

type senderPoolsDataSource struct{ data *providerData }

type senderPoolsModel struct {
	Pools []poolModel `tfsdk:"pools"`
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
