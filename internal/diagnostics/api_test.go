package diagnostics

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

func TestFromError(t *testing.T) {
	op := Op{Action: "read", Object: `campaign "camp_1"`}
	for _, tc := range []struct {
		name    string
		err     error
		summary string
		detail  []string
	}{
		{"401", &leadterra.APIError{StatusCode: 401, Code: "authentication_failed", Method: "GET", Path: "/v1/campaigns/camp_1", RequestID: "req_9"},
			"rejected the API key (HTTP 401)", []string{`Could not read campaign "camp_1"`, "missing, malformed, revoked, or carries stray whitespace", "LEADTERRA_API_KEY", "Settings → API Keys", "request id req_9"}},
		{"403", fmt.Errorf("wrapped: %w", &leadterra.APIError{StatusCode: 403, Code: "forbidden", Method: "POST", Path: "/v1/campaigns"}),
			"lacks permission (HTTP 403)", []string{"the key is valid", "(HTTP 403 forbidden)", "read-only", "POST /v1/campaigns"}},
		{"workspace", &leadterra.APIError{StatusCode: 404, Code: "workspace_not_found"}, "No Leadterra workspace", []string{"base_url"}},
		{"429", &leadterra.APIError{StatusCode: 429, RetryAfter: 30 * time.Second}, "rate limit", []string{"30s", "requests_per_second", "-parallelism"}},
		{"502 html", &leadterra.APIError{StatusCode: 502, Message: "the server answered with an HTML page", Method: "GET", Path: "/v1/sender-pools"}, "server error (HTTP 502)", []string{"HTML page", "Try again later"}},
		{"422 items", &leadterra.APIError{StatusCode: 422, Code: "validation_failed", Items: []leadterra.ErrorItem{{Index: 1, Email: "x@y", Message: "bad"}}}, "HTTP 422 validation_failed", []string{"item 1, x@y: bad"}},
		{"not offered", &leadterra.NotOfferedError{Capability: "GET /v1/campaigns"}, "not offered", []string{"GET /v1/campaigns"}},
		{"lost create", &leadterra.TransportError{Method: "POST", Path: "/v1/campaigns", Unknown: true, Err: errors.New("connection reset")}, "Could not reach", []string{"may have been carried out", "nothing is created twice"}},
		{"decode", &leadterra.DecodeError{Method: "GET", Path: "/v1/sender-pools", Err: errors.New("no list")}, "Unexpected response", []string{"report this"}},
		{"timeout", fmt.Errorf("x: %w", context.DeadlineExceeded), "timed out", []string{"request_timeout"}},
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
		})
	}
}
