# Look a pool up by name...
data "leadterra_sender_pool" "outbound" {
  name = "Outbound"
}

# ...or by ID (set exactly one of `id` and `name`).
data "leadterra_sender_pool" "by_id" {
  id = data.leadterra_sender_pool.outbound.id
}

output "outbound_remaining_today" {
  value = data.leadterra_sender_pool.outbound.remaining_volume
}
