package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
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
	_ resource.ResourceWithConfigure      = (*campaignLeadsResource)(nil)
	_ resource.ResourceWithImportState    = (*campaignLeadsResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*campaignLeadsResource)(nil)
	_ resource.ResourceWithValidateConfig = (*campaignLeadsResource)(nil)
)

// DefaultLeadBatchSize: the docs give no request size limit and no rate
// limit numbers, so each bulk request stays well below the client's
// ceiling (leadterra.MaxLeadsPerRequest), around 100–200 KB of JSON.
const DefaultLeadBatchSize = 500

// NewCampaignLeadsResource manages the leads a configuration enrolls in one
// campaign.
func NewCampaignLeadsResource() resource.Resource { return &campaignLeadsResource{} }

type campaignLeadsResource struct{ data *providerData }

func (r *campaignLeadsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_campaign_leads"
}

const campaignLeadsDescription = "The leads one configuration enrolls in one Leadterra campaign, keyed and upserted by email address.\n\n" +
	"**Personal data is stored in the Terraform state.** Every lead's email address and fields are written to the state and shown in plans. " +
	"Treat the state as personal data: keep it in an access-controlled, encrypted backend, and include it in your data-protection records.\n\n" +
	"Use one `leadterra_campaign_leads` per campaign per configuration: its `id` is the campaign id. Leads enrolled in the same campaign by other means (the dashboard, an import, another tool) are left alone and never show as drift.\n\n" +
	"Applies send only what changed: new and edited leads are upserted through `POST /v1/campaigns/:id/leads/bulk` in batches of `batch_size`, and leads removed from `leads` (all of them, on destroy) are unenrolled through `DELETE /v1/campaigns/:id/leads` where the API offers it. " +
	"The documented API has no way to list or unenroll leads: against it, changes made outside Terraform are not seen, and removed leads stay enrolled, which a warning says. " +
	"Suppressed addresses are skipped by the API: a warning lists them and `skipped_emails` keeps them.\n\n" +
	"Import by campaign id (or, on Terraform or OpenTofu 1.12 and later, by the identity `{ campaign_id = \"camp_…\" }`) adopts every lead enrolled in the campaign; it needs the lead listing (`GET /v1/campaigns/:id/leads`).\n\n" +
	"**A failed apply keeps its progress.** If a bulk request fails after earlier ones went through, the error says how many leads were sent, and the state records every lead enrolled so far: the next apply sends only what is missing, and a destroy unenrolls them. " +
	"After a failed create Terraform marks the resource tainted and plans to replace it; that replacement keeps the leads already enrolled (nothing is unenrolled and sent again) and sends only the others.\n\n" +
	"The lead listing is read page by page to its end (the provider asks 100 leads a page; a smaller page limit only means more pages). If a listing stops short of the total it announces (a server that repeats a page, or the safety cap of 100,000 pages), the leads it did not show keep their last known state, so nothing is planned for them, and a warning says how many leads were read.\n\n" +
	"Large lists are fine: the provider's acceptance tests apply 10,000 leads from a CSV file in one resource (20 bulk requests); the provider's time and memory at up to 20,000 leads are measured by `make bench` (BENCHMARKS.md in the provider's repository). " +
	"Keep them in a CSV file and build the map with `csvdecode`, as in the example.\n\n" + templateCheckDescription

