package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// Phase is one step of a benchmark run, in the order they run.
type Phase string

const (
	Apply   Phase = "apply from empty"
	Plan    Phase = "no-change plan"
	Change  Phase = "plan + apply of a one-line change"
	Destroy Phase = "destroy"
)

// Phases lists every phase in run order.
var Phases = []Phase{Apply, Plan, Change, Destroy}

// Measure is what one phase of one run cost.
type Measure struct {
	Wall        time.Duration
	CLICPU      time.Duration // the CLI process(es): user + system
	ProviderCPU time.Duration // the provider process: user + system
	PeakMB      float64       // the provider process's VmHWM
	Requests    snapshot
}

// cliRun runs the phases of one configuration on one CLI against one fresh
// sandbox.
type cliRun struct {
	cli      string   // absolute path of the CLI
	provider []string // command line of the provider process (without -debug)
	dir      string
	kind     Kind
	size     int
	variant  Variant
	parallel int
	api      *apiServer
	env      []string
	log      func(string, ...any)
}

// baseEnv is the caller's environment without any TF_, TOFU_ or LEADTERRA_
// setting, plus what the benchmark needs: no CLI configuration but its own,
// no checkpoint calls, no prompts.
func baseEnv(cliConfig, baseURL string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_") || strings.HasPrefix(kv, "TOFU_") || strings.HasPrefix(kv, "LEADTERRA_") ||
			strings.HasPrefix(kv, "CHECKPOINT_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0",
		"LEADTERRA_BASE_URL="+baseURL, "LEADTERRA_API_KEY="+sandbox.DefaultKey)
}

// CLIVersion returns the first line of `cli version`, run without any
// CLI configuration (tofu warns on stdout about a missing one).
func CLIVersion(cli string) (string, error) {
	cmd := exec.Command(cli, "version")
	cmd.Env = baseEnv(os.DevNull, "")
	out, err := cmd.Output()
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(out), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return line, nil
		}
	}
	return "", fmt.Errorf("%s version printed nothing", cli)
}

// writeCLIConfig points dev_overrides at the provider's directory, so no
// init is needed; the reattached process is what actually serves.
func writeCLIConfig(path, providerDir string) error {
	var b strings.Builder
	b.WriteString("provider_installation {\n  dev_overrides {\n")
	for _, a := range providerAddrs {
		fmt.Fprintf(&b, "    %q = %q\n", a, providerDir)
	}
	b.WriteString("  }\n  direct {}\n}\n")
	return os.WriteFile(path, []byte(b.String()), 0o600)
}

func (r *cliRun) phase(ctx context.Context, p Phase) (Measure, error) {
	var m Measure
	env := r.env
	prov, err := startProvider(ctx, r.provider, r.env)
	if err != nil {
		return m, err
	}
	defer prov.stop()
	env = append(append([]string(nil), env...), "TF_REATTACH_PROVIDERS="+prov.reattach)
	par := fmt.Sprintf("-parallelism=%d", r.parallel)
	_ = r.api.take()
	switch p {
	case Apply:
		if err := r.cmd(ctx, env, &m, 0, "apply", "-auto-approve", par); err != nil {
			return m, err
		}
	case Plan:
		if err := r.cmd(ctx, env, &m, 0, "plan", "-detailed-exitcode", par); err != nil {
			return m, fmt.Errorf("a plan right after apply must be empty: %w", err)
		}
	case Change:
		if err := WriteCSV(r.dir, r.kind, r.size, true); err != nil {
			return m, err
		}
		if err := r.cmd(ctx, env, &m, 2, "plan", "-detailed-exitcode", "-out=change.tfplan", par); err != nil {
			return m, fmt.Errorf("the one-line change must plan a change: %w", err)
		}
		if err := r.cmd(ctx, env, &m, 0, "apply", par, "change.tfplan"); err != nil {
			return m, err
		}
	case Destroy:
		if err := r.cmd(ctx, env, &m, 0, "destroy", "-auto-approve", par); err != nil {
			return m, err
		}
	}
	m.Requests = r.api.take()
	u, err := prov.usage()
	if err != nil {
		return m, fmt.Errorf("reading the provider's /proc: %w", err)
	}
	m.PeakMB, m.ProviderCPU = u.PeakMB, u.CPU
	return m, nil
}

// cmd runs one CLI command, adds its wall and CPU time to m, and fails
// unless it exits with want.
func (r *cliRun) cmd(ctx context.Context, env []string, m *Measure, want int, args ...string) error {
	args = append([]string{args[0], "-input=false", "-no-color"}, args[1:]...)
	c := exec.CommandContext(ctx, r.cli, args...)
	c.Dir, c.Env = r.dir, env
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	start := time.Now()
	err := c.Run()
	m.Wall += time.Since(start)
	if c.ProcessState != nil {
		m.CLICPU += c.ProcessState.UserTime() + c.ProcessState.SystemTime()
	}
	code := -1
	if c.ProcessState != nil {
		code = c.ProcessState.ExitCode()
	}
	if code != want {
		_ = os.WriteFile(filepath.Join(r.dir, "failed.log"), out.Bytes(), 0o600)
		return fmt.Errorf("%s %s: exit %d (want %d): %v\n%s", filepath.Base(r.cli), args[0], code, want, err, tail(out.String(), 3000))
	}
	return nil
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// runAll runs every phase of one configuration, in order.
func (r *cliRun) runAll(ctx context.Context) (map[Phase]Measure, error) {
	if err := WriteConfig(r.dir, r.kind, r.size); err != nil {
		return nil, err
	}
	out := map[Phase]Measure{}
	for _, p := range Phases {
		t := time.Now()
		m, err := r.phase(ctx, p)
		if err != nil {
			return out, fmt.Errorf("%s %s=%d %s, %s: %w", filepath.Base(r.cli), sizeName(r.kind), r.size, r.variant, p, err)
		}
		r.log("  %-9s %s=%-6d %-14s %-34s %6.1fs %v", filepath.Base(r.cli), sizeName(r.kind), r.size, r.variant, p, time.Since(t).Seconds(), m.Requests.Routes)
		out[p] = m
	}
	return out, nil
}

func sizeName(k Kind) string {
	if k == Leads {
		return "L"
	}
	return "N"
}
