# minimum-cli: terraform 1.14
# Pause a campaign once, say during an incident:
#   terraform apply -invoke=action.leadterra_campaign_pause.outreach
# If a leadterra_campaign_launch manages the same campaign with
# paused = false, the next plain apply resumes it: set paused = true there
# to keep it paused.
action "leadterra_campaign_pause" "outreach" {
  config {
    campaign_id = "camp_01jsandb0x0000000000000001"
  }
}
