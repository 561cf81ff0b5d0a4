# Look a sender account up by email (the addresses here are those of the
# local sandbox's seeded accounts: `make sandbox`)...
data "leadterra_sender_account" "alex" {
  email = "alex.rivera@acme.io"
}

# ...or by ID (set exactly one of `id` and `email`).
data "leadterra_sender_account" "by_id" {
  id = data.leadterra_sender_account.alex.id
}

output "alex_status" {
  value = data.leadterra_sender_account.alex.status
}
