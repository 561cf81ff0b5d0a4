package leadterra

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// APIError is a non-2xx answer from the API.
type APIError struct {
	StatusCode int
	// Code is the API's machine-readable code (authentication_failed,
	// campaign_not_found, …) when the body carries one.
	Code    string
	Message string
	// Items are the entries of an `errors` array (422 on leads and
	// suppression), parsed defensively since their shape is undocumented.
	Items      []ErrorItem
	RequestID  string
	RetryAfter time.Duration
	// WaitRefused is the client's longest wait when RetryAfter asked for
	// more: the request failed at once instead of waiting.
	WaitRefused time.Duration
	Method      string
	Path        string
	// NonJSON is set when the body was not JSON (an HTML page from a proxy).
	NonJSON bool
}

// WaitNote says how long the API asked to wait when that was more than the
// client waits, else "".
func (e *APIError) WaitNote() string {
	if e.WaitRefused <= 0 {
		return ""
	}
	return fmt.Sprintf("the API asked to wait %s, more than the %s the provider waits", roundWait(e.RetryAfter), roundWait(e.WaitRefused))
}

func roundWait(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}

// ErrorItem is one entry of an error body's `errors` array.
type ErrorItem struct {
	Index   int // -1 when the item names no index
	Email   string
	Field   string
	Code    string
	Message string
}

func (i ErrorItem) String() string {
	var parts []string
	if i.Index >= 0 {
		parts = append(parts, fmt.Sprintf("item %d", i.Index))
	}
	if i.Email != "" {
		parts = append(parts, i.Email)
	}
	if i.Field != "" {
		parts = append(parts, "field "+i.Field)
	}
	msg := i.Message
	if msg == "" {
		msg = i.Code
	}
	if len(parts) == 0 {
		return msg
	}
	return strings.Join(parts, ", ") + ": " + msg
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: HTTP %d", e.Method, e.Path, e.StatusCode)
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	for _, it := range e.Items {
		fmt.Fprintf(&b, "; %s", it)
	}
	if e.WaitRefused > 0 {
		fmt.Fprintf(&b, "; %s", e.WaitNote())
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request id %s)", e.RequestID)
	}
	return b.String()
}

// ErrNotOffered reports that the API does not offer an undocumented
// completion endpoint (DESIGN.md, "Completions and fallbacks").
var ErrNotOffered = errors.New("not offered by this Leadterra API")

// NotOfferedError names the capability that is missing.
type NotOfferedError struct {
	Capability string // e.g. "GET /v1/campaigns/:id"
}

func (e *NotOfferedError) Error() string {
	return fmt.Sprintf("the Leadterra API does not offer %s", e.Capability)
}

func (e *NotOfferedError) Unwrap() error { return ErrNotOffered }

// DecodeError is a 2xx answer whose body could not be read as any documented
// shape. It never carries the body: it may hold personal data.
type DecodeError struct {
	Method, Path string
	RequestID    string
	Err          error
}

func (e *DecodeError) Error() string {
	s := fmt.Sprintf("%s %s: the response body is not in any documented shape: %v", e.Method, e.Path, e.Err)
	if e.RequestID != "" {
		s += fmt.Sprintf(" (request id %s)", e.RequestID)
	}
	return s
}

func (e *DecodeError) Unwrap() error { return e.Err }

func asAPIError(err error) (*APIError, bool) {
	var apiErr *APIError
	ok := errors.As(err, &apiErr)
	return apiErr, ok
}

func hasStatus(err error, status int) bool {
	e, ok := asAPIError(err)
	return ok && e.StatusCode == status
}