func (r *campaignLeadsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	counter := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{
			Computed:    true,
			Description: desc,
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: campaignLeadsDescription,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Description:   "The campaign id: there is one `leadterra_campaign_leads` per campaign per configuration.",
			},
			"campaign_id": schema.StringAttribute{
				Required:      true,
				Validators:    []validator.String{validators.NotBlank()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Description:   "Campaign to enroll the leads in (`camp_…`). Changing it replaces the resource: the leads are unenrolled from the old campaign (where the API can) and enrolled in the new one.",
			},
			"batch_size": schema.Int64Attribute{
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(DefaultLeadBatchSize),
				Validators: []validator.Int64{int64validator.Between(1, leadterra.MaxLeadsPerRequest)},
				Description: fmt.Sprintf("Leads per bulk request, 1 to %d. Defaults to %d: the API documents neither a request size limit nor rate-limit numbers, so each request stays small (about 100–200 KB), well below the provider's maximum, while 2,000 leads still take only 4 requests. "+
					"Lower it if bulk requests time out or are refused as too large; changing it alone sends nothing.", leadterra.MaxLeadsPerRequest, DefaultLeadBatchSize),
			},
			"leads": schema.MapAttribute{
				Required:    true,
				ElementType: leadFieldsType,
				Validators: []validator.Map{
					// Addresses are checked in ValidateConfig's single pass.
					mapvalidator.SizeAtLeast(1),
				},
				MarkdownDescription: "The leads to enroll: a map from each lead's email address to its fields. At least one. " +
					"Each address is checked at plan time for one bare address with a dotted domain (if the API still refuses one, the error names it); no two keys may be one address in different case, since Leadterra upserts by email ignoring case.\n\n" +
					"The fields of a lead are strings:\n\n" +
					"  - `first_name`, `last_name`, `company`, `job_title`: the standard fields, `{{firstName}}`, `{{lastName}}`, `{{company}}` and `{{jobTitle}}` in templates.\n" +
					"  - `email`: optional; if present it must repeat the key (case aside), so that a row of `csvdecode` can be used as it is.\n" +
					"  - any other name: a custom field, `{{name}}` in templates. Names are plain identifiers (letters, digits and `_`, not starting with a digit) and may not be another spelling of a standard field (`firstName`, `JobTitle`, `custom_fields`, …).\n\n" +
					"An empty value means \"not set\", like a missing field, so blank CSV cells are fine. Leadterra keeps the standard fields it holds when they are not set (the API cannot clear them); a custom field that is removed or emptied is sent empty, which renders like a missing one.",
			},
			"enrolled_count": counter("Leads newly enrolled by the last apply that sent leads (summed over its batches). After an import: the number of leads imported."),
			"updated_count":  counter("Leads already enrolled whose data the last apply that sent leads updated."),
			"skipped_count":  counter("Leads the last apply that sent leads left out, because their address is on the workspace suppression list."),
			"skipped_emails": schema.SetAttribute{
				Computed:    true,
				ElementType: types.StringType,
				Description: "Addresses in `leads` that the API skipped because they are suppressed: they are not enrolled and receive no email. To enroll one after lifting its suppression, change any of its attributes so that Terraform sends it again.",
			},
		},
	}
}

