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
