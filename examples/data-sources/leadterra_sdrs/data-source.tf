# The workspace's SDRs and their Gmail connection.
data "leadterra_sdrs" "all" {}

output "sdrs_without_gmail" {
  value = [for s in data.leadterra_sdrs.all.sdrs : s.email if !s.gmail_connected]
}
