# All sender accounts.
data "leadterra_sender_accounts" "all" {}

# Only the accounts with a given status.
data "leadterra_sender_accounts" "active" {
  status = "active"
}

output "sender_emails" {
  value = [for a in data.leadterra_sender_accounts.active.accounts : a.email]
}
