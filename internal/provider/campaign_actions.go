package provider

import (
	"context"
	"fmt"

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
	_ action.ActionWithConfigure = (*campaignAction)(nil)
)

// campaignAction is leadterra_campaign_start and leadterra_campaign_pause:
// one-off commands (Terraform >= 1.14) for what leadterra_campaign_launch
// manages declaratively. Both calls are safe to repeat.
type campaignAction struct {
	pause bool
	data  *providerData
}

// NewCampaignStartAction starts or resumes a campaign once.
func NewCampaignStartAction() action.Action { return &campaignAction{} }

// NewCampaignPauseAction pauses a campaign once.
func NewCampaignPauseAction() action.Action { return &campaignAction{pause: true} }

type campaignActionModel struct {
	CampaignID types.String `tfsdk:"campaign_id"`
}

func (a *campaignAction) verb() string {
	if a.pause {
		return "pause"
	}
	return "start"
}

func (a *campaignAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_campaign_" + a.verb()
}

func (a *campaignAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	desc := "Starts a draft campaign or resumes a paused one, once (`POST /v1/campaigns/:id/start`); a running campaign is left as is. " +
		"A draft needs at least one enrolled lead and one sequence step, or the start is refused with what to add."
	if a.pause {
		desc = "Pauses a running campaign, once (`POST /v1/campaigns/:id/pause`): queued mail is held, mail in transit is still delivered. A paused campaign is left as is; a draft stays a draft (nothing to pause).\n\n" +
			"**A pause does not stick if a `leadterra_campaign_launch` manages the same campaign with `paused = false`:** the next apply resumes it. To keep it paused, set `paused = true` on the launch instead."
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: desc + "\n\nAn action (Terraform 1.14 or later): invoke it with `terraform apply -invoke=action.leadterra_campaign_" + a.verb() + ".<name>`, or from a resource's `lifecycle { action_trigger { … } }`. " +
			"It changes the campaign but keeps no state. **Protocol-tested**: no CLI in the provider's test matrix runs actions yet, so its tests call the provider's plan and invoke RPCs directly.",
		Attributes: map[string]schema.Attribute{
			"campaign_id": schema.StringAttribute{
				Required:            true,
				Validators:          []validator.String{validators.NotBlank()},
				MarkdownDescription: "Id of the campaign (`camp_…`), such as `leadterra_campaign.<name>.id`.",
			},
		},
	}
}

func (a *campaignAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (a *campaignAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg campaignActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := cfg.CampaignID.ValueString()
	client := a.data.clientFor(a.verb()+" a campaign", &resp.Diagnostics)
	if client == nil {
		return
	}
	progress(resp, fmt.Sprintf("Asking Leadterra to %s campaign %s", a.verb(), id))
	call := client.StartCampaign
	if a.pause {
		call = client.PauseCampaign
	}
	st, err := call(ctx, id)
	if err != nil {
		at := path.Root("campaign_id")
		if d, ok := diagnostics.StartRefused(at, id, err); ok && !a.pause {
			resp.Diagnostics.Append(d)
			return
		}
		if leadterra.IsObjectNotFound(err) {
			resp.Diagnostics.Append(diagnostics.NoSuchObject(at, "campaign", id, diagnostics.CampaignNotFoundOnAction))
			return
		}
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: a.verb(), Object: fmt.Sprintf("campaign %q", id)}, err)
		return
	}
	tflog.Info(ctx, "campaign action done", map[string]any{"campaign_id": id, "action": a.verb(), "status": st.Status})
	msg := fmt.Sprintf("Campaign %s is %s", id, st.Status)
	if a.pause && st.Status == "draft" {
		msg += " (a draft has nothing to pause)"
	}
	progress(resp, msg)
}

// progress reports a step of an invoke; SendProgress is nil outside an
// invoke (plan, tests building a response by hand).
func progress(resp *action.InvokeResponse, msg string) {
	if resp.SendProgress != nil {
		resp.SendProgress(action.InvokeProgressEvent{Message: msg})
	}
}
