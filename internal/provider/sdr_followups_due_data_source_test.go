package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

const followupsAddr = "data.leadterra_sdr_followups_due.this"

// TestAccSDRFollowupsDue: the seeded due task, then with include_upcoming
// the scheduled one too (soonest first). Both modes serve the endpoint.
func TestAccSDRFollowupsDue(t *testing.T) {
	for _, mode := range apiModes {
		t.Run(mode.name, func(t *testing.T) {
			env := mode.env(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: env.config("data \"leadterra_sdr_followups_due\" \"this\" {}\n"),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(followupsAddr, tfjsonpath.New("limited"), knownvalue.Bool(false)),
							statecheck.ExpectKnownValue(followupsAddr, tfjsonpath.New("followups"), knownvalue.ListExact([]knownvalue.Check{
								knownvalue.ObjectExact(map[string]knownvalue.Check{
									"id":        knownvalue.StringExact("fu_01jsandb0x0000000000000001"),
									"thread_id": knownvalue.StringExact("thr_01jsandb0x0000000000000003"),
									"sdr_id":    knownvalue.StringExact("sdr_01jsandb0x0000000000000001"),
									"status":    knownvalue.StringExact("pending"),
									"due_at":    knownvalue.StringRegexp(stateTimeRe),
								}),
							})),
						},
					},
					{
						PreConfig: onSandbox(env, func(s *sandbox.Server) {
							s.AddFollowup("thr_01jsandb0x0000000000000001", time.Now().Add(24*time.Hour))
						}),
						Config: env.config("data \"leadterra_sdr_followups_due\" \"this\" {\n  include_upcoming = true\n}\n"),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(followupsAddr, tfjsonpath.New("followups"), knownvalue.ListExact([]knownvalue.Check{
								knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("fu_01jsandb0x0000000000000001")}),
								knownvalue.ObjectPartial(map[string]knownvalue.Check{"thread_id": knownvalue.StringExact("thr_01jsandb0x0000000000000001")}),
								knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("fu_01jsandb0x0000000000000002")}),
							})),
						},
					},
				},
			})
		})
	}
}

func TestAccSDRFollowupsDue_emptyAndAuthErrors(t *testing.T) {
	env := newTestEnv(t, func(o *sandbox.Options) { o.Seed = false })
	env.requireSandbox(t)
	body := "data \"leadterra_sdr_followups_due\" \"this\" {}\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(body), Check: resource.TestCheckResourceAttr(followupsAddr, "followups.#", "0")},
			{Config: env.configWithKey("sk_test_revoked", body), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not list the SDR's due follow-ups", "LEADTERRA_API_KEY")},
			{Config: env.configWithKey(env.NoAccessKey, body), ExpectError: errorRe("lacks permission (HTTP 403)", "Could not list the SDR's due follow-ups")},
		},
	})
}
