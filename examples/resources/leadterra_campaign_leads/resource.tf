# A campaign to enroll the leads in (see leadterra_campaign).
resource "leadterra_campaign" "q3" {
  name = "Q3 outreach"

  sequence_steps = [
    {
      subject   = "Quick question about {{company}}"
      body_html = "<p>Hi {{firstName}},</p><p>Would a 15-minute call next week be useful?</p>"
    },
  ]
}

# The leads enrolled in a campaign, keyed by email address. Lead data is
# personal data and is stored in the state: keep the state somewhere
# access-controlled and encrypted.
resource "leadterra_campaign_leads" "q3" {
  campaign_id = leadterra_campaign.q3.id
  batch_size  = 500 # leads per bulk request; 500 is the default

  leads = {
    "jane.doe@example.com" = {
      first_name = "Jane"
      last_name  = "Doe"
      company    = "Example Corp"
      job_title  = "Head of Operations"
      source     = "webinar-2024-09" # any other name is a custom field: {{source}}
    }
    "john.roe@example.org" = {
      first_name = "John"
      last_name  = "Roe"
      company    = "Example Org"
      job_title  = "CTO"
    }
  }

  # Lead lists usually live in a CSV file with an email column. Each row can
  # be used as it is; blank cells mean "not set":
  #
  #   leads = { for row in csvdecode(file("${path.module}/leads.csv")) : row.email => row }
}