// IsUnauthorized: the key is missing, malformed, invalid or revoked.
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsForbidden: the key is valid but lacks permission.
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// IsNotFound is any 404. Alone it never proves an object gone: use
// IsObjectNotFound for that.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsRateLimited: HTTP 429.
func IsRateLimited(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

// IsWorkspaceNotFound: no workspace is associated with the key.
func IsWorkspaceNotFound(err error) bool { return HasCode(err, "workspace_not_found") }

// IsNotOffered: an undocumented completion endpoint is missing.
func IsNotOffered(err error) bool { return errors.Is(err, ErrNotOffered) }

// IsObjectNotFound reports a documented `…_not_found` answer
// (campaign_not_found, webhook_not_found), which does prove the object gone.
func IsObjectNotFound(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.StatusCode == http.StatusNotFound && strings.HasSuffix(e.Code, "_not_found") && e.Code != "workspace_not_found" && e.Code != "not_found"
}

// ErrorCode is how callers outside this package ask what the API answered:
// the HTTP status and the API's code ("" when the body carried none), or
// 0 and "" when err is not an answer from the API (a transport, decode or
// not-offered error).
func ErrorCode(err error) (status int, code string) {
	if e, ok := asAPIError(err); ok {
		return e.StatusCode, e.Code
	}
	return 0, ""
}

// LogFields describes err for a structured log line without the API's
// message or error items: a 422's items name the leads it rejected.
func LogFields(err error) map[string]any {
	if e, ok := asAPIError(err); ok {
		return map[string]any{"http_method": e.Method, "http_path": e.Path, "http_status": e.StatusCode, "error_code": e.Code, "request_id": e.RequestID}
	}
	return map[string]any{"error": err.Error()}
}

// HasCode reports an APIError with the given API code.
func HasCode(err error, code string) bool {
	e, ok := asAPIError(err)
	return ok && e.Code == code
}

// routeMissing reports the answers that mean "this route does not exist"
// rather than "this object does not exist": 405, 501, and a 404 that names
// no object (DESIGN.md, "Completions and fallbacks").
func routeMissing(err error) bool {
	e, ok := asAPIError(err)
	if !ok {
		return false
	}
	switch e.StatusCode {
	case http.StatusMethodNotAllowed, http.StatusNotImplemented:
		return true
	case http.StatusNotFound:
		return !IsObjectNotFound(err) && e.Code != "workspace_not_found"
	}
	return false
}

var htmlTitle = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

// parseAPIError builds an APIError from a failed response. The body shape is
// undocumented, so it tries `code`, `error` (string or object), `message` and
// `errors[]`, and falls back to the HTTP status text.
func parseAPIError(status int, header http.Header, body []byte, method, path string) *APIError {
	e := &APIError{StatusCode: status, Method: method, Path: path, RequestID: requestID(header)}
	if d, ok := ParseRetryAfter(header.Get("Retry-After"), time.Now()); ok {
		e.RetryAfter = d
	}
	fillFromBody(e, body)
	if e.NonJSON {
		if ct, _, _ := mime.ParseMediaType(header.Get("Content-Type")); ct == "text/html" || htmlTitle.Match(body) {
			e.Message = "the server answered with an HTML page instead of JSON (often a proxy or gateway)"
			if m := htmlTitle.FindSubmatch(body); m != nil {
				if t := strings.TrimSpace(string(m[1])); t != "" && len(t) < 200 {
					e.Message += ": " + t
				}
			}
		}
	}
	if e.Message == "" && e.Code == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

// redact removes secret from every text the body filled in, so a server
// that echoes the key in its error message cannot put it in a diagnostic.
func (e *APIError) redact(secret string) {
	if secret == "" {
		return
	}
	r := strings.NewReplacer(secret, "[REDACTED]")
	e.Code, e.Message, e.RequestID = r.Replace(e.Code), r.Replace(e.Message), r.Replace(e.RequestID)
	for i := range e.Items {
		it := &e.Items[i]
		it.Email, it.Field, it.Code, it.Message = r.Replace(it.Email), r.Replace(it.Field), r.Replace(it.Code), r.Replace(it.Message)
	}
}

func fillFromBody(e *APIError, body []byte) {
	var top map[string]json.RawMessage
	if len(strings.TrimSpace(string(body))) == 0 {
		return
	}
	if err := json.Unmarshal(body, &top); err != nil {
		e.NonJSON = true
		return
	}
	e.Code = jsonString(top["code"])
	e.Message = jsonString(top["message"])
	if raw, ok := top["error"]; ok {
		if s := jsonString(raw); s != "" {
			// {"error":"campaign_not_found"} or {"error":"Campaign not found"}
			if e.Code == "" && isCodeLike(s) {
				e.Code = s
			} else if e.Message == "" {
				e.Message = s
			}
		} else {
			var inner map[string]json.RawMessage
			if json.Unmarshal(raw, &inner) == nil {
				if e.Code == "" {
					e.Code = jsonString(inner["code"])
				}
				if e.Message == "" {
					e.Message = jsonString(inner["message"])
				}
				if _, has := top["errors"]; !has {
					top["errors"] = inner["errors"]
				}
			}
		}
	}
	e.Items = parseErrorItems(top["errors"])
	// The assign page documents a 400 "with icpFailed: true" and no code.
	if e.Code == "" && string(bytes.TrimSpace(top["icpFailed"])) == "true" {
		e.Code = ICPFailedCode
	}
}

var codeLike = regexp.MustCompile(`^[a-z][a-z0-9_.]*$`)

func isCodeLike(s string) bool { return codeLike.MatchString(s) && strings.Contains(s, "_") }

func parseErrorItems(raw json.RawMessage) []ErrorItem {
	var list []json.RawMessage
	if len(raw) == 0 || json.Unmarshal(raw, &list) != nil {
		return nil
	}
	items := make([]ErrorItem, 0, len(list))
	for _, r := range list {
		it := ErrorItem{Index: -1}
		if s := jsonString(r); s != "" {
			it.Message = s
			items = append(items, it)
			continue
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(r, &m) != nil {
			continue
		}
		it.Email = jsonString(m["email"])
		it.Field = firstNonEmpty(jsonString(m["field"]), jsonString(m["path"]), jsonString(m["param"]))
		it.Code = jsonString(m["code"])
		it.Message = firstNonEmpty(jsonString(m["message"]), jsonString(m["error"]), jsonString(m["reason"]))
		var idx flexInt
		if v, ok := m["index"]; ok && json.Unmarshal(v, &idx) == nil {
			it.Index = int(idx)
		}
		items = append(items, it)
	}
	return items
}

func jsonString(raw json.RawMessage) string {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func requestID(h http.Header) string {
	for _, k := range []string{"X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Requestid"} {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// ParseRetryAfter reads a Retry-After header in either form: delay seconds or
// an HTTP date.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	var secs int64
	if _, err := fmt.Sscanf(v, "%d", &secs); err == nil && fmt.Sprint(secs) == v {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(math.MaxInt64/time.Second) {
			// More seconds than a Duration holds: do not overflow.
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if d := t.Sub(now); d > 0 {
		return d, true
	}
	return 0, true
}
