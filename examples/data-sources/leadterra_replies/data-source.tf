# Every reply to one campaign, newest first (all pages are read).
data "leadterra_replies" "q3" {
  campaign_id = leadterra_campaign.q3.id
}

# Only the interested replies of the whole workspace.
data "leadterra_replies" "interested" {
  classification = "interested"
}

output "interested_leads" {
  value = distinct([for r in data.leadterra_replies.interested.replies : r.email])
}
