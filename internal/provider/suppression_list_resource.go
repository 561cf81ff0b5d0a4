package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
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
	_ resource.ResourceWithConfigure      = (*suppressionListResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*suppressionListResource)(nil)
	_ resource.ResourceWithValidateConfig = (*suppressionListResource)(nil)
)

// NewSuppressionListResource keeps a set of addresses on the workspace
// suppression list.
func NewSuppressionListResource() resource.Resource { return &suppressionListResource{} }

type suppressionListResource struct{ data *providerData }

type suppressionListModel struct {
	ID                     types.String   `tfsdk:"id"`
	Emails                 linearSetValue `tfsdk:"emails"`
	SuppressedCount        types.Int64    `tfsdk:"suppressed_count"`
	AlreadySuppressedCount types.Int64    `tfsdk:"already_suppressed_count"`
}

const suppressionListDescription = "Addresses this configuration keeps on the workspace-wide suppression list: Leadterra never emails a suppressed address, in any campaign.\n\n" +
	"Several `leadterra_suppression_list` resources may coexist; each adds and removes only its own addresses (list an address in one of them only). " +
	"Addresses are added through `POST /v1/suppression-list`, at most 1,000 per request. " +
	"If a request fails after earlier ones went through, the state records the addresses added so far, with the error: the next apply sends only the missing ones (after a failed create, the replacement Terraform plans keeps the addresses already listed), and a destroy takes them off. " +
	"Removing an address from `emails`, or destroying the resource, takes the addresses off the list through `DELETE /v1/suppression-list` where the API offers it — even an address that was already suppressed before this resource listed it. " +
	"The documented API cannot remove addresses (the docs send removal to the dashboard): there, a warning names the addresses that stay suppressed.\n\n" +
	"No API lists the suppression list, so Terraform cannot see addresses removed in the dashboard; `terraform apply -replace` adds them all again. " +
	"Addresses are matched ignoring case and sent as written. This resource cannot be imported."

func (r *suppressionListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_suppression_list"
}

func (r *suppressionListResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: suppressionListDescription,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Random id given at creation. Suppression entries have no id in Leadterra; this one only tells resources apart and never changes.",
			},
			"emails": schema.SetAttribute{
				Required:            true,
				ElementType:         types.StringType,
				CustomType:          newLinearSetType(types.StringType),
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(validators.Email())},
				MarkdownDescription: "Addresses to keep suppressed, at least one. Checked at plan time; no two may differ only in case.",
			},
			"suppressed_count": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "Addresses newly added to the list by the last apply that added addresses.",
			},
			"already_suppressed_count": schema.Int64Attribute{
				Computed: true,
				MarkdownDescription: "Addresses the last apply that added addresses sent that were already on the list (by a bounce, the dashboard or another resource). " +
					"Where the API reports only `suppressed`, this is the number sent minus the number newly suppressed: the API reference says addresses already on the list are ignored, and a request with an invalid address fails as a whole.",
			},
		},
	}
}

func (r *suppressionListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig rejects addresses that differ only in case: the list
// matches them as one, so state could never agree with the configuration.
func (r *suppressionListResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var emails linearSetValue
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("emails"), &emails)...)
	if resp.Diagnostics.HasError() || emails.IsNull() || emails.IsUnknown() {
		return
	}
	seen := map[string]string{}
	for _, el := range emails.Elements() {
		s, ok := el.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		k := emailKey(s.ValueString())
		if first, dup := seen[k]; dup {
			resp.Diagnostics.AddAttributeError(path.Root("emails").AtSetValue(el), "Duplicate suppressed address",
				fmt.Sprintf("%q and %q differ only in case. The suppression list ignores case, so they are one address: keep a single entry.", first, s.ValueString()))
			continue
		}
		seen[k] = s.ValueString()
	}
}

