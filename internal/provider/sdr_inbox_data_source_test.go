package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

const inboxAddr = "data.leadterra_sdr_inbox.this"

// TestAccSDRInbox: the seeded inbox by priority, the filters reaching the
// API, and paging at 2 threads a page (the sandbox's page size) reading
// all of them. The endpoint is documented: both modes serve it.
func TestAccSDRInbox(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t, func(o *sandbox.Options) { o.PageSize = 2 })
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: env.config("data \"leadterra_sdr_inbox\" \"this\" {}\n"),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(inboxAddr, tfjsonpath.New("threads"), knownvalue.ListSizeExact(4)),
							statecheck.ExpectKnownValue(inboxAddr, tfjsonpath.New("threads").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
								"id":              knownvalue.StringExact("thr_01jsandb0x0000000000000001"),
								"contact_email":   knownvalue.StringExact("priya@northwind.example"),
								"contact_name":    knownvalue.StringExact("Priya Shah"),
								"subject":         knownvalue.StringExact("Re: Pipeline review"),
								"status":          knownvalue.StringExact("new"),
								"category":        knownvalue.StringExact("A"),
								"priority_score":  knownvalue.Float64Exact(92),
								"last_message_at": knownvalue.StringRegexp(stateTimeRe),
							})),
							statecheck.ExpectKnownValue(inboxAddr, tfjsonpath.New("threads").AtSliceIndex(3).AtMapKey("id"), knownvalue.StringExact("thr_01jsandb0x0000000000000004")),
						},
					},
					{
						Config: env.config(`data "leadterra_sdr_inbox" "this" {
  status   = ["new", "needs_followup", "meeting_booked"]
  category = "A"
  search   = "novak"
}
`),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(inboxAddr, tfjsonpath.New("threads"), knownvalue.ListExact([]knownvalue.Check{
								knownvalue.ObjectPartial(map[string]knownvalue.Check{"contact_name": knownvalue.StringExact("Mia Novak"), "status": knownvalue.StringExact("needs_followup")}),
							})),
						},
					},
				},
			})
		})
	}
}

// TestAccSDRInbox_errors: an empty inbox, a status the API rejects (its
// message reaches the user), a category refused at plan time, 401 and 403.
func TestAccSDRInbox_errors(t *testing.T) {
	env := newTestEnv(t, func(o *sandbox.Options) { o.Seed = false })
	env.requireSandbox(t)
	body := "data \"leadterra_sdr_inbox\" \"this\" {}\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(body), Check: resource.TestCheckResourceAttr(inboxAddr, "threads.#", "0")},
			{Config: env.config("data \"leadterra_sdr_inbox\" \"this\" {\n  status = [\"open\"]\n}\n"), ExpectError: errorRe("Could not list the SDR inbox", "GET /v1/sdr/inbox answered 400", "status must be one of")},
			{Config: env.config("data \"leadterra_sdr_inbox\" \"this\" {\n  category = \"D\"\n}\n"), ExpectError: errorRe("category", "value must be one of")},
			{Config: env.configWithKey("sk_test_revoked", body), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not list the SDR inbox", "LEADTERRA_API_KEY")},
			{Config: env.configWithKey(env.NoAccessKey, body), ExpectError: errorRe("lacks permission (HTTP 403)", "Could not list the SDR inbox")},
		},
	})
}
