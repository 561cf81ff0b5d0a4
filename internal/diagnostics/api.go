// Package diagnostics turns Leadterra client errors into Terraform
// diagnostics that say what failed, on which object, why, and what to do.
// Every read and write of the provider reports API failures through here.
// No diagnostic ever carries the API key.
package diagnostics

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// KeyEnvVar is the environment variable the docs recommend for the key.
const KeyEnvVar = "LEADTERRA_API_KEY"

// keysPage is where a new key is made.
const keysPage = "app.leadterra.co → Settings → API Keys"

// Op names the failed operation: Action is a verb phrase ("create",
// "read", "list sender pools"), Object the target (`campaign "camp_1"`).
// The optional fields add what only the caller knows; every one is placed
// before the request reference, which stays last.
type Op struct {
	Action string
	Object string
	// Items names, in order, what the request body carried (the addresses
	// of a lead batch), and ItemKind what they are ("leads"): the entries of
	// a 422's errors array, which may give only an index, are then listed
	// by name.
	Items    []string
	ItemKind string
	// Hint is a closing paragraph: what went through before the failure,
	// what is safe to do next.
	Hint string
}

func (o Op) what() string {
	if o.Object == "" {
		return o.Action
	}
	return o.Action + " " + o.Object
}

// FromError builds the error diagnostic for a failed API call.
func FromError(op Op, err error) diag.Diagnostic {
	summary, detail := describe(op, err)
	return diag.NewErrorDiagnostic(summary, detail)
}

// Add appends FromError to diags.
func Add(diags *diag.Diagnostics, op Op, err error) {
	diags.Append(FromError(op, err))
}

// describe is explain, then the caller's hint, then the request reference.
func describe(op Op, err error) (string, string) {
	summary, detail := explain(op, err)
	if op.Hint != "" {
		detail += "\n\n" + op.Hint
	}
	if e, ok := asAPIError(err); ok {
		detail += reference(e)
	}
	return summary, detail
}

func explain(op Op, err error) (string, string) {
	var apiErr *leadterra.APIError
	var notOffered *leadterra.NotOfferedError
	var decodeErr *leadterra.DecodeError
	var transportErr *leadterra.TransportError
	var redirect *leadterra.RedirectError
	var tooLarge *leadterra.TooLargeError
	switch {
	case leadterra.IsOutcomeUnknown(err): // before the timeout cases: see outcome.go
		return describeOutcomeUnknown(op, err)
	case errors.Is(err, context.Canceled):
		return "Leadterra request cancelled", fmt.Sprintf("Could not %s: the run was cancelled before the Leadterra API answered.", op.what())
	case errors.Is(err, context.DeadlineExceeded):
		return "Leadterra request timed out", fmt.Sprintf("Could not %s: the Leadterra API did not answer in time. Raise request_timeout in the provider block, or try again later.", op.what())
	case errors.As(err, &apiErr):
		return describeAPI(op, apiErr)
	case errors.As(err, &redirect):
		return "Leadterra API answered with a redirect", fmt.Sprintf("Could not %s: %s.", op.what(), redirect.Error())
	case errors.As(err, &tooLarge):
		return "Leadterra API response too large", fmt.Sprintf("Could not %s: %s. Please report this to the provider maintainers with the request id.", op.what(), tooLarge.Error())
	case errors.As(err, &notOffered):
		return "Leadterra cannot " + op.what(), fmt.Sprintf("Could not %s: this Leadterra API does not offer %s (it is not in the documented API).", op.what(), notOffered.Capability)
	case errors.As(err, &decodeErr):
		return "Unexpected response from the Leadterra API", fmt.Sprintf("Could not %s: %s. The API may have changed its response format; please report this to the provider maintainers with the request id.", op.what(), decodeErr.Error())
	case errors.As(err, &transportErr):
		detail := fmt.Sprintf("Could not %s: %s %s got no complete answer: %v.", op.what(), transportErr.Method, transportErr.Path, transportErr.Err)
		if transportErr.Unknown {
			detail += " The request may have been carried out before the connection failed. Check the Leadterra dashboard before applying again, so that nothing is created twice."
		} else {
			detail += " Check network access to the Leadterra API (base_url) and try again."
		}
		return "Could not reach the Leadterra API", detail
	default:
		return "Leadterra API call failed", fmt.Sprintf("Could not %s: %v", op.what(), err)
	}
}

