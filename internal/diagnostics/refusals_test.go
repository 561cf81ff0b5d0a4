package diagnostics

import (
	"strings"
	"testing"
	"time"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

func TestRefusalsNameTheirReason(t *testing.T) {
	op := Op{Action: "list sender pools"}
	for _, tc := range []struct {
		name    string
		err     error
		summary string
		detail  []string
		never   []string
	}{
		{"429 wait refused", &leadterra.APIError{StatusCode: 429, RetryAfter: time.Hour, WaitRefused: 2 * time.Minute, Method: "GET", Path: "/v1/sender-pools"},
			"rate limit", []string{"asked to wait 1h0m0s, more than the 2m0s the provider waits", "stopped at once", "requests_per_second"}, []string{"kept answering"}},
		{"503 wait refused", &leadterra.APIError{StatusCode: 503, RetryAfter: time.Hour, WaitRefused: 2 * time.Minute, Method: "GET", Path: "/v1/sender-pools"},
			"server error (HTTP 503)", []string{"asked to wait 1h0m0s, more than the 2m0s", "stopped at once"}, []string{"after the provider's retries"}},
		{"redirect", &leadterra.RedirectError{Method: "GET", Path: "/v1/sender-pools", StatusCode: 307, Location: "http://127.0.0.1:8443/v1/sender-pools"},
			"redirect", []string{"HTTP 307", "http://127.0.0.1:8443/v1/sender-pools", "not sent there", "base_url"}, nil},
		{"too large", &leadterra.TooLargeError{Method: "GET", Path: "/v1/sender-pools", Limit: 32 << 20},
			"too large", []string{"response too large (over 32 MB)"}, []string{"no complete answer", "Unexpected response"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := FromError(op, tc.err)
			if !strings.Contains(d.Summary(), tc.summary) {
				t.Errorf("summary %q lacks %q", d.Summary(), tc.summary)
			}
			for _, want := range tc.detail {
				if !strings.Contains(d.Detail(), want) {
					t.Errorf("detail lacks %q:\n%s", want, d.Detail())
				}
			}
			for _, bad := range tc.never {
				if strings.Contains(d.Summary()+d.Detail(), bad) {
					t.Errorf("diagnostic says %q:\n%s", bad, d.Detail())
				}
			}
		})
	}
}
