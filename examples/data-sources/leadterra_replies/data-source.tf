# A campaign to read the replies of (see leadterra_campaign).
resource "leadterra_campaign" "q3" {
  name = "Q3 outreach"

  sequence_steps = [
    {
      subject   = "Quick question about {{company}}"
      body_html = "<p>Hi {{firstName}},</p><p>Would a 15-minute call next week be useful?</p>"
    },
  ]
}

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
