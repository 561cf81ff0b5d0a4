package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
)

var _ datasource.DataSourceWithConfigure = (*sdrGmailStatusDataSource)(nil)

// NewSDRGmailStatusDataSource reads the Gmail connection of the key's SDR
// (GET /v1/sdr/gmail/status).
func NewSDRGmailStatusDataSource() datasource.DataSource { return &sdrGmailStatusDataSource{} }

type sdrGmailStatusDataSource struct{ data *providerData }

type sdrGmailStatusModel struct {
	Connected     types.Bool   `tfsdk:"connected"`
	Email         types.String `tfsdk:"email"`
	HealthState   types.String `tfsdk:"health_state"`
	LastSyncedAt  types.String `tfsdk:"last_synced_at"`
	LastSyncError types.String `tfsdk:"last_sync_error"`
}

func (d *sdrGmailStatusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sdr_gmail_status"
}

func (d *sdrGmailStatusDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	text := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: desc,
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Health of the Gmail connection of the SDR linked to the provider's API key (`GET /v1/sdr/gmail/status`). Useful in a `check` block or a precondition before relying on SDR sending.",
		Attributes: map[string]schema.Attribute{
			"connected": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether the SDR's Gmail account is connected (SDR sending needs it).",
			},
			"email":           text("Connected Gmail address; null when none."),
			"health_state":    text("`active`, `needs_reauth`, `rate_limited` or `disconnected` (other values are kept as sent)."),
			"last_synced_at":  text("Last successful sync, RFC 3339 UTC; null when never synced."),
			"last_sync_error": text("Last sync error; null when the API reports none (it sends one only after an error)."),
		},
	}
}

func (d *sdrGmailStatusDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *sdrGmailStatusDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := d.data.clientFor("read the SDR Gmail status", &resp.Diagnostics)
	if client == nil {
		return
	}
	st, err := client.GetGmailStatus(ctx)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "read the SDR Gmail status"}, err)
		return
	}
	state := sdrGmailStatusModel{
		Connected: types.BoolValue(st.Connected), Email: nullIfEmpty(st.Email), HealthState: nullIfEmpty(st.HealthState),
		LastSyncedAt: nullIfEmpty(st.LastSyncedAt), LastSyncError: nullIfEmpty(st.LastSyncError),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
