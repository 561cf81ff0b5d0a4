package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/validators"
)

var (
	_ resource.ResourceWithConfigure   = (*campaignResource)(nil)
	_ resource.ResourceWithImportState = (*campaignResource)(nil)
)

// NewCampaignResource manages a campaign and its email sequence.
func NewCampaignResource() resource.Resource { return &campaignResource{} }

type campaignResource struct{ data *providerData }

type campaignModel struct {
	ID            types.String `tfsdk:"id"`
	Name          types.String `tfsdk:"name"`
	SequenceSteps []stepModel  `tfsdk:"sequence_steps"`
	Status        types.String `tfsdk:"status"`
	CreatedAt     types.String `tfsdk:"created_at"`
}

func (r *campaignResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_campaign"
}

func (r *campaignResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	text := func(extra ...validator.String) []validator.String {
		return append([]validator.String{validators.NotBlank()}, extra...)
	}
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Leadterra campaign: a name and an ordered email sequence. It is created as a draft (`POST /v1/campaigns`; a create whose answer is lost is looked up through `GET /v1/campaigns` where offered, never blindly repeated: see \"Creates whose answer is lost\" in the provider documentation); start it with `leadterra_campaign_launch` once leads are enrolled with `leadterra_campaign_leads`.\n\n" +
			"**Reads.** Where the API offers `GET /v1/campaigns/:id`, refresh reads the campaign back. The documented API has no campaign read: there the documented stats endpoint proves that the campaign still exists and Terraform keeps the last known attributes (changes made in the dashboard are not seen). Only a `campaign_not_found` answer removes the campaign from state, with a warning; a 401 or 403 is an error, never \"gone\".\n\n" +
			"**Changes.** A new `name` or `sequence_steps` is sent through `PATCH /v1/campaigns/:id` where the API offers it. Where it does not, the apply fails with an error that says so and shows how to replace the campaign (`terraform apply -replace=…`).\n\n" +
			"**Destroy.** Where the API offers `DELETE /v1/campaigns/:id`, destroy deletes the campaign. The documented API cannot delete campaigns: there destroy pauses the campaign if it is running, removes it from state and warns that it **remains in the workspace** (as a paused campaign or a draft, sending nothing): delete it in the Leadterra dashboard. A campaign that is already gone counts as deleted.\n\n" +
			"Import by campaign id (`camp_…`), or by the identity `{ id = \"camp_…\" }` on Terraform or OpenTofu 1.12 and later, needs `GET /v1/campaigns/:id`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       keep,
				MarkdownDescription: "Campaign id (`camp_…`), set by the API on create.",
			},
			"name": schema.StringAttribute{
				Required:            true,
				Validators:          text(),
				MarkdownDescription: "Name shown in the Leadterra dashboard; it need not be unique. Changing it renames the campaign in place where the API offers `PATCH /v1/campaigns/:id`; otherwise the apply fails and explains how to replace the campaign.",
			},
			"sequence_steps": schema.ListNestedAttribute{
				Optional:            true,
				MarkdownDescription: "The emails of the sequence, in sending order (sent as `sequenceSteps`). Each enrolled lead gets step 1 when the campaign runs, then each later step `delay_days` after the previous one; a lead who replies gets no further steps. Unset, the campaign has no steps and cannot start (`no_sequence_steps`). Subject and body support personalization tokens: `{{firstName}}`, `{{lastName}}`, `{{company}}`, `{{jobTitle}}`, `{{email}}` and any custom field name; a value a lead lacks renders as an empty string. Malformed tokens are rejected at plan time, and likely misspellings of the standard ones are warned about. Changing the steps follows the same rule as `name`.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"subject": schema.StringAttribute{
							Required:            true,
							Validators:          text(validators.PersonalizationTokens()),
							MarkdownDescription: "Subject line of this step's email (sent as `subject`); may hold personalization tokens.",
						},
						"body_html": schema.StringAttribute{
							Required:            true,
							Validators:          text(validators.PersonalizationTokens()),
							MarkdownDescription: "HTML body of this step's email (sent as `bodyHtml`); may hold personalization tokens.",
						},
						"delay_days": schema.Int64Attribute{
							Optional:            true,
							Computed:            true,
							Default:             int64default.StaticInt64(0),
							Validators:          []validator.Int64{int64validator.Between(0, 365)},
							MarkdownDescription: "Days to wait after the previous step before this one is sent, 0 to 365. Defaults to `0`. Sent as `delayDays`, which only one Leadterra guide documents: an API that does not report it back keeps the configured value in state.",
						},
					},
				},
			},
			"status": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       keep,
				MarkdownDescription: "`draft` (as created), `running` or `paused`, as last read (the API's `active` is reported as `running`). Start and pause the campaign with `leadterra_campaign_launch`, not here.",
			},
			"created_at": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       keep,
				MarkdownDescription: "When the API created the campaign, RFC 3339 UTC, whole seconds.",
			},
		},
	}
}

