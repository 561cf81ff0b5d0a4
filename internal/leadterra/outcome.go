package leadterra

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
)

// A create is the one request that repeating can make twice: the documented
// API has no idempotency keys, so a server may ignore the key we send. A
// create is therefore retried only where the server surely did not act (a
// 429, or a connection that failed before anything was sent); any other
// failure after sending becomes an OutcomeUnknownError, and the caller
// decides how to find out (see the provider's create_unknown_outcome.go).

// OutcomeUnknownError is a create whose answer was lost after the request
// was sent (a 5xx, a reset or timeout, an answer cut short, a cancelled run):
// the server may have acted. Err is the underlying failure.
type OutcomeUnknownError struct {
	Method, Path string
	Err          error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%s %s: the answer was lost, so the request may have been carried out: %v", e.Method, e.Path, e.Err)
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// IsOutcomeUnknown reports whether err is a create that may have acted.
func IsOutcomeUnknown(err error) bool {
	var e *OutcomeUnknownError
	return errors.As(err, &e)
}

// retryCreate is checkRetry for a request that repeating could make act
// twice: only a 429 (the server refused before acting) or a connection that
// failed before the request left us.
func retryCreate(resp *http.Response, err error) bool {
	if err != nil {
		return sentNothing(err)
	}
	return resp.StatusCode == http.StatusTooManyRequests
}

// sentNothing reports a failure to connect (refused, unreachable, DNS): no
// byte of the request reached a server.
func sentNothing(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// createOutcome classifies the failure of a create: an answer the server
// gave before acting (4xx, 501) or a connection never made stays as is;
// anything else may have acted.
func createOutcome(req request, err error) error {
	// A refused redirect (RedirectError) is an answer the server gave
	// instead of acting: it falls through to the default case.
	if err == nil || IsOutcomeUnknown(err) {
		return err
	}
	var apiErr *APIError
	var transportErr *TransportError
	switch {
	case errors.As(err, &apiErr):
		if apiErr.StatusCode < 500 || apiErr.StatusCode == http.StatusNotImplemented {
			return err
		}
	case errors.As(err, &transportErr) && !transportErr.Unknown:
		return err
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.As(err, &transportErr):
	default:
		var decodeErr *DecodeError
		if !errors.As(err, &decodeErr) { // a body cut short is a DecodeError
			return err
		}
	}
	return &OutcomeUnknownError{Method: req.method, Path: req.path, Err: err}
}

// CreateAttempts is how many times a caller may send a create again after
// proving that a lost answer created nothing: the retry budget, at least 3.
func (c *Client) CreateAttempts() int { return max(3, c.maxRetries+1) }
