// Package validators holds the provider's plan-time attribute validators.
package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// PersonalizationTokens rejects malformed {{tokens}} in a subject or body
// and warns about likely misspellings of the standard lead fields. Any other
// well-formed name is accepted: custom fields are free-form.
func PersonalizationTokens() validator.String { return tokensValidator{} }

type tokensValidator struct{}

// standardTokens lists the standard lead fields as tokens: {{email}}, ….
func standardTokens() string {
	tokens := make([]string, len(leadterra.StandardLeadFields))
	for i, f := range leadterra.StandardLeadFields {
		tokens[i] = "{{" + f + "}}"
	}
	return strings.Join(tokens, ", ")
}

func (tokensValidator) Description(context.Context) string {
	return "personalization tokens must be {{name}} with a plain identifier name"
}

func (v tokensValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (tokensValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	tokens, problems := leadterra.ParseTokens(req.ConfigValue.ValueString())
	for _, p := range problems {
		resp.Diagnostics.AddAttributeError(req.Path, "Malformed personalization token",
			located(req.Path, fmt.Sprintf("At byte %d: %s. Leadterra replaces %s and {{anyCustomField}} per lead.", p.Offset, p.Message, standardTokens())))
	}
	for _, t := range tokens {
		if std := leadterra.LikelyTypo(t.Name); std != "" {
			resp.Diagnostics.AddAttributeWarning(req.Path, "Possible misspelled personalization token",
				located(req.Path, fmt.Sprintf("{{%s}} is not a standard lead field; did you mean {{%s}}? As written, it is read as a custom field and renders empty for leads without one.", t.Name, std)))
		}
	}
}
