package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/validators"
)

var (
	_ resource.ResourceWithConfigure   = (*campaignLaunchResource)(nil)
	_ resource.ResourceWithImportState = (*campaignLaunchResource)(nil)
)

// NewCampaignLaunchResource manages whether a campaign is sending.
func NewCampaignLaunchResource() resource.Resource { return &campaignLaunchResource{} }

type campaignLaunchResource struct{ data *providerData }

type launchModel struct {
	ID         types.String `tfsdk:"id"`
	CampaignID types.String `tfsdk:"campaign_id"`
	Paused     types.Bool   `tfsdk:"paused"`
	Status     types.String `tfsdk:"status"`
	StartedAt  types.String `tfsdk:"started_at"`
	PausedAt   types.String `tfsdk:"paused_at"`
	// RequireCapacity: see campaign_launch_capacity.go.
	RequireCapacity types.Bool `tfsdk:"require_capacity"`
}

func (r *campaignLaunchResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_campaign_launch"
}

func (r *campaignLaunchResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Whether a campaign is sending. Creating it starts the campaign (`POST /v1/campaigns/:id/start`) or, with `paused = true`, pauses it (`POST /v1/campaigns/:id/pause`); changing `paused` pauses or resumes it. Both calls are safe to repeat: starting a running campaign or pausing a paused one changes nothing. " +
			"Starting needs at least one enrolled lead and one sequence step (else the API answers `no_leads_enrolled` or `no_sequence_steps`): add `depends_on = [leadterra_campaign_leads.<name>]` so Terraform enrolls the leads first.\n\n" +
			"**Destroy** pauses the campaign (a draft stays a draft) and removes the launch from state; the campaign itself, its steps and its leads stay. A campaign that is already gone counts as paused. To delete the campaign, destroy its `leadterra_campaign`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "The campaign id (same as `campaign_id`).",
			},
			"campaign_id": schema.StringAttribute{
				Required:            true,
				Validators:          []validator.String{validators.NotBlank()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "Id of the campaign to start or pause (`camp_…`), usually `leadterra_campaign.<name>.id`. Changing it replaces the launch: the old campaign is paused and the new one started (or paused).",
			},
			"paused": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "Keep the campaign from sending. Defaults to `false` (running). A draft cannot be paused: with `paused = true` a campaign that never ran stays a `draft`. " +
					"Where the API offers a campaign read, a pause or resume made in the dashboard shows as a change: refresh sets `paused` to whether the campaign is not sending (`running` → false; `paused` or `draft` → true).",
			},
			"require_capacity": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: requireCapacityDescription,
			},
			"status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`draft`, `running` or `paused`, as the last start, pause or read reported it (the API's `active` is reported as `running`).",
			},
			"started_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the campaign last started or resumed, RFC 3339 UTC; null if it never ran or the API did not report it.",
			},
			"paused_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the campaign was paused, RFC 3339 UTC; null unless the API reports one.",
			},
		},
	}
}

