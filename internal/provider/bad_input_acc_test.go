package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// badInputs is the catalogue of bad input: each must be refused with a
// clear, located diagnostic before anything is written to the API.
func badInputs(env *testEnv) []struct {
	name, config string
	want         *regexp.Regexp
} {
	provider := env.providerConfig(env.Key)
	campaign := func(attrs string) string {
		return provider + "resource \"leadterra_campaign\" \"c\" {\n" + attrs + "\n}\n"
	}
	leads := func(list string) string {
		return provider + `
resource "leadterra_campaign_leads" "l" {
  campaign_id = "camp_123"
  leads       = {` + list + `}
}
`
	}
	return []struct {
		name, config string
		want         *regexp.Regexp
	}{
		{"relative base_url", "provider \"leadterra\" {\n api_key = \"" + env.Key + "\"\n base_url = \"app.leadterra.co\"\n}\n" + `data "leadterra_sender_pools" "p" {}`,
			errorRe("Invalid Leadterra base_url", "absolute http(s) URL")},
		{"http to a remote host", "provider \"leadterra\" {\n api_key = \"" + env.Key + "\"\n base_url = \"http://leadterra.example.com\"\n}\n" + `data "leadterra_sender_pools" "p" {}`,
			errorRe("Invalid Leadterra base_url", "not loopback", "use https")},
		{"key with inner whitespace", env.providerConfig("sk_test_abc def") + `data "leadterra_sender_pools" "p" {}`,
			errorRe("Malformed Leadterra API key", "whitespace inside it")},
		{"empty campaign name", campaign(`name = ""`), errorRe(`on terraform_plugin_test.tf line`, "name")},
		{"blank campaign name", campaign(`name = "   "`), errorRe("must not be empty or only whitespace")},
		{"empty subject", campaign(`name = "x"` + "\n" + `sequence_steps = [{ subject = "", body_html = "<p>b</p>" }]`),
			errorRe("sequence_steps[0].subject: The value must not be empty")},
		{"unclosed token", campaign(`name = "x"` + "\n" + `sequence_steps = [{ subject = "Hi {{firstName", body_html = "<p>b</p>" }]`),
			errorRe("Malformed personalization token", "sequence_steps[0].subject: At byte 3:", "never closed")},
		// The CLI shows only the resource's block for a nested attribute:
		// the text names the step and field.
		{"token that is not an identifier, in step 2", campaign(`name = "x"` + "\n" + `sequence_steps = [{ subject = "Hi", body_html = "<p>ok</p>" }, { subject = "Again", body_html = "<p>{{first name}}</p>" }]`),
			errorRe("Malformed personalization token", "sequence_steps[1].body_html: At byte 3:", "plain identifier")},
		{"negative delay", campaign(`name = "x"` + "\n" + `sequence_steps = [{ subject = "s", body_html = "b", delay_days = -1 }]`),
			errorRe("delay_days", "between 0 and 365")},
		{"non-UTF-8 text", campaign(`name = base64decode("6Q==")`), errorRe("not valid UTF-8")},
		{"invalid email", leads(`"not-an-email" = {}`), errorRe("not-an-email")},
		{"email with a space", leads(`"ava @example.com" = {}`), errorRe("ava @example.com")},
		{"duplicate emails differing in case", leads(`"Ava@Example.com" = {}, "ava@example.com" = {}`),
			errorRe("Duplicate lead email", "ava@example.com")},
		{"webhook over plain http", provider + `resource "leadterra_webhook" "w" {` + "\n" + `url = "http://hooks.example.com/x"` + "\n" + `events = ["reply.received"]` + "\n}",
			errorRe("url", "https")},
		{"unknown webhook event", provider + `resource "leadterra_webhook" "w" {` + "\n" + `url = "https://hooks.example.com/x"` + "\n" + `events = ["reply.recieved"]` + "\n}",
			errorRe("reply.recieved")},
		{"no webhook events", provider + `resource "leadterra_webhook" "w" {` + "\n" + `url = "https://hooks.example.com/x"` + "\n" + `events = []` + "\n}",
			errorRe("events")},
		{"invalid suppressed address", provider + `resource "leadterra_suppression_list" "s" {` + "\n" + `emails = ["nobody"]` + "\n}",
			errorRe("nobody")},
		{"custom field reusing a standard name", leads(`"ava@example.com" = { firstName = "x" }`),
			errorRe("firstName")},
	}
}

func TestAccBadInput_catalogue(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	var steps []resource.TestStep
	for _, bad := range badInputs(env) {
		steps = append(steps, resource.TestStep{Config: bad.config, ExpectError: bad.want})
	}
	// Nothing reached the API as a write.
	steps = append(steps, resource.TestStep{
		Config: env.config(`data "leadterra_sender_pools" "p" {}`),
		Check: func(*terraform.State) error {
			if n := env.Sandbox.TotalWrites(); n != 0 {
				return fmt.Errorf("bad input caused %d API writes: %v", n, env.Sandbox.RequestCounts())
			}
			return nil
		},
	})
	t.Logf("bad inputs tried: %d", len(steps)-1)
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}

// TestAccBadInput_unknownCampaign: a campaign id that does not exist is
// refused by the API with campaign_not_found, named in the diagnostic, and
// nothing is written.
func TestAccBadInput_unknownCampaign(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.config(`resource "leadterra_campaign_leads" "l" { ` + "\n" + `campaign_id = "camp_does_not_exist"` + "\n" + `leads = { "tf-acc-nowhere@example.com" = {} }` + "\n}"),
				ExpectError: errorRe("camp_does_not_exist", "campaign_not_found"),
			},
			{
				Config:      env.config(`resource "leadterra_campaign_launch" "s" { ` + "\n" + `campaign_id = "camp_does_not_exist"` + "\n}"),
				ExpectError: errorRe("camp_does_not_exist", "campaign_not_found"),
			},
			{
				Config: env.config(`data "leadterra_sender_pools" "p" {}`),
				Check: func(*terraform.State) error {
					for _, c := range env.Sandbox.Campaigns() {
						for _, l := range env.Sandbox.Leads(c.ID) {
							if strings.Contains(c.ID, "does_not_exist") || l.Email == "tf-acc-nowhere@example.com" {
								return fmt.Errorf("a refused request changed campaign %s", c.ID)
							}
						}
					}
					return nil
				},
			},
		},
	})
}
