package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// TestAccLogs_neverContainKey runs a good key (with a trailing newline), a
// rejected key and a forbidden key with TF_LOG=trace, then greps every log
// the CLI and the in-process provider wrote for any of the keys. It cannot
// run in parallel: the log settings are process-wide.
func TestAccLogs_neverContainKey(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	dir := t.TempDir()
	cliLog := filepath.Join(dir, "cli.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", cliLog)
	t.Setenv("TF_LOG_PATH_MASK", "")
	// As main does when the provider starts under TF_LOG=trace (TestMain
	// ran it without TF_LOG).
	t.Setenv(EnvFrameworkLogLevel, "")
	t.Setenv(EnvProviderLogLevel, "")
	LimitSDKLogs()
	badKey := randomKey("sk_test_rejected_")
	// The key comes from the environment, as in CI: the testing framework
	// logs the configuration text itself at trace level.
	t.Setenv(EnvAPIKey, env.Key+"\n")
	useKey := func(key string) func() {
		// t.Setenv cannot run inside a step; the t.Setenv above restores it.
		return func() { _ = os.Setenv(EnvAPIKey, key) } //nolint:usetesting
	}
	cfg := "provider \"leadterra\" {\n  base_url = \"" + env.BaseURL + "\"\n}\n" + `data "leadterra_sender_pools" "all" {}`
	// Lead emails are personal data: they may be in state (documented) but
	// never in logs.
	leadEmail := "tf-acc-" + randomKey("")[:10] + "@example.com"
	withLeads := cfg + `
resource "leadterra_campaign" "c" {
  name           = "tf-acc-logs"
  sequence_steps = [{ subject = "Hi {{firstName}}", body_html = "<p>Hello</p>" }]
}
resource "leadterra_campaign_leads" "l" {
  campaign_id = leadterra_campaign.c.id
  leads       = { "` + leadEmail + `" = { first_name = "Secretname" } }
}
resource "leadterra_campaign_launch" "s" {
  campaign_id = leadterra_campaign.c.id
  depends_on  = [leadterra_campaign_leads.l]
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttrSet("data.leadterra_sender_pools.all", "pools.#"),
				stateNeverContains(env.Key),
			)},
			{Config: withLeads, Check: stateNeverContains(env.Key)},
			{PreConfig: useKey(badKey), Config: cfg, ExpectError: errorRe("Leadterra rejected the API key")},
			{PreConfig: useKey(env.NoAccessKey), Config: cfg, ExpectError: errorRe("lacks permission")},
			{PreConfig: useKey(env.Key), Config: cfg},
		},
	})
	raw, err := os.ReadFile(cliLog)
	if err != nil {
		t.Fatalf("reading the trace log: %v", err)
	}
	log := withoutHarnessEntries(string(raw))
	// The log must be a real trace log that saw the provider's requests,
	// or the absence of the secrets would prove nothing.
	for _, want := range []string{"sending Leadterra API request", "/v1/sender-pools", "/leads/bulk", "Leadterra rejected the API key"} {
		if !strings.Contains(log, want) {
			t.Fatalf("trace log (%d bytes) lacks %q: logging is not captured, the test proves nothing", len(log), want)
		}
	}
	for name, key := range map[string]string{"good key": env.Key, "rejected key": badKey, "no-access key": env.NoAccessKey} {
		if strings.Contains(log, key) {
			t.Errorf("the %s appears in the TF_LOG=trace output", name)
		}
	}
	for _, pii := range []string{leadEmail, "Secretname"} {
		if strings.Contains(log, pii) {
			t.Errorf("lead data %q appears in the TF_LOG=trace output of the CLI or the provider", pii)
		}
	}
}

// TestAccLogs_neverContainLeadData applies, with TF_LOG=trace, leads that
// make the provider name a lead to the user: a suppressed one (a warning), one
// the API rejects (an error from the API's 422) and one that fails the
// plan-time check. The CLI's diagnostics must name them; no log line may hold
// their addresses or names: neither the provider's, the plugin framework's,
// the protocol layer's nor the CLI's (only the testing framework's own
// entries, which print each configuration, are left out). With
// LEADTERRA_LOG_LEAD_DATA=1 this test fails: the protocol layer logs the
// diagnostics and both SDK layers the attribute paths. Not parallel: the log
// settings are process-wide.
func TestAccLogs_neverContainLeadData(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	dir := t.TempDir()
	logPath := filepath.Join(dir, "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv("TF_LOG_PATH_MASK", "")
	// As main does when the provider starts, from a user's settings that
	// ask the SDK libraries for everything.
	t.Setenv(EnvLogLeadData, "")
	t.Setenv(EnvFrameworkLogLevel, "TRACE")
	t.Setenv(EnvProtocolLogLevel, "TRACE")
	t.Setenv(EnvProviderLogLevel, "")
	LimitSDKLogs()

	tag := randomKey("")[:8]
	good := leadSpec{email: "tf-acc-good-" + tag + "@example.com", first: "Goodname" + tag}
	suppressed := leadSpec{email: "tf-acc-supp-" + tag + "@example.com", first: "Suppname" + tag}
	rejected := leadSpec{email: "tf-acc-rej-" + tag + "@bücher.example", first: "Rejname" + tag}
	invalid := leadSpec{email: "tf-acc-inv-" + tag + ".example.com", first: "Invname" + tag}
	if _, err := sandboxClient(t, env).AddSuppressions(context.Background(), []string{suppressed.email}); err != nil {
		t.Fatal(err)
	}
	campaign := `resource "leadterra_campaign" "c" {
  name           = "tf-acc-logs-leads"
  sequence_steps = [{ subject = "Hi {{firstName}}", body_html = "<p>Hello</p>" }]
}
`
	cfg := func(leads ...leadSpec) string {
		return env.config(campaign + leadsHCL("leadterra_campaign.c.id", 0, leads...))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg(good, suppressed), Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(leadsAddr, "skipped_count", "1"),
				resource.TestCheckTypeSetElemAttr(leadsAddr, "skipped_emails.*", suppressed.email),
			)},
			{Config: cfg(good, suppressed, rejected), ExpectError: errorRe("The API rejected these leads:", rejected.email)},
			{Config: cfg(good, suppressed, invalid), PlanOnly: true, ExpectError: errorRe("Invalid email address", invalid.email, "has no @")},
			{Config: cfg(good, suppressed)},
		},
	})
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("reading the trace log: %v", err)
	}
	log := withoutHarnessEntries(string(raw))
	// The provider's own trace lines must be there, the 422 included, or the
	// absence of lead data would prove nothing.
	for _, want := range []string{"sending Leadterra API request", "/leads/bulk", "http_status=422"} {
		if !strings.Contains(log, want) {
			t.Fatalf("the provider's trace log (%d bytes) lacks %q: logging is not captured, the test proves nothing", len(log), want)
		}
	}
	for _, l := range []leadSpec{good, suppressed, rejected, invalid} {
		for _, pii := range []string{l.email, l.first, strings.SplitN(l.email, "@", 2)[0]} {
			if strings.Contains(log, pii) {
				t.Errorf("lead data %q appears in the TF_LOG=trace output of the CLI or the provider", pii)
			}
		}
	}
}

// withoutHarnessEntries drops the testing framework's own log entries
// (sdk.helper_resource): they print each test configuration verbatim, which
// is the test's text, not something the provider or the CLI logged. An entry
// runs from its timestamp to the next one.
func withoutHarnessEntries(log string) string {
	var b strings.Builder
	keep := true
	for _, line := range strings.SplitAfter(log, "\n") {
		if len(line) > 20 && line[4] == '-' && line[10] == 'T' {
			keep = !strings.Contains(line, "sdk.helper_resource")
		}
		if keep {
			b.WriteString(line)
		}
	}
	return b.String()
}

// stateNeverContains fails when any attribute of any object in state holds
// secret.
func stateNeverContains(secret string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, m := range s.Modules {
			for addr, r := range m.Resources {
				for k, v := range r.Primary.Attributes {
					if strings.Contains(v, secret) {
						return fmt.Errorf("state attribute %s.%s holds the API key", addr, k)
					}
				}
			}
		}
		return nil
	}
}
