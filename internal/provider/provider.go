// Package provider implements the Leadterra Terraform provider on the
// plugin framework. API access goes through internal/leadterra; failures are
// reported through internal/diagnostics.
package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/leadterra/leadterra"

// Environment variables read when the provider block leaves an argument unset.
const (
	EnvAPIKey            = diagnostics.KeyEnvVar
	EnvBaseURL           = "LEADTERRA_BASE_URL"
	EnvMaxRetries        = "LEADTERRA_MAX_RETRIES"
	EnvRequestTimeout    = "LEADTERRA_REQUEST_TIMEOUT"
	EnvRequestsPerSecond = "LEADTERRA_REQUESTS_PER_SECOND"
)

var (
	_ provider.Provider                  = (*leadterraProvider)(nil)
	_ provider.ProviderWithActions       = (*leadterraProvider)(nil)
	_ provider.ProviderWithFunctions     = (*leadterraProvider)(nil)
	_ provider.ProviderWithListResources = (*leadterraProvider)(nil)
)

type leadterraProvider struct {
	version string
	// getenv reads the LEADTERRA_* defaults: os.Getenv, except in tests
	// that give each in-process provider its own environment.
	getenv func(string) string
}

// New returns the provider factory for providerserver.
func New(version string) func() provider.Provider {
	return newWithEnv(version, os.Getenv)
}

// newWithEnv is New with the environment the provider reads its defaults from.
func newWithEnv(version string, getenv func(string) string) func() provider.Provider {
	return func() provider.Provider { return &leadterraProvider{version: version, getenv: getenv} }
}

type providerModel struct {
	APIKey            types.String  `tfsdk:"api_key"`
	BaseURL           types.String  `tfsdk:"base_url"`
	MaxRetries        types.Int64   `tfsdk:"max_retries"`
	RequestTimeout    types.String  `tfsdk:"request_timeout"`
	RequestsPerSecond types.Float64 `tfsdk:"requests_per_second"`
}

func (p *leadterraProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "leadterra"
	resp.Version = p.version
}

func (p *leadterraProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manage Leadterra outbound-email campaigns, leads, webhooks and suppression from Terraform and OpenTofu.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Leadterra API key, sent as `Authorization: Bearer …` on every request; it selects the workspace and is what the API rate-limits. `sk_live_…` keys act on the production workspace, `sk_test_…` keys on the sandbox workspace. Defaults to the `LEADTERRA_API_KEY` environment variable; one of the two must be set. Leading and trailing whitespace (such as the newline of a key read from a file) is trimmed with a warning; whitespace inside the key is an error. The key never appears in plans, state, diagnostics or logs.",
			},
			"base_url": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Root URL of the Leadterra API; requests go to paths under `/v1` of it, so the URL must not end in `/v1` itself. Defaults to the `LEADTERRA_BASE_URL` environment variable, else `" + leadterra.DefaultBaseURL + "`. Must be `https://`, except to `localhost` or a loopback IP literal (`127.0.0.1`, `[::1]`, such as the local sandbox), reached directly and never through an `HTTP_PROXY`, so that the key never crosses a network in clear. Must not carry credentials, a query or a fragment (errors never repeat them). No redirect is followed: the API documents none, and the key is never re-sent to another location.",
				Validators:          []validator.String{baseURLValidator{}},
			},
			"max_retries": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: fmt.Sprintf("How many times in all one request is retried, whatever the reasons: a rate limit (429), a server failure (5xx, except 501), and, only for a request that cannot act twice (reads, start, pause, lead upserts, suppression), a dropped connection or an answer cut short. A create (campaign, webhook) is retried only after a 429 or a refused connection: after a 5xx, a timeout or an answer lost otherwise, Terraform looks for what it may have created instead (see \"Creates whose answer is lost\" in the provider documentation). Retries wait the time the `Retry-After` header asks for, else use exponential backoff with jitter; a `Retry-After` longer than %d minutes fails the request at once with the requested wait in the error. Between 0 and 20; `0` disables retries. Defaults to the `%s` environment variable, else `%d`.", int(leadterra.DefaultMaxRetryAfter.Minutes()), EnvMaxRetries, leadterra.DefaultMaxRetries),
			},
			"request_timeout": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: fmt.Sprintf("Time limit of each HTTP attempt (every retry gets its own), as a Go duration such as `30s` or `2m`. Defaults to the `%s` environment variable, else `%ds`.", EnvRequestTimeout, int(leadterra.DefaultRequestTimeout.Seconds())),
			},
			"requests_per_second": schema.Float64Attribute{
				Optional:            true,
				MarkdownDescription: fmt.Sprintf("Client-side limit on requests per second, shared by every resource and data source using this provider configuration for the whole run, to stay under the API's per-key rate limit (Leadterra publishes no numbers). Without it the provider learns the limit from 429 answers (it waits as their `Retry-After` asks, then spaces requests at the rate that was getting through), so a single run needs no setting; set it when several runs or tools share the key. Requests are spaced evenly; fractions are allowed (`0.5` is one request every two seconds), down to `%g` (one request every %s); `0` means no limit. Defaults to the `%s` environment variable, else no limit.", leadterra.MinRequestsPerSecond, time.Duration(float64(time.Second)/leadterra.MinRequestsPerSecond), EnvRequestsPerSecond),
				Validators:          []validator.Float64{requestsPerSecondValidator{}},
			},
		},
	}
}

