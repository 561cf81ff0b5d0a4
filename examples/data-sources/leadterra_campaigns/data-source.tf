# Needs an API that offers GET /v1/campaigns (not in the documented API).

# All campaigns of the workspace.
data "leadterra_campaigns" "all" {}

# Only the campaigns named exactly "Demo: VP Sales outreach" (the local
# sandbox's demo campaign).
data "leadterra_campaigns" "demo" {
  name = "Demo: VP Sales outreach"
}

output "running_campaign_ids" {
  value = [for c in data.leadterra_campaigns.all.campaigns : c.id if c.status == "running"]
}

output "demo_campaign_id" {
  value = one(data.leadterra_campaigns.demo.campaigns[*].id)
}
