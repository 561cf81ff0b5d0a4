# Look a pool up by its exact name (here one of the local sandbox's seeded
# pools: `make sandbox`)...
data "leadterra_sender_pool" "primary" {
  name = "Primary Outbound Pool"
}

# ...or by ID (set exactly one of `id` and `name`).
data "leadterra_sender_pool" "by_id" {
  id = data.leadterra_sender_pool.primary.id
}

output "primary_remaining_today" {
  value = data.leadterra_sender_pool.primary.remaining_volume
}

# Fail the plan before launching into a pool that has run dry today.
check "primary_pool_has_volume" {
  assert {
    condition     = data.leadterra_sender_pool.primary.remaining_volume > 0
    error_message = "The pool ${data.leadterra_sender_pool.primary.name} has no sending volume left today."
  }
}
