package bench

import (
	"fmt"
	"io"
	"strings"
)

// Meta is the header of BENCHMARKS.md: where, when and how it was run.
type Meta struct {
	Command     string
	Date        string
	Machine     string
	GoVersion   string
	CLIVersions []string
	Parallelism int
	Load        string // /proc/loadavg's 1, 5 and 15 minute averages when written
	Partial     string // why the tables are incomplete; "" when complete
}

// WriteReport writes BENCHMARKS.md: the header, one table per phase, the
// slopes, the rate-limited apply and the key ratios.
func WriteReport(w io.Writer, res *Result, meta Meta) error {
	var b strings.Builder
	b.WriteString("# Benchmarks\n\n")
	b.WriteString("Written by `make bench` (`cmd/leadterra-bench`, logic in `internal/bench`); do not edit by hand.\n\n")
	fmt.Fprintf(&b, "- Command: `%s`\n- Date: %s (took %.0f s)\n- Machine: %s\n- Go: %s\n- CLIs: %s\n- Parallelism: %d (the CLIs' default; the plain client uses the same)\n\n",
		meta.Command, meta.Date, res.Elapsed.Seconds(), meta.Machine, meta.GoVersion, strings.Join(meta.CLIVersions, "; "), meta.Parallelism)
	if meta.Load != "" {
		fmt.Fprintf(&b, "Load average (1, 5, 15 min) when written: %s; other work on the machine skews the times, not the requests.\n\n", meta.Load)
	}
	if meta.Partial != "" {
		fmt.Fprintf(&b, "**Partial run: %s.**\n\n", meta.Partial)
	}
	b.WriteString(`Each size runs on a fresh in-process sandbox (one sender pool with room for every
launch, so no launch warns): apply from empty, a no-change plan,
a plan (-out) and apply of a one-line change in the CSV file (a campaign's step
subject; a lead's company), and a destroy. N campaigns have 3 steps, one lead and a
launch each (3 managed objects per campaign, one block per resource and campaign:
with for_each every instance would depend on every instance it references, N²
edges that cost the CLI more than everything else); L leads sit in one
leadterra_campaign_leads next to one campaign.

- wall: the CLI commands of the phase, end to end. CLI CPU: the CLI process's user+system time.
- provider CPU and peak: the provider process (started with -debug, attached through
  TF_REATTACH_PROVIDERS, one process per phase): utime+stime and VmHWM from /proc.
- canned: the CLI's own cost. The same configuration on the same CLI, served by a
  canned provider (leadterra-bench -serve-canned, attached the same way): the real
  provider's schema, written directly on terraform-plugin-go, answering without any
  HTTP (plan: the proposed state with null computed attributes unknown; apply: the
  planned state with unknowns canned; read: the current state). The CLI does the
  same work as with the real provider (less any diagnostics and resource identities);
  "its provider CPU" and "its peak" are what decoding and encoding this schema's
  values costs a provider at least. plain client: net/http sending the minimal
  request set of the phase at the same parallelism against its own sandbox.
- provider share: (wall − canned) / canned.
- requests: by route, then total per managed object (each lead counts as one).
  "over minimum" compares them with the targets (1 write per object,
  ceil(changed/500) bulk requests, ≤ 1 read per object per refresh, nothing read
  twice, 0 writes on a no-change plan).

`)
	for _, p := range Phases {
		fmt.Fprintf(&b, "## %s\n\n", p)
		b.WriteString("| size | CLI | wall s | CLI CPU s | provider CPU s | peak MB | requests | canned s | its CLI CPU s | its provider CPU s | its peak MB | plain client s | provider share | over minimum |\n")
		b.WriteString("|---|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|---|\n")
		for _, r := range res.Rows {
			if r.Phase != p {
				continue
			}
			fmt.Fprintf(&b, "| %s=%d | %s | %.2f | %.2f | %.2f | %.0f | %s | %.2f | %.2f | %.2f | %.0f | %.3f | %s | %s |\n",
				sizeName(r.Kind), r.Size, r.CLI, r.Provider.Wall.Seconds(), r.Provider.CLICPU.Seconds(),
				r.Provider.ProviderCPU.Seconds(), r.Provider.PeakMB, requestsCell(r), r.Baseline.Wall.Seconds(),
				r.Baseline.CLICPU.Seconds(), r.Baseline.ProviderCPU.Seconds(), r.Baseline.PeakMB, r.Plain.Seconds(), percent(r.Provider.Wall.Seconds(), r.Baseline.Wall.Seconds()), minimumCell(r))
		}
		b.WriteString("\n")
	}
	writeSlopes(&b, res)
	writeRateLimit(&b, res.RateLimit)
	writeRatios(&b, res)
	_, err := io.WriteString(w, b.String())
	return err
}

// objects is the number of managed objects a request count is divided by.
func objects(kind Kind, size int) int {
	if kind == Campaigns {
		return 3 * size
	}
	return size + 1
}

func requestsCell(r Row) string {
	var parts []string
	total := 0
	for _, route := range sortedKeys(r.Provider.Requests.Routes) {
		n := r.Provider.Requests.Routes[route]
		total += n
		parts = append(parts, fmt.Sprintf("%s %d", shortRoute(route), n))
	}
	if total == 0 {
		return "none"
	}
	return fmt.Sprintf("%s (%.3g/object)", strings.Join(parts, ", "), float64(total)/float64(objects(r.Kind, r.Size)))
}

