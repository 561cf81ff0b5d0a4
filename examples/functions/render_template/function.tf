# minimum-cli: terraform 1.8, opentofu 1.7
terraform {
  required_providers {
    leadterra = {
      source = "leadterra/leadterra"
    }
  }
}

locals {
  subject = "{{company}} and {{use_case}}"
  body    = "<p>Hi {{firstName}},</p><p>How does {{company}} handle {{use_case}} today?</p>"

  leads = {
    "jane.doe@example.com" = { first_name = "Jane", company = "Example Corp", use_case = "invoicing" }
    "john.roe@example.org" = { first_name = "John", company = "Example Org", use_case = "payroll" }
  }
}

resource "leadterra_campaign" "q3" {
  name           = "Q3 outreach"
  sequence_steps = [{ subject = local.subject, body_html = local.body }]
}

resource "leadterra_campaign_leads" "q3" {
  campaign_id = leadterra_campaign.q3.id
  leads       = local.leads
}

# What each lead will receive, shown in the plan before anything is sent.
# A lead of leads (or a csvdecode row) is passed as it is.
output "preview" {
  value = {
    for email, lead in leadterra_campaign_leads.q3.leads : email => {
      subject = provider::leadterra::render_template(local.subject, lead)
      body    = provider::leadterra::render_template(local.body, merge(lead, { email = email }))
    }
  }
}
