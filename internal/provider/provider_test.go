package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

var providerConfigType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"api_key": tftypes.String, "base_url": tftypes.String, "max_retries": tftypes.Number,
	"request_timeout": tftypes.String, "requests_per_second": tftypes.Number,
}}

// providerConfigValue is the provider block holding attrs, every other
// attribute null, as the protocol carries it.
func providerConfigValue(t *testing.T, attrs map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	vals := map[string]tftypes.Value{}
	for name, typ := range providerConfigType.AttributeTypes {
		vals[name] = tftypes.NewValue(typ, nil)
	}
	for k, v := range attrs {
		vals[k] = v
	}
	cfg, err := tfprotov6.NewDynamicValue(providerConfigType, tftypes.NewValue(providerConfigType, vals))
	if err != nil {
		t.Fatal(err)
	}
	return &cfg
}

// configureProvider runs ConfigureProvider at the protocol level, where
// warnings are visible (the testing framework only surfaces errors).
func configureProvider(t *testing.T, attrs map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	server, err := NewServer(New("test")())
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.5.7", Config: providerConfigValue(t, attrs)})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func TestProviderConfigure_keyHandling(t *testing.T) {
	t.Setenv(EnvAPIKey, "")
	t.Setenv(EnvBaseURL, "")
	const secret = "sk_test_SECRETVALUE123"
	for _, tc := range []struct {
		name     string
		attrs    map[string]tftypes.Value
		env      map[string]string
		severity tfprotov6.DiagnosticSeverity // 0: no diagnostic expected
		summary  string
		detail   string
	}{
		{name: "clean key", attrs: map[string]tftypes.Value{"api_key": str(secret)}},
		{name: "missing everywhere", severity: tfprotov6.DiagnosticSeverityError, summary: "Missing Leadterra API key", detail: "api_key.*LEADTERRA_API_KEY"},
		{name: "trailing newline in config", attrs: map[string]tftypes.Value{"api_key": str(secret + "\n")}, severity: tfprotov6.DiagnosticSeverityWarning, summary: "Trimmed whitespace", detail: "api_key argument"},
		{name: "trailing newline in env", env: map[string]string{EnvAPIKey: "  " + secret + "\r\n"}, severity: tfprotov6.DiagnosticSeverityWarning, summary: "Trimmed whitespace", detail: "LEADTERRA_API_KEY environment variable"},
		{name: "inner whitespace", attrs: map[string]tftypes.Value{"api_key": str("sk_test_SECRET VALUE123")}, severity: tfprotov6.DiagnosticSeverityError, summary: "Malformed Leadterra API key", detail: "whitespace inside"},
		{name: "only whitespace", attrs: map[string]tftypes.Value{"api_key": str(" \n")}, severity: tfprotov6.DiagnosticSeverityError, summary: "Empty Leadterra API key"},
		{name: "unknown prefix", attrs: map[string]tftypes.Value{"api_key": str("pk_SECRETVALUE123")}, severity: tfprotov6.DiagnosticSeverityWarning, summary: "Unexpected Leadterra API key prefix", detail: "sk_live_.*sk_test_"},
		{name: "http to remote host", attrs: map[string]tftypes.Value{"api_key": str(secret), "base_url": str("http://api.example.com")}, severity: tfprotov6.DiagnosticSeverityError, summary: "Invalid Leadterra base_url", detail: "unencrypted"},
		{name: "http to loopback", attrs: map[string]tftypes.Value{"api_key": str(secret), "base_url": str("http://127.0.0.1:8787")}},
		{name: "relative base_url", attrs: map[string]tftypes.Value{"api_key": str(secret), "base_url": str("app.leadterra.co")}, severity: tfprotov6.DiagnosticSeverityError, summary: "Invalid Leadterra base_url"},
		{name: "bad timeout", attrs: map[string]tftypes.Value{"api_key": str(secret), "request_timeout": str("soon")}, severity: tfprotov6.DiagnosticSeverityError, summary: "Invalid request_timeout"},
		{name: "bad retries env", attrs: map[string]tftypes.Value{"api_key": str(secret)}, env: map[string]string{EnvMaxRetries: "many"}, severity: tfprotov6.DiagnosticSeverityError, summary: "Invalid LEADTERRA_MAX_RETRIES"},
		{name: "unknown key at plan time", attrs: map[string]tftypes.Value{"api_key": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			diags := configureProvider(t, tc.attrs)
			for _, d := range diags {
				if strings.Contains(d.Summary+d.Detail, "SECRET") {
					t.Errorf("diagnostic repeats the key: %s: %s", d.Summary, d.Detail)
				}
			}
			if tc.severity == 0 {
				if len(diags) != 0 {
					t.Fatalf("want no diagnostics, got %q: %q", diags[0].Summary, diags[0].Detail)
				}
				return
			}
			if len(diags) != 1 {
				t.Fatalf("want 1 diagnostic, got %d: %+v", len(diags), diags)
			}
			d := diags[0]
			if d.Severity != tc.severity || !strings.Contains(d.Summary, tc.summary) || !regexp.MustCompile(tc.detail).MatchString(d.Detail) {
				t.Fatalf("got %v %q: %q", d.Severity, d.Summary, d.Detail)
			}
			if d.Attribute == nil {
				t.Fatalf("diagnostic %q names no attribute", d.Summary)
			}
		})
	}
}

