package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// The secret planted in base_url by these tests; no diagnostic text may
// hold it.
const urlSecret = "sk_test_URLSECRETz9"

// providerDiags runs ValidateProviderConfig (the schema validators) and,
// if it passes, ConfigureProvider with getenv as the environment.
func providerDiags(t *testing.T, getenv func(string) string, attrs map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	cfg := providerConfigValue(t, attrs)
	server, err := NewServer(newWithEnv("test", getenv)())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	v, err := server.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Diagnostics) > 0 {
		return v.Diagnostics
	}
	c, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.5.7", Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	return c.Diagnostics
}

func TestProviderTransportSettings(t *testing.T) {
	num := func(f float64) tftypes.Value { return tftypes.NewValue(tftypes.Number, f) }
	key := str("sk_test_abc")
	for _, tc := range []struct {
		name   string
		attrs  map[string]tftypes.Value
		env    map[string]string
		detail string // "" means no diagnostic
	}{
		{"query in base_url", map[string]tftypes.Value{"api_key": key, "base_url": str("https://127.0.0.1:8443/?api_key=" + urlSecret)}, nil,
			`base_url "https://127.0.0.1:8443/" must not carry credentials, a query or a fragment.*from base_url`},
		{"userinfo in base_url", map[string]tftypes.Value{"api_key": key, "base_url": str("https://" + urlSecret + "@app.leadterra.co")}, nil, "must not carry credentials"},
		{"query in LEADTERRA_BASE_URL", map[string]tftypes.Value{"api_key": key}, map[string]string{EnvBaseURL: "https://app.leadterra.co/?k=" + urlSecret},
			"must not carry credentials.*from the LEADTERRA_BASE_URL environment variable"},
		{"unparsable base_url", map[string]tftypes.Value{"api_key": key, "base_url": str("https://app.leadterra.co:" + urlSecret + "/")}, nil, "not a valid URL"},
		{"api.localhost over http", map[string]tftypes.Value{"api_key": key, "base_url": str("http://api.localhost:8080")}, nil, "not loopback"},
		{"base_url ending in /v1", map[string]tftypes.Value{"api_key": key, "base_url": str("https://app.leadterra.co/v1/")}, nil, `ends in /v1.*drop it and use "https://app.leadterra.co"`},
		{"LEADTERRA_BASE_URL ending in /v1", map[string]tftypes.Value{"api_key": key}, map[string]string{EnvBaseURL: "http://127.0.0.1:8080/v1"}, `drop it and use "http://127.0.0.1:8080"`},
		{"requests_per_second far too low", map[string]tftypes.Value{"api_key": key, "requests_per_second": num(0.000000001)}, nil, "at least 0.1"},
		{"requests_per_second 0 is no limit", map[string]tftypes.Value{"api_key": key, "requests_per_second": num(0)}, nil, ""},
		{"requests_per_second 0.1", map[string]tftypes.Value{"api_key": key, "requests_per_second": num(0.1)}, nil, ""},
		{"LEADTERRA_REQUESTS_PER_SECOND too low", map[string]tftypes.Value{"api_key": key}, map[string]string{EnvRequestsPerSecond: "1e-9"}, "at least 0.1.*LEADTERRA_REQUESTS_PER_SECOND environment variable"},
		{"LEADTERRA_REQUESTS_PER_SECOND NaN", map[string]tftypes.Value{"api_key": key}, map[string]string{EnvRequestsPerSecond: "NaN"}, "at least 0.1"},
		{"LEADTERRA_REQUESTS_PER_SECOND Inf", map[string]tftypes.Value{"api_key": key}, map[string]string{EnvRequestsPerSecond: "+Inf"}, "at least 0.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diags := providerDiags(t, func(k string) string { return tc.env[k] }, tc.attrs)
			for _, d := range diags {
				if strings.Contains(d.Summary+d.Detail, "URLSECRET") {
					t.Errorf("diagnostic repeats the secret: %s: %s", d.Summary, d.Detail)
				}
			}
			if tc.detail == "" {
				if len(diags) != 0 {
					t.Fatalf("want no diagnostics, got %q: %q", diags[0].Summary, diags[0].Detail)
				}
				return
			}
			if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError || !regexp.MustCompile(tc.detail).MatchString(diags[0].Detail) {
				t.Fatalf("want one error matching %q, got %+v", tc.detail, diags)
			}
			if diags[0].Attribute == nil {
				t.Errorf("diagnostic %q names no attribute", diags[0].Summary)
			}
		})
	}
}

