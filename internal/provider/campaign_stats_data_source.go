package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/validators"
)

var _ datasource.DataSourceWithConfigure = (*campaignStatsDataSource)(nil)

// NewCampaignStatsDataSource reads a campaign's counters. It uses only the
// documented stats endpoint, so it works on every Leadterra API.
func NewCampaignStatsDataSource() datasource.DataSource { return &campaignStatsDataSource{} }

type campaignStatsDataSource struct{ data *providerData }

type campaignStatsModel struct {
	CampaignID    types.String  `tfsdk:"campaign_id"`
	TotalEnrolled types.Int64   `tfsdk:"total_enrolled"`
	Sent          types.Int64   `tfsdk:"sent"`
	Delivered     types.Int64   `tfsdk:"delivered"`
	Bounced       types.Int64   `tfsdk:"bounced"`
	Replied       types.Int64   `tfsdk:"replied"`
	Queued        types.Int64   `tfsdk:"queued"`
	OpenRate      types.Float64 `tfsdk:"open_rate"`
	ReplyRate     types.Float64 `tfsdk:"reply_rate"`
}

func (d *campaignStatsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_campaign_stats"
}

func (d *campaignStatsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	counter := func(desc string) schema.Attribute {
		return schema.Int64Attribute{
			Computed:            true,
			MarkdownDescription: desc,
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A campaign's performance counters, \"updated in near real-time\" by Leadterra. Works on every Leadterra API (it uses the documented stats endpoint only).",
		Attributes: map[string]schema.Attribute{
			"campaign_id": schema.StringAttribute{
				Required:            true,
				Validators:          []validator.String{validators.NotBlank()},
				MarkdownDescription: "Id of the campaign (`camp_…`) whose counters to read. A campaign the workspace does not hold is an error (`campaign_not_found`).",
			},
			"total_enrolled": counter("Leads enrolled, in any state."),
			"sent":           counter("Emails submitted for delivery, whatever the outcome."),
			"delivered":      counter("Emails accepted by the recipient's mail server."),
			"bounced":        counter("Hard and soft bounces. A hard bounce suppresses the lead from further sends."),
			"replied":        counter("Leads with at least one reply to any step; they get no further steps."),
			"queued":         counter("Emails waiting in the queue. Non-zero while paused means held messages."),
			"open_rate": schema.Float64Attribute{
				Computed:            true,
				MarkdownDescription: "Unique opens ÷ delivered, 0–1.",
			},
			"reply_rate": schema.Float64Attribute{
				Computed:            true,
				MarkdownDescription: "Replied leads ÷ delivered emails, 0–1.",
			},
		},
	}
}

func (d *campaignStatsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *campaignStatsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg campaignStatsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.clientFor("read campaign stats", &resp.Diagnostics)
	if client == nil {
		return
	}
	id := cfg.CampaignID.ValueString()
	st, err := client.GetCampaignStats(ctx, id)
	switch {
	case leadterra.IsObjectNotFound(err):
		resp.Diagnostics.Append(diagnostics.NoSuchObject(path.Root("campaign_id"), "campaign", id, "Leadterra answers campaign_not_found"))
		return
	case err != nil:
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "read stats of", Object: campaignObject(id)}, err)
		return
	}
	state := campaignStatsModel{
		CampaignID:    cfg.CampaignID,
		TotalEnrolled: types.Int64Value(st.TotalEnrolled), Sent: types.Int64Value(st.Sent),
		Delivered: types.Int64Value(st.Delivered), Bounced: types.Int64Value(st.Bounced),
		Replied: types.Int64Value(st.Replied), Queued: types.Int64Value(st.Queued),
		OpenRate: types.Float64Value(st.OpenRate), ReplyRate: types.Float64Value(st.ReplyRate),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
