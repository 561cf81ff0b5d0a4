# Every sender pool in the workspace.
data "leadterra_sender_pools" "all" {}

output "pool_capacity" {
  value = {
    for p in data.leadterra_sender_pools.all.pools : p.name => {
      daily_capacity   = p.daily_capacity
      remaining_volume = p.remaining_volume
      senders          = p.sender_count
    }
  }
}
