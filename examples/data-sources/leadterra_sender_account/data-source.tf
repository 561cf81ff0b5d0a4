# Look a sender account up by email...
data "leadterra_sender_account" "alice" {
  email = "alice@mail.example.com"
}

# ...or by ID (set exactly one of `id` and `email`).
data "leadterra_sender_account" "by_id" {
  id = data.leadterra_sender_account.alice.id
}

output "alice_status" {
  value = data.leadterra_sender_account.alice.status
}
