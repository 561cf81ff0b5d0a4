# Follow-ups due now for the SDR linked to the API key.
data "leadterra_sdr_followups_due" "now" {}

check "no_overdue_followups" {
  assert {
    condition     = length(data.leadterra_sdr_followups_due.now.followups) == 0
    error_message = "${length(data.leadterra_sdr_followups_due.now.followups)} follow-up(s) are due in Leadterra."
  }
}
