package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
)

var _ datasource.DataSourceWithConfigure = (*senderAccountsDataSource)(nil)

// NewSenderAccountsDataSource lists sender accounts, optionally by status.
func NewSenderAccountsDataSource() datasource.DataSource { return &senderAccountsDataSource{} }

type senderAccountsDataSource struct{ data *providerData }

type senderAccountsModel struct {
	Status   types.String   `tfsdk:"status"`
	Accounts []accountModel `tfsdk:"accounts"`
}

func (d *senderAccountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sender_accounts"
}

func (d *senderAccountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The workspace's sender accounts (sending identities), optionally only those with one status.",
		Attributes: map[string]schema.Attribute{
			"status": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Keep only accounts with this status (`active`, `paused`, `warming`; other values the API reports are matched as given).",
			},
			"accounts": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The accounts, in the order the API lists them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: accountAttributes()},
			},
		},
	}
}

func (d *senderAccountsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *senderAccountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state senderAccountsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.clientFor("list sender accounts", &resp.Diagnostics)
	if client == nil {
		return
	}
	accounts, err := client.ListSenderAccounts(ctx)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "list sender accounts"}, err)
		return
	}
	state.Accounts = make([]accountModel, 0, len(accounts))
	for _, a := range accounts {
		if !state.Status.IsNull() && a.Status != state.Status.ValueString() {
			continue
		}
		state.Accounts = append(state.Accounts, newAccountModel(a))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