// onlyQuotedBySource fails when the secret appears in the CLI output other
// than in the CLI's own quote of the configuration line ("  3:   base_url
// = ..."), which no provider can prevent.
func onlyQuotedBySource(out string) error {
	quote := regexp.MustCompile(`^[\s│]*\d+:\s`)
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "URLSECRET") && !quote.MatchString(line) {
			return fmt.Errorf("the secret from base_url appears in the output: %q", line)
		}
	}
	return nil
}

// TestAccTransport_badProviderSettings: refused at plan time through the
// CLI, with the secret never repeated, and nothing written.
func TestAccTransport_badProviderSettings(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	ds := `data "leadterra_sender_pools" "p" {}`
	block := func(attrs string) string {
		return "provider \"leadterra\" {\n  api_key = \"" + env.Key + "\"\n" + attrs + "\n}\n" + ds
	}
	host := strings.TrimPrefix(env.BaseURL, "http://")
	var secretSteps int
	steps := []resource.TestStep{
		// A step with no ExpectError hands its error to ErrorCheck, which
		// can look for what must not be there.
		{Config: block(`  base_url = "https://` + host + `/?api_key=` + urlSecret + `"`)},
		{Config: block(`  base_url = "http://api.localhost:` + strings.Split(host, ":")[1] + `"`), ExpectError: errorRe("Invalid Leadterra base_url", "not loopback")},
		{Config: block(`  base_url = "` + env.BaseURL + `/v1"`), ExpectError: errorRe("Invalid Leadterra base_url", "ends in /v1", "drop it and use", env.BaseURL)},
		{Config: block(`  base_url = "` + env.BaseURL + `"` + "\n  requests_per_second = 0.000000001"), ExpectError: errorRe("Invalid requests_per_second", "at least 0.1")},
		{Config: env.config(`
resource "leadterra_campaign_leads" "l" {
  campaign_id = "camp_123"
  leads       = { "ava\u200b@example.com" = {} }
}`), ExpectError: errorRe("Invalid email address", "invisible character U+200B at position 4")},
		{Config: env.config(`
resource "leadterra_suppression_list" "s" {
  emails = ["\ufeffnobody@example.com"]
}`), ExpectError: errorRe("invisible character U+FEFF at position 1")},
		{
			Config: env.config(ds),
			Check: func(*terraform.State) error {
				if n := env.Sandbox.TotalWrites(); n != 0 {
					return fmt.Errorf("bad settings caused %d API writes: %v", n, env.Sandbox.RequestCounts())
				}
				return nil
			},
		},
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		ErrorCheck: func(err error) error {
			if !errorRe("Invalid Leadterra base_url", "must not carry credentials, a query or a fragment").MatchString(err.Error()) {
				return err
			}
			if leak := onlyQuotedBySource(err.Error()); leak != nil {
				return leak
			}
			secretSteps++
			return nil
		},
		Steps: steps,
	})
	if secretSteps != 1 {
		t.Errorf("the base_url with a query was refused %d times, want 1", secretSteps)
	}
}

// TestAccTransport_secretInBaseURLFromEnv: the same through
// LEADTERRA_BASE_URL, which no configuration line quotes: the secret must
// appear nowhere in the CLI output.
func TestAccTransport_secretInBaseURLFromEnv(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	host := strings.TrimPrefix(env.BaseURL, "http://")
	getenv := func(k string) string {
		if k == EnvBaseURL {
			return "https://" + host + "/?api_key=" + urlSecret
		}
		return ""
	}
	var refused bool
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"leadterra": ServerFactory(newWithEnv("test", getenv)),
		},
		ErrorCheck: func(err error) error {
			if strings.Contains(err.Error(), "URLSECRET") {
				return fmt.Errorf("the secret from LEADTERRA_BASE_URL appears in the output:\n%s", err)
			}
			if !errorRe("Invalid Leadterra base_url", "must not carry credentials", "LEADTERRA_BASE_URL environment variable").MatchString(err.Error()) {
				return err
			}
			refused = true
			return nil
		},
		Steps: []resource.TestStep{{
			Config: "provider \"leadterra\" {\n  api_key = \"" + env.Key + "\"\n}\ndata \"leadterra_sender_pools\" \"p\" {}\n",
		}},
	})
	if !refused {
		t.Error("LEADTERRA_BASE_URL with a query was not refused")
	}
	if n := env.Sandbox.TotalRequests(); n != 0 {
		t.Errorf("%d requests reached the API", n)
	}
}