func (p *leadterraProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A value known only after apply (a key produced by another resource):
	// build no client now; reads keep state and data sources explain.
	if cfg.APIKey.IsUnknown() || cfg.BaseURL.IsUnknown() || cfg.MaxRetries.IsUnknown() || cfg.RequestTimeout.IsUnknown() || cfg.RequestsPerSecond.IsUnknown() {
		tflog.Debug(ctx, "provider configuration has unknown values; deferring client creation")
		data := &providerData{unknown: true}
		resp.DataSourceData, resp.ResourceData = data, data
		resp.ActionData, resp.ListResourceData = data, data
		return
	}

	key := p.apiKey(cfg, &resp.Diagnostics)
	baseURL, source := cfg.BaseURL.ValueString(), "the base_url argument"
	if cfg.BaseURL.IsNull() {
		baseURL, source = p.getenv(EnvBaseURL), "the "+EnvBaseURL+" environment variable"
	}
	if _, err := leadterra.ParseBaseURL(baseURL); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("base_url"), "Invalid Leadterra base_url", baseURLAdvice(err, source))
	}
	maxRetries := int64OrEnv(p.getenv, cfg.MaxRetries, EnvMaxRetries, "max_retries", &resp.Diagnostics)
	timeout := durationOrEnv(p.getenv, cfg.RequestTimeout, EnvRequestTimeout, "request_timeout", &resp.Diagnostics)
	rps := float64OrEnv(p.getenv, cfg.RequestsPerSecond, EnvRequestsPerSecond, "requests_per_second", &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if maxRetries == 0 && (!cfg.MaxRetries.IsNull() || p.getenv(EnvMaxRetries) != "") {
		maxRetries = -1 // an explicit 0 disables retries
	}

	client, err := leadterra.New(leadterra.Config{
		BaseURL:           baseURL,
		APIKey:            key,
		UserAgent:         userAgent(p.version, req.TerraformVersion),
		MaxRetries:        int(maxRetries),
		RequestTimeout:    timeout,
		RequestsPerSecond: rps,
		Logger:            newAPILogger(key),
	})
	if err != nil {
		resp.Diagnostics.AddError("Could not configure the Leadterra client", err.Error())
		return
	}
	tflog.Debug(ctx, "configured Leadterra client", map[string]any{"base_url": client.BaseURL(), "max_retries": maxRetries})
	data := &providerData{client: client}
	resp.DataSourceData, resp.ResourceData = data, data
	resp.ActionData, resp.ListResourceData = data, data
}

