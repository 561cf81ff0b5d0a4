package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// The provider block's own checks run at validate and plan time, before
// Configure; Configure repeats them for values read from the environment.

// baseURLValidator applies leadterra.ParseBaseURL, whose errors never
// repeat userinfo, a query or a fragment.
type baseURLValidator struct{}

func (baseURLValidator) Description(context.Context) string {
	return "must be the https root URL of the API (http only to localhost or a loopback IP), without credentials, query, fragment or a trailing /v1"
}

func (v baseURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (baseURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := leadterra.ParseBaseURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Leadterra base_url", baseURLAdvice(err, "base_url"))
	}
}

func baseURLAdvice(err error, source string) string {
	return fmt.Sprintf("%s (from %s). Set it to the API root, for example %s.", err, source, leadterra.DefaultBaseURL)
}

// requestsPerSecondValidator applies leadterra.CheckRequestsPerSecond.
type requestsPerSecondValidator struct{}

func (requestsPerSecondValidator) Description(context.Context) string {
	return fmt.Sprintf("must be 0 (no limit) or at least %g", leadterra.MinRequestsPerSecond)
}

func (v requestsPerSecondValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (requestsPerSecondValidator) ValidateFloat64(_ context.Context, req validator.Float64Request, resp *validator.Float64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := leadterra.CheckRequestsPerSecond(req.ConfigValue.ValueFloat64()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid requests_per_second", err.Error()+".")
	}
}
