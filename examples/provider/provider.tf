terraform {
  # check blocks (used in the examples) need Terraform 1.5; any OpenTofu.
  required_version = ">= 1.5.0"

  required_providers {
    leadterra = {
      source = "leadterra/leadterra"
    }
  }
}

variable "leadterra_api_key" {
  type      = string
  sensitive = true
}

provider "leadterra" {
  api_key = var.leadterra_api_key
  # base_url defaults to LEADTERRA_BASE_URL, else https://app.leadterra.co.

  # Optional tuning; these are the defaults.
  max_retries     = 4     # retries of 429 and 5xx answers, honouring Retry-After
  request_timeout = "60s" # per HTTP attempt
  # requests_per_second = 5  # unset: no client-side limit
}

# Or leave the provider block empty and set the environment instead:
#
#   export LEADTERRA_API_KEY="sk_test_..."
#   export LEADTERRA_BASE_URL="https://app.leadterra.co"   # optional
#
# provider "leadterra" {}

# Every resource and data source of the provider uses this configuration.
data "leadterra_sender_pools" "all" {}

output "sender_pool_names" {
  value = data.leadterra_sender_pools.all.pools[*].name
}