func (r *campaignLeadsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (r *campaignLeadsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan := attrsOf(ctx, req.Plan.Raw, &resp.Diagnostics)
	client := r.data.clientFor("enroll leads", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	id := plan.campaignID()
	leads := decodeLeads(plan["leads"], &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	sortLeads(leads)
	// Leads the Delete of a tainted predecessor left enrolled are sent
	// again only if they changed.
	current := map[string]leadModel{}
	if r.data != nil {
		current = keyed(r.data.kept.take(id))
	}
	var send []leadModel
	for _, l := range leads {
		if old, ok := current[l.key()]; !ok || !old.equal(l) {
			send = append(send, l)
		}
	}
	out, ok := upsertLeads(ctx, client, id, send, current, int(plan.int("batch_size")), diagnostics.Op{Action: "enroll leads in", Object: campaignObject(id)}, &resp.Diagnostics)
	warnSkipped(id, out, &resp.Diagnostics)
	plan["id"] = stringValue(id)
	plan.setCounts(out.counts.Enrolled, out.counts.Updated, out.skippedCount())
	plan["skipped_emails"] = emailSetValue(out.skipped)
	setIdentity(ctx, resp.Identity, identityCampaignID, id, &resp.Diagnostics)
	if !ok {
		// A batch failed after others went through: the state records every
		// lead enrolled, with the error, so that a destroy or a later apply
		// knows each one. Terraform marks the object tainted; the next apply
		// replaces it without unenrolling them (see Delete).
		for _, l := range out.sent {
			current[l.key()] = l
		}
		if len(current) == 0 {
			return // nothing is enrolled: nothing to track
		}
		plan["leads"] = leadsValue(slices.Collect(maps.Values(current)))
	}
	resp.State.Raw = plan.object(ctx, req.Plan.Raw.Type())
}

// Read refreshes the leads from the listing. When nothing changed, which is
// the rule, the state is handed back as it came (the framework's response
// starts as the prior state): nothing is encoded again.
func (r *campaignLeadsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state := attrsOf(ctx, req.State.Raw, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// Identity first: every way out of Read must carry it.
	setIdentity(ctx, resp.Identity, identityCampaignID, state.campaignID(), &resp.Diagnostics)
	if r.data != nil && r.data.unknown {
		return // unknown provider configuration: keep the last known state
	}
	client := r.data.clientFor("read the leads of a campaign", &resp.Diagnostics)
	if client == nil {
		return
	}
	id := state.campaignID()
	op := diagnostics.Op{Action: "read the leads of", Object: campaignObject(id)}
	listed, presence, err := client.ListLeads(ctx, id)
	// A listing cut short still refreshes the leads it shows; the others
	// keep their last known state instead of looking unenrolled.
	cut, isCut := leadterra.TruncatedListing(err)
	if isCut {
		err = nil
	}
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, op, err)
		return
	}
	switch presence {
	case leadterra.Gone:
		resp.Diagnostics.Append(diagnostics.RemovedFromState(fmt.Sprintf("The lead enrolment of campaign %q", id), "the campaign itself is gone: "+diagnostics.CampaignNotFoundProof))
		resp.State.RemoveResource(ctx)
		return
	case leadterra.ExistsNotOffered:
		return // no lead listing: keep the last known state
	}
	byKey := make(map[string]leadterra.Lead, len(listed))
	for _, l := range listed {
		byKey[emailKey(l.Email)] = l
	}
	prior := decodeLeads(state["leads"], &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	skipped := emailSet(state["skipped_emails"])
	changed := false
	kept := make([]leadModel, 0, len(prior))
	for _, p := range prior {
		if api, ok := byKey[p.key()]; ok {
			l := refreshLead(p, api)
			kept = append(kept, l)
			if _, s := skipped[p.key()]; s || !maps.Equal(l.Fields, p.Fields) {
				changed = true
			}
			delete(skipped, p.key())
		} else if _, wasSkipped := skipped[p.key()]; wasSkipped || cut != nil {
			kept = append(kept, p) // never enrolled (suppressed), or not seen
		} else {
			// Unenrolled outside Terraform: dropping it makes the next plan
			// enroll it again.
			changed = true
		}
	}
	if len(prior) > 0 && len(kept) == 0 {
		resp.Diagnostics.AddWarning(fmt.Sprintf("Leads of campaign %q are no longer enrolled; removed from state", id),
			fmt.Sprintf("None of the %d lead(s) this resource manages is enrolled in campaign %q any more (the API's lead listing does not show them): they were unenrolled outside Terraform. Terraform removed the resource from state and will plan to enroll them again.", len(prior), id))
		resp.State.RemoveResource(ctx)
		return
	}
	if cut != nil {
		resp.Diagnostics.Append(listingCutWarning(id, cut, len(prior)))
	}
	if !changed {
		return
	}
	state["leads"] = leadsValue(kept)
	state["skipped_emails"] = emailSetValue(skipped)
	resp.State.Raw = state.object(ctx, req.State.Raw.Type())
}

func (r *campaignLeadsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := attrsOf(ctx, req.Plan.Raw, &resp.Diagnostics)
	state := attrsOf(ctx, req.State.Raw, &resp.Diagnostics)
	client := r.data.clientFor("update the leads of a campaign", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	id := state.campaignID()
	setIdentity(ctx, resp.Identity, identityCampaignID, id, &resp.Diagnostics)
	prior := decodeLeads(state["leads"], &resp.Diagnostics)
	planned := decodeLeads(plan["leads"], &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	d := diffLeads(prior, planned)
	size := int(plan.int("batch_size"))
	// current and skipped follow what the API holds, so that a failure
	// part-way saves the progress made instead of the plan.
	current := keyed(prior)
	skipped := emailSet(state["skipped_emails"])
	counts := maps.Clone(state)
	typ := req.State.Raw.Type()
	partial := func() {
		p := maps.Clone(state)
		p["leads"] = leadsValue(slices.Collect(maps.Values(current)))
		for _, c := range countAttrs {
			p[c] = counts[c]
		}
		p["skipped_emails"] = emailSetValue(keepConfigured(skipped, slices.Collect(maps.Values(current))))
		resp.State.Raw = p.object(ctx, typ)
	}

	if len(d.upsert) > 0 {
		out, ok := upsertLeads(ctx, client, id, d.upsert, current, size, diagnostics.Op{Action: "update the leads of", Object: campaignObject(id)}, &resp.Diagnostics)
		for _, l := range out.sent {
			current[l.key()] = l
			delete(skipped, l.key())
		}
		maps.Copy(skipped, out.skipped)
		if len(out.sent) > 0 {
			counts.setCounts(out.counts.Enrolled, out.counts.Updated, out.skippedCount())
		}
		warnSkipped(id, out, &resp.Diagnostics)
		if !ok {
			partial()
			return
		}
	}

	// Suppressed leads were never enrolled: nothing to unenroll.
	var enrolled []string
	for _, e := range d.remove {
		if _, s := skipped[emailKey(e)]; !s {
			enrolled = append(enrolled, e)
		}
	}
	n, presence, err := removeLeads(ctx, client, id, enrolled, size)
	switch {
	case err != nil:
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "unenroll leads from", Object: campaignObject(id)}, err)
		for _, e := range enrolled[:n] {
			delete(current, emailKey(e))
		}
		partial()
		return
	case presence == leadterra.ExistsNotOffered:
		resp.Diagnostics.Append(staysEnrolledWarning(id, enrolled[n:], false))
	case presence == leadterra.Gone:
		// The campaign is gone, and its leads with it.
	}

	plan["id"] = state["id"]
	for _, c := range countAttrs {
		plan[c] = counts[c]
	}
	plan["skipped_emails"] = emailSetValue(keepConfigured(skipped, planned))
	resp.State.Raw = plan.object(ctx, typ)
}

func (r *campaignLeadsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state := attrsOf(ctx, req.State.Raw, &resp.Diagnostics)
	client := r.data.clientFor("unenroll leads", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	id := state.campaignID()
	skipped := emailSet(state["skipped_emails"])
	// Replacing a tainted object (a create that failed part-way): the leads
	// the replacement enrolls again stay enrolled.
	replacing, isReplace := replacementPlan(ctx, req.Private, id)
	var emails []string
	var kept []leadModel
	for _, l := range decodeLeads(state["leads"], &resp.Diagnostics) {
		_, s := skipped[l.key()]
		switch {
		case s:
		case isReplace && replacing[l.key()]:
			kept = append(kept, l)
		default:
			emails = append(emails, l.Email.ValueString())
		}
	}
	if len(kept) > 0 && r.data != nil {
		r.data.kept.put(id, kept)
	}
	slices.Sort(emails)
	op := diagnostics.Op{Action: "unenroll leads from", Object: campaignObject(id)}
	_, presence, err := removeLeads(ctx, client, id, emails, int(state.int("batch_size")))
	switch {
	case err != nil:
		diagnostics.Add(&resp.Diagnostics, op, err)
	case presence == leadterra.ExistsNotOffered:
		resp.Diagnostics.Append(staysEnrolledWarning(id, emails, true))
	case presence == leadterra.Gone:
		// A deleted campaign took its leads with it.
	}
}

// ImportState adopts every lead enrolled in the campaign; it needs the
// lead listing, which the documented API lacks.
func (r *campaignLeadsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	client := r.data.clientFor("import the leads of a campaign", &resp.Diagnostics)
	if client == nil {
		return
	}
	id := importID(ctx, req, identityCampaignID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	listed, presence, err := client.ListLeads(ctx, id)
	if err != nil {
		diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "import the leads of", Object: campaignObject(id)}, err)
		return
	}
	switch {
	case presence == leadterra.Gone:
		resp.Diagnostics.Append(diagnostics.NoSuchObject(path.Empty(), "campaign", id, diagnostics.CampaignNotFoundProof))
		return
	case presence == leadterra.ExistsNotOffered:
		resp.Diagnostics.AddError("Leadterra cannot list enrolled leads",
			fmt.Sprintf("The leads of campaign %q cannot be imported: this Leadterra API offers no way to list the leads enrolled in a campaign (no GET /v1/campaigns/:id/leads). "+
				"Write the leads into a leadterra_campaign_leads configuration instead and apply it: the API upserts by email, so leads already enrolled are updated, not enrolled twice.", id))
		return
	case len(listed) == 0:
		resp.Diagnostics.AddError("No leads to import", fmt.Sprintf("Campaign %q has no enrolled leads. Create a leadterra_campaign_leads resource from configuration instead.", id))
		return
	}
	leads := make([]leadModel, len(listed))
	for i, l := range listed {
		leads[i] = leadFromAPI(l)
	}
	m := leadsAttrs{
		"id": stringValue(id), "campaign_id": stringValue(id), "batch_size": numberValue(DefaultLeadBatchSize),
		"leads": leadsValue(leads), "skipped_emails": emailSetValue(nil),
	}
	// As if these leads had just been enrolled: the history is unknown.
	m.setCounts(int64(len(leads)), 0, 0)
	setIdentity(ctx, resp.Identity, identityCampaignID, id, &resp.Diagnostics)
	resp.State.Raw = m.object(ctx, resp.State.Schema.Type().TerraformType(ctx))
}
