package leadterra

import (
	"fmt"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// BenchmarkRateLimitedCreates creates 100 campaigns with 10 workers (what
// Terraform's default parallelism does) through one Client, with the
// client's defaults, against the sandbox limiting the key to R requests/s.
// It reports share_of_R (successful requests per second ÷ R; a token
// bucket's burst lets it exceed 1) and 429_share (429s ÷ all requests).
//
//	go test -run '^$' -bench RateLimited -benchtime 1x ./internal/leadterra/
func BenchmarkRateLimitedCreates(b *testing.B) {
	const creates, workers = 100, 10
	for _, r := range []float64{10, 20} {
		b.Run(fmt.Sprintf("R=%g", r), func(b *testing.B) {
			var share, limited float64
			for range b.N {
				sb := sandbox.New(sandbox.Options{Keys: []string{testKey}, RateLimit: r})
				srv := httptest.NewServer(sb)
				c, err := New(Config{BaseURL: srv.URL, APIKey: testKey})
				if err != nil {
					b.Fatal(err)
				}
				jobs := make(chan int)
				var ok atomic.Int64
				var wg sync.WaitGroup
				start := time.Now()
				for range workers {
					wg.Go(func() {
						for i := range jobs {
							_, err := c.CreateCampaign(b.Context(), CampaignInput{Name: fmt.Sprintf("bench %d", i)}, NewIdempotencyKey())
							if err != nil {
								b.Errorf("create %d: %v", i, err)
								continue
							}
							ok.Add(1)
						}
					})
				}
				for i := range creates {
					jobs <- i
				}
				close(jobs)
				wg.Wait()
				elapsed := time.Since(start)
				srv.Close()
				share += float64(ok.Load()) / elapsed.Seconds() / r
				limited += float64(sb.RateLimited()) / float64(sb.TotalRequests())
			}
			b.ReportMetric(share/float64(b.N), "share_of_R")
			b.ReportMetric(limited/float64(b.N), "429_share")
		})
	}
}
