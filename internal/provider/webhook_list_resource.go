package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
	"github.com/leadterra/terraform-provider-leadterra/internal/validators"
)

var _ list.ListResourceWithConfigure = (*webhookListResource)(nil)

// NewWebhookListResource lists webhooks for `terraform query` through the
// list completion (GET /v1/webhooks), which the documented API lacks.
func NewWebhookListResource() list.ListResource { return &webhookListResource{} }

type webhookListResource struct{ data *providerData }

type webhookListModel struct {
	URLPrefix types.String `tfsdk:"url_prefix"`
	Event     types.String `tfsdk:"event"`
}

func (l *webhookListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webhook"
}

func (l *webhookListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the workspace's webhooks, each with its identity (`id`) and, when asked to include the resource, its attributes as the listing reports them; the display name is the webhook's URL. Needs an API that offers `GET /v1/webhooks` (not in the documented API); where it is missing, the query fails with an error that says so.\n\nFor `terraform query` (Terraform 1.14 and later). **Protocol-tested:** the provider's tests call it as Terraform does, against the Leadterra sandbox, but no CLI it is tested with runs `terraform query` yet.",
		Attributes: map[string]schema.Attribute{
			"url_prefix": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Only webhooks whose URL starts with this text, such as `https://hooks.example.com/` (case-sensitive). Unset: any URL.",
			},
			"event": schema.StringAttribute{
				Optional:            true,
				Validators:          []validator.String{validators.WebhookEvent()},
				MarkdownDescription: "Only webhooks that receive this event, one of `" + strings.Join(leadterra.WebhookEvents, "`, `") + "`. Unset: any events.",
			},
		},
	}
}

func (l *webhookListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (f webhookListModel) keeps(w leadterra.Webhook) bool {
	return strings.HasPrefix(w.URL, f.URLPrefix.ValueString()) && (f.Event.IsNull() || slices.Contains(w.Events, f.Event.ValueString()))
}

func (l *webhookListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	const notOffered = "So the leadterra_webhook list resource cannot find webhooks on this API, and the webhooks cannot be imported either (that needs GET /v1/webhooks/:id): see them in the Leadterra dashboard."
	listFiltered(ctx, l.data, req, stream, "list webhooks", notOffered, (*leadterra.Client).ListWebhooks, webhookListModel.keeps,
		func(w leadterra.Webhook, r *list.ListResult) {
			r.DisplayName = w.URL
			setIdentity(ctx, r.Identity, identityID, w.ID, &r.Diagnostics)
			if req.IncludeResource {
				m := webhookModel{Events: types.SetNull(types.StringType)}
				m.apply(w)
				r.Diagnostics.Append(r.Resource.Set(ctx, &m)...)
			}
		})
}
