package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

var _ datasource.DataSourceWithConfigure = (*campaignsDataSource)(nil)

// NewCampaignsDataSource lists the workspace's campaigns through the list
// completion (GET /v1/campaigns), which the documented API lacks.
func NewCampaignsDataSource() datasource.DataSource { return &campaignsDataSource{} }

type campaignsDataSource struct{ data *providerData }

type campaignSummaryModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Status    types.String `tfsdk:"status"`
	CreatedAt types.String `tfsdk:"created_at"`
}

type campaignsModel struct {
	Name      types.String           `tfsdk:"name"`
	Campaigns []campaignSummaryModel `tfsdk:"campaigns"`
}

func (d *campaignsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_campaigns"
}

func (d *campaignsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The workspace's campaigns, optionally only those with an exact name. Needs an API that offers GET /v1/campaigns (not in the documented API); where it is missing, the read fails with an error that says so.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Only campaigns with exactly this name (case-sensitive). Unset: every campaign.",
			},
			"campaigns": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The campaigns, in the order the API lists them; empty when none matches.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "Campaign id (`camp_…`).",
						},
						"name": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "Display name.",
						},
						"status": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "`draft`, `running` or `paused` (`active` is reported as `running`).",
						},
						"created_at": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "Creation time, RFC 3339 UTC.",
						},
					},
				},
			},
		},
	}
}

func (d *campaignsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *campaignsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg campaignsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.clientFor("list campaigns", &resp.Diagnostics)
	if client == nil {
		return
	}
	list, err := client.ListCampaigns(ctx)
	if err != nil {
		op := diagnostics.Op{Action: "list campaigns"}
		if leadterra.IsNotOffered(err) {
			op.Hint = "So data.leadterra_campaigns cannot list or find campaigns by name. Refer to campaigns by id instead: the id of a leadterra_campaign resource, or one copied from the dashboard. data.leadterra_campaign_stats reads any campaign's counters on every Leadterra API."
		}
		diagnostics.Add(&resp.Diagnostics, op, err)
		return
	}
	state := campaignsModel{Name: cfg.Name, Campaigns: []campaignSummaryModel{}}
	for _, c := range list {
		if !cfg.Name.IsNull() && c.Name != cfg.Name.ValueString() {
			continue
		}
		state.Campaigns = append(state.Campaigns, campaignSummaryModel{
			ID: types.StringValue(c.ID), Name: types.StringValue(c.Name), Status: nullIfEmpty(c.Status), CreatedAt: nullIfEmpty(c.CreatedAt),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
