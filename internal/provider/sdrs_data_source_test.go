package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

const sdrsAddr = "data.leadterra_sdrs.all"

// TestAccSDRs_variants: the SDR pages always wrap in {"data":…}; the
// styles change only error bodies and timestamps elsewhere, and the mode
// must not matter (the endpoint is documented).
func TestAccSDRs_variants(t *testing.T) {
	for _, mode := range []struct {
		name string
		opts []envOption
	}{
		{"reference", nil},
		{"guide", []envOption{withStyle(sandbox.StyleGuide)}},
		{"concept", []envOption{withStyle(sandbox.StyleConcept)}},
		{"documented", []envOption{withDocumentedOnly(), withStyle(sandbox.StyleData)}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			env := newTestEnv(t, mode.opts...)
			env.requireSandbox(t)
			env.Sandbox.AddSDR("sdr_tfacc2", "Riley Acc", "riley@example.com", "")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: env.config("data \"leadterra_sdrs\" \"all\" {}\n"),
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(sdrsAddr, "sdrs.#", "2"),
						resource.TestCheckResourceAttr(sdrsAddr, "sdrs.0.id", "sdr_01jsandb0x0000000000000001"),
						resource.TestCheckResourceAttr(sdrsAddr, "sdrs.0.name", "Jordan Lee"),
						resource.TestCheckResourceAttr(sdrsAddr, "sdrs.0.email", "jordan@example.com"),
						resource.TestCheckResourceAttr(sdrsAddr, "sdrs.0.gmail_connected", "true"),
						resource.TestCheckResourceAttr(sdrsAddr, "sdrs.0.gmail_email", "jordan.sdr@gmail.com"),
						resource.TestCheckResourceAttr(sdrsAddr, "sdrs.1.id", "sdr_tfacc2"),
						resource.TestCheckResourceAttr(sdrsAddr, "sdrs.1.gmail_connected", "false"),
						resource.TestCheckNoResourceAttr(sdrsAddr, "sdrs.1.gmail_email"),
					),
				}},
			})
		})
	}
}

func TestAccSDRs_emptyAndAuthErrors(t *testing.T) {
	env := newTestEnv(t, func(o *sandbox.Options) { o.Seed = false })
	env.requireSandbox(t)
	body := "data \"leadterra_sdrs\" \"all\" {}\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: env.config(body), Check: resource.TestCheckResourceAttr(sdrsAddr, "sdrs.#", "0")},
			{Config: env.configWithKey("sk_test_revoked", body), ExpectError: errorRe("Leadterra rejected the API key (HTTP 401)", "Could not list SDRs", "LEADTERRA_API_KEY")},
			{Config: env.configWithKey(env.NoAccessKey, body), ExpectError: errorRe("lacks permission (HTTP 403)", "Could not list SDRs")},
		},
	})
}
