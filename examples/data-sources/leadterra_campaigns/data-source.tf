# Needs an API that offers GET /v1/campaigns (not in the documented API).

# All campaigns of the workspace.
data "leadterra_campaigns" "all" {}

# Only the campaigns named exactly "Q3 outreach".
data "leadterra_campaigns" "q3" {
  name = "Q3 outreach"
}

output "running_campaign_ids" {
  value = [for c in data.leadterra_campaigns.all.campaigns : c.id if c.status == "running"]
}
