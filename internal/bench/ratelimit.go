package bench

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// RateResult is the apply of RateLimitN campaigns under a sandbox per-key
// limit of Limit requests/s.
type RateResult struct {
	CLI       string
	Campaigns int
	Limit     float64
	Wall      time.Duration
	Requests  int // every answer, 429s included
	Limited   int // answered 429
}

// Sustained is the accepted (non-429) requests per second.
func (r RateResult) Sustained() float64 { return float64(r.Requests-r.Limited) / r.Wall.Seconds() }

// Share429 is the share of requests answered 429.
func (r RateResult) Share429() float64 {
	if r.Requests == 0 {
		return 0
	}
	return float64(r.Limited) / float64(r.Requests)
}

// runRateLimited applies RateLimitN campaigns on the first CLI against a
// sandbox limited to RateLimit requests/s per key.
func runRateLimited(ctx context.Context, o Options, cliConfig string, provider []string, dir string) (*RateResult, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	api, err := startServer(o.RateLimit)
	if err != nil {
		return nil, err
	}
	defer api.close()
	r := &cliRun{
		cli: o.CLIs[0], provider: provider, dir: dir, kind: Campaigns, size: o.RateLimitN, variant: Provider,
		parallel: o.Parallelism, api: api, env: baseEnv(cliConfig, api.URL), log: o.Log,
	}
	if err := WriteConfig(dir, Campaigns, o.RateLimitN); err != nil {
		return nil, err
	}
	m, err := r.phase(ctx, Apply)
	if err != nil {
		return nil, err
	}
	total := 0
	for _, n := range m.Requests.Statuses {
		total += n
	}
	return &RateResult{
		CLI: filepath.Base(o.CLIs[0]), Campaigns: o.RateLimitN, Limit: o.RateLimit, Wall: m.Wall,
		Requests: total, Limited: m.Requests.Statuses[http.StatusTooManyRequests],
	}, nil
}
