package leadterra

import (
	"fmt"
	"net/url"
)

// RedirectError is a 3xx answer. No redirect is followed: none is
// documented, and following one could re-send the key elsewhere.
type RedirectError struct {
	Method, Path string
	StatusCode   int
	// Location is where the server pointed, without userinfo, query or
	// fragment.
	Location string
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s %s: the API answered HTTP %d redirecting to %s; the provider follows no redirect, so the API key was not sent there. Check base_url (https, host and port of the API root)",
		e.Method, e.Path, e.StatusCode, e.Location)
}

// redactURL resolves a Location header against the request URL and
// keeps only scheme://host[:port]/path.
func redactURL(from *url.URL, location string) string {
	u, err := from.Parse(location)
	if err != nil {
		return "an unreadable location"
	}
	return redactedURL(u)
}

// TooLargeError is a 2xx answer longer than the client reads. It is not
// retried: the same request would get the same answer.
type TooLargeError struct {
	Method, Path string
	Limit        int
	RequestID    string
}

func (e *TooLargeError) Error() string {
	limit := fmt.Sprintf("%d bytes", e.Limit)
	if e.Limit >= 1<<20 {
		limit = fmt.Sprintf("%d MB", e.Limit>>20)
	}
	s := fmt.Sprintf("%s %s: response too large (over %s); the provider reads at most that much of one answer", e.Method, e.Path, limit)
	if e.RequestID != "" {
		s += fmt.Sprintf(" (request id %s)", e.RequestID)
	}
	return s
}