// shortRoute drops the common prefix: "POST /v1/campaigns/:id/start" → "POST …/start".
func shortRoute(route string) string {
	method, path, _ := strings.Cut(route, " ")
	switch path {
	case "/v1/campaigns":
		return method + " campaigns"
	case "/v1/campaigns/:id":
		return method + " campaign"
	}
	return method + " " + strings.Replace(path, "/v1/campaigns/:id/", "…/", 1)
}

func minimumCell(r Row) string {
	if len(r.Excess) == 0 {
		return "no"
	}
	return strings.Join(r.Excess, "; ")
}

func percent(v, base float64) string {
	if base <= 0 {
		return "–"
	}
	return fmt.Sprintf("%+.0f%%", 100*(v-base)/base)
}

// slope is the least-squares slope of y over x.
func slope(xs, ys []float64) float64 {
	n := float64(len(xs))
	var sx, sy, sxx, sxy float64
	for i := range xs {
		sx, sy, sxx, sxy = sx+xs[i], sy+ys[i], sxx+xs[i]*xs[i], sxy+xs[i]*ys[i]
	}
	d := n*sxx - sx*sx
	if d == 0 {
		return 0
	}
	return (n*sxy - sx*sy) / d
}

func writeSlopes(b *strings.Builder, res *Result) {
	b.WriteString("## Slopes\n\nLeast-squares seconds of wall time per campaign and per 1,000 leads, over the sizes above (the provider's CPU time alongside).\n\n")
	b.WriteString("| per | CLI | phase | provider wall | provider CPU | canned | plain client |\n|---|---|---|--:|--:|--:|--:|\n")
	rows := 0
	for _, kind := range []Kind{Campaigns, Leads} {
		unit, scale := "campaign", 1.0
		if kind == Leads {
			unit, scale = "1,000 leads", 1000
		}
		for _, cli := range clis(res) {
			for _, p := range Phases {
				var xs, wall, cpu, base, plain []float64
				for _, r := range res.Rows {
					if r.Kind == kind && r.CLI == cli && r.Phase == p {
						xs = append(xs, float64(r.Size)/scale)
						wall, cpu = append(wall, r.Provider.Wall.Seconds()), append(cpu, r.Provider.ProviderCPU.Seconds())
						base, plain = append(base, r.Baseline.Wall.Seconds()), append(plain, r.Plain.Seconds())
					}
				}
				if len(xs) < 2 {
					continue
				}
				rows++
				fmt.Fprintf(b, "| %s | %s | %s | %.4f | %.4f | %.4f | %.4f |\n", unit, cli, p, slope(xs, wall), slope(xs, cpu), slope(xs, base), slope(xs, plain))
			}
		}
	}
	if rows == 0 {
		b.WriteString("| – | – | needs two sizes or more | | | | |\n")
	}
	b.WriteString("\n")
}

func clis(res *Result) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range res.Rows {
		if !seen[r.CLI] {
			seen[r.CLI] = true
			out = append(out, r.CLI)
		}
	}
	return out
}

func writeRateLimit(b *strings.Builder, rr *RateResult) {
	b.WriteString("## Under a rate limit\n\n")
	if rr == nil {
		b.WriteString("Not run (`-rate-limit 0`). Target: an apply of 100 campaigns sustains ≥ 90% of R with ≤ 10% of requests answered 429.\n\n")
		return
	}
	b.WriteString("| campaigns | CLI | limit req/s | wall s | requests | answered 429 | accepted req/s | of the limit |\n|--:|---|--:|--:|--:|--:|--:|--:|\n")
	fmt.Fprintf(b, "| %d | %s | %g | %.2f | %d | %d (%.1f%%) | %.1f | %.0f%% |\n\n", rr.Campaigns, rr.CLI, rr.Limit, rr.Wall.Seconds(),
		rr.Requests, rr.Limited, 100*rr.Share429(), rr.Sustained(), 100*rr.Sustained()/rr.Limit)
}

// writeRatios quotes the key figures at the largest sizes run.
func writeRatios(b *strings.Builder, res *Result) {
	b.WriteString("## Key ratios\n\nAt the largest N and L of this run (targets: provider share ≤ 20% at L = 20,000 and N = 500; peak < 150 MB at L = 20,000).\n\n")
	for _, kind := range []Kind{Campaigns, Leads} {
		largest := 0
		for _, r := range res.Rows {
			if r.Kind == kind && r.Size > largest {
				largest = r.Size
			}
		}
		for _, r := range res.Rows {
			if r.Kind != kind || r.Size != largest {
				continue
			}
			fmt.Fprintf(b, "- %s=%d, %s, %s: provider share %s of the CLI's own cost (provider CPU %.2f s, the canned provider's %.2f s); %.1f× the plain client; peak %.0f MB (canned %.0f MB)\n",
				sizeName(kind), r.Size, r.CLI, r.Phase, percent(r.Provider.Wall.Seconds(), r.Baseline.Wall.Seconds()),
				r.Provider.ProviderCPU.Seconds(), r.Baseline.ProviderCPU.Seconds(),
				r.Provider.Wall.Seconds()/max(r.Plain.Seconds(), 1e-9), r.Provider.PeakMB, r.Baseline.PeakMB)
		}
	}
	if rr := res.RateLimit; rr != nil {
		fmt.Fprintf(b, "- Rate limit %g req/s: %.0f%% of it sustained, %.1f%% answered 429\n", rr.Limit, 100*rr.Sustained()/rr.Limit, 100*rr.Share429())
	}
	if f := res.Failed(); len(f) > 0 {
		fmt.Fprintf(b, "- Requests above the minimum in %d phase(s): see \"over minimum\"\n", len(f))
	} else {
		b.WriteString("- Requests: at the minimum in every phase\n")
	}
}