func (r *campaignResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (m campaignModel) input() leadterra.CampaignInput {
	in := leadterra.CampaignInput{Name: m.Name.ValueString(), Steps: []leadterra.Step{}}
	for _, s := range m.SequenceSteps {
		st := leadterra.Step{Subject: s.Subject.ValueString(), BodyHTML: s.BodyHTML.ValueString()}
		if !s.DelayDays.IsNull() {
			d := s.DelayDays.ValueInt64()
			st.DelayDays = &d
		}
		in.Steps = append(in.Steps, st)
	}
	return in
}

// apply copies what a read reported into m. Fields the answer lacks keep
// m's values; steps count as reported only when sequenceSteps is present
// (an empty list says the campaign has none).
func (m *campaignModel) apply(c leadterra.Campaign) {
	if c.ID != "" {
		m.ID = types.StringValue(c.ID)
	}
	if c.Name != "" {
		m.Name = types.StringValue(c.Name)
	}
	if c.Status != "" {
		m.Status = types.StringValue(c.Status)
	}
	if c.CreatedAt != "" {
		m.CreatedAt = types.StringValue(c.CreatedAt)
	}
	if c.Steps != nil {
		m.SequenceSteps = mergeSteps(m.SequenceSteps, c.Steps)
	}
}

// afterWrite fills the computed values after a create or update (see
// write_state.go): name and steps stay as planned, whatever the answer
// echoed; a new campaign is a draft unless the answer says otherwise.
func (m *campaignModel) afterWrite(c leadterra.Campaign) {
	m.ID = knownOr(m.ID, c.ID, "")
	m.Status = knownOr(m.Status, c.Status, leadterra.StatusDraft)
	m.CreatedAt = knownOr(m.CreatedAt, c.CreatedAt, "")
}

func (r *campaignResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan campaignModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	client := r.data.clientFor("create a campaign", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	// A lost answer is looked up, never blindly retried (create_unknown_outcome.go).
	camp, ok := createCampaignOrAdopt(ctx, client, plan.input(), &resp.Diagnostics)
	if !ok {
		return
	}
	plan.afterWrite(camp)
	setIdentity(ctx, resp.Identity, identityID, plan.ID.ValueString(), &resp.Diagnostics)
	r.data.rememberSteps(plan.ID.ValueString(), plan.SequenceSteps)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *campaignResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state campaignModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setIdentity(ctx, resp.Identity, identityID, state.ID.ValueString(), &resp.Diagnostics)
	if r.data != nil && r.data.unknown {
		return // provider not configurable yet: keep the last known state
	}
	client := r.data.clientFor("read a campaign", &resp.Diagnostics)
	if client == nil {
		return
	}
	id := state.ID.ValueString()
	found, err := client.LookupCampaign(ctx, id)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "read", Object: campaignObject(id)}, err)
		return
	}
	switch found.Presence {
	case leadterra.Gone:
		resp.Diagnostics.Append(diagnostics.RemovedFromState("Campaign "+fmt.Sprintf("%q", id), diagnostics.CampaignNotFoundProof))
		resp.State.RemoveResource(ctx)
		return
	case leadterra.Found:
		state.apply(*found.Campaign)
	case leadterra.ExistsNotOffered:
		// No campaign read: the stats answer proved it exists, and the last
		// known attributes stay.
	}
	r.data.rememberSteps(id, state.SequenceSteps)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *campaignResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state campaignModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientFor("update a campaign", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	id := state.ID.ValueString()
	camp, presence, err := client.UpdateCampaign(ctx, id, plan.input())
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "update", Object: campaignObject(id)}, err)
		return
	}
	switch presence {
	case leadterra.Gone:
		resp.Diagnostics.Append(diagnostics.NoSuchObject(path.Empty(), "campaign", id, diagnostics.CampaignNotFoundProof))
		return
	case leadterra.ExistsNotOffered:
		resp.Diagnostics.AddError("Leadterra cannot change this campaign in place",
			fmt.Sprintf("Campaign %q exists, but the Leadterra API offers no way to rename a campaign or edit its sequence steps (there is no PATCH /v1/campaigns/:id; the docs send step edits to the dashboard).\n\n"+
				"Either edit it in the dashboard and copy the change into this configuration, or replace it with a new campaign:\n\n"+
				"    terraform apply -replace='<address of this resource, shown above>'\n\n"+
				"(for example -replace='leadterra_campaign.outreach'). Replacing creates a new draft; the old campaign is paused and stays in the workspace, and leads must be enrolled again.", id))
		return
	}
	plan.afterWrite(camp)
	setIdentity(ctx, resp.Identity, identityID, id, &resp.Diagnostics)
	r.data.rememberSteps(id, plan.SequenceSteps)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *campaignResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state campaignModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientFor("delete a campaign", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	id := state.ID.ValueString()
	outcome, st, err := client.RemoveCampaign(ctx, id)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "delete", Object: campaignObject(id)}, err)
		return
	}
	if outcome == leadterra.LeftInWorkspace {
		how := "It was a draft, so it sends nothing."
		if st.Status == leadterra.StatusPaused {
			how = "Terraform paused it, so it sends nothing more."
		}
		resp.Diagnostics.AddWarning(fmt.Sprintf("Campaign %q remains in the Leadterra workspace", id),
			fmt.Sprintf("The Leadterra API offers no way to delete a campaign. %s Terraform removed it from state; delete it in the Leadterra dashboard if you no longer need it.", how))
	}
}

func (r *campaignResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	client := r.data.clientFor("import a campaign", &resp.Diagnostics)
	if client == nil {
		return
	}
	id := importID(ctx, req, identityID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	found, err := client.LookupCampaign(ctx, id)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "import", Object: campaignObject(id)}, err)
		return
	}
	switch found.Presence {
	case leadterra.Gone:
		resp.Diagnostics.Append(diagnostics.NoSuchObject(path.Empty(), "campaign", id, diagnostics.CampaignNotFoundProof))
		return
	case leadterra.ExistsNotOffered:
		resp.Diagnostics.AddError("Leadterra cannot read campaigns back",
			fmt.Sprintf("Campaign %q exists, but this Leadterra API offers no GET /v1/campaigns/:id, so its name and steps cannot be imported. Keep managing it in the dashboard, or create a new campaign with Terraform.", id))
		return
	}
	setIdentity(ctx, resp.Identity, identityID, id, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}
