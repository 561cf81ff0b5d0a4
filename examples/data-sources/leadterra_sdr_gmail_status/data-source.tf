# Health of the Gmail connection of the SDR linked to the API key.
data "leadterra_sdr_gmail_status" "me" {}

check "sdr_gmail_healthy" {
  assert {
    condition     = data.leadterra_sdr_gmail_status.me.health_state == "active"
    error_message = "The SDR's Gmail connection is ${data.leadterra_sdr_gmail_status.me.health_state}: ${coalesce(data.leadterra_sdr_gmail_status.me.last_sync_error, "no sync error reported")}. Reconnect it in the Leadterra dashboard."
  }
}
