package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Kind is one of the two benchmark shapes: many small campaigns, or one
// campaign with many leads.
type Kind string

const (
	// Campaigns: N campaigns of 3 steps, each with one lead and a launch
	// (3 managed objects per campaign).
	Campaigns Kind = "campaigns"
	// Leads: one campaign and one leadterra_campaign_leads with L leads read
	// from a CSV file.
	Leads Kind = "leads"
)

// Variant says what the configuration manages: the real resources, or the
// same values in terraform_data (the CLI's own cost, no provider at all).
type Variant string

const (
	Provider Variant = "provider"
	Baseline Variant = "terraform_data"
)

// The configurations read their rows from a CSV file, so the "one-line
// change" is literally one edited line of data.
const (
	campaignsCSV = "campaigns.csv"
	leadsCSV     = "leads.csv"
)

// CampaignsCSV returns n campaign rows; changed edits the first step's
// subject of the first campaign.
func CampaignsCSV(n int, changed bool) string {
	var b strings.Builder
	b.WriteString("name,subject1,subject2,subject3\n")
	for i := range n {
		s1 := fmt.Sprintf("Quick question %d", i)
		if changed && i == 0 {
			s1 += " (edited)"
		}
		fmt.Fprintf(&b, "bench-%04d,%s,Following up %d,Last note %d\n", i, s1, i, i)
	}
	return b.String()
}

// LeadsCSV returns l lead rows; changed edits the company of the middle lead.
func LeadsCSV(l int, changed bool) string {
	var b strings.Builder
	b.WriteString("email,first_name,last_name,company,job_title\n")
	for i := range l {
		company := fmt.Sprintf("Company %d", i%97)
		if changed && i == l/2 {
			company = "Edited Corp"
		}
		fmt.Fprintf(&b, "lead%06d@example.com,First%d,Last%d,%s,Engineer\n", i, i, i%13, company)
	}
	return b.String()
}

const providerHeader = `terraform {
  required_providers {
    leadterra = {
      source = "leadterra/leadterra"
    }
  }
}

# base_url and api_key come from LEADTERRA_BASE_URL and LEADTERRA_API_KEY.
provider "leadterra" {}
`

const steps = `[
    { subject = %[1]s.subject1, body_html = "<p>Hi {{firstName}}, a short question.</p>", delay_days = 0 },
    { subject = %[1]s.subject2, body_html = "<p>Bumping this up.</p>", delay_days = 3 },
    { subject = %[1]s.subject3, body_html = "<p>Last note from me.</p>", delay_days = 7 },
  ]`

// MainTF returns the configuration of one kind and variant. Both variants
// have the same resource count, dependencies and input values.
func MainTF(kind Kind, v Variant) string {
	switch {
	case kind == Campaigns && v == Provider:
		return providerHeader + `
locals {
  campaigns = { for r in csvdecode(file("${path.module}/` + campaignsCSV + `")) : r.name => r }
}

resource "leadterra_campaign" "c" {
  for_each       = local.campaigns
  name           = each.key
  sequence_steps = ` + fmt.Sprintf(steps, "each.value") + `
}

resource "leadterra_campaign_leads" "c" {
  for_each    = local.campaigns
  campaign_id = leadterra_campaign.c[each.key].id
  leads = {
    "lead-${each.key}@example.com" = { first_name = "Lead", company = "Example Corp" }
  }
}

# A launch needs enrolled leads: its campaign_id comes through the leads.
resource "leadterra_campaign_launch" "c" {
  for_each    = local.campaigns
  campaign_id = leadterra_campaign_leads.c[each.key].campaign_id
  paused      = false
}
`
	case kind == Campaigns && v == Baseline:
		return `locals {
  campaigns = { for r in csvdecode(file("${path.module}/` + campaignsCSV + `")) : r.name => r }
}

resource "terraform_data" "campaign" {
  for_each = local.campaigns
  input = {
    name  = each.key
    steps = ` + fmt.Sprintf(steps, "each.value") + `
  }
}

resource "terraform_data" "leads" {
  for_each = local.campaigns
  input = {
    campaign_id = terraform_data.campaign[each.key].id
    leads = {
      "lead-${each.key}@example.com" = { first_name = "Lead", company = "Example Corp" }
    }
  }
}

resource "terraform_data" "launch" {
  for_each = local.campaigns
  input = {
    campaign_id = terraform_data.leads[each.key].output.campaign_id
    paused      = false
  }
}
`
	case kind == Leads && v == Provider:
		return providerHeader + `
locals {
  first = { subject1 = "Quick question", subject2 = "Following up", subject3 = "Last note" }
}

resource "leadterra_campaign" "c" {
  name           = "bench-leads"
  sequence_steps = ` + fmt.Sprintf(steps, "local.first") + `
}

resource "leadterra_campaign_leads" "c" {
  campaign_id = leadterra_campaign.c.id
  leads       = { for r in csvdecode(file("${path.module}/` + leadsCSV + `")) : r.email => r }
}
`
	default: // Leads, Baseline
		return `locals {
  first = { subject1 = "Quick question", subject2 = "Following up", subject3 = "Last note" }
}

resource "terraform_data" "campaign" {
  input = {
    name  = "bench-leads"
    steps = ` + fmt.Sprintf(steps, "local.first") + `
  }
}

resource "terraform_data" "leads" {
  input = {
    campaign_id = terraform_data.campaign.id
    leads       = { for r in csvdecode(file("${path.module}/` + leadsCSV + `")) : r.email => r }
  }
}
`
	}
}

// WriteConfig writes main.tf and the CSV of size rows into dir.
func WriteConfig(dir string, kind Kind, v Variant, size int) error {
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(MainTF(kind, v)), 0o600); err != nil {
		return err
	}
	return WriteCSV(dir, kind, size, false)
}

// WriteCSV (re)writes the data file; changed applies the one-line change.
func WriteCSV(dir string, kind Kind, size int, changed bool) error {
	name, data := campaignsCSV, CampaignsCSV(size, changed)
	if kind == Leads {
		name, data = leadsCSV, LeadsCSV(size, changed)
	}
	return os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600)
}
