package validators

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Email checks a lead address at plan time. It is deliberately loose: it
// catches the mistakes config makes (blank, no @, a space or newline, a
// display name, a list, a dot out of place) and leaves the finer rules to
// the API, whose own check answers 422 naming the lead. International
// addresses (UTF-8 local parts and domains) pass.
func Email() validator.String { return emailValidator{} }

type emailValidator struct{}

func (emailValidator) Description(context.Context) string {
	return "must be a single email address such as jane@example.com"
}

func (v emailValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (emailValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := EmailProblem(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid email address", problem)
	}
}

// Maximum lengths from RFC 5321 (in bytes, as the SMTP limits are).
const (
	maxEmailLen = 254
	maxLocalLen = 64
)

// EmailProblem returns why s is not an acceptable lead address, or "".
func EmailProblem(s string) string {
	switch {
	case !utf8.ValidString(s):
		return "The address holds bytes that are not valid UTF-8; Leadterra accepts JSON text only. Check the file it was read from."
	case strings.TrimSpace(s) == "":
		return "The address is empty. Every lead needs an email address: Leadterra enrolls leads by address."
	}
	q := fmt.Sprintf("%q", s)
	pos := 0
	for _, r := range s {
		pos++
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Sprintf("%s contains whitespace or a control character (%U at position %d; often a stray space or newline from a spreadsheet); remove it.", q, r, pos)
		}
		if Invisible(r) {
			return fmt.Sprintf("%s contains an invisible character %U at position %d (often pasted along with the address from a web page or document); retype the address or remove it.", q, r, pos)
		}
		if strings.ContainsRune("<>,;", r) {
			return q + " looks like a display name or a list of addresses; give one bare address such as jane@example.com."
		}
	}
	at := strings.Count(s, "@")
	if at == 0 {
		return q + " has no @; an address looks like jane@example.com."
	}
	if at > 1 {
		return q + " has more than one @; give one address such as jane@example.com."
	}
	local, domain, _ := strings.Cut(s, "@")
	switch {
	case local == "":
		return q + " has nothing before the @."
	case domain == "":
		return q + " has no domain after the @."
	case len(s) > maxEmailLen:
		return fmt.Sprintf("%s is %d bytes long; an address has at most %d.", q, len(s), maxEmailLen)
	case len(local) > maxLocalLen:
		return fmt.Sprintf("The part of %s before the @ is %d bytes long; it may have at most %d.", q, len(local), maxLocalLen)
	case strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, ".."):
		return q + " has a dot at the start or end of the part before the @, or two dots in a row."
	case !strings.Contains(domain, "."):
		return q + " has no dot in its domain; a lead address needs a full domain such as example.com."
	}
	for _, label := range strings.Split(domain, ".") {
		if label == "" {
			return q + " has an empty part in its domain (a dot at the start or end, or two dots in a row)."
		}
	}
	return ""
}

// Invisible reports characters that render as nothing but make a different
// address: format characters (zero-width space and joiners, byte-order
// mark, soft hyphen, bidi controls), variation selectors and the other
// default-ignorable code points (Hangul fillers, combining grapheme joiner).
func Invisible(r rune) bool {
	return unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}
