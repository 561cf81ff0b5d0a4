package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/validators"
)

var (
	_ resource.ResourceWithConfigure   = (*webhookResource)(nil)
	_ resource.ResourceWithImportState = (*webhookResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*webhookResource)(nil)
)

// NewWebhookResource manages one webhook endpoint.
func NewWebhookResource() resource.Resource { return &webhookResource{} }

type webhookResource struct{ data *providerData }

type webhookModel struct {
	ID            types.String `tfsdk:"id"`
	URL           types.String `tfsdk:"url"`
	Events        types.Set    `tfsdk:"events"`
	Status        types.String `tfsdk:"status"`
	CreatedAt     types.String `tfsdk:"created_at"`
	SigningSecret types.String `tfsdk:"signing_secret"`
}

const webhookDescription = "A Leadterra webhook: an https endpoint that receives the chosen events, signed with `X-Leadterra-Signature` (HMAC-SHA256 of the raw body).\n\n" +
	"The documented API can only register webhooks. Where the API also offers `GET`, `PATCH` and `DELETE /v1/webhooks/:id`, Terraform reads, changes and deletes them in place. " +
	"Where it does not, Terraform keeps the last known state (changes made in the dashboard are not seen), a change of `url` or `events` is planned as a replacement (a new webhook is registered), " +
	"and destroying — also the old webhook of a replacement — leaves the webhook registered, with a warning naming it: remove it in the Leadterra dashboard, or it keeps receiving deliveries. " +
	"The plan shows which of the two will happen: Terraform asks the API during the plan.\n\n" +
	"Import by webhook id (`wh_…`), or by the identity `{ id = \"wh_…\" }` on Terraform or OpenTofu 1.12 and later, needs `GET /v1/webhooks/:id`."

func (r *webhookResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook"
}

func (r *webhookResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: webhookDescription,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       keep,
				MarkdownDescription: "Webhook id (`wh_…`).",
			},
			"url": schema.StringAttribute{
				Required:            true,
				Validators:          []validator.String{validators.WebhookURL()},
				MarkdownDescription: "Endpoint that receives the events: an absolute `https://` URL, reachable from the internet (plain http is rejected). Changed in place where the API offers it, else by replacement.",
			},
			"events": schema.SetAttribute{
				Required:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(validators.WebhookEvent())},
				MarkdownDescription: "Events to deliver, at least one of `campaign.started`, `message.sent`, `message.bounced`, `reply.received`. Changed in place where the API offers it, else by replacement.",
			},
			"status": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       keep,
				MarkdownDescription: "Status the API reports (`active` when new).",
			},
			"created_at": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       keep,
				MarkdownDescription: "Registration time, RFC 3339 UTC.",
			},
			"signing_secret": schema.StringAttribute{
				Computed:            true,
				Sensitive:           true,
				PlanModifiers:       keep,
				MarkdownDescription: "Secret for verifying `X-Leadterra-Signature`, when the API returns one (the docs do not say where it comes from; null otherwise: copy it from the dashboard). Kept from creation, since an API may return it only then. Sensitive hides it in plans and output, but it **is stored in the state** in clear text, like every attribute: keep the state access-controlled and encrypted.",
			},
		},
	}
}