func TestProviderUserAgent(t *testing.T) {
	ua := userAgent("1.2.3", "1.5.7")
	for _, want := range []string{"terraform-provider-leadterra/1.2.3", "terraform-plugin-framework", "Terraform/1.5.7"} {
		if !strings.Contains(ua, want) {
			t.Errorf("user agent %q lacks %q", ua, want)
		}
	}
}

// TestAccProvider_keyWithTrailingNewline: a key pasted with a newline works
// through a real CLI.
func TestAccProvider_keyWithTrailingNewline(t *testing.T) {
	env := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.configWithKey(env.Key+"\n", `data "leadterra_sender_pools" "all" {}`),
			Check:  resource.TestCheckResourceAttrSet("data.leadterra_sender_pools.all", "pools.#"),
		}},
	})
}

func TestAccProvider_badConfig(t *testing.T) {
	env := newTestEnv(t)
	ds := `data "leadterra_sender_pools" "all" {}`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.configWithKey("sk_test_broken key", ds),
				ExpectError: errorRe("Malformed Leadterra API key", "whitespace inside it"),
			},
			{
				Config:      "provider \"leadterra\" {\n api_key = \"sk_test_x\"\n base_url = \"http://api.example.com\"\n}\n" + ds,
				ExpectError: errorRe("Invalid Leadterra base_url", "plain http", "not loopback"),
			},
		},
	})
}

// TestAccProvider_unknownKeyAtPlan: a key produced by another resource is
// unknown at plan time. A data source that waits for it (depends_on) is
// read at apply; one that does not gets a clear error, never a crash.
func TestAccProvider_unknownKeyAtPlan(t *testing.T) {
	env := newTestEnv(t)
	provider := func(extra string) string {
		return `
resource "terraform_data" "key" {
  input = "` + env.Key + `"
}

provider "leadterra" {
  api_key  = terraform_data.key.output
  base_url = "` + env.BaseURL + `"
}

data "leadterra_sender_pools" "all" {
` + extra + `
}
`
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider(""),
				ExpectError: errorRe("configuration is not known yet", "api_key or base_url depends on a value known only after apply"),
			},
			{
				Config: provider("depends_on = [terraform_data.key]"),
				Check:  resource.TestCheckResourceAttrSet("data.leadterra_sender_pools.all", "pools.#"),
			},
		},
	})
}

// TestAccProvider_missingKey runs without parallelism: it clears the key
// environment variable for the whole process.
func TestAccProvider_missingKey(t *testing.T) {
	env := newTestEnv(t)
	env.requireSandbox(t)
	t.Setenv(EnvAPIKey, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      "provider \"leadterra\" {\n base_url = \"" + env.BaseURL + "\"\n}\ndata \"leadterra_sender_pools\" \"all\" {}\n",
			ExpectError: errorRe("Missing Leadterra API key", "api_key argument", "LEADTERRA_API_KEY environment variable"),
		}},
	})
}
