package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// examplesRoot is examples/ seen from this package's directory, where go test
// runs.
const examplesRoot = "../../examples"

// TestAccExamples applies every example directory under examples/ (the
// provider, each resource and data source, the demo) through the real CLI
// against a sandbox, checks that a second plan is empty, then destroys it and
// checks that the sandbox holds nothing the example made. So no example in
// the docs rots.
//
// Each example is applied on its own and as written, as a user who copies
// one page would: TestExamplesSelfContained checks that every example
// declares what it refers to. Like a user, the test sets the API key and the
// base URL in the provider's environment (LEADTERRA_API_KEY,
// LEADTERRA_BASE_URL), not in the configuration. An example whose files
// hold a "# minimum-cli: terraform 1.8, opentofu 1.7" line is skipped on an
// older CLI (cli_version_test.go).
func TestAccExamples(t *testing.T) {
	dirs := exampleDirs(t)
	if len(dirs) == 0 {
		t.Fatalf("no example directories under %s", examplesRoot)
	}
	for _, dir := range dirs {
		t.Run(filepath.ToSlash(dir), func(t *testing.T) {
			env := newTestEnv(t)
			// Examples use plain names and the sandbox's seeded pools and
			// accounts; live runs create only tf-acc- objects.
			env.requireSandbox(t)

			files, err := exampleFiles(dir)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := joinExampleFiles(files)
			if err != nil {
				t.Fatal(err)
			}
			// An example for a newer CLI (provider functions…) says so.
			minimum, err := parseMinimumCLI(cfg)
			if err != nil {
				t.Fatalf("examples/%s: %v", dir, err)
			}
			skipBelowCLI(t, minimum)
			vars := config.Variables{}
			if hasVariable(cfg, "leadterra_api_key") {
				vars["leadterra_api_key"] = config.StringVariable(env.Key)
			}
			before := sandboxInventory(env.Sandbox)
			t.Logf("applying %s", strings.Join(relExamplePaths(files), " + "))

			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.exampleProviderFactories(),
				Steps: []resource.TestStep{{
					Config:          cfg,
					ConfigVariables: vars,
					Check: func(s *terraform.State) error {
						if len(s.RootModule().Resources) == 0 {
							return fmt.Errorf("examples/%s applied, but its state holds no resource or data source: an example must use the provider", dir)
						}
						return nil
					},
				}},
				CheckDestroy: func(*terraform.State) error {
					if after := sandboxInventory(env.Sandbox); after != before {
						return fmt.Errorf("destroy left objects behind in the sandbox:\nbefore: %s\nafter:  %s", before, after)
					}
					return nil
				},
			})
		})
	}
}

// exampleProviderFactories serve a provider whose environment holds only the
// sandbox's base URL and key, as `export LEADTERRA_…` would give it.
func (e *testEnv) exampleProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	env := map[string]string{EnvAPIKey: e.Key, EnvBaseURL: e.BaseURL}
	getenv := func(k string) string { return env[k] }
	return map[string]func() (tfprotov6.ProviderServer, error){
		"leadterra": ServerFactory(newWithEnv("test", getenv)),
	}
}

// sandboxInventory summarises what destroy must put back: the campaigns and
// their leads, the webhooks and the suppressed addresses.
func sandboxInventory(s *sandbox.Server) string {
	var parts []string
	for _, c := range s.Campaigns() {
		parts = append(parts, fmt.Sprintf("campaign %s (%d leads)", c.ID, len(s.Leads(c.ID))))
	}
	for _, w := range s.Webhooks() {
		parts = append(parts, "webhook "+w.ID)
	}
	for _, e := range s.Suppressed() {
		parts = append(parts, "suppressed "+e)
	}
	sort.Strings(parts)
	return "[" + strings.Join(parts, ", ") + "]"
}

