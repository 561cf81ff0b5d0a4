package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// The template functions share the campaign's token parser
// (leadterra.ParseTokens, which the sequence_steps validator uses), so a
// template they accept is one the campaign accepts, and the reverse.

var _ function.Function = templateTokensFunction{}

// NewTemplateTokensFunction lists the fields a subject or body uses.
func NewTemplateTokensFunction() function.Function { return templateTokensFunction{} }

type templateTokensFunction struct{}

func (templateTokensFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "template_tokens"
}

func (templateTokensFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Lists the lead fields a subject or body uses",
		MarkdownDescription: "Returns the personalization tokens of a Leadterra subject or body as the **field names of `leadterra_campaign_leads`**, sorted and without repeats: " +
			"the standard tokens in snake case (`{{firstName}}` → `first_name`, `{{jobTitle}}` → `job_title`, `{{email}}` → `email`), custom fields as written (`{{use_case}}` → `use_case`). " +
			"So each name can be looked up directly in a lead of `leads` or a `csvdecode` row, as in a `precondition` that every lead carries what the template uses " +
			"(remember that `email` is the key of `leads`, not necessarily one of its fields).\n\n" +
			"A malformed token (`{{` without `}}`, or a name that is not a plain identifier) is an error giving its byte offset, line and column: the same rule as `sequence_steps` of `leadterra_campaign`. " +
			"A token such as `{{first_name}}` is not `{{firstName}}`: Leadterra reads it as a custom field named `first_name`, which no lead of `leadterra_campaign_leads` can carry, so it renders empty (the campaign warns about it).\n\n" +
			"Needs Terraform 1.8 or OpenTofu 1.7 or later.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "template", MarkdownDescription: "A subject or HTML body, with `{{token}}` placeholders."},
		},
		Return: function.ListReturn{ElementType: types.StringType},
	}
}

func (templateTokensFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var template string
	resp.Error = req.Arguments.Get(ctx, &template)
	if resp.Error != nil {
		return
	}
	tokens, ferr := parseTemplate(template)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	names := []string{}
	for _, t := range tokens {
		names = append(names, leadFieldOfToken(t.Name))
	}
	slices.Sort(names)
	resp.Error = resp.Result.Set(ctx, slices.Compact(names))
}

// parseTemplate parses the template argument (argument 0 of both
// functions); a malformed token is an argument error naming its place.
func parseTemplate(template string) ([]leadterra.Token, *function.FuncError) {
	tokens, problems := leadterra.ParseTokens(template)
	if len(problems) == 0 {
		return tokens, nil
	}
	msgs := make([]string, len(problems))
	for i, p := range problems {
		line, col := lineColumn(template, p.Offset)
		msgs[i] = fmt.Sprintf("at byte %d (line %d, column %d): %s", p.Offset, line, col, p.Message)
	}
	return nil, function.NewArgumentFuncError(0, "Malformed personalization token in the template "+strings.Join(msgs, "; ")+
		". Leadterra replaces {{name}} with the lead's field of that name, where the name is a plain identifier.")
}

// lineColumn turns a byte offset into a 1-based line and column (in
// characters), for templates written as heredocs.
func lineColumn(s string, offset int) (int, int) {
	before := s[:offset]
	line := strings.Count(before, "\n") + 1
	col := len([]rune(before[strings.LastIndexByte(before, '\n')+1:])) + 1
	return line, col
}

// leadFieldOfToken is the leads field that feeds a token: the snake-case
// name of a standard token, a custom token's own name.
func leadFieldOfToken(token string) string {
	if slices.Contains(leadterra.StandardLeadFields, token) {
		return snakeCase(token)
	}
	return token
}
