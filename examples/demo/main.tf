# ---------------------------------------------------------------------------
# Leadterra provider demo: `make demo` (or `DEMO_CLI=tofu make demo`).
#
# scripts/demo.sh starts a throwaway local sandbox of the Leadterra API, sets
# LEADTERRA_BASE_URL and LEADTERRA_API_KEY for it, points the CLI at a local
# build of the provider (dev_overrides), then runs apply, output and destroy
# here. Nothing talks to the real Leadterra service.
# ---------------------------------------------------------------------------

terraform {
  # check blocks (used in the examples) need Terraform 1.5; any OpenTofu.
  required_version = ">= 1.5.0"

  required_providers {
    leadterra = {
      source = "leadterra/leadterra"
    }
  }
}

# The API key and the base URL come from LEADTERRA_API_KEY and
# LEADTERRA_BASE_URL (the sandbox's, when run by scripts/demo.sh).
provider "leadterra" {}

# ---------------------------------------------------------------------------
# Part 1: sender pools and sender accounts (read-only data sources)
# ---------------------------------------------------------------------------

data "leadterra_sender_pools" "all" {}

data "leadterra_sender_accounts" "all" {}

locals {
  pools    = data.leadterra_sender_pools.all.pools
  accounts = data.leadterra_sender_accounts.all.accounts
}

# Look one pool up again by its name, and one account by its email, to show
# the single-object data sources.
data "leadterra_sender_pool" "by_name" {
  count = length(local.pools) > 0 ? 1 : 0
  name  = local.pools[0].name
}

data "leadterra_sender_account" "by_email" {
  count = length(local.accounts) > 0 ? 1 : 0
  email = local.accounts[0].email
}

output "pools" {
  description = "Every sender pool: capacity and what is left of it today."
  value = [
    for p in local.pools : {
      name             = p.name
      daily_capacity   = p.daily_capacity
      remaining_volume = p.remaining_volume
      sender_count     = p.sender_count
    }
  ]
}

output "sender_accounts" {
  description = "Every sender account's email and status."
  value       = { for a in local.accounts : a.email => a.status }
}

output "sender_accounts_by_status" {
  description = "Sender account emails grouped by status."
  value       = { for a in local.accounts : a.status => a.email... }
}

output "pool_looked_up_by_name" {
  description = "The first pool, read again through leadterra_sender_pool by name."
  value = length(data.leadterra_sender_pool.by_name) == 0 ? null : {
    id                 = data.leadterra_sender_pool.by_name[0].id
    name               = data.leadterra_sender_pool.by_name[0].name
    daily_capacity     = data.leadterra_sender_pool.by_name[0].daily_capacity
    remaining_volume   = data.leadterra_sender_pool.by_name[0].remaining_volume
    sender_account_ids = data.leadterra_sender_pool.by_name[0].sender_account_ids
  }
}

output "account_looked_up_by_email" {
  description = "The first sender account, read again through leadterra_sender_account by email."
  value = length(data.leadterra_sender_account.by_email) == 0 ? null : {
    id     = data.leadterra_sender_account.by_email[0].id
    email  = data.leadterra_sender_account.by_email[0].email
    name   = data.leadterra_sender_account.by_email[0].name
    status = data.leadterra_sender_account.by_email[0].status
  }
}

# ---------------------------------------------------------------------------
# Part 2: a campaign through its lifecycle
#
# A draft campaign with a two-step sequence, two leads enrolled in it, then
# the launch that starts it. depends_on makes Terraform enroll the leads
# before starting: a campaign without leads cannot start. Set
# paused = true and apply again to pause it; false resumes it.
# ---------------------------------------------------------------------------

resource "leadterra_campaign" "demo" {
  name = "Demo: Q3 operations leaders"

  sequence_steps = [
    {
      subject   = "Quick question, {{firstName}}"
      body_html = "<p>Hi {{firstName}},</p><p>How does {{company}} handle {{useCase}} today?</p>"
    },
    {
      subject    = "Re: quick question"
      body_html  = "<p>Worth a 15-minute call this week, {{firstName}}?</p>"
      delay_days = 3
    },
  ]
}

resource "leadterra_campaign_leads" "demo" {
  campaign_id = leadterra_campaign.demo.id

  leads = {
    "jane.doe@example.com" = {
      first_name = "Jane"
      company    = "Example Corp"
      job_title  = "Head of Operations"
      useCase    = "vendor onboarding" # a custom field, {{useCase}} above
    }
    "john.roe@example.org" = {
      first_name = "John"
      company    = "Example Org"
      job_title  = "COO"
      useCase    = "month-end close" # leave it out to see the plan warn
    }
  }
}

resource "leadterra_campaign_launch" "demo" {
  campaign_id = leadterra_campaign.demo.id
  paused      = false

  depends_on = [leadterra_campaign_leads.demo]
}

data "leadterra_campaign_stats" "demo" {
  campaign_id = leadterra_campaign.demo.id

  depends_on = [leadterra_campaign_launch.demo]
}

output "campaign" {
  description = "The campaign as Leadterra reports it after the launch."
  value = {
    id             = leadterra_campaign.demo.id
    name           = leadterra_campaign.demo.name
    steps          = length(leadterra_campaign.demo.sequence_steps)
    status         = leadterra_campaign_launch.demo.status
    started_at     = leadterra_campaign_launch.demo.started_at
    leads_enrolled = leadterra_campaign_leads.demo.enrolled_count
  }
}

output "campaign_stats" {
  description = "The campaign's counters, read after the launch."
  value = {
    total_enrolled = data.leadterra_campaign_stats.demo.total_enrolled
    queued         = data.leadterra_campaign_stats.demo.queued
    sent           = data.leadterra_campaign_stats.demo.sent
  }
}
