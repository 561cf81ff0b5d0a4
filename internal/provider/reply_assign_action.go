package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/validators"
)

var (
	_ action.ActionWithConfigure      = (*replyAssignAction)(nil)
	_ action.ActionWithValidateConfig = (*replyAssignAction)(nil)
)

// NewReplyAssignAction forwards a reply to an SDR (POST
// /v1/replies/:replyId/assign). An action, not a resource: the API offers
// no read or delete of an assignment, and a second call is a 409.
func NewReplyAssignAction() action.Action { return &replyAssignAction{} }

type replyAssignAction struct{ data *providerData }

type replyAssignModel struct {
	ReplyID       types.String `tfsdk:"reply_id"`
	SDRID         types.String `tfsdk:"sdr_id"`
	To            types.String `tfsdk:"to"`
	CC            types.List   `tfsdk:"cc"`
	Subject       types.String `tfsdk:"subject"`
	Note          types.String `tfsdk:"note"`
	Category      types.String `tfsdk:"category"`
	ForceForward  types.Bool   `tfsdk:"force_forward"`
	SkipICPCheck  types.Bool   `tfsdk:"skip_icp_check"`
	Seniority     types.String `tfsdk:"seniority"`
	EmployeeCount types.String `tfsdk:"employee_count"`
}

func (a *replyAssignAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_reply_assign"
}

func (a *replyAssignAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	text := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, Validators: []validator.String{validators.NotBlank()}, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Hands a classified reply over to an SDR (`POST /v1/replies/:replyId/assign`): Leadterra forwards the reply to the SDR, records an MQL hand-off and opens a prospect thread in the SDR's inbox (see `leadterra_sdr_inbox`).\n\n" +
			"An action, not a resource: the API can neither read nor undo an assignment, and assigning twice is refused (HTTP 409). " +
			"**A reply that was already assigned gives a warning, not an error** (\"Reply already assigned\"): nothing is forwarded again, and an action triggered on every apply keeps working. Set `force_forward = true` to forward it again.\n\n" +
			"An action (Terraform 1.14 or later): invoke it with `terraform apply -invoke=action.leadterra_reply_assign.<name>`. **Protocol-tested**: no CLI in the provider's test matrix runs actions yet, so its tests call the provider's plan and invoke RPCs directly.",
		Attributes: map[string]schema.Attribute{
			"reply_id": schema.StringAttribute{
				Required:            true,
				Validators:          []validator.String{validators.NotBlank()},
				MarkdownDescription: "Id of the reply (`rpl_…`), from `data.leadterra_replies`.",
			},
			"sdr_id": schema.StringAttribute{
				Required:            true,
				Validators:          []validator.String{validators.NotBlank()},
				MarkdownDescription: "Id of an active SDR of the workspace, from `data.leadterra_sdrs`.",
			},
			"to":      text("Forward to this address instead of the SDR's email."),
			"subject": text("Subject of the forwarded email instead of the reply's."),
			"note":    text("Text placed at the top of the forwarded email."),
			"cc": schema.ListAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Addresses to copy on the forwarded email.",
			},
			"category": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf("A", "B", "C")},
				MarkdownDescription: "MQL category: `A`, `B` or `C`.",
			},
			"force_forward": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Forward the reply again even if it was already forwarded. Defaults to `false`.",
			},
			"skip_icp_check": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Skip the ideal-customer-profile check (seniority, employee count). Defaults to `false`, and then `seniority` and `employee_count` are required.",
			},
			"seniority":      text("The contact's seniority, for the ICP check."),
			"employee_count": text("The contact's company size, for the ICP check (a string such as `51-200`)."),
		},
	}
}

// ValidateConfig catches at plan time what the API would refuse: without
// skip_icp_check the ICP check needs seniority and employee_count.
func (a *replyAssignAction) ValidateConfig(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	var cfg replyAssignModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || cfg.SkipICPCheck.IsUnknown() || cfg.SkipICPCheck.ValueBool() {
		return
	}
	for name, v := range map[string]types.String{"seniority": cfg.Seniority, "employee_count": cfg.EmployeeCount} {
		if v.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Missing "+name,
				name+" is required unless skip_icp_check = true: Leadterra checks the contact against the ideal customer profile (seniority and employee count) before handing the reply over.")
		}
	}
}

func (a *replyAssignAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (a *replyAssignAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg replyAssignModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in := leadterra.AssignInput{
		SDRID: cfg.SDRID.ValueString(), To: cfg.To.ValueString(), Subject: cfg.Subject.ValueString(), Note: cfg.Note.ValueString(),
		Category: cfg.Category.ValueString(), ForceForward: cfg.ForceForward.ValueBool(), SkipICPCheck: cfg.SkipICPCheck.ValueBool(),
		Seniority: cfg.Seniority.ValueString(), EmployeeCount: cfg.EmployeeCount.ValueString(),
	}
	if !cfg.CC.IsNull() {
		resp.Diagnostics.Append(cfg.CC.ElementsAs(ctx, &in.CC, false)...)
	}
	client := a.data.clientFor("assign a reply", &resp.Diagnostics)
	if client == nil || resp.Diagnostics.HasError() {
		return
	}
	id := cfg.ReplyID.ValueString()
	progress(resp, fmt.Sprintf("Assigning reply %s to SDR %s", id, in.SDRID))
	got, err := client.AssignReply(ctx, id, in)
	switch {
	case leadterra.IsAlreadyAssigned(err):
		resp.Diagnostics.Append(diagnostics.AlreadyAssigned(id, err))
		return
	case err != nil:
		if d, ok := diagnostics.ICPFailed(id, err); ok {
			resp.Diagnostics.Append(d)
			return
		}
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "assign", Object: fmt.Sprintf("reply %q to SDR %q", id, in.SDRID)}, err)
		return
	}
	tflog.Info(ctx, "reply assigned", map[string]any{"reply_id": id, "sdr_id": in.SDRID, "thread_id": got.ThreadID, "handoff_id": got.HandoffID})
	progress(resp, fmt.Sprintf("Reply %s assigned: hand-off %s, thread %s in the SDR's inbox", id, got.HandoffID, got.ThreadID))
}
