package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// functionsConfig declares the provider by source, as provider functions
// need; the functions themselves call no API.
const functionsConfig = `
terraform {
  required_providers {
    leadterra = { source = "leadterra/leadterra" }
  }
}

locals {
  body = "<p>Hi {{firstName}},</p><p>How does {{ company }} handle {{use_case}}?</p>"
  leads = {
    "ada@example.com"   = { first_name = "Ada", company = "Acme", use_case = "billing" }
    "grace@example.com" = { first_name = "Grace", company = "Navy", use_case = "" }
  }
  row = csvdecode("email,first_name,company,use_case\nlin@example.com,Lin,,payroll\n")[0]
}

output "rendered" {
  value = provider::leadterra::render_template(local.body, local.leads["ada@example.com"])
}

output "rendered_csv_row" {
  value = provider::leadterra::render_template("{{email}}: {{firstName}} at [{{company}}] - {{use_case}}", local.row)
}

output "tokens" {
  value = provider::leadterra::template_tokens(local.body)
}
`

// TestAccTemplateFunctions calls both functions through the CLI: a lead of
// a leads map and a csvdecode row as they are, and a precondition built on
// template_tokens that passes when every lead carries the fields and fails,
// naming the lead, when one does not.
func TestAccTemplateFunctions(t *testing.T) {
	skipBelowCLI(t, functionsCLI)
	env := newTestEnv(t)
	precondition := func(leads string) string {
		return env.config(functionsConfig + `
output "checked" {
  value = "ok"
  precondition {
    condition = alltrue([
      for email, lead in ` + leads + ` : alltrue([
        for f in provider::leadterra::template_tokens(local.body) : lookup(lead, f, "") != ""
      ])
    ])
    error_message = "Leads without a field the body uses: ${join(", ", [
      for email, lead in ` + leads + ` : email
      if anytrue([for f in provider::leadterra::template_tokens(local.body) : lookup(lead, f, "") == ""])
    ])}"
  }
}
`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: precondition(`{ for k, v in local.leads : k => v if k != "grace@example.com" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("rendered", knownvalue.StringExact("<p>Hi Ada,</p><p>How does Acme handle billing?</p>")),
					statecheck.ExpectKnownOutputValue("rendered_csv_row", knownvalue.StringExact("lin@example.com: Lin at [] - payroll")),
					statecheck.ExpectKnownOutputValue("tokens", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("company"), knownvalue.StringExact("first_name"), knownvalue.StringExact("use_case"),
					})),
					statecheck.ExpectKnownOutputValue("checked", knownvalue.StringExact("ok")),
				},
			},
			{
				Config:      precondition("local.leads"),
				ExpectError: errorRe("Leads without a field the body uses: grace@example.com"),
			},
			{
				Config:      env.config(functionsConfig + "output \"bad\" {\n  value = provider::leadterra::template_tokens(\"Hi {{first name}}\")\n}\n"),
				ExpectError: errorRe("Malformed personalization token", "at byte 3 (line 1, column 4)", "{{first name}} is not a valid personalization token"),
			},
		},
	})
}
