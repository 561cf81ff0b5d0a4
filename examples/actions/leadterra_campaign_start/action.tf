# minimum-cli: terraform 1.14
# Start (or resume) a campaign once:
#   terraform apply -invoke=action.leadterra_campaign_start.outreach
action "leadterra_campaign_start" "outreach" {
  config {
    campaign_id = "camp_01jsandb0x0000000000000001"
  }
}