func (r *campaignLaunchResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// applyCampaign takes status and timestamps from a campaign read. paused
// follows the status (not sending = paused) so a dashboard pause or resume
// plans an update; an answer without a status says nothing and keeps m.
func (m *launchModel) applyCampaign(c leadterra.Campaign) {
	if c.Status == "" {
		return
	}
	m.Status = types.StringValue(c.Status)
	m.Paused = types.BoolValue(c.Status != leadterra.StatusRunning)
	m.StartedAt, m.PausedAt = nullIfEmpty(c.StartedAt), nullIfEmpty(c.PausedAt)
}

// applyWrite takes what a start or pause answered. paused keeps the planned
// value (Terraform requires it); a start clears paused_at, a pause keeps the
// last started_at, as the campaign read reports them.
func (m *launchModel) applyWrite(st leadterra.CampaignState, started bool) {
	status := st.Status
	switch {
	case status != "":
	case started:
		status = leadterra.StatusRunning
	case m.Status.ValueString() == leadterra.StatusDraft:
		status = leadterra.StatusDraft
	default:
		status = leadterra.StatusPaused
	}
	m.Status = types.StringValue(status)
	if started {
		m.StartedAt, m.PausedAt = nullIfEmpty(st.StartedAt), types.StringNull()
		return
	}
	if m.StartedAt.IsUnknown() {
		m.StartedAt = types.StringNull()
	}
	m.PausedAt = nullIfEmpty(st.PausedAt)
}

// transition starts or pauses the campaign as planned and fills m.
func (r *campaignLaunchResource) transition(ctx context.Context, client *leadterra.Client, m *launchModel, diags *diag.Diagnostics) {
	id := m.CampaignID.ValueString()
	start := !m.Paused.ValueBool()
	var st leadterra.CampaignState
	var err error
	action := "pause"
	if start {
		action = "start"
		st, err = client.StartCampaign(ctx, id)
	} else {
		st, err = client.PauseCampaign(ctx, id)
	}
	if err != nil {
		if d, ok := diagnostics.StartRefused(path.Root("campaign_id"), id, err); ok {
			diags.Append(d)
			return
		}
		diagnostics.Add(diags, diagnostics.Op{Action: action, Object: campaignObject(id)}, err)
		return
	}
	m.ID = types.StringValue(id)
	// The answer is enough: a start reports startedAt (and clears
	// pausedAt), a pause reports pausedAt and keeps the last startedAt.
	// Reading the campaign again would cost a request per launch.
	m.applyWrite(st, start)
}

func (r *campaignLaunchResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan launchModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	client := r.data.clientFor("launch a campaign", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	r.transition(ctx, client, &plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	setIdentity(ctx, resp.Identity, identityCampaignID, plan.CampaignID.ValueString(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read never starts or pauses: it reads the campaign where the API offers
// that, else keeps the last known state once stats prove it exists.
func (r *campaignLaunchResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state launchModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	setIdentity(ctx, resp.Identity, identityCampaignID, state.CampaignID.ValueString(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() || (r.data != nil && r.data.unknown) {
		return
	}
	client := r.data.clientFor("read a campaign", &resp.Diagnostics)
	if client == nil {
		return
	}
	id := state.CampaignID.ValueString()
	found, err := client.LookupCampaign(ctx, id)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "read", Object: campaignObject(id)}, err)
		return
	}
	switch found.Presence {
	case leadterra.Gone:
		resp.Diagnostics.Append(diagnostics.RemovedFromState(fmt.Sprintf("The launch of campaign %q", id), "the campaign was deleted: "+diagnostics.CampaignNotFoundProof))
		resp.State.RemoveResource(ctx)
		return
	case leadterra.Found:
		state.applyCampaign(*found.Campaign)
	case leadterra.ExistsNotOffered:
		// No campaign read: the last known state stays.
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *campaignLaunchResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state launchModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientFor("start or pause a campaign", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	// Computed values are unknown in the plan: start from the last known.
	plan.Status, plan.StartedAt, plan.PausedAt = state.Status, state.StartedAt, state.PausedAt
	// Only require_capacity changed: nothing to send.
	if !unchangedLaunch(plan, state) {
		r.transition(ctx, client, &plan, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	setIdentity(ctx, resp.Identity, identityCampaignID, plan.CampaignID.ValueString(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete pauses (a no-op on a draft); a campaign already gone needs nothing.
func (r *campaignLaunchResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state launchModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientFor("pause a campaign", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	id := state.CampaignID.ValueString()
	if _, err := client.PauseCampaign(ctx, id); err != nil && !leadterra.IsObjectNotFound(err) {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "pause", Object: campaignObject(id) + " to destroy its leadterra_campaign_launch"}, err)
	}
}

// ImportState takes a campaign id. Without a campaign read the status is
// unknowable (Read never starts or pauses to learn it), so import is refused
// with the alternative: applying the resource is safe on any campaign.
func (r *campaignLaunchResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	client := r.data.clientFor("import a campaign launch", &resp.Diagnostics)
	if client == nil {
		return
	}
	id := importID(ctx, req, identityCampaignID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	found, err := client.LookupCampaign(ctx, id)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "import the launch of", Object: campaignObject(id)}, err)
		return
	}
	switch found.Presence {
	case leadterra.Gone:
		resp.Diagnostics.Append(diagnostics.NoSuchObject(path.Empty(), "campaign", id, diagnostics.CampaignNotFoundProof))
		return
	case leadterra.ExistsNotOffered:
		resp.Diagnostics.AddError("Leadterra cannot read a campaign's status",
			fmt.Sprintf("Campaign %q exists, but this Leadterra API offers no GET /v1/campaigns/:id, so whether it is sending cannot be imported. "+
				"Import is not needed: declare the leadterra_campaign_launch resource and apply. Starting a running campaign and pausing a paused one change nothing, so the apply only makes the campaign match paused.", id))
		return
	}
	setIdentity(ctx, resp.Identity, identityCampaignID, id, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("campaign_id"), id)...)
}
