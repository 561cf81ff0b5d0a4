package provider

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The acceptance tests run on Terraform (bin/terraform, 1.5.7) and on
// OpenTofu (bin/tofu, 1.12.6). Features such as provider functions arrived
// in different versions of each, so a test or an example that needs one
// states the minimum of each product, and is skipped on an older CLI.

// cliVersion is the CLI the acceptance tests run (TF_ACC_TERRAFORM_PATH).
type cliVersion struct {
	product string // "terraform" or "opentofu"
	version [2]int // major, minor
}

func (c cliVersion) String() string {
	return fmt.Sprintf("%s %d.%d", c.product, c.version[0], c.version[1])
}

// minimumCLI is the oldest version of each product a test or an example
// needs; a product left out has no minimum.
type minimumCLI map[string][2]int

// functionsCLI: provider-defined functions.
var functionsCLI = minimumCLI{"terraform": {1, 8}, "opentofu": {1, 7}}

var (
	cliOnce sync.Once
	cliInfo cliVersion
	cliErr  error
)

// currentCLI asks the CLI of TF_ACC_TERRAFORM_PATH for its version, once.
func currentCLI() (cliVersion, error) {
	cliOnce.Do(func() {
		bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
		if bin == "" {
			cliErr = fmt.Errorf("TF_ACC_TERRAFORM_PATH is not set: run the acceptance tests through make testacc-terraform or make testacc-tofu")
			return
		}
		cmd := exec.Command(bin, "version")
		cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
		out, err := cmd.Output()
		if err != nil {
			cliErr = fmt.Errorf("%s version: %w", bin, err)
			return
		}
		cliInfo, cliErr = parseCLIVersion(string(out))
	})
	return cliInfo, cliErr
}

var cliVersionRe = regexp.MustCompile(`(?m)^(Terraform|OpenTofu) v(\d+)\.(\d+)`)

// parseCLIVersion reads the first line of `terraform version` or `tofu
// version` ("OpenTofu v1.12.6").
func parseCLIVersion(out string) (cliVersion, error) {
	m := cliVersionRe.FindStringSubmatch(out)
	if m == nil {
		return cliVersion{}, fmt.Errorf("cannot tell the CLI and its version from %q", strings.SplitN(out, "\n", 2)[0])
	}
	major, _ := strconv.Atoi(m[2])
	minor, _ := strconv.Atoi(m[3])
	return cliVersion{product: strings.ToLower(m[1]), version: [2]int{major, minor}}, nil
}

// satisfiedBy reports whether c meets m.
func (m minimumCLI) satisfiedBy(c cliVersion) bool {
	least, ok := m[c.product]
	return !ok || c.version[0] > least[0] || c.version[0] == least[0] && c.version[1] >= least[1]
}

func (m minimumCLI) String() string {
	var parts []string
	for _, p := range []string{"terraform", "opentofu"} {
		if v, ok := m[p]; ok {
			parts = append(parts, fmt.Sprintf("%s %d.%d", p, v[0], v[1]))
		}
	}
	return strings.Join(parts, ", ")
}

// skipBelowCLI skips an acceptance test on a CLI older than m. Without
// TF_ACC the test skips anyway (resource.Test does), so nothing is asked.
func skipBelowCLI(t *testing.T, m minimumCLI) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" || len(m) == 0 {
		return
	}
	cli, err := currentCLI()
	if err != nil {
		t.Fatal(err)
	}
	if !m.satisfiedBy(cli) {
		t.Skipf("needs %s; this run uses %s", m, cli)
	}
}

// minimumCLIRe matches the marker line of an example directory:
//
//	# minimum-cli: terraform 1.8, opentofu 1.7
var minimumCLIRe = regexp.MustCompile(`(?m)^#\s*minimum-cli:(.*)$`)

var minimumPartRe = regexp.MustCompile(`^(terraform|opentofu) (\d+)\.(\d+)$`)

