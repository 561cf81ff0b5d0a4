# Needs an API that offers GET /v1/campaigns/:id (not in the documented API).
data "leadterra_campaign" "example" {
  id = "camp_0123456789"
}

output "campaign_status" {
  value = data.leadterra_campaign.example.status
}

output "first_subject" {
  value = data.leadterra_campaign.example.sequence_steps[0].subject
}