// exampleDirs lists every directory under examples/ that holds .tf files,
// relative to examples/ (provider, resources/leadterra_campaign, …, demo).
func exampleDirs(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(examplesRoot, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".terraform" || strings.HasPrefix(d.Name(), ".") && path != examplesRoot) {
			return filepath.SkipDir
		}
		// Actions run only on Terraform >= 1.14 and only when invoked:
		// actions_protocol_test.go tests them.
		if d.IsDir() && path == filepath.Join(examplesRoot, "actions") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".tf") {
			rel, err := filepath.Rel(examplesRoot, filepath.Dir(path))
			if err != nil {
				return err
			}
			if !slices.Contains(dirs, rel) {
				dirs = append(dirs, rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", examplesRoot, err)
	}
	sort.Strings(dirs)
	return dirs
}

var (
	// declRe matches `resource "leadterra_x" "name"` and `data "leadterra_x" "name"`.
	declRe = regexp.MustCompile(`(?m)^\s*(resource|data)\s+"(leadterra_[a-z0-9_]+)"\s+"([A-Za-z0-9_-]+)"`)
	// refRe matches references: leadterra_x.name (a resource) and
	// data.leadterra_x.name (a data source).
	refRe = regexp.MustCompile(`(?:^|[^A-Za-z0-9_.])((?:data\.)?)(leadterra_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)`)
	// commentRe matches a whole-line comment.
	commentRe = regexp.MustCompile(`(?m)^\s*(#|//).*$`)
	// variableRe matches a variable block's name.
	variableRe = regexp.MustCompile(`(?m)^\s*variable\s+"([A-Za-z0-9_-]+)"`)
)

// exampleFiles lists the .tf files of dir (relative to examples/), sorted.
// An import-by-*.tf file is left out: like import.sh, it imports an object
// made elsewhere, which the sandbox does not hold (identity_acc_test.go
// tests import blocks).
func exampleFiles(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(examplesRoot, dir, "*.tf"))
	files = slices.DeleteFunc(files, func(f string) bool { return strings.HasPrefix(filepath.Base(f), "import-by-") })
	sort.Strings(files)
	return files, err
}

// undeclaredReferences lists what files refer to but do not declare, each
// as "resource leadterra_x.name" or "data leadterra_x.name".
func undeclaredReferences(files []string) ([]string, error) {
	declared, refs, err := scanExample(files)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, ref := range refs {
		if !declared[ref] {
			missing = append(missing, ref)
		}
	}
	return missing, nil
}

// scanExample returns what files declare and refer to, each as
// "resource leadterra_x.name" or "data leadterra_x.name".
func scanExample(files []string) (map[string]bool, []string, error) {
	declared := map[string]bool{}
	var refs []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		src := commentRe.ReplaceAllString(string(b), "")
		for _, m := range declRe.FindAllStringSubmatch(src, -1) {
			declared[m[1]+" "+m[2]+"."+m[3]] = true
		}
		for _, m := range refRe.FindAllStringSubmatch(src, -1) {
			kind := "resource"
			if m[1] != "" {
				kind = "data"
			}
			ref := kind + " " + m[2] + "." + m[3]
			if !slices.Contains(refs, ref) {
				refs = append(refs, ref)
			}
		}
	}
	return declared, refs, nil
}

// joinExampleFiles concatenates files into one configuration, each under a
// comment naming it.
func joinExampleFiles(files []string) (string, error) {
	var b strings.Builder
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(examplesRoot, f)
		fmt.Fprintf(&b, "# ---- examples/%s\n%s\n", filepath.ToSlash(rel), src)
	}
	return b.String(), nil
}

func hasVariable(cfg, name string) bool {
	for _, m := range variableRe.FindAllStringSubmatch(cfg, -1) {
		if m[1] == name {
			return true
		}
	}
	return false
}

func relExamplePaths(files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		rel, _ := filepath.Rel(examplesRoot, f)
		out[i] = filepath.ToSlash(rel)
	}
	return out
}

// TestExamplesSelfContained checks, without a CLI, that every example
// declares each leadterra resource and data source it refers to, so that a
// user can apply any one page's example alone, and that its minimum-cli
// marker, if any, is well formed.
func TestExamplesSelfContained(t *testing.T) {
	probe := filepath.Join(t.TempDir(), "main.tf")
	if err := os.WriteFile(probe, []byte(`
# leadterra_campaign.commented is not a reference.
resource "leadterra_campaign_leads" "l" {
  campaign_id = leadterra_campaign.q3.id
}
data "leadterra_campaign_stats" "s" {
  campaign_id = data.leadterra_campaigns.all.campaigns[0].id
  depends_on  = [leadterra_campaign_leads.l]
}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	missing, err := undeclaredReferences([]string{probe})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(missing, ", "), "resource leadterra_campaign.q3, data leadterra_campaigns.all"; got != want {
		t.Errorf("undeclared references of the probe: got %q, want %q", got, want)
	}

	for _, dir := range exampleDirs(t) {
		files, err := exampleFiles(dir)
		if err != nil {
			t.Fatal(err)
		}
		missing, err := undeclaredReferences(files)
		if err != nil {
			t.Fatalf("examples/%s: %v", dir, err)
		}
		if len(missing) > 0 {
			t.Errorf("examples/%s refers to %s without declaring it: each example must apply on its own", dir, strings.Join(missing, ", "))
		}
		cfg, err := joinExampleFiles(files)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := parseMinimumCLI(cfg); err != nil {
			t.Errorf("examples/%s: %v", dir, err)
		}
	}
}
