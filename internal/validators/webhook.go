package validators

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// WebhookURL checks a webhook endpoint at plan time: an absolute https://
// URL with a host, as the webhooks page requires (plain http is rejected by
// the API). Hosts that cannot be reached from the internet get a warning,
// since the guide says the endpoint must be publicly reachable.
func WebhookURL() validator.String { return webhookURLValidator{} }

type webhookURLValidator struct{}

func (webhookURLValidator) Description(context.Context) string {
	return "must be an absolute https:// URL, such as https://example.com/webhooks/leadterra"
}

func (v webhookURLValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (webhookURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	raw := req.ConfigValue.ValueString()
	if problem := WebhookURLProblem(raw); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid webhook URL", problem)
		return
	}
	u, _ := url.Parse(raw)
	if privateHost(u.Hostname()) {
		resp.Diagnostics.AddAttributeWarning(req.Path, "Webhook URL is not publicly reachable",
			fmt.Sprintf("%q points at a local or private address. Leadterra delivers events from the internet, so it cannot reach this endpoint; use a public https URL (a tunnel works for testing).", raw))
	}
}

// WebhookURLProblem returns why raw cannot be a webhook endpoint, or "".
func WebhookURLProblem(raw string) string {
	q := fmt.Sprintf("%q", raw)
	if strings.TrimSpace(raw) == "" {
		return "The URL is empty. Give the https:// address Leadterra should deliver events to, such as https://example.com/webhooks/leadterra."
	}
	if strings.IndexFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return q + " contains whitespace or a control character; remove it."
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return fmt.Sprintf("%s is not a valid URL: %v.", q, err)
	case !u.IsAbs():
		return q + " is not an absolute URL. Give the full https:// address Leadterra should deliver events to, such as https://example.com/webhooks/leadterra."
	case u.Scheme != "https":
		return fmt.Sprintf("%s uses %s://. Leadterra delivers webhooks only to https:// endpoints and rejects plain http; use an https URL.", q, u.Scheme)
	case u.Hostname() == "":
		return q + " has no host name; an endpoint looks like https://example.com/webhooks/leadterra."
	}
	return ""
}

// privateHost reports hosts the internet cannot reach: localhost, loopback
// and private or link-local IP literals, and .local or .internal names.
func privateHost(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if leadterra.IsLoopbackHost(h) || strings.HasSuffix(h, ".localhost") || strings.HasSuffix(h, ".local") || strings.HasSuffix(h, ".internal") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && (ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified())
}

// WebhookEvent checks one event name against the documented list.
func WebhookEvent() validator.String { return webhookEventValidator{} }

type webhookEventValidator struct{}

func (webhookEventValidator) Description(context.Context) string {
	return "must be one of " + strings.Join(leadterra.WebhookEvents, ", ")
}

func (v webhookEventValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (webhookEventValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	ev := req.ConfigValue.ValueString()
	if slices.Contains(leadterra.WebhookEvents, ev) {
		return
	}
	hint := ""
	for _, known := range leadterra.WebhookEvents {
		if strings.EqualFold(known, strings.TrimSpace(ev)) {
			hint = fmt.Sprintf(" Event names are lower case, without spaces: did you mean %q?", known)
		}
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Unknown webhook event",
		fmt.Sprintf("%q is not a Leadterra webhook event. The events are: %s.%s", ev, strings.Join(leadterra.WebhookEvents, ", "), hint))
}
