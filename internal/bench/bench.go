// Package bench is the benchmark behind `make bench`: it runs generated
// configurations (N campaigns, or L leads from a CSV file) through the
// pinned CLIs against an in-process sandbox, phase by phase, next to two
// baselines (the same configuration served by a canned provider that has
// the real schema and sends no HTTP, and a plain Go HTTP client sending the
// minimal request set), checks the request counts against the
// minimum, and writes the tables of BENCHMARKS.md.
package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Options configures a benchmark run.
type Options struct {
	Root        string   // repository root (the provider is built from it)
	CLIs        []string // absolute paths of the CLIs to run
	Campaigns   []int    // values of N
	Leads       []int    // values of L
	Parallelism int      // the CLIs' -parallelism, and the plain client's
	RateLimit   float64  // sandbox per-key limit in requests/s for the rate-limited scenario; 0 skips it
	RateLimitN  int      // campaigns applied under RateLimit
	// Canned is the command line that serves the canned provider (it gets
	// -debug appended), e.g. leadterra-bench -serve-canned.
	Canned []string
	Log    func(format string, args ...any)
	// Progress, if set, receives the result so far after each size, so that
	// an interrupted run still leaves its tables behind.
	Progress func(res *Result, done, total int)
}

// Row is one phase of one size on one CLI, with its baselines.
type Row struct {
	Kind     Kind
	Size     int
	CLI      string // base name: terraform or tofu
	Phase    Phase
	Provider Measure
	Baseline Measure       // the canned provider on the same CLI
	Plain    time.Duration // the plain client, same phase and size
	Excess   []string      // where the requests exceed the minimum
}

// Result is everything a run measured.
type Result struct {
	Rows      []Row
	RateLimit *RateResult // nil unless Options.RateLimit > 0
	Started   time.Time
	Elapsed   time.Duration
}

// Run builds the provider, then runs every size on every CLI.
func Run(ctx context.Context, o Options) (*Result, error) {
	if len(o.Canned) == 0 {
		return nil, fmt.Errorf("no command serves the canned provider (Options.Canned)")
	}
	res := &Result{Started: time.Now().UTC()}
	tmp, err := os.MkdirTemp("", "leadterra-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	binary := filepath.Join(tmp, "plugins", "terraform-provider-leadterra")
	provider := []string{binary}
	o.Log("==> Building the provider")
	build := exec.CommandContext(ctx, "go", "build", "-ldflags", "-X main.version=bench", "-o", binary, ".")
	build.Dir, build.Stdout, build.Stderr = o.Root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("building the provider: %w", err)
	}
	cliConfig := filepath.Join(tmp, "cli.tfrc")
	if err := writeCLIConfig(cliConfig, filepath.Dir(binary)); err != nil {
		return nil, err
	}
	run := 0
	specs := sizes(o)
	for i, spec := range specs {
		o.Log("==> %s=%d", sizeName(spec.kind), spec.size)
		plain, err := runPlain(ctx, spec.kind, spec.size, o.Parallelism)
		if err != nil {
			return nil, fmt.Errorf("plain client, %s=%d: %w", sizeName(spec.kind), spec.size, err)
		}
		for _, cli := range o.CLIs {
			measures := map[Variant]map[Phase]Measure{}
			for _, v := range []Variant{Provider, Canned} {
				argv := provider
				if v == Canned {
					argv = o.Canned
				}
				run++
				m, err := runOne(ctx, o, cliConfig, argv, filepath.Join(tmp, fmt.Sprint(run)), cli, spec.kind, spec.size, v)
				if err != nil {
					return nil, err
				}
				measures[v] = m
			}
			for _, p := range Phases {
				m := measures[Provider][p]
				excess := Check(Minimum(spec.kind, spec.size, p), m.Requests)
				res.Rows = append(res.Rows, Row{
					Kind: spec.kind, Size: spec.size, CLI: filepath.Base(cli), Phase: p,
					Provider: m, Baseline: measures[Canned][p], Plain: plain[p],
					Excess: excess,
				})
			}
		}
		if o.Progress != nil && i < len(specs)-1 {
			res.Elapsed = time.Since(res.Started)
			o.Progress(res, i+1, len(specs))
		}
	}
	if o.RateLimit > 0 {
		rr, err := runRateLimited(ctx, o, cliConfig, provider, filepath.Join(tmp, "ratelimit"))
		if err != nil {
			return nil, err
		}
		res.RateLimit = rr
	}
	res.Elapsed = time.Since(res.Started)
	return res, nil
}

// Failed lists the rows whose requests exceed the minimum.
func (r *Result) Failed() []Row {
	var out []Row
	for _, row := range r.Rows {
		if len(row.Excess) > 0 {
			out = append(out, row)
		}
	}
	return out
}

type sizeSpec struct {
	kind Kind
	size int
}

func sizes(o Options) []sizeSpec {
	var out []sizeSpec
	for _, n := range o.Campaigns {
		out = append(out, sizeSpec{Campaigns, n})
	}
	for _, l := range o.Leads {
		out = append(out, sizeSpec{Leads, l})
	}
	return out
}

func runOne(ctx context.Context, o Options, cliConfig string, provider []string, dir, cli string, kind Kind, size int, v Variant) (map[Phase]Measure, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	api, err := startServer(0)
	if err != nil {
		return nil, err
	}
	defer api.close()
	r := &cliRun{
		cli: cli, provider: provider, dir: dir, kind: kind, size: size, variant: v,
		parallel: o.Parallelism, api: api, env: baseEnv(cliConfig, api.URL), log: o.Log,
	}
	return r.runAll(ctx)
}
