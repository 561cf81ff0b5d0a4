# A running campaign to read the counters of (see leadterra_campaign,
# leadterra_campaign_leads and leadterra_campaign_launch).
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

resource "leadterra_campaign_launch" "q3" {
  campaign_id = leadterra_campaign.q3.id
  depends_on  = [leadterra_campaign_leads.q3]
}

# Works on every Leadterra API: it uses the documented stats endpoint only.
data "leadterra_campaign_stats" "q3" {
  campaign_id = leadterra_campaign_launch.q3.campaign_id
}

output "q3_funnel" {
  value = {
    enrolled   = data.leadterra_campaign_stats.q3.total_enrolled
    sent       = data.leadterra_campaign_stats.q3.sent
    delivered  = data.leadterra_campaign_stats.q3.delivered
    bounced    = data.leadterra_campaign_stats.q3.bounced
    replied    = data.leadterra_campaign_stats.q3.replied
    queued     = data.leadterra_campaign_stats.q3.queued
    open_rate  = data.leadterra_campaign_stats.q3.open_rate
    reply_rate = data.leadterra_campaign_stats.q3.reply_rate
  }
}
