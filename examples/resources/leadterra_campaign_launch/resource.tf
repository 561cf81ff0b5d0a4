# A campaign with one lead to start (see leadterra_campaign and
# leadterra_campaign_leads).
resource "leadterra_campaign" "q3" {
  name = "Q3 outreach"

  sequence_steps = [
    {
      subject   = "Quick question about {{company}}"
      body_html = "<p>Hi {{firstName}},</p><p>Would a 15-minute call next week be useful?</p>"
    },
  ]
}

resource "leadterra_campaign_leads" "q3" {
  campaign_id = leadterra_campaign.q3.id

  leads = {
    "jane.doe@example.com" = { first_name = "Jane", company = "Example Corp" }
  }
}

# Starts the campaign once its steps and leads are in place. depends_on makes
# Terraform enroll the leads before it starts the campaign: starting a
# campaign without leads fails with no_leads_enrolled.
resource "leadterra_campaign_launch" "q3" {
  campaign_id = leadterra_campaign.q3.id

  # true pauses sending (queued mail is held); false starts or resumes it.
  # A campaign that never ran stays a draft while paused = true.
  paused = false

  # A plan that starts the campaign warns when its leads outnumber what the
  # sender pools can still send today; true makes that an error instead.
  require_capacity = true

  depends_on = [leadterra_campaign_leads.q3]
}
