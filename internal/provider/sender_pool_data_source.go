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
	_ datasource.DataSourceWithConfigure        = (*senderPoolDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*senderPoolDataSource)(nil)
)

// NewSenderPoolDataSource looks up one sender pool by id or by name.
func NewSenderPoolDataSource() datasource.DataSource { return &senderPoolDataSource{} }

type senderPoolDataSource struct{ data *providerData }

func (d *senderPoolDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sender_pool"
}

func (d *senderPoolDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := poolAttributes()
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	attrs["id"] = schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		Validators:          nonEmpty,
		MarkdownDescription: "Pool id (`pool_…`) to look up. Exactly one of `id` and `name` must be set; the other is filled in from the pool found. No match is an error.",
	}
	attrs["name"] = schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		Validators:          nonEmpty,
		MarkdownDescription: "Pool name to look up, matched exactly (case-sensitive); it must match exactly one pool, else the read fails and lists the pools (no match) or the ids of those that match (several).",
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One sender pool, by id or by exact name, read from `GET /v1/sender-pools`: its daily sending capacity, what is left of it today and its sender accounts. Pools are managed in the Leadterra dashboard: the API cannot create, change or delete them.",
		Attributes:          attrs,
	}
}

func (d *senderPoolDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *senderPoolDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *senderPoolDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg poolModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.clientFor("look up a sender pool", &resp.Diagnostics)
	if client == nil {
		return
	}
	pools, err := client.ListSenderPools(ctx)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "list sender pools"}, err)
		return
	}
	var matches []leadterra.SenderPool
	attribute, want := "id", cfg.ID.ValueString()
	if cfg.ID.IsNull() {
		attribute, want = "name", cfg.Name.ValueString()
	}
	for _, p := range pools {
		if (attribute == "id" && p.ID == want) || (attribute == "name" && p.Name == want) {
			matches = append(matches, p)
		}
	}
	switch len(matches) {
	case 1:
		state := newPoolModel(matches[0])
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	case 0:
		names := make([]string, 0, len(pools))
		for _, p := range pools {
			names = append(names, fmt.Sprintf("%q (%s)", p.Name, p.ID))
		}
		available := "the workspace has no sender pools"
		if len(names) > 0 {
			available = "pools in this workspace: " + strings.Join(names, ", ")
		}
		resp.Diagnostics.AddAttributeError(path.Root(attribute), "No such sender pool",
			fmt.Sprintf("No sender pool has %s %q; %s.", attribute, want, available))
	default:
		ids := make([]string, 0, len(matches))
		for _, p := range matches {
			ids = append(ids, p.ID)
		}
		resp.Diagnostics.AddAttributeError(path.Root(attribute), "Sender pool name is ambiguous",
			fmt.Sprintf("%d sender pools are named %q (%s). Look the pool up by id instead.", len(matches), want, strings.Join(ids, ", ")))
	}
}
