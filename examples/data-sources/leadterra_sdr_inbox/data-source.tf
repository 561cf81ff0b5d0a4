# Category A threads that still need the SDR's attention.
data "leadterra_sdr_inbox" "hot" {
  status   = ["new", "needs_followup"]
  category = "A"
}

output "hot_threads" {
  value = [for t in data.leadterra_sdr_inbox.hot.threads : "${t.subject} (${t.status}, priority ${t.priority_score})"]
}