// ModifyPlan keeps the counts when an update adds nothing: they describe
// the last apply that did.
func (r *suppressionListResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() && !req.Plan.Raw.IsNull() {
		recordSuppressionCreatePlan(ctx, req, resp)
		return
	}
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var plan, state suppressionListModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || plan.Emails.IsUnknown() {
		return
	}
	if add, _ := suppressionDiff(suppressionEmails(ctx, state.Emails), suppressionEmails(ctx, plan.Emails)); len(add) > 0 {
		return
	}
	plan.SuppressedCount, plan.AlreadySuppressedCount = state.SuppressedCount, state.AlreadySuppressedCount
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func (r *suppressionListResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan suppressionListModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	client := r.data.clientFor("add addresses to the suppression list", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	emails := suppressionEmails(ctx, plan.Emails)
	// Addresses the Delete of a tainted predecessor left on the list are
	// not sent again (suppression_list_replace.go).
	var kept []string
	if r.data != nil {
		kept = r.data.keptSuppressed.take(addressSetKey(emails))
	}
	send, _ := suppressionDiff(kept, emails)
	counts, done, ok := addSuppressions(ctx, client, send, &resp.Diagnostics)
	plan.ID = types.StringValue(uuid.NewString())
	plan.SuppressedCount, plan.AlreadySuppressedCount = types.Int64Value(counts[0]), types.Int64Value(counts[1])
	if !ok {
		// The batches that went through are on the list: the state records
		// them with the error, so that a destroy or a later apply knows them.
		listed := append(kept, send[:done]...)
		if len(listed) == 0 {
			return
		}
		plan.Emails = suppressionSet(listed)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read has nothing to ask: no API lists the suppression list (DESIGN.md,
// "Completions and fallbacks"), so the last known state stands.
func (r *suppressionListResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {
}

func (r *suppressionListResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state suppressionListModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientFor("change the suppression list", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	prior := suppressionEmails(ctx, state.Emails)
	add, remove := suppressionDiff(prior, suppressionEmails(ctx, plan.Emails))
	plan.ID, plan.SuppressedCount, plan.AlreadySuppressedCount = state.ID, state.SuppressedCount, state.AlreadySuppressedCount
	if len(add) > 0 {
		counts, done, ok := addSuppressions(ctx, client, add, &resp.Diagnostics)
		if !ok {
			// State keeps what is on the list now: the prior addresses and the batches sent.
			state.Emails = suppressionSet(append(prior, add[:done]...))
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			return
		}
		plan.SuppressedCount, plan.AlreadySuppressedCount = types.Int64Value(counts[0]), types.Int64Value(counts[1])
	}
	if left := removeSuppressions(ctx, client, remove, false, &resp.Diagnostics); len(left) > 0 {
		plan.Emails = suppressionSet(append(suppressionEmails(ctx, plan.Emails), left...))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *suppressionListResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state suppressionListModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.clientFor("remove addresses from the suppression list", &resp.Diagnostics)
	if resp.Diagnostics.HasError() || client == nil {
		return
	}
	remove := suppressionEmails(ctx, state.Emails)
	if cp, ok := suppressionCreatePlan(ctx, req.Private); ok && r.data != nil {
		// Replacing a tainted object: what the replacement adds stays listed.
		keep := map[string]bool{}
		for _, e := range cp.Emails {
			keep[e] = true
		}
		var kept []string
		remove = slices.DeleteFunc(remove, func(e string) bool {
			if keep[strings.ToLower(e)] {
				kept = append(kept, e)
				return true
			}
			return false
		})
		r.data.keptSuppressed.put(addressSetKey(cp.Emails), kept)
	}
	if left := removeSuppressions(ctx, client, remove, true, &resp.Diagnostics); len(left) > 0 {
		state.Emails = suppressionSet(left)
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
}

// addSuppressions sends emails in batches of at most 1,000 and returns the
// newly and already suppressed counts and how many addresses went through.
func addSuppressions(ctx context.Context, client *leadterra.Client, emails []string, diags *diag.Diagnostics) (counts [2]int64, done int, ok bool) {
	for done < len(emails) {
		batch := emails[done:min(done+leadterra.MaxSuppressionBatch, len(emails))]
		res, err := client.AddSuppressions(ctx, batch)
		if err != nil {
			diagnostics.Add(diags, diagnostics.Op{Action: "add", Object: suppressionBatchObject(done, len(batch), len(emails), "to")}, err)
			return counts, done, false
		}
		already := res.AlreadySuppressed
		if !res.Detailed {
			// {"suppressed":N}: the rest of the batch was already listed.
			already = max(0, int64(len(batch))-res.Suppressed)
		}
		counts[0] += res.Suppressed
		counts[1] += already
		done += len(batch)
	}
	return counts, done, true
}

// removeSuppressions takes emails off the list in batches. Where the API
// cannot, it warns and returns nil: the addresses leave this resource. On an
// error it returns the addresses not yet removed, which stay in state.
func removeSuppressions(ctx context.Context, client *leadterra.Client, emails []string, destroy bool, diags *diag.Diagnostics) []string {
	for done := 0; done < len(emails); {
		batch := emails[done:min(done+leadterra.MaxSuppressionBatch, len(emails))]
		err := client.RemoveSuppressions(ctx, batch)
		switch {
		case leadterra.IsNotOffered(err):
			diags.Append(staysSuppressedWarning(emails[done:], destroy))
			return nil
		case err != nil:
			diagnostics.Add(diags, diagnostics.Op{Action: "remove", Object: suppressionBatchObject(done, len(batch), len(emails), "from")}, err)
			return emails[done:]
		}
		done += len(batch)
	}
	return nil
}

// suppressionBatchObject names the addresses of a failed request, and how many went
// through before it.
func suppressionBatchObject(done, size, total int, prep string) string {
	if size == total {
		return fmt.Sprintf("%d address(es) %s the suppression list", total, prep)
	}
	return fmt.Sprintf("addresses %d to %d of %d %s the suppression list (the %d before them went through)", done+1, done+size, total, prep, done)
}

func staysSuppressedWarning(emails []string, destroy bool) diag.Diagnostic {
	what := "Terraform removed them from this leadterra_suppression_list"
	if destroy {
		what = "Terraform removed this leadterra_suppression_list from state"
	}
	sorted := slices.Sorted(slices.Values(emails))
	return diag.NewWarningDiagnostic(
		fmt.Sprintf("%d address(es) stay on the Leadterra suppression list", len(emails)),
		fmt.Sprintf("The Leadterra API offers no way to remove addresses from the suppression list (there is no DELETE /v1/suppression-list; the docs say removal is dashboard-only). %s, but these addresses stay suppressed, and no campaign will email them:\n%s\n\n"+
			"Remove them in the Leadterra dashboard (Settings → Suppression List) if they should receive email again.", what, diagnostics.BulletList(sorted)))
}

// suppressionEmails returns a set's addresses as written, sorted.
func suppressionEmails(ctx context.Context, set linearSetValue) []string {
	var out []string
	_ = set.ElementsAs(ctx, &out, false)
	slices.Sort(out)
	return out
}

// suppressionDiff compares ignoring case: a change of case alone sends nothing.
func suppressionDiff(prior, planned []string) (add, remove []string) {
	have := map[string]bool{}
	for _, e := range prior {
		have[emailKey(e)] = true
	}
	want := map[string]bool{}
	for _, e := range planned {
		want[emailKey(e)] = true
		if !have[emailKey(e)] {
			add = append(add, e)
		}
	}
	for _, e := range prior {
		if !want[emailKey(e)] {
			remove = append(remove, e)
		}
	}
	return add, remove
}

func suppressionSet(emails []string) linearSetValue {
	set, _ := types.SetValueFrom(context.Background(), types.StringType, emails)
	return linearSetValue{set}
}
