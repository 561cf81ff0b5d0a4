# The leads enrolled in a campaign. Lead data is personal data and is stored
# in the state: keep the state somewhere access-controlled and encrypted.
resource "leadterra_campaign_leads" "q3" {
  campaign_id = leadterra_campaign.q3.id
  batch_size  = 500 # leads per bulk request; 500 is the default

  leads = [
    {
      email      = "jane.doe@example.com"
      first_name = "Jane"
      last_name  = "Doe"
      company    = "Example Corp"
      job_title  = "Head of Operations"
      custom_fields = {
        source = "webinar-2024-09"
      }
    },
    {
      email      = "john.roe@example.org"
      first_name = "John"
      last_name  = "Roe"
      company    = "Example Org"
      job_title  = "CTO"
    },
  ]
}
