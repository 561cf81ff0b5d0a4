package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
)

var _ datasource.DataSourceWithConfigure = (*sdrsDataSource)(nil)

// NewSDRsDataSource lists the workspace's SDRs (GET /v1/sdrs).
func NewSDRsDataSource() datasource.DataSource { return &sdrsDataSource{} }

type sdrsDataSource struct{ data *providerData }

type sdrModel struct {
	ID             types.String `tfsdk:"id"`
	Name           types.String `tfsdk:"name"`
	Email          types.String `tfsdk:"email"`
	GmailConnected types.Bool   `tfsdk:"gmail_connected"`
	GmailEmail     types.String `tfsdk:"gmail_email"`
}

type sdrsModel struct {
	SDRs []sdrModel `tfsdk:"sdrs"`
}

func (d *sdrsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sdrs"
}

func (d *sdrsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The workspace's SDRs (sales reps who receive assigned replies) and whether their Gmail is connected (`GET /v1/sdrs`).",
		Attributes: map[string]schema.Attribute{
			"sdrs": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The SDRs, in the order the API lists them.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "SDR id.",
						},
						"name": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "Display name.",
						},
						"email": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "Work address; replies are forwarded to it by default.",
						},
						"gmail_connected": schema.BoolAttribute{
							Computed:            true,
							MarkdownDescription: "Whether the SDR's Gmail is connected (needed to send drafts).",
						},
						"gmail_email": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "Connected Gmail address; null when none is reported.",
						},
					},
				},
			},
		},
	}
}

func (d *sdrsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *sdrsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := d.data.clientFor("list SDRs", &resp.Diagnostics)
	if client == nil {
		return
	}
	list, err := client.ListSDRs(ctx)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "list SDRs"}, err)
		return
	}
	state := sdrsModel{SDRs: make([]sdrModel, 0, len(list))}
	for _, s := range list {
		state.SDRs = append(state.SDRs, sdrModel{
			ID: types.StringValue(s.ID), Name: nullIfEmpty(s.Name), Email: nullIfEmpty(s.Email),
			GmailConnected: types.BoolValue(s.GmailConnected), GmailEmail: nullIfEmpty(s.GmailEmail),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