// parseMinimumCLI reads the minimum-cli marker of an example's source, if
// any. A malformed marker is an error, not an example that runs everywhere.
func parseMinimumCLI(src string) (minimumCLI, error) {
	markers := minimumCLIRe.FindAllStringSubmatch(src, -1)
	if len(markers) == 0 {
		return nil, nil
	}
	if len(markers) > 1 {
		return nil, fmt.Errorf("%d minimum-cli markers; write one", len(markers))
	}
	m := minimumCLI{}
	for _, part := range strings.Split(markers[0][1], ",") {
		p := minimumPartRe.FindStringSubmatch(strings.TrimSpace(part))
		if p == nil {
			return nil, fmt.Errorf("minimum-cli marker %q: each part must be \"terraform X.Y\" or \"opentofu X.Y\", separated by commas", strings.TrimSpace(markers[0][0]))
		}
		if _, dup := m[p[1]]; dup {
			return nil, fmt.Errorf("minimum-cli marker %q names %s twice", strings.TrimSpace(markers[0][0]), p[1])
		}
		major, _ := strconv.Atoi(p[2])
		minor, _ := strconv.Atoi(p[3])
		m[p[1]] = [2]int{major, minor}
	}
	return m, nil
}

func TestParseCLIVersion(t *testing.T) {
	for out, want := range map[string]string{
		"Terraform v1.5.7\non linux_amd64\n":   "terraform 1.5",
		"OpenTofu v1.12.6\non linux_amd64\n":   "opentofu 1.12",
		"Terraform v1.10.0-beta1\non darwin\n": "terraform 1.10",
	} {
		got, err := parseCLIVersion(out)
		if err != nil || got.String() != want {
			t.Errorf("%q: got %v, %v; want %s", out, got, err, want)
		}
	}
	if _, err := parseCLIVersion("Warning: Unable to open CLI configuration file\n"); err == nil {
		t.Error("an unrecognised output must be an error")
	}
}

func TestMinimumCLIMarker(t *testing.T) {
	tf157 := cliVersion{"terraform", [2]int{1, 5}}
	tf18 := cliVersion{"terraform", [2]int{1, 8}}
	tofu17 := cliVersion{"opentofu", [2]int{1, 7}}
	tofu16 := cliVersion{"opentofu", [2]int{1, 6}}
	tofu112 := cliVersion{"opentofu", [2]int{1, 12}}
	for _, tc := range []struct {
		src        string
		runs, skip []cliVersion
	}{
		{src: "resource \"x\" \"y\" {}\n", runs: []cliVersion{tf157, tofu16}},
		{src: "# minimum-cli: terraform 1.8, opentofu 1.7\noutput \"x\" {}\n", runs: []cliVersion{tf18, tofu17, tofu112}, skip: []cliVersion{tf157, tofu16}},
		{src: "locals {}\n#minimum-cli: opentofu 1.7\n", runs: []cliVersion{tf157, tofu17}, skip: []cliVersion{tofu16}},
		{src: "# minimum-cli: terraform 1.12\n", runs: []cliVersion{tofu16}, skip: []cliVersion{tf18}},
	} {
		m, err := parseMinimumCLI(tc.src)
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		for _, c := range tc.runs {
			if !m.satisfiedBy(c) {
				t.Errorf("%q must run on %s", tc.src, c)
			}
		}
		for _, c := range tc.skip {
			if m.satisfiedBy(c) {
				t.Errorf("%q must be skipped on %s", tc.src, c)
			}
		}
	}
	for _, bad := range []string{
		"# minimum-cli: terraform >= 1.8\n",
		"# minimum-cli: terraform 1.8 opentofu 1.7\n",
		"# minimum-cli: tf 1.8\n",
		"# minimum-cli:\n",
		"# minimum-cli: terraform 1.8, terraform 1.9\n",
		"# minimum-cli: terraform 1.8\n# minimum-cli: opentofu 1.7\n",
	} {
		if _, err := parseMinimumCLI(bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}
