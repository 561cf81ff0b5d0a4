// Command leadterra-bench runs the provider benchmark (make bench) and
// writes BENCHMARKS.md; -quick (make bench-quick) runs small sizes on one
// CLI and fails if any phase sends more requests than the minimum.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/leadterra/terraform-provider-leadterra/internal/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "leadterra-bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("leadterra-bench", flag.ContinueOnError)
	clis := fs.String("cli", "terraform,tofu", "CLIs to run, from the repository's bin/ (comma-separated)")
	campaigns := fs.String("campaigns", "10,100,500", "values of N (campaigns; comma-separated, empty for none)")
	leads := fs.String("leads", "100,5000,20000", "values of L (leads; comma-separated, empty for none)")
	par := fs.Int("parallelism", 10, "the CLIs' -parallelism and the plain client's")
	out := fs.String("out", "BENCHMARKS.md", "file to write the tables to (empty: none)")
	quick := fs.Bool("quick", false, "small sizes on bin/terraform, no file: -cli terraform -campaigns 10 -leads 100 -out '' -rate-limit 0")
	rate := fs.Float64("rate-limit", 10, "also apply -rate-limit-campaigns campaigns under a sandbox per-key limit of this many requests/s (0: skip)")
	rateN := fs.Int("rate-limit-campaigns", 100, "campaigns applied under -rate-limit")
	canned := fs.Bool("serve-canned", false, "internal: serve the canned provider (the CLI-cost baseline) instead of benchmarking")
	fs.Bool("debug", false, "internal: with -serve-canned, as the provider's -debug (always on)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *canned {
		return bench.ServeCanned(ctx)
	}
	if *quick {
		*clis, *campaigns, *leads, *out, *rate = "terraform", "10", "100", "", 0
	}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return errors.New("run from the repository root (make bench)")
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	o := bench.Options{
		Root: root, Parallelism: *par, RateLimit: *rate, RateLimitN: *rateN, Canned: []string{self, "-serve-canned"},
		Log: func(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...) },
	}
	if o.Campaigns, err = ints(*campaigns); err != nil {
		return fmt.Errorf("-campaigns: %w", err)
	}
	if o.Leads, err = ints(*leads); err != nil {
		return fmt.Errorf("-leads: %w", err)
	}
	var versions []string
	for _, name := range strings.Split(*clis, ",") {
		// Only the pinned CLIs, by absolute path: never one found on PATH.
		path := filepath.Join(root, "bin", strings.TrimSpace(name))
		v, err := bench.CLIVersion(path)
		if err != nil {
			return fmt.Errorf("%s: %w (make tools builds it)", path, err)
		}
		o.CLIs, versions = append(o.CLIs, path), append(versions, v)
	}
	write := func(res *bench.Result, partial string) error {
		if *out == "" {
			return nil
		}
		var b bytes.Buffer
		meta := bench.Meta{
			Command: strings.TrimSpace("go run ./cmd/leadterra-bench " + strings.Join(args, " ")), Date: res.Started.Format(time.RFC3339),
			Machine: machine(), GoVersion: runtime.Version(), CLIVersions: versions, Parallelism: *par, Partial: partial, Load: loadavg(),
		}
		if err := bench.WriteReport(&b, res, meta); err != nil {
			return err
		}
		if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "==> Wrote %s (%.0f s)\n", *out, res.Elapsed.Seconds())
		return nil
	}
	o.Progress = func(res *bench.Result, done, total int) {
		if err := write(res, fmt.Sprintf("%d of %d sizes so far; the run was still going", done, total)); err != nil {
			fmt.Fprintln(os.Stderr, "leadterra-bench:", err)
		}
	}
	res, err := bench.Run(ctx, o)
	if err != nil {
		return err
	}
	if err := write(res, ""); err != nil {
		return err
	}
	if failed := res.Failed(); len(failed) > 0 {
		for _, r := range failed {
			fmt.Fprintf(os.Stderr, "ABOVE MINIMUM: %s %s=%d %s: %s\n", r.CLI, r.Kind, r.Size, r.Phase, strings.Join(r.Excess, "; "))
		}
		return fmt.Errorf("%d phase(s) sent more requests than the minimum", len(failed))
	}
	fmt.Fprintln(os.Stderr, "==> Requests at the minimum in every phase")
	return nil
}

func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// loadavg returns the first three fields of /proc/loadavg, or "".
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], ", ")
	}
	return ""
}

// machine describes the CPU, cores and memory from /proc.
func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				if f := strings.Fields(rest); len(f) == 2 {
					if kb, err := strconv.ParseFloat(f[0], 64); err == nil {
						mem = fmt.Sprintf(", %.1f GB RAM", kb/1024/1024)
					}
				}
			}
		}
	}
	return fmt.Sprintf("%s, %d cores%s, %s/%s", model, runtime.NumCPU(), mem, runtime.GOOS, runtime.GOARCH)
}
