package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

var (
	_ datasource.DataSourceWithConfigure        = (*senderAccountDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*senderAccountDataSource)(nil)
)

// NewSenderAccountDataSource looks up one sender account by id or email.
func NewSenderAccountDataSource() datasource.DataSource { return &senderAccountDataSource{} }

type senderAccountDataSource struct{ data *providerData }

func (d *senderAccountDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sender_account"
}

func (d *senderAccountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := accountAttributes()
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	attrs["id"] = schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		Validators:          nonEmpty,
		MarkdownDescription: "Sender account id (`sa_…`) to look up. Exactly one of `id` and `email` must be set; the other is filled in from the account found. No match is an error.",
	}
	attrs["email"] = schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		Validators:          nonEmpty,
		MarkdownDescription: "From address of the account to look up, matched ignoring case. No match is an error.",
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One sender account (a sending identity), by id or by email address, read from `GET /v1/sender-accounts`. Sender accounts are managed in the Leadterra dashboard: the API cannot create, change or delete them.",
		Attributes:          attrs,
	}
}

func (d *senderAccountDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("email"))}
}

func (d *senderAccountDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *senderAccountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg accountModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.clientFor("look up a sender account", &resp.Diagnostics)
	if client == nil {
		return
	}
	accounts, err := client.ListSenderAccounts(ctx)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "list sender accounts"}, err)
		return
	}
	attribute, want := "id", cfg.ID.ValueString()
	if cfg.ID.IsNull() {
		attribute, want = "email", cfg.Email.ValueString()
	}
	var matches []leadterra.SenderAccount
	for _, a := range accounts {
		if (attribute == "id" && a.ID == want) || (attribute == "email" && sameEmail(a.Email, want)) {
			matches = append(matches, a)
		}
	}
	switch len(matches) {
	case 1:
		state := newAccountModel(matches[0])
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	case 0:
		resp.Diagnostics.AddAttributeError(path.Root(attribute), "No such sender account",
			fmt.Sprintf("No sender account of this workspace has %s %q (the workspace has %d sender accounts). Check the value against the leadterra_sender_accounts data source or the dashboard.", attribute, want, len(accounts)))
	default:
		ids := make([]string, 0, len(matches))
		for _, a := range matches {
			ids = append(ids, a.ID)
		}
		resp.Diagnostics.AddAttributeError(path.Root(attribute), "Sender account is ambiguous",
			fmt.Sprintf("%d sender accounts have %s %q (%s). Look the account up by id instead.", len(matches), attribute, want, strings.Join(ids, ", ")))
	}
}
