package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/validators"
)

var _ datasource.DataSourceWithConfigure = (*campaignDataSource)(nil)

// NewCampaignDataSource reads one campaign by id through the campaign read
// completion (GET /v1/campaigns/:id), which the documented API lacks.
func NewCampaignDataSource() datasource.DataSource { return &campaignDataSource{} }

type campaignDataSource struct{ data *providerData }

type campaignDataModel struct {
	ID            types.String `tfsdk:"id"`
	Name          types.String `tfsdk:"name"`
	Status        types.String `tfsdk:"status"`
	CreatedAt     types.String `tfsdk:"created_at"`
	StartedAt     types.String `tfsdk:"started_at"`
	PausedAt      types.String `tfsdk:"paused_at"`
	SequenceSteps []stepModel  `tfsdk:"sequence_steps"`
}

func (d *campaignDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_campaign"
}

func (d *campaignDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One campaign by id: name, status and sequence steps. Needs an API that offers GET /v1/campaigns/:id (not in the documented API); where it is missing, the read fails with an error that says so. `leadterra_campaign_stats` works on every API.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Required:            true,
				Validators:          []validator.String{validators.NotBlank()},
				MarkdownDescription: "Campaign id (`camp_…`).",
			},
			"name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Display name.",
			},
			"status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`draft`, `running` or `paused` (the API's `active` is reported as `running`).",
			},
			"created_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Creation time, RFC 3339 UTC.",
			},
			"started_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the campaign last started or resumed; null if never, or not reported.",
			},
			"paused_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the campaign was paused; null unless reported.",
			},
			"sequence_steps": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The emails of the sequence, in sending order.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"subject": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "Subject line.",
						},
						"body_html": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "HTML body.",
						},
						"delay_days": schema.Int64Attribute{
							Computed:            true,
							MarkdownDescription: "Days to wait after the previous step; 0 when the API does not report it.",
						},
					},
				},
			},
		},
	}
}

func (d *campaignDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *campaignDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg campaignDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.clientFor("read a campaign", &resp.Diagnostics)
	if client == nil {
		return
	}
	id := cfg.ID.ValueString()
	// LookupCampaign tells a missing route from a missing campaign through
	// the documented stats endpoint.
	found, err := client.LookupCampaign(ctx, id)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "read", Object: campaignObject(id)}, err)
		return
	}
	switch found.Presence {
	case leadterra.Gone:
		resp.Diagnostics.Append(diagnostics.NoSuchObject(path.Root("id"), "campaign", id, diagnostics.CampaignNotFoundProof))
		return
	case leadterra.ExistsNotOffered:
		resp.Diagnostics.AddError("Leadterra API offers no campaign read",
			fmt.Sprintf("Campaign %q exists, but this Leadterra API offers no %s (it is not in the documented API), so data.leadterra_campaign cannot read its name, status or steps.\n\n"+
				"Use data.leadterra_campaign_stats for its counters (it works on every Leadterra API), or reference the leadterra_campaign resource that manages the campaign.", id, leadterra.CapCampaignRead))
		return
	}
	c := *found.Campaign
	state := campaignDataModel{
		ID: cfg.ID, Name: types.StringValue(c.Name), Status: nullIfEmpty(c.Status),
		CreatedAt: nullIfEmpty(c.CreatedAt), StartedAt: nullIfEmpty(c.StartedAt), PausedAt: nullIfEmpty(c.PausedAt),
		SequenceSteps: mergeSteps([]stepModel{}, c.Steps),
	}
	d.data.rememberSteps(c.ID, state.SequenceSteps)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
