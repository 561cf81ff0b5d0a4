package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// A sender account as both sender account data sources show it.

type accountModel struct {
	ID     types.String `tfsdk:"id"`
	Email  types.String `tfsdk:"email"`
	Name   types.String `tfsdk:"name"`
	Status types.String `tfsdk:"status"`
}

func accountAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Sender account id (`sa_…`).",
		},
		"email": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "From address.",
		},
		"name": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Display name in the From header.",
		},
		"status": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "`active`, `paused` or `warming` (kept as the API sends it; only `active` accounts send).",
		},
	}
}

func newAccountModel(a leadterra.SenderAccount) accountModel {
	return accountModel{ID: types.StringValue(a.ID), Email: types.StringValue(a.Email), Name: types.StringValue(a.Name), Status: types.StringValue(a.Status)}
}
