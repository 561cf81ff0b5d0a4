package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform and OpenTofu 1.12+): every Leadterra
// resource is identified by one string, the object's API id (campaign,
// webhook) or the campaign id (launch, leads). A CLI without identity never
// asks for the identity schema nor sends identity; the framework then hands
// the resource a null identity, which is filled in all the same and ignored.

var (
	_ resource.ResourceWithIdentity = (*campaignResource)(nil)
	_ resource.ResourceWithIdentity = (*webhookResource)(nil)
	_ resource.ResourceWithIdentity = (*campaignLaunchResource)(nil)
	_ resource.ResourceWithIdentity = (*campaignLeadsResource)(nil)
)

// Identity attribute names.
const (
	identityID         = "id"
	identityCampaignID = "campaign_id"
)

// stringIdentitySchema is an identity of one required string attribute.
func stringIdentitySchema(attr, description string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			attr: identityschema.StringAttribute{RequiredForImport: true, Description: description},
		},
	}
}

// setIdentity records value as the identity attribute attr. It is called
// with every state a resource writes, before any early return, so that the
// framework's "identity missing after read/create/update" checks never
// fire on a path that keeps or removes state.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, attr, value string, diags *diag.Diagnostics) {
	if identity == nil || value == "" {
		return
	}
	diags.Append(identity.SetAttribute(ctx, path.Root(attr), value)...)
}

// importID is what an import names: the string id (`terraform import`, an
// import block with id) or, for an import block with identity, the identity
// attribute attr.
func importID(ctx context.Context, req resource.ImportStateRequest, attr string, diags *diag.Diagnostics) string {
	if req.ID != "" || req.Identity == nil {
		return req.ID
	}
	var v types.String
	diags.Append(req.Identity.GetAttribute(ctx, path.Root(attr), &v)...)
	return v.ValueString()
}

func (r *campaignResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = stringIdentitySchema(identityID, "Campaign id (`camp_…`).")
}

func (r *webhookResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = stringIdentitySchema(identityID, "Webhook id (`wh_…`).")
}

func (r *campaignLaunchResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = stringIdentitySchema(identityCampaignID, "Id of the launched campaign (`camp_…`).")
}

func (r *campaignLeadsResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = stringIdentitySchema(identityCampaignID, "Id of the campaign the leads are enrolled in (`camp_…`).")
}
