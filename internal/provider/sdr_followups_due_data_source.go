package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

var _ datasource.DataSourceWithConfigure = (*sdrFollowupsDueDataSource)(nil)

// NewSDRFollowupsDueDataSource lists the follow-up tasks of the key's SDR
// (GET /v1/sdr/followups/due).
func NewSDRFollowupsDueDataSource() datasource.DataSource { return &sdrFollowupsDueDataSource{} }

type sdrFollowupsDueDataSource struct{ data *providerData }

type followupModel struct {
	ID       types.String `tfsdk:"id"`
	ThreadID types.String `tfsdk:"thread_id"`
	SDRID    types.String `tfsdk:"sdr_id"`
	Status   types.String `tfsdk:"status"`
	DueAt    types.String `tfsdk:"due_at"`
}

type sdrFollowupsDueModel struct {
	IncludeUpcoming types.Bool      `tfsdk:"include_upcoming"`
	Limited         types.Bool      `tfsdk:"limited"`
	Followups       []followupModel `tfsdk:"followups"`
}

func (d *sdrFollowupsDueDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sdr_followups_due"
}

func (d *sdrFollowupsDueDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("Follow-up tasks due for the SDR linked to the provider's API key (`GET /v1/sdr/followups/due`). Follow-ups are scheduled by rules an admin configures in Leadterra. "+
			"The endpoint has a `limit` (at most %d, which the provider asks) and no paging: when the answer is that long, `limited` is true and a warning says some tasks may be missing.", leadterra.FollowupsMaxLimit),
		Attributes: map[string]schema.Attribute{
			"include_upcoming": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Also list tasks not yet due. Defaults to `false`: only tasks due now.",
			},
			"limited": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: fmt.Sprintf("True when the API answered the largest page (%d tasks): more may exist and cannot be read.", leadterra.FollowupsMaxLimit),
			},
			"followups": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The tasks, in the order the API lists them.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":        computed("Follow-up id."),
						"thread_id": computed("The prospect thread it belongs to (see `leadterra_sdr_inbox`)."),
						"sdr_id":    computed("The SDR it is assigned to."),
						"status":    computed("Status (`pending` is the one documented), kept as the API sends it."),
						"due_at":    computed("When it is due, RFC 3339 UTC."),
					},
				},
			},
		},
	}
}

func (d *sdrFollowupsDueDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *sdrFollowupsDueDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state sdrFollowupsDueModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.clientFor("list the SDR's due follow-ups", &resp.Diagnostics)
	if client == nil {
		return
	}
	list, limited, err := client.DueFollowups(ctx, state.IncludeUpcoming.ValueBool())
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "list the SDR's due follow-ups"}, err)
		return
	}
	if limited {
		resp.Diagnostics.AddWarning("Some follow-ups may be missing",
			fmt.Sprintf("data.leadterra_sdr_followups_due read %d follow-ups, the most GET /v1/sdr/followups/due returns at once, and the endpoint offers no next page: more may exist. `limited` is true. Complete or skip tasks in Leadterra to bring the list under the limit.", len(list)))
	}
	state.Limited = types.BoolValue(limited)
	state.Followups = make([]followupModel, 0, len(list))
	for _, f := range list {
		state.Followups = append(state.Followups, followupModel{
			ID: types.StringValue(f.ID), ThreadID: nullIfEmpty(f.ThreadID), SDRID: nullIfEmpty(f.SDRID), Status: nullIfEmpty(f.Status), DueAt: nullIfEmpty(f.DueAt),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
