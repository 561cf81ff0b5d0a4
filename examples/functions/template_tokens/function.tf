# minimum-cli: terraform 1.8, opentofu 1.7
terraform {
  required_providers {
    leadterra = {
      source = "leadterra/leadterra"
    }
  }
}

locals {
  steps = [
    {
      subject   = "Quick question about {{company}}"
      body_html = "<p>Hi {{firstName}},</p><p>Is {{use_case}} still on your list?</p>"
    },
  ]

  # The lead fields the steps use, as leads names: ["company", "first_name", "use_case"].
  used_fields = distinct(flatten([
    for s in local.steps : concat(
      provider::leadterra::template_tokens(s.subject),
      provider::leadterra::template_tokens(s.body_html),
    )
  ]))

  leads = {
    "jane.doe@example.com" = { first_name = "Jane", company = "Example Corp", use_case = "invoicing" }
    "john.roe@example.org" = { first_name = "John", company = "Example Org", use_case = "payroll" }
  }
}

resource "leadterra_campaign" "q3" {
  name           = "Q3 outreach"
  sequence_steps = local.steps
}

resource "leadterra_campaign_leads" "q3" {
  campaign_id = leadterra_campaign.q3.id
  leads       = local.leads

  lifecycle {
    # Refuse to enroll a lead that would get an email with a blank where a
    # field should be. (email is the key of leads, not one of its fields.)
    precondition {
      condition = alltrue([
        for email, lead in local.leads : alltrue([
          for f in local.used_fields : f == "email" || lookup(lead, f, "") != ""
        ])
      ])
      error_message = "These leads lack a field the steps use (${join(", ", local.used_fields)}): ${join(", ", [
        for email, lead in local.leads : email
        if anytrue([for f in local.used_fields : f != "email" && lookup(lead, f, "") == ""])
      ])}."
    }
  }
}
