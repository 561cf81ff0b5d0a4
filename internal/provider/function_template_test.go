package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// runFunction calls f as the framework does and returns its result.
func runFunction(t *testing.T, f function.Function, args ...attr.Value) (attr.Value, *function.FuncError) {
	t.Helper()
	var def function.DefinitionResponse
	f.Definition(context.Background(), function.DefinitionRequest{}, &def)
	result, ferr := def.Definition.Return.NewResultData(context.Background())
	if ferr != nil {
		t.Fatal(ferr)
	}
	resp := function.RunResponse{Result: result}
	f.Run(context.Background(), function.RunRequest{Arguments: function.NewArgumentsData(args)}, &resp)
	return resp.Result.Value(), resp.Error
}

func leadArg(fields map[string]string) types.Map {
	m := map[string]attr.Value{}
	for k, v := range fields {
		m[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, m)
}

func TestRenderTemplate(t *testing.T) {
	lead := map[string]string{"first_name": "Ada", "job_title": "CTO", "company": "", "use_case": "billing", "email": "ada@example.com"}
	for _, tc := range []struct{ name, template, want string }{
		{"snake-case standard fields", "Hi {{firstName}}, {{ jobTitle }}", "Hi Ada, CTO"},
		{"custom field as written", "About {{use_case}}.", "About billing."},
		{"empty and missing values render empty", "[{{company}}][{{lastName}}][{{region}}]", "[][][]"},
		{"first_name is a custom field, as in Leadterra", "Hi {{first_name}}", "Hi "},
		{"email field", "{{email}}", "ada@example.com"},
		{"no tokens, stray closing braces kept", "a }} b { c", "a }} b { c"},
		{"multibyte text around tokens", "Grüße {{firstName}} — ✓", "Grüße Ada — ✓"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ferr := runFunction(t, NewRenderTemplateFunction(), types.StringValue(tc.template), leadArg(lead))
			if ferr != nil {
				t.Fatal(ferr)
			}
			if got.(types.String).ValueString() != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}

	// The API's own spelling is accepted; the leads resource's wins.
	got, _ := runFunction(t, NewRenderTemplateFunction(), types.StringValue("{{firstName}}"), leadArg(map[string]string{"firstName": "api", "first_name": "leads"}))
	if got.(types.String).ValueString() != "leads" {
		t.Fatalf("both spellings: got %s", got)
	}
	got, _ = runFunction(t, NewRenderTemplateFunction(), types.StringValue("{{jobTitle}}"), leadArg(map[string]string{"jobTitle": "VP"}))
	if got.(types.String).ValueString() != "VP" {
		t.Fatalf("API spelling: got %s", got)
	}
	// A null field value is a missing one.
	nullLead := types.MapValueMust(types.StringType, map[string]attr.Value{"company": types.StringNull()})
	got, ferr := runFunction(t, NewRenderTemplateFunction(), types.StringValue("<{{company}}>"), nullLead)
	if ferr != nil || got.(types.String).ValueString() != "<>" {
		t.Fatalf("null value: got %s, %v", got, ferr)
	}
}

func TestTemplateFunctions_malformed(t *testing.T) {
	for _, tc := range []struct{ template, want string }{
		{"Hi {{firstName", `at byte 3 \(line 1, column 4\): .*never closed`},
		{"<p>\n  ✓ {{first name}}</p>", `at byte 10 \(line 2, column 5\): \{\{first name\}\} is not a valid personalization token`},
		{"{{1st}} and {{ok}} and {{a-b}}", `at byte 0 .*; at byte 23 `},
	} {
		for _, f := range []function.Function{NewRenderTemplateFunction(), NewTemplateTokensFunction()} {
			args := []attr.Value{types.StringValue(tc.template)}
			if _, ok := f.(renderTemplateFunction); ok {
				args = append(args, leadArg(nil))
			}
			_, ferr := runFunction(t, f, args...)
			if ferr == nil {
				t.Fatalf("%T(%q): want an error", f, tc.template)
			}
			if ferr.FunctionArgument == nil || *ferr.FunctionArgument != 0 {
				t.Errorf("%T(%q): the error must point at the template argument, got %v", f, tc.template, ferr.FunctionArgument)
			}
			if !regexp.MustCompile(tc.want).MatchString(ferr.Text) {
				t.Errorf("%T(%q): error %q does not match %s", f, tc.template, ferr.Text, tc.want)
			}
		}
	}
}

func TestTemplateTokens(t *testing.T) {
	for template, want := range map[string]string{
		"Hi {{firstName}} at {{company}}: {{use_case}}, {{ firstName }}, {{jobTitle}}, {{email}}": "company,email,first_name,job_title,use_case",
		"{{Region}} {{region}}": "Region,region",
		"no tokens":             "",
	} {
		got, ferr := runFunction(t, NewTemplateTokensFunction(), types.StringValue(template))
		if ferr != nil {
			t.Fatal(ferr)
		}
		var names []string
		for _, v := range got.(types.List).Elements() {
			names = append(names, v.(types.String).ValueString())
		}
		if got.(types.List).IsNull() || strings.Join(names, ",") != want {
			t.Errorf("template_tokens(%q) = %v, want [%s]", template, got, want)
		}
	}
}
