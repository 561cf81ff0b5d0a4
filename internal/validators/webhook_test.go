package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func runString(v validator.String, s string) *validator.StringResponse {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(s)}, resp)
	return resp
}

func TestWebhookURL(t *testing.T) {
	for _, ok := range []string{"https://example.com/webhooks/leadterra", "HTTPS://Example.com", "https://hooks.example.com:8443/a?b=c"} {
		if d := runString(WebhookURL(), ok).Diagnostics; len(d) != 0 {
			t.Errorf("%q: want no diagnostic, got %v", ok, d)
		}
	}
	bad := map[string]string{
		"http://example.com/hook":  "uses http://",
		"ftp://example.com/hook":   "uses ftp://",
		"/webhooks/leadterra":      "not an absolute URL",
		"example.com/hook":         "not an absolute URL",
		"https:///hook":            "no host name",
		"":                         "empty",
		"https://example.com/a b":  "whitespace",
		"https://example.com/\n":   "whitespace",
		"https://exa mple.com/x%z": "whitespace",
	}
	for in, want := range bad {
		d := runString(WebhookURL(), in).Diagnostics
		if !d.HasError() || !strings.Contains(d[0].Detail(), want) || d[0].Summary() != "Invalid webhook URL" {
			t.Errorf("%q: want an error containing %q, got %v", in, want, d)
		}
	}
	for _, local := range []string{"https://localhost/h", "https://127.0.0.1/h", "https://10.1.2.3/h", "https://[::1]/h", "https://box.local/h", "https://api.localhost/h"} {
		d := runString(WebhookURL(), local).Diagnostics
		if d.HasError() || d.WarningsCount() != 1 || !strings.Contains(d[0].Detail(), "cannot reach") {
			t.Errorf("%q: want one reachability warning, got %v", local, d)
		}
	}
	if d := runString(WebhookURL(), "https://8.8.8.8/h").Diagnostics; len(d) != 0 {
		t.Errorf("a public IP needs no warning, got %v", d)
	}
}

func TestWebhookEvent(t *testing.T) {
	for _, ok := range []string{"campaign.started", "message.sent", "message.bounced", "reply.received"} {
		if d := runString(WebhookEvent(), ok).Diagnostics; len(d) != 0 {
			t.Errorf("%q: want valid, got %v", ok, d)
		}
	}
	d := runString(WebhookEvent(), "message.opened").Diagnostics
	if !d.HasError() || !strings.Contains(d[0].Detail(), `"message.opened" is not a Leadterra webhook event`) || !strings.Contains(d[0].Detail(), "reply.received") {
		t.Errorf("unknown event: %v", d)
	}
	d = runString(WebhookEvent(), "Reply.Received").Diagnostics
	if !d.HasError() || !strings.Contains(d[0].Detail(), `did you mean "reply.received"`) {
		t.Errorf("case slip: %v", d)
	}
	null := &validator.StringResponse{}
	WebhookEvent().ValidateString(context.Background(), validator.StringRequest{ConfigValue: types.StringUnknown()}, null)
	if len(null.Diagnostics) != 0 {
		t.Error("unknown values are checked at apply, not plan")
	}
}
