# minimum-cli: terraform 1.14
# Hand an interested reply over to an SDR:
#   terraform apply -invoke=action.leadterra_reply_assign.ava
# A second invoke warns "Reply already assigned" and forwards nothing.
action "leadterra_reply_assign" "ava" {
  config {
    reply_id       = "rpl_01jsandb0x0000000000000001"
    sdr_id         = "sdr_01jsandb0x0000000000000001"
    category       = "A"
    note           = "Asked for a call on Thursday afternoon."
    skip_icp_check = true
  }
}