func describeAPI(op Op, e *leadterra.APIError) (string, string) {
	switch {
	case e.StatusCode == http.StatusUnauthorized:
		return "Leadterra rejected the API key (HTTP 401)", fmt.Sprintf(
			"Could not %s: the Leadterra API answered 401%s. The key is missing, malformed, revoked, or carries stray whitespace from copy-paste.\n\n"+
				"Set the provider's api_key argument or the %s environment variable to a valid key; create a new one at %s if it was revoked.",
			op.what(), codeSuffix(e), KeyEnvVar, keysPage)
	case e.StatusCode == http.StatusForbidden:
		return "Leadterra API key lacks permission (HTTP 403)", fmt.Sprintf(
			"Could not %s: the key is valid, but Leadterra does not allow it to do this (HTTP 403%s). It may belong to another workspace or be a restricted (read-only) key.\n\n"+
				"Use a key of this workspace with write access (%s), or ask a workspace admin to grant it.",
			op.what(), codeSuffix(e), keysPage)
	case leadterra.IsWorkspaceNotFound(e):
		return "No Leadterra workspace for this API key", fmt.Sprintf(
			"Could not %s: Leadterra answered 404 workspace_not_found: no workspace is associated with the key. The workspace may have been deleted, or the key belongs to an environment this base_url does not serve.\n\n"+
				"Check base_url and use a key created in the workspace you mean (%s).", op.what(), keysPage)
	case e.StatusCode == http.StatusTooManyRequests:
		why := "the API kept answering 429 after the provider's retries."
		if e.WaitRefused > 0 {
			why = fmt.Sprintf("the API answered 429 and %s, so the provider stopped at once instead of retrying; run again after that wait.", e.WaitNote())
		} else if e.RetryAfter > 0 {
			why += fmt.Sprintf(" It asked to wait %s.", e.RetryAfter.Round(1e9))
		}
		return "Leadterra rate limit reached (HTTP 429)", fmt.Sprintf(
			"Could not %s: %s\n\n"+
				"Lower Terraform's -parallelism, set requests_per_second in the provider block, or raise max_retries.", op.what(), why)
	case e.StatusCode >= 500 && e.WaitRefused > 0:
		return fmt.Sprintf("Leadterra API server error (HTTP %d)", e.StatusCode), fmt.Sprintf(
			"Could not %s: %s %s failed on the server side: %s; %s, so the provider stopped at once instead of retrying.\n\nRun again after that wait.",
			op.what(), e.Method, e.Path, message(e), e.WaitNote())
	case e.StatusCode >= 500:
		return fmt.Sprintf("Leadterra API server error (HTTP %d)", e.StatusCode), fmt.Sprintf(
			"Could not %s: %s %s failed on the server side after the provider's retries: %s.\n\nTry again later; if it persists, contact Leadterra support with the request id.",
			op.what(), e.Method, e.Path, message(e))
	case e.StatusCode == http.StatusUnprocessableEntity && len(op.Items) > 0:
		bare := *e
		bare.Items = nil // listed below, by name
		return fmt.Sprintf("Leadterra API error (HTTP %d%s)", e.StatusCode, codeSuffix(e)), fmt.Sprintf(
			"Could not %s: %s %s answered %d: %s.\n\nThe API rejected these %s:\n%s\n\nFix or remove them in the configuration, then apply again.",
			op.what(), e.Method, e.Path, e.StatusCode, message(&bare), op.ItemKind, rejectedItems(e.Items, op.Items))
	default:
		return fmt.Sprintf("Leadterra API error (HTTP %d%s)", e.StatusCode, codeSuffix(e)), fmt.Sprintf(
			"Could not %s: %s %s answered %d: %s.", op.what(), e.Method, e.Path, e.StatusCode, message(e))
	}
}

func codeSuffix(e *leadterra.APIError) string {
	if e.Code == "" {
		return ""
	}
	return " " + e.Code
}

func message(e *leadterra.APIError) string {
	parts := []string{}
	if e.Code != "" {
		parts = append(parts, e.Code)
	}
	if e.Message != "" {
		parts = append(parts, e.Message)
	}
	for _, it := range e.Items {
		parts = append(parts, it.String())
	}
	if len(parts) == 0 {
		return http.StatusText(e.StatusCode)
	}
	return strings.Join(parts, "; ")
}

func asAPIError(err error) (*leadterra.APIError, bool) {
	var e *leadterra.APIError
	ok := errors.As(err, &e)
	return e, ok
}

func reference(e *leadterra.APIError) string {
	s := fmt.Sprintf("\n\nRequest: %s %s", e.Method, e.Path)
	if e.RequestID != "" {
		s += fmt.Sprintf(" (request id %s)", e.RequestID)
	}
	return s
}
