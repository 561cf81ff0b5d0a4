package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/validators"
)

var _ datasource.DataSourceWithConfigure = (*sdrInboxDataSource)(nil)

// NewSDRInboxDataSource lists the prospect threads of the key's SDR
// (GET /v1/sdr/inbox), every page.
func NewSDRInboxDataSource() datasource.DataSource { return &sdrInboxDataSource{} }

type sdrInboxDataSource struct{ data *providerData }

type threadModel struct {
	ID            types.String  `tfsdk:"id"`
	ContactEmail  types.String  `tfsdk:"contact_email"`
	ContactName   types.String  `tfsdk:"contact_name"`
	Subject       types.String  `tfsdk:"subject"`
	Status        types.String  `tfsdk:"status"`
	Category      types.String  `tfsdk:"category"`
	PriorityScore types.Float64 `tfsdk:"priority_score"`
	LastMessageAt types.String  `tfsdk:"last_message_at"`
}

type sdrInboxModel struct {
	Status   types.Set     `tfsdk:"status"`
	Category types.String  `tfsdk:"category"`
	Search   types.String  `tfsdk:"search"`
	Threads  []threadModel `tfsdk:"threads"`
}

func (d *sdrInboxDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sdr_inbox"
}

func (d *sdrInboxDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The prospect threads (MQL-qualified conversations) in the inbox of the SDR linked to the provider's API key (`GET /v1/sdr/inbox`), highest priority first. Every page is read (100 threads a page, by `limit` and `offset`). A thread appears once a reply is assigned to the SDR (see the `leadterra_reply_assign` action).\n\n" +
			"**Threads hold personal data** (the contact's name and address), which Terraform writes to its state.",
		Attributes: map[string]schema.Attribute{
			"status": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(validators.NotBlank())},
				MarkdownDescription: "Only threads in one of these statuses: `new`, `awaiting_reply`, `needs_followup`, `replied`, `meeting_booked`, `won`, `lost_not_interested`, `lost_timing`, `lost_competitor` or `archived`. " +
					"Unset: every status. Sent to the API, which rejects a status it does not know.",
			},
			"category": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf("A", "B", "C")},
				MarkdownDescription: "Only threads of this MQL category: `A`, `B` or `C`.",
			},
			"search": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{validators.NotBlank()},
				MarkdownDescription: "Only threads whose contact address, contact name or subject matches this text (matched by the API).",
			},
			"threads": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The threads, in the order the API lists them (priority first).",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":            computed("Thread id."),
						"contact_email": computed("The prospect's address."),
						"contact_name":  computed("The prospect's name; null when the API sends none."),
						"subject":       computed("Subject of the conversation."),
						"status":        computed("Thread status, kept as the API sends it."),
						"category":      computed("MQL category (`A`, `B`, `C`); null when none."),
						"priority_score": schema.Float64Attribute{
							Computed:            true,
							MarkdownDescription: "Priority score the inbox sorts by (higher first).",
						},
						"last_message_at": computed("When the last message of the thread was sent or received, RFC 3339 UTC."),
					},
				},
			},
		},
	}
}

func (d *sdrInboxDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *sdrInboxDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state sdrInboxModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.clientFor("list the SDR inbox", &resp.Diagnostics)
	if client == nil {
		return
	}
	f := leadterra.InboxFilter{Category: state.Category.ValueString(), Search: state.Search.ValueString()}
	if !state.Status.IsNull() {
		resp.Diagnostics.Append(state.Status.ElementsAs(ctx, &f.Statuses, false)...)
	}
	threads, err := client.InboxThreads(ctx, f, 0)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "list the SDR inbox"}, err)
		return
	}
	state.Threads = make([]threadModel, 0, len(threads))
	for _, t := range threads {
		state.Threads = append(state.Threads, threadModel{
			ID: types.StringValue(t.ID), ContactEmail: nullIfEmpty(t.ContactEmail), ContactName: nullIfEmpty(t.ContactName),
			Subject: nullIfEmpty(t.Subject), Status: nullIfEmpty(t.Status), Category: nullIfEmpty(t.Category),
			PriorityScore: types.Float64Value(t.PriorityScore), LastMessageAt: nullIfEmpty(t.LastMessageAt),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
