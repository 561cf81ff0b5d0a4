package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestEmailProblem(t *testing.T) {
	valid := []string{
		"jane@example.com",
		"Jane.Doe+q3@Example.CO.uk",
		"o'brien@example.ie",
		"x@a.io",
		"josé@example.com",        // UTF-8 local part (RFC 6531)
		"jose@bücher.example",     // IDN domain: the API decides
		"ann@mail_server.example", // not a hostname, but not ours to refuse
		strings.Repeat("a", 64) + "@example.com",
	}
	for _, s := range valid {
		if p := EmailProblem(s); p != "" {
			t.Errorf("%q: want valid, got %q", s, p)
		}
	}
	invalid := map[string]string{
		"":                                       "empty",
		"   ":                                    "empty",
		"jane.example.com":                       "no @",
		"jane@@example.com":                      "more than one @",
		"a@b@example.com":                        "more than one @",
		"@example.com":                           "nothing before",
		"jane@":                                  "no domain",
		"jane @example.com":                      "whitespace",
		"jane@example.com\n":                     "whitespace",
		"\tjane@example.com":                     "whitespace",
		"jane@exa\x00mple.com":                   "control character (U+0000 at position 9",
		"jan\u200be@example.com":                 "invisible character U+200B at position 4",
		"jane@example.com\u200c":                 "invisible character U+200C at position 17",
		"jane@exam\u200dple.com":                 "U+200D",
		"\ufeffjane@example.com":                 "invisible character U+FEFF at position 1",
		"ja\u00adne@example.com":                 "invisible character U+00AD",
		"jane@\u202eexample.com":                 "invisible character U+202E",
		"jane@ex\u2066ample.com":                 "U+2066",
		"jane\u2060@example.com":                 "U+2060",
		"jane\ufe0f@example.com":                 "U+FE0F",
		"jane\u3164@example.com":                 "U+3164",
		"jane\u034f@example.com":                 "U+034F",
		"Jane <jane@example.com>":                "whitespace",
		"<jane@example.com>":                     "display name",
		"jane@example.com,john@x.io":             "list",
		"jane@example.com;john@x.io":             "list",
		"jane@localhost":                         "no dot",
		"jane@example..com":                      "empty part",
		"jane@.example.com":                      "empty part",
		"jane@example.com.":                      "empty part",
		".jane@example.com":                      "dot at the start",
		"jane.@example.com":                      "dot at the start or end",
		"ja..ne@example.com":                     "two dots",
		"\xffjane@example.com":                   "UTF-8",
		strings.Repeat("a", 65) + "@example.com": "at most 64",
		"a@" + strings.Repeat("b", 250) + ".com": "at most 254",
	}
	for s, want := range invalid {
		p := EmailProblem(s)
		if p == "" || !strings.Contains(p, want) {
			t.Errorf("%q: want a problem mentioning %q, got %q", s, want, p)
		}
	}
}

func TestEmailValidator(t *testing.T) {
	v := Email()
	run := func(val types.String) int {
		resp := &validator.StringResponse{}
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("email"), ConfigValue: val}, resp)
		return resp.Diagnostics.ErrorsCount()
	}
	if run(types.StringNull()) != 0 || run(types.StringUnknown()) != 0 {
		t.Fatal("null and unknown values are checked later, not now")
	}
	if run(types.StringValue("jane@example.com")) != 0 {
		t.Fatal("a plain address must pass")
	}
	if run(types.StringValue("jane")) != 1 {
		t.Fatal("an address without @ must fail")
	}
	if v.Description(context.Background()) == "" {
		t.Fatal("the description feeds the docs")
	}
}