// apiKey resolves, trims and checks the key; it never repeats the key.
func (p *leadterraProvider) apiKey(cfg providerModel, diags *diag.Diagnostics) string {
	raw, source := cfg.APIKey.ValueString(), "the api_key argument"
	if cfg.APIKey.IsNull() {
		raw, source = p.getenv(EnvAPIKey), "the "+EnvAPIKey+" environment variable"
	}
	if raw == "" {
		diags.AddAttributeError(path.Root("api_key"), "Missing Leadterra API key",
			fmt.Sprintf("Set the api_key argument in the provider block or the %s environment variable. Create a key in the Leadterra dashboard under Settings → API Keys; use an sk_test_ key to try things safely.", EnvAPIKey))
		return ""
	}
	kc, err := leadterra.NormalizeAPIKey(raw)
	switch err {
	case nil:
	case leadterra.ErrKeyEmpty:
		diags.AddAttributeError(path.Root("api_key"), "Empty Leadterra API key",
			fmt.Sprintf("The key from %s is only whitespace. Set it to the key shown when you created it (Settings → API Keys).", source))
		return ""
	default:
		diags.AddAttributeError(path.Root("api_key"), "Malformed Leadterra API key",
			fmt.Sprintf("The key from %s has whitespace inside it, which no Leadterra key has; it was probably broken across lines when copied. Copy the key again in one piece.", source))
		return ""
	}
	if kc.Trimmed {
		diags.AddAttributeWarning(path.Root("api_key"), "Trimmed whitespace around the Leadterra API key",
			fmt.Sprintf("The key from %s started or ended with whitespace (often a newline from a file or `echo`), which the API would reject with 401. The provider removed it; remove it at the source to silence this warning.", source))
	}
	if kc.UnknownPrefix {
		diags.AddAttributeWarning(path.Root("api_key"), "Unexpected Leadterra API key prefix",
			fmt.Sprintf("Leadterra keys start with sk_live_ (production) or sk_test_ (sandbox); the key from %s starts with neither. If requests fail with 401, check that the whole key was copied.", source))
	}
	return kc.Key
}

func userAgent(version, terraformVersion string) string {
	ua := fmt.Sprintf("terraform-provider-leadterra/%s (+https://registry.terraform.io/providers/leadterra/leadterra) terraform-plugin-framework", version)
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua
}

func int64OrEnv(getenv func(string) string, v types.Int64, env, attr string, diags *diag.Diagnostics) int64 {
	n := v.ValueInt64()
	if v.IsNull() {
		s := getenv(env)
		if s == "" {
			return 0
		}
		parsed, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			diags.AddAttributeError(path.Root(attr), "Invalid "+env, fmt.Sprintf("%s must be a whole number, got %q.", env, s))
			return 0
		}
		n = parsed
	}
	if n < 0 || n > 20 {
		diags.AddAttributeError(path.Root(attr), "Invalid "+attr, fmt.Sprintf("%s must be between 0 and 20, got %d.", attr, n))
	}
	return n
}

func durationOrEnv(getenv func(string) string, v types.String, env, attr string, diags *diag.Diagnostics) time.Duration {
	s, source := v.ValueString(), attr
	if v.IsNull() {
		s, source = getenv(env), env
	}
	if s == "" {
		return 0
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		diags.AddAttributeError(path.Root(attr), "Invalid "+attr, fmt.Sprintf("%s must be a positive Go duration such as 30s or 2m, got %q.", source, s))
		return 0
	}
	return d
}

func float64OrEnv(getenv func(string) string, v types.Float64, env, attr string, diags *diag.Diagnostics) float64 {
	f, source := v.ValueFloat64(), "the "+attr+" argument"
	if v.IsNull() {
		source = "the " + env + " environment variable"
		s := getenv(env)
		if s == "" {
			return 0
		}
		parsed, err := strconv.ParseFloat(s, 64)
		if err != nil {
			diags.AddAttributeError(path.Root(attr), "Invalid "+env, fmt.Sprintf("%s must be a number, got %q.", env, s))
			return 0
		}
		f = parsed
	}
	if err := leadterra.CheckRequestsPerSecond(f); err != nil {
		diags.AddAttributeError(path.Root(attr), "Invalid "+attr, fmt.Sprintf("%s (from %s).", err, source))
		return 0
	}
	return f
}

func (p *leadterraProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewCampaignResource,
		NewCampaignLeadsResource,
		NewCampaignLaunchResource,
		NewWebhookResource,
		NewSuppressionListResource,
	}
}

func (p *leadterraProvider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{
		NewCampaignStartAction,
		NewCampaignPauseAction,
		NewReplyAssignAction,
	}
}

func (p *leadterraProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewSenderPoolsDataSource,
		NewSenderPoolDataSource,
		NewSenderAccountsDataSource,
		NewSenderAccountDataSource,
		NewCampaignStatsDataSource,
		NewCampaignDataSource,
		NewCampaignsDataSource,
		NewRepliesDataSource,
		NewSDRsDataSource,
		NewSDRGmailStatusDataSource,
		NewSDRInboxDataSource,
		NewSDRFollowupsDueDataSource,
	}
}

func (p *leadterraProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewCampaignListResource,
		NewWebhookListResource,
	}
}

func (p *leadterraProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		NewRenderTemplateFunction,
		NewTemplateTokensFunction,
	}
}
