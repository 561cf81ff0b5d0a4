package validators

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// located starts detail with the attribute's path when it is nested
// (sequence_steps[1].subject: …). The CLI shows the source line of a nested
// attribute's block, not which element or field failed, so the text has to
// say it. The 0-based index is the one the attribute path uses.
func located(p path.Path, detail string) string {
	if len(p.Steps()) < 2 {
		return detail
	}
	return p.String() + ": " + detail
}

// NotBlank rejects strings that are empty or only whitespace, and text that
// is not valid UTF-8 (the API is JSON).
func NotBlank() validator.String { return notBlank{} }

type notBlank struct{}

func (notBlank) Description(context.Context) string {
	return "must contain a non-whitespace character"
}

func (v notBlank) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (notBlank) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if !utf8.ValidString(s) {
		resp.Diagnostics.AddAttributeError(req.Path, "Text is not valid UTF-8", located(req.Path, "The value holds bytes that are not valid UTF-8; Leadterra accepts JSON text only. Check the file it was read from (for example with file() on a Latin-1 file)."))
		return
	}
	if strings.TrimSpace(s) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, fmt.Sprintf("Empty %s", req.Path), located(req.Path, "The value must not be empty or only whitespace."))
	}
}
