package provider

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

var _ function.Function = renderTemplateFunction{}

// NewRenderTemplateFunction previews a subject or body for one lead.
func NewRenderTemplateFunction() function.Function { return renderTemplateFunction{} }

type renderTemplateFunction struct{}

func (renderTemplateFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "render_template"
}

func (renderTemplateFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Renders a subject or body for one lead, as Leadterra would",
		MarkdownDescription: "Replaces each personalization token of a Leadterra subject or body with the lead's value, by Leadterra's rules: " +
			"`{{firstName}}`, `{{lastName}}`, `{{company}}`, `{{jobTitle}}` and `{{email}}` are the standard fields, any other `{{name}}` is the custom field of that name, " +
			"whitespace inside the braces is allowed (`{{ company }}`), and a missing or empty value renders as an empty string. Nothing else is changed (no HTML escaping). The function calls no API.\n\n" +
			"`lead` is a `map(string)`: a lead of `leadterra_campaign_leads`' `leads` or a `csvdecode` row can be passed as it is (an object of strings converts to a map). " +
			"The standard fields are read under their `leads` names (`first_name`, `last_name`, `company`, `job_title`, `email`) or the API's (`firstName`, …); every other key is a custom field. " +
			"Since the key of `leads` is the address, pass `merge(lead, { email = address })` when the template uses `{{email}}` and the lead has no `email` field. " +
			"As in Leadterra, `{{first_name}}` is a custom field, not `{{firstName}}`, and renders empty.\n\n" +
			"A malformed token is an error giving its byte offset, line and column, the same rule as `sequence_steps` of `leadterra_campaign`. Needs Terraform 1.8 or OpenTofu 1.7 or later.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "template", MarkdownDescription: "A subject or HTML body, with `{{token}}` placeholders."},
			function.MapParameter{Name: "lead", ElementType: types.StringType, MarkdownDescription: "The lead's fields, such as `{ first_name = \"Ada\", company = \"Acme\", use_case = \"billing\" }`."},
		},
		Return: function.StringReturn{},
	}
}

func (renderTemplateFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var template string
	var lead map[string]types.String
	resp.Error = req.Arguments.Get(ctx, &template, &lead)
	if resp.Error != nil {
		return
	}
	tokens, ferr := parseTemplate(template)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	resp.Error = resp.Result.Set(ctx, renderTokens(template, tokens, leadValues(lead)))
}

// leadValues maps token names to values: standard fields under their API
// name (from either spelling), custom fields under their own. A custom key
// that spells a standard field differently (first_name) is the standard
// field: the leads resource sends it as one.
func leadValues(lead map[string]types.String) map[string]string {
	out := make(map[string]string, len(lead))
	// Sorted, so that first_name wins over firstName when a lead has both.
	for _, k := range slices.Sorted(maps.Keys(lead)) {
		v := lead[k]
		if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
			continue
		}
		if std := apiFieldName(k); std != k || slices.Contains(leadterra.StandardLeadFields, k) {
			out[std] = v.ValueString()
			continue
		}
		out[k] = v.ValueString()
	}
	return out
}

// renderTokens replaces each parsed token (all well formed) with its value.
func renderTokens(template string, tokens []leadterra.Token, values map[string]string) string {
	var b strings.Builder
	last := 0
	for _, t := range tokens {
		end := t.Offset + 2 + strings.Index(template[t.Offset+2:], "}}") + 2
		b.WriteString(template[last:t.Offset])
		b.WriteString(values[t.Name])
		last = end
	}
	b.WriteString(template[last:])
	return b.String()
}
