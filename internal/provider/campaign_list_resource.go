package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

var _ list.ListResourceWithConfigure = (*campaignListResource)(nil)

// NewCampaignListResource lists campaigns for `terraform query` through the
// list completion (GET /v1/campaigns), which the documented API lacks.
func NewCampaignListResource() list.ListResource { return &campaignListResource{} }

type campaignListResource struct{ data *providerData }

type campaignListModel struct {
	NamePrefix types.String `tfsdk:"name_prefix"`
	Status     types.String `tfsdk:"status"`
}

func (l *campaignListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_campaign"
}

func (l *campaignListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the workspace's campaigns, each with its identity (`id`) and, when asked to include the resource, its attributes as the listing reports them; the display name is the campaign's name. Needs an API that offers `GET /v1/campaigns` (not in the documented API); where it is missing, the query fails with an error that says so.\n\nFor `terraform query` (Terraform 1.14 and later). **Protocol-tested:** the provider's tests call it as Terraform does, against the Leadterra sandbox, but no CLI it is tested with runs `terraform query` yet.",
		Attributes: map[string]schema.Attribute{
			"name_prefix": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Only campaigns whose name starts with this text (case-sensitive). Unset: any name.",
			},
			"status": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(leadterra.StatusDraft, leadterra.StatusRunning, leadterra.StatusPaused)},
				MarkdownDescription: "Only campaigns in this status: `draft`, `running` or `paused` (the API's `active` counts as `running`). Unset: any status.",
			},
		},
	}
}

func (l *campaignListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (f campaignListModel) keeps(c leadterra.Campaign) bool {
	return strings.HasPrefix(c.Name, f.NamePrefix.ValueString()) && (f.Status.IsNull() || c.Status == f.Status.ValueString())
}

func (l *campaignListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	const notOffered = "So the leadterra_campaign list resource cannot find campaigns on this API. Import a campaign by its id instead (copied from the dashboard): an import block with id = \"camp_…\" or identity = { id = \"camp_…\" }."
	listFiltered(ctx, l.data, req, stream, "list campaigns", notOffered, (*leadterra.Client).ListCampaigns, campaignListModel.keeps,
		func(c leadterra.Campaign, r *list.ListResult) {
			r.DisplayName = c.Name
			setIdentity(ctx, r.Identity, identityID, c.ID, &r.Diagnostics)
			if req.IncludeResource {
				var m campaignModel
				m.apply(c)
				r.Diagnostics.Append(r.Resource.Set(ctx, &m)...)
			}
		})
}