func (r *webhookResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (m webhookModel) input(ctx context.Context) (leadterra.WebhookInput, bool) {
	in := leadterra.WebhookInput{URL: m.URL.ValueString()}
	return in, m.Events.ElementsAs(ctx, &in.Events, false) == nil
}

// apply copies what a read reported: url and events too, so a change made
// elsewhere shows as drift.
func (m *webhookModel) apply(w leadterra.Webhook) {
	if w.ID != "" {
		m.ID = types.StringValue(w.ID)
	}
	if w.URL != "" {
		m.URL = types.StringValue(w.URL)
	}
	if w.Events != nil {
		m.Events = webhookStringSet(w.Events)
	}
	if w.Status != "" {
		m.Status = types.StringValue(w.Status)
	}
	if w.CreatedAt != "" {
		m.CreatedAt = types.StringValue(w.CreatedAt)
	}
	if w.SigningSecret != "" {
		m.SigningSecret = types.StringValue(w.SigningSecret)
	}
}

// afterWrite fills the computed values after a create or update (see
// write_state.go): url and events stay as planned, so an API that echoes
// them normalised (another case, a trailing slash, events reordered or
// left out) cannot make the result inconsistent. A new webhook is active
// unless the answer says otherwise.
func (m *webhookModel) afterWrite(w leadterra.Webhook) {
	m.ID = knownOr(m.ID, w.ID, "")
	m.Status = knownOr(m.Status, w.Status, "active")
	m.CreatedAt = knownOr(m.CreatedAt, w.CreatedAt, "")
	m.SigningSecret = knownOr(m.SigningSecret, w.SigningSecret, "")
}

func webhookStringSet(items []string) types.Set {
	vals := make([]types.String, len(items))
	for i, s := range items {
		vals[i] = types.StringValue(s)
	}
	set, _ := types.SetValueFrom(context.Background(), types.StringType, vals)
	return set
}

func (r *webhookResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan webhookModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	client := r.data.clientFor("register a webhook", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	in, ok := plan.input(ctx)
	if !ok {
		resp.Diagnostics.AddAttributeError(path.Root("events"), "Invalid events", "events must be a set of strings.")
		return
	}
	// A lost answer is looked up, never blindly retried (create_unknown_outcome.go).
	wh, ok := createWebhookOrAdopt(ctx, client, in, &resp.Diagnostics)
	if !ok {
		return
	}
	plan.afterWrite(wh)
	setIdentity(ctx, resp.Identity, identityID, plan.ID.ValueString(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *webhookResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state webhookModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	setIdentity(ctx, resp.Identity, identityID, state.ID.ValueString(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() || (r.data != nil && r.data.unknown) {
		return
	}
	client := r.data.clientFor("read a webhook", &resp.Diagnostics)
	if client == nil {
		return
	}
	id := state.ID.ValueString()
	wh, err := client.GetWebhook(ctx, id)
	switch {
	case leadterra.IsNotOffered(err):
		return // no read in this API: keep the last known state (DESIGN.md, "Completions and fallbacks")
	case leadterra.IsObjectNotFound(err):
		resp.Diagnostics.Append(diagnostics.RemovedFromState("Webhook "+fmt.Sprintf("%q", id), webhookNotFound(err)))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "read", Object: webhookObject(id)}, err)
		return
	}
	state.apply(wh)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// webhookNotFound names what the API answered for a missing webhook.
func webhookNotFound(err error) string {
	if _, code := leadterra.ErrorCode(err); code != "" {
		return "the API answers " + code
	}
	return "the API answers 404"
}

// ModifyPlan turns a change of url or events into a replacement when this
// API cannot change a webhook in place. Read has usually found that out
// already; otherwise (-refresh=false) one GET asks, since an API without
// the webhook read offers no update either. The plan then shows what apply
// will do.
func (r *webhookResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() || r.data == nil || r.data.client == nil {
		return
	}
	var plan, state webhookModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var changed path.Paths
	if !plan.URL.Equal(state.URL) {
		changed = append(changed, path.Root("url"))
	}
	if !plan.Events.Equal(state.Events) {
		changed = append(changed, path.Root("events"))
	}
	if len(changed) == 0 {
		return
	}
	// Only the read decides: PATCH is never tried while planning, and the
	// re-plan during apply must agree with the plan it confirms.
	client := r.data.client
	if client.Offered(leadterra.CapWebhookRead) {
		// Other failures are left to apply, which reports them in full.
		_, _ = client.GetWebhook(ctx, state.ID.ValueString())
	}
	if !client.Offered(leadterra.CapWebhookRead) {
		resp.RequiresReplace = append(resp.RequiresReplace, changed...)
	}
}

func (r *webhookResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state webhookModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientFor("update a webhook", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	id := state.ID.ValueString()
	in, _ := plan.input(ctx)
	wh, err := client.UpdateWebhook(ctx, id, in)
	if err != nil {
		// Not offered only when the API reads webhooks but cannot change
		// them: the plan promised an in-place change, so nothing is
		// registered behind it.
		op := diagnostics.Op{Action: "update", Object: webhookObject(id)}
		if leadterra.IsNotOffered(err) {
			op.Hint = "Nothing was changed. To change its url or events, replace it: terraform apply -replace='<address of this resource, shown above>' (for example -replace='leadterra_webhook.events'). " +
				"That registers a new webhook and deletes the old one where the API allows it, or else warns that it stays registered."
		}
		diagnostics.Add(&resp.Diagnostics, op, err)
		return
	}
	plan.afterWrite(wh)
	setIdentity(ctx, resp.Identity, identityID, plan.ID.ValueString(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *webhookResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state webhookModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientFor("delete a webhook", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	id := state.ID.ValueString()
	err := client.DeleteWebhook(ctx, id)
	switch {
	case leadterra.IsNotOffered(err):
		resp.Diagnostics.Append(webhookStaysWarning(ctx, state))
	case leadterra.IsObjectNotFound(err):
		// Already gone: what destroy wanted.
	case err != nil:
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "delete", Object: webhookObject(id)}, err)
	}
}

func (r *webhookResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	client := r.data.clientFor("import a webhook", &resp.Diagnostics)
	if client == nil {
		return
	}
	id := importID(ctx, req, identityID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	_, err := client.GetWebhook(ctx, id)
	switch {
	case leadterra.IsObjectNotFound(err):
		resp.Diagnostics.Append(diagnostics.NoSuchObject(path.Empty(), "webhook", id, webhookNotFound(err)))
		return
	case err != nil:
		op := diagnostics.Op{Action: "import", Object: webhookObject(id)}
		if leadterra.IsNotOffered(err) {
			op.Hint = "So its url and events cannot be read. Keep managing it in the dashboard, or declare a leadterra_webhook and let Terraform register a new one (then remove the old one in the dashboard)."
		}
		diagnostics.Add(&resp.Diagnostics, op, err)
		return
	}
	setIdentity(ctx, resp.Identity, identityID, id, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

// webhookStaysWarning is the destroy fallback where the API cannot delete.
func webhookStaysWarning(ctx context.Context, state webhookModel) diag.Diagnostic {
	var events []string
	_ = state.Events.ElementsAs(ctx, &events, false)
	slices.Sort(events)
	return diag.NewWarningDiagnostic(fmt.Sprintf("Webhook %q stays registered in Leadterra", state.ID.ValueString()),
		fmt.Sprintf("The Leadterra API offers no way to delete a webhook (there is no DELETE /v1/webhooks/:id). Terraform removed webhook %q from state, but it stays registered: "+
			"Leadterra keeps delivering %s events to %s.\n\n"+
			"Remove it in the Leadterra dashboard if you no longer want these deliveries. If this is the old webhook of a replacement, the new one receives deliveries too: remove the old one to stop duplicates.",
			state.ID.ValueString(), strings.Join(events, ", "), state.URL.ValueString()))
}
