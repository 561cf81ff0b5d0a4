terraform {
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
  # base_url defaults to https://app.leadterra.co
}

# Or leave the provider block empty and set the environment instead:
#
#   export LEADTERRA_API_KEY="sk_live_..."
#   export LEADTERRA_BASE_URL="https://app.leadterra.co"   # optional
#
# provider "leadterra" {}
