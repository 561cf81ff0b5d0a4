# Needs an API that offers GET /v1/campaigns/:id (not in the documented API).
# camp_01jsandb0x0000000000000001 is the running demo campaign of the local
# sandbox (`make sandbox`); use the id from your dashboard or from
# leadterra_campaigns.
data "leadterra_campaign" "example" {
  id = "camp_01jsandb0x0000000000000001"
}

output "campaign_status" {
  value = data.leadterra_campaign.example.status
}

output "first_subject" {
  value = data.leadterra_campaign.example.sequence_steps[0].subject
}
