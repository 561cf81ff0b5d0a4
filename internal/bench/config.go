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

// Variant says which provider serves the configuration: the real one, or
// the canned one (same schema, no HTTP: the CLI's own cost).
type Variant string

const (
	Provider Variant = "provider"
	Canned   Variant = "canned"
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
		fmt.Fprintf(&b, "%s,%s,Following up %d,Last note %d\n", campaignName(i), s1, i, i)
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

// MainTF returns the configuration of one kind and size; both variants run
// the same one.
//
// The N campaigns are one block per resource and campaign rather than a
// for_each: each reference then names one instance. With for_each, every
// instance depends on every instance of the resource it references (N²
// edges), which made Terraform 1.5.7 spend 208 s applying and 183 s
// destroying N = 500 (OpenTofu 1.12.6: 106 s and 69 s) against 62 s and
// 62 s (11 s and 10 s) with these blocks: the CLI's cost, not the
// provider's, and most of the benchmark's time. The values still come
// from the CSV file, so the one-line change stays one line of data.
func MainTF(kind Kind, size int) string {
	var b strings.Builder
	b.WriteString(providerHeader)
	if kind == Leads {
		b.WriteString(`
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
`)
		return b.String()
	}
	b.WriteString(`
locals {
  campaigns = { for r in csvdecode(file("${path.module}/` + campaignsCSV + `")) : r.name => r }
}

# A launch needs enrolled leads: its campaign_id comes through the leads.
`)
	for i := range size {
		name := campaignName(i)
		row := fmt.Sprintf("local.campaigns[%q]", name)
		fmt.Fprintf(&b, `
resource "leadterra_campaign" "c%[1]s" {
  name           = %[2]q
  sequence_steps = %[3]s
}

resource "leadterra_campaign_leads" "c%[1]s" {
  campaign_id = leadterra_campaign.c%[1]s.id
  leads = {
    "lead-%[2]s@example.com" = { first_name = "Lead", company = "Example Corp" }
  }
}

resource "leadterra_campaign_launch" "c%[1]s" {
  campaign_id = leadterra_campaign_leads.c%[1]s.campaign_id
  paused      = false
}
`, name[len("bench-"):], name, fmt.Sprintf(steps, row))
	}
	return b.String()
}

// campaignName is the name of the i-th campaign, as in the CSV file.
func campaignName(i int) string { return fmt.Sprintf("bench-%04d", i) }

// WriteConfig writes main.tf and the CSV of size rows into dir.
func WriteConfig(dir string, kind Kind, size int) error {
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(MainTF(kind, size)), 0o600); err != nil {
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
