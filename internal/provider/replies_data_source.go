package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/validators"
)

var _ datasource.DataSourceWithConfigure = (*repliesDataSource)(nil)

// NewRepliesDataSource lists classified replies, every page.
func NewRepliesDataSource() datasource.DataSource { return &repliesDataSource{} }

type repliesDataSource struct{ data *providerData }

type replyModel struct {
	ID             types.String `tfsdk:"id"`
	Email          types.String `tfsdk:"email"`
	CampaignID     types.String `tfsdk:"campaign_id"`
	Classification types.String `tfsdk:"classification"`
	ReceivedAt     types.String `tfsdk:"received_at"`
	ThreadSnippet  types.String `tfsdk:"thread_snippet"`
}

type repliesModel struct {
	CampaignID     types.String `tfsdk:"campaign_id"`
	Classification types.String `tfsdk:"classification"`
	MaxPages       types.Int64  `tfsdk:"max_pages"`
	Truncated      types.Bool   `tfsdk:"truncated"`
	Replies        []replyModel `tfsdk:"replies"`
}

func (d *repliesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_replies"
}

func (d *repliesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: desc,
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Classified inbound replies, newest first (`GET /v1/replies`). Every page is read (asking 100 replies a page), up to `max_pages`; a listing cut short sets `truncated` and warns.\n\n" +
			"**Replies hold personal data** (the sender's address and an excerpt of the reply), which Terraform writes to its state.",
		Attributes: map[string]schema.Attribute{
			"campaign_id": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{validators.NotBlank()},
				MarkdownDescription: "Only replies to this campaign (`camp_…`). Unset: the whole workspace. An id the workspace does not hold is an error.",
			},
			"classification": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{validators.NotBlank()},
				MarkdownDescription: "Only replies with exactly this classification, such as `interested`, `not_interested`, `out_of_office`, `bounce`, `unsubscribe` or `referral`. Any value is accepted: the list is not closed. Filtered by the provider, since the API has no such parameter.",
			},
			"max_pages": schema.Int64Attribute{
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 100000)},
				MarkdownDescription: fmt.Sprintf("Most pages to read (the provider asks 100 replies a page; the guide shows 50). Defaults to %d, a safety cap only. When more remain, `truncated` is true and a warning says so.", leadterra.DefaultMaxPages),
			},
			"truncated": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "True when the listing stopped before its end although the API reported more replies: `max_pages` pages were read, or the API repeated a page (a server ignoring `?page=`).",
			},
			"replies": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The replies, in the order the API lists them (newest first).",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":             computed("Reply id (`rpl_…`)."),
						"email":          computed("Address of the lead who replied."),
						"campaign_id":    computed("Campaign the reply belongs to."),
						"classification": computed("Classification, kept as the API sends it (values outside the documented list included)."),
						"received_at":    computed("When the reply arrived, RFC 3339 UTC."),
						"thread_snippet": computed("Short excerpt of the reply."),
					},
				},
			},
		},
	}
}

func (d *repliesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *repliesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state repliesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.clientFor("list replies", &resp.Diagnostics)
	if client == nil {
		return
	}
	maxPages := leadterra.DefaultMaxPages
	if !state.MaxPages.IsNull() {
		maxPages = int(state.MaxPages.ValueInt64())
	}
	campaign := state.CampaignID.ValueString()
	replies, truncated, err := client.ListReplies(ctx, campaign, maxPages)
	if err != nil {
		op := diagnostics.Op{Action: "list replies"}
		if campaign != "" {
			op.Object = fmt.Sprintf("of campaign %q", campaign)
		}
		d := diagnostics.FromError(op, err)
		if campaign != "" && leadterra.IsNotFound(err) && !leadterra.IsWorkspaceNotFound(err) {
			// The replies page: a 404 means no campaign with that id.
			d = diag.WithPath(path.Root("campaign_id"), d)
		}
		resp.Diagnostics.Append(d)
		return
	}
	state.Truncated = types.BoolValue(truncated)
	if truncated {
		resp.Diagnostics.AddWarning("Not every reply was read",
			fmt.Sprintf("data.leadterra_replies read %d replies and stopped although the API reports more: it reached max_pages (now %d), or the API answered a page it had already sent (it may ignore ?page=). "+
				"Raise max_pages, or narrow the list with campaign_id, to read them all; `truncated` is true.", len(replies), maxPages))
	}
	state.Replies = make([]replyModel, 0, len(replies))
	for _, r := range replies {
		if !state.Classification.IsNull() && r.Classification != state.Classification.ValueString() {
			continue
		}
		state.Replies = append(state.Replies, replyModel{
			ID: types.StringValue(r.ID), Email: types.StringValue(r.Email), CampaignID: nullIfEmpty(r.CampaignID),
			Classification: nullIfEmpty(r.Classification), ReceivedAt: nullIfEmpty(r.ReceivedAt), ThreadSnippet: nullIfEmpty(r.ThreadSnippet),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
