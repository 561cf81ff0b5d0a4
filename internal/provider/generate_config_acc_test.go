package provider

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// TestAccGenerateConfig_campaignAndLeads brings objects made outside
// Terraform under management as the import guide says (its step 1 is read
// from templates/guides/import-existing-campaigns.md.tmpl): import blocks,
// `plan -generate-config-out`, apply, then a plan that must be empty. The
// testing framework's GenerateConfig mode neither shows the generated file
// nor applies it, so this test runs the CLI itself (TF_ACC_TERRAFORM_PATH)
// against the provider served in-process (TF_REATTACH_PROVIDERS). Import
// needs the campaign and lead reads: the full API only.
func TestAccGenerateConfig_campaignAndLeads(t *testing.T) {
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || cli == "" {
		t.Skip("acceptance test: set TF_ACC and TF_ACC_TERRAFORM_PATH (make testacc-terraform / testacc-tofu)")
	}
	env := apiModes[0].env(t)
	ctx := t.Context()
	c := env.liveClient(t)
	delay := int64(3)
	camp, err := c.CreateCampaign(ctx, leadterra.CampaignInput{Name: "Q3 \"VP\" outreach", Steps: []leadterra.Step{
		{Subject: "Hi {{firstName}}", BodyHTML: "<p>Hello ${var.x} %{ if } \\ {{company}}</p>\n<p>Line two</p>"},
		{Subject: "Following up", BodyHTML: "<p>Bump</p>", DelayDays: &delay},
	}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpsertLeads(ctx, camp.ID, []leadterra.Lead{
		{Email: "Ava@Example.com", FirstName: "Ava", Company: "ExampleCo", CustomFields: map[string]string{"region": "EMEA"}},
		{Email: "ben@example.com", JobTitle: "Head of Growth"},
	}); err != nil {
		t.Fatal(err)
	}

	// The guide's step 1, as written: list the campaigns and render import
	// blocks; then step 2 generates their configuration.
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), guideStep1(t))
	run := cliRunner(t, cli, dir, serveProviderInProcess(t, env))
	run("init", "-input=false")
	run("apply", "-input=false", "-auto-approve")
	imports := run("output", "-raw", "import_blocks")
	for _, want := range []string{"to = leadterra_campaign.q3_vp_outreach\n", "to = leadterra_campaign_leads.q3_vp_outreach\n", `id = "` + camp.ID + `"`} {
		if !strings.Contains(imports, want) {
			t.Fatalf("the guide's import blocks lack %q:\n%s", want, imports)
		}
	}
	writeFile(t, filepath.Join(dir, "imports.tf"), imports)
	run("plan", "-input=false", "-generate-config-out=generated.tf")

	gen, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`resource "leadterra_campaign" "q3_vp_outreach"`, `resource "leadterra_campaign_leads" "q3_vp_outreach"`, `resource "leadterra_campaign" "demo_vp_sales_outreach"`, `campaign_id = "` + camp.ID + `"`, `"ben@example.com"`, `region`, `delay_days`} {
		if !strings.Contains(string(gen), want) {
			t.Errorf("generated.tf lacks %s:\n%s", want, gen)
		}
	}
	run("apply", "-input=false", "-auto-approve")
	// -detailed-exitcode: 0 is an empty plan, 2 a plan with changes.
	if out, code := runCLI(t, cli, dir, serveProviderInProcess(t, env), "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after importing with the generated config is not empty (exit %d):\n%s\ngenerated.tf:\n%s", code, out, gen)
	}
	if n := len(env.Sandbox.Leads(camp.ID)); n != 2 {
		t.Errorf("leads after the import: %d", n)
	}
}

// guideStep1 is the first terraform block of the import guide.
func guideStep1(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../templates/guides/import-existing-campaigns.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```terraform\n")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("the import guide has no terraform block")
	}
	return block
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// serveProviderInProcess serves the provider (its environment pointing at
// env's sandbox) for a CLI run in debug mode and returns the
// TF_REATTACH_PROVIDERS value naming it under both registries' addresses.
func serveProviderInProcess(t *testing.T, env *testEnv) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	getenv := map[string]string{EnvAPIKey: env.Key, EnvBaseURL: env.BaseURL}
	server, err := NewServer(newWithEnv("test", func(k string) string { return getenv[k] })())
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		if err := tf6server.Serve("registry.terraform.io/leadterra/leadterra", func() tfprotov6.ProviderServer { return server },
			tf6server.WithDebug(ctx, reattach, closed), tf6server.WithGoPluginLogger(hclog.NewNullLogger()), tf6server.WithLoggingSink(t)); err != nil {
			t.Error(err)
		}
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-closed:
		case <-time.After(10 * time.Second):
		}
	})
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-reattach:
	case <-time.After(30 * time.Second):
		t.Fatal("the provider server did not start")
	}
	entry := map[string]any{"Protocol": string(cfg.Protocol), "ProtocolVersion": cfg.ProtocolVersion, "Pid": cfg.Pid, "Test": true,
		"Addr": map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()}}
	b, err := json.Marshal(map[string]any{"registry.terraform.io/leadterra/leadterra": entry, "registry.opentofu.org/leadterra/leadterra": entry})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// runCLI runs one CLI command in dir with an empty CLI configuration and
// returns its combined output and exit code.
func runCLI(t *testing.T, cli, dir, reattach string, args ...string) (string, int) {
	t.Helper()
	cfg := filepath.Join(dir, ".cli.tfrc")
	writeFile(t, cfg, "")
	cmd := exec.CommandContext(t.Context(), cli, append(args, "-no-color")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "TF_CLI_CONFIG_FILE="+cfg, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %s: %v", cli, strings.Join(args, " "), err)
	}
	return string(out), 0
}

// cliRunner returns a function that runs a CLI command and fails the test
// unless it succeeds.
func cliRunner(t *testing.T, cli, dir, reattach string) func(args ...string) string {
	return func(args ...string) string {
		t.Helper()
		out, code := runCLI(t, cli, dir, reattach, args...)
		if code != 0 {
			t.Fatalf("%s %s failed (exit %d):\n%s", filepath.Base(cli), strings.Join(args, " "), code, out)
		}
		return out
	}
}
