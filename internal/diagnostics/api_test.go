package diagnostics

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

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
		{"not offered", &leadterra.NotOfferedError{Capability: "GET /v1/campaigns"}, `Leadterra cannot read campaign "camp_1"`, []string{"does not offer GET /v1/campaigns"}},
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

func TestFromErrorPlacesHintAndItemsBeforeTheRequest(t *testing.T) {
	err := &leadterra.APIError{StatusCode: 422, Code: "validation_failed", Message: "2 lead(s) failed validation", Method: "POST", Path: "/v1/campaigns/c/leads/bulk", RequestID: "req_7",
		Items: []leadterra.ErrorItem{{Index: 1, Field: "email", Message: "invalid address"}, {Index: -1, Email: "z@x.io", Code: "bad"}, {Index: 1, Message: "too long"}}}
	op := Op{Action: "enroll leads in", Object: `campaign "c"`, ItemKind: "leads", Items: []string{"a@x.io", "jose@bücher.example"}, Hint: "The 500 lead(s) of the earlier batches were sent."}
	d := FromError(op, err)
	want := "Could not enroll leads in campaign \"c\": POST /v1/campaigns/c/leads/bulk answered 422: validation_failed; 2 lead(s) failed validation.\n\n" +
		"The API rejected these leads:\n  - jose@bücher.example: invalid address (field email); too long\n  - z@x.io: bad\n\n" +
		"Fix or remove them in the configuration, then apply again.\n\n" +
		"The 500 lead(s) of the earlier batches were sent.\n\n" +
		"Request: POST /v1/campaigns/c/leads/bulk (request id req_7)"
	if d.Detail() != want {
		t.Fatalf("got\n%s\nwant\n%s", d.Detail(), want)
	}
	if d.Summary() != "Leadterra API error (HTTP 422 validation_failed)" {
		t.Errorf("summary %q", d.Summary())
	}

	// Without items named by the API, the whole request is listed.
	err.Items = nil
	if got := FromError(op, err).Detail(); !strings.Contains(got, "did not say which; the refused request held these 2)\n  - a@x.io\n  - jose@bücher.example") {
		t.Errorf("no items: the request is listed:\n%s", got)
	}
	// A hint follows any kind of error, still before the request.
	for _, e := range []error{&leadterra.APIError{StatusCode: 503, Method: "GET", Path: "/v1/x"}, &leadterra.TransportError{Method: "GET", Path: "/v1/x", Err: errors.New("reset")}} {
		got := FromError(Op{Action: "read", Hint: "HINT"}, e).Detail()
		if !strings.Contains(got, "\n\nHINT") || (strings.Contains(got, "Request: ") && strings.Index(got, "HINT") > strings.Index(got, "Request: ")) {
			t.Errorf("hint misplaced:\n%s", got)
		}
	}
}

func TestBulletListIsBounded(t *testing.T) {
	var items []string
	for i := range 25 {
		items = append(items, fmt.Sprintf("l%d@x.io", i))
	}
	got := BulletList(items)
	if strings.Count(got, "\n  - ") != 19 || !strings.HasSuffix(got, "\n  … and 5 more") {
		t.Fatalf("%s", got)
	}
}

func TestStartRefused(t *testing.T) {
	err := &leadterra.APIError{StatusCode: 400, Code: "no_leads_enrolled", Method: "POST", Path: "/v1/campaigns/camp_1/start", RequestID: "req_9"}
	d, ok := StartRefused(path.Root("campaign_id"), "camp_1", err)
	if !ok || !strings.Contains(d.Detail(), "depends_on  = [leadterra_campaign_leads.<name>]") || !strings.HasSuffix(d.Detail(), "\n\nRequest: POST /v1/campaigns/camp_1/start (request id req_9)") {
		t.Fatalf("no_leads_enrolled: %v %v", ok, d)
	}
	if _, ok := StartRefused(path.Root("campaign_id"), "camp_1", &leadterra.APIError{StatusCode: 404, Code: "campaign_not_found"}); ok {
		t.Fatal("only the two documented 400s get the ordering advice")
	}
}

func TestNoSuchObject(t *testing.T) {
	d := NoSuchObject(path.Root("id"), "campaign", "camp_9", CampaignNotFoundProof)
	if d.Summary() != "No such campaign" || d.Detail() != `Campaign "camp_9" does not exist in this workspace (its stats endpoint answers campaign_not_found). Check the id in the Leadterra dashboard, or use the id of the leadterra_campaign resource that manages it.` {
		t.Errorf("%q / %q", d.Summary(), d.Detail())
	}
	if _, ok := d.(diag.DiagnosticWithPath); !ok {
		t.Error("with a path, the error is on that attribute")
	}
	if _, ok := NoSuchObject(path.Empty(), "webhook", "wh_1", "x").(diag.DiagnosticWithPath); ok {
		t.Error("without a path, the error is the resource's")
	}
}
