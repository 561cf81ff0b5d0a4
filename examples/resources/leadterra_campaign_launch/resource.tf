# Starts the campaign once its steps and leads are in place. depends_on makes
# Terraform enroll the leads before it starts the campaign: starting a
# campaign without leads fails with no_leads_enrolled.
resource "leadterra_campaign_launch" "q3" {
  campaign_id = leadterra_campaign.q3.id

  # true pauses sending (queued mail is held); false starts or resumes it.
  # A campaign that never ran stays a draft while paused = true.
  paused = false

  depends_on = [leadterra_campaign_leads.q3]
}
