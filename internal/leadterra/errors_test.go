package leadterra

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseAPIError(t *testing.T) {
	html := `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>`
	tests := []struct {
		name      string
		status    int
		header    map[string]string
		body      string
		code      string
		message   string // exact, unless msgSub is set
		msgSub    []string
		items     []ErrorItem
		nonJSON   bool
		requestID string
	}{
		{name: "code and message", status: 404, body: `{"code":"campaign_not_found","message":"No campaign with that id exists in this workspace."}`,
			code: "campaign_not_found", message: "No campaign with that id exists in this workspace."},
		{name: "error object", status: 401, body: `{"error":{"code":"authentication_failed","message":"Invalid API key."}}`,
			code: "authentication_failed", message: "Invalid API key."},
		{name: "error string that is a code", status: 404, body: `{"error":"campaign_not_found"}`, code: "campaign_not_found"},
		{name: "error string that is prose", status: 404, body: `{"error":"Campaign not found"}`, message: "Campaign not found"},
		{name: "top-level code wins over error string", status: 400, body: `{"code":"no_leads_enrolled","error":"Bad Request"}`,
			code: "no_leads_enrolled", message: "Bad Request"},
		{name: "errors as strings", status: 422, body: `{"message":"Validation failed","errors":["leads[1].email is not a valid address","leads[3].email is required"]}`,
			message: "Validation failed", items: []ErrorItem{{Index: -1, Message: "leads[1].email is not a valid address"}, {Index: -1, Message: "leads[3].email is required"}}},
		{name: "errors as objects", status: 422, body: `{"message":"2 leads failed validation","errors":[{"index":1,"email":"ben@","field":"email","message":"invalid email"},{"index":"3","email":"x@y","code":"invalid_email"},{"path":"leads[4].firstName","reason":"too long"},42]}`,
			message: "2 leads failed validation", items: []ErrorItem{
				{Index: 1, Email: "ben@", Field: "email", Message: "invalid email"},
				{Index: 3, Email: "x@y", Code: "invalid_email"},
				{Index: -1, Field: "leads[4].firstName", Message: "too long"},
			}},
		{name: "errors nested in the error object", status: 422, body: `{"error":{"code":"validation_failed","message":"bad emails","errors":[{"email":"bad@","message":"invalid"}]}}`,
			code: "validation_failed", message: "bad emails", items: []ErrorItem{{Index: -1, Email: "bad@", Message: "invalid"}}},
		{name: "HTML from a proxy", status: 502, header: map[string]string{"Content-Type": "text/html; charset=utf-8"}, body: html,
			msgSub: []string{"HTML", "502 Bad Gateway"}, nonJSON: true},
		{name: "HTML without content type is still recognised by its title", status: 503, body: "<html><title>\n Service Temporarily Unavailable \n</title></html>",
			msgSub: []string{"HTML", ": Service Temporarily Unavailable"}, nonJSON: true},
		{name: "empty body falls back to the status text", status: 503, body: "", message: "Service Unavailable"},
		{name: "whitespace body", status: 500, body: " \n", message: "Internal Server Error"},
		{name: "invalid JSON", status: 500, header: map[string]string{"Content-Type": "application/json"}, body: `{"code":`, message: "Internal Server Error", nonJSON: true},
		{name: "plain text", status: 429, header: map[string]string{"Content-Type": "text/plain"}, body: "slow down", message: "Too Many Requests", nonJSON: true},
		{name: "numeric code ignored", status: 400, body: `{"code":400}`, message: "Bad Request"},
		{name: "JSON array body", status: 400, body: `["bad"]`, message: "Bad Request", nonJSON: true},
		{name: "request id", status: 500, header: map[string]string{"X-Request-Id": "req_01HZZ"}, body: `{"code":"internal_error"}`,
			code: "internal_error", requestID: "req_01HZZ"},
		{name: "request id under another header", status: 500, header: map[string]string{"X-Correlation-Id": "corr-9"}, body: ``,
			message: "Internal Server Error", requestID: "corr-9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.header {
				h.Set(k, v)
			}
			e := parseAPIError(tt.status, h, []byte(tt.body), http.MethodPost, "/v1/campaigns/camp_123/leads/bulk")
			if e.StatusCode != tt.status || e.Method != http.MethodPost || e.Path != "/v1/campaigns/camp_123/leads/bulk" {
				t.Errorf("status/method/path = %d %s %s", e.StatusCode, e.Method, e.Path)
			}
			if e.Code != tt.code {
				t.Errorf("Code = %q, want %q", e.Code, tt.code)
			}
			if tt.msgSub == nil && e.Message != tt.message {
				t.Errorf("Message = %q, want %q", e.Message, tt.message)
			}
			for _, sub := range tt.msgSub {
				if !strings.Contains(e.Message, sub) {
					t.Errorf("Message = %q, want it to contain %q", e.Message, sub)
				}
			}
			if !reflect.DeepEqual(e.Items, tt.items) && (len(e.Items) != 0 || len(tt.items) != 0) {
				t.Errorf("Items = %+v, want %+v", e.Items, tt.items)
			}
			if e.NonJSON != tt.nonJSON {
				t.Errorf("NonJSON = %v, want %v", e.NonJSON, tt.nonJSON)
			}
			if e.RequestID != tt.requestID {
				t.Errorf("RequestID = %q, want %q", e.RequestID, tt.requestID)
			}
			s := e.Error()
			if !strings.HasPrefix(s, fmt.Sprintf("POST /v1/campaigns/camp_123/leads/bulk: HTTP %d", tt.status)) {
				t.Errorf("Error() = %q", s)
			}
			if tt.requestID != "" && !strings.Contains(s, "(request id "+tt.requestID+")") {
				t.Errorf("Error() = %q lacks the request id", s)
			}
			if strings.Contains(s, "<html") || strings.Contains(s, "<center>") {
				t.Errorf("Error() = %q repeats the HTML body", s)
			}
			for _, it := range tt.items {
				if !strings.Contains(s, it.String()) {
					t.Errorf("Error() = %q lacks item %q", s, it.String())
				}
			}
		})
	}
}

func TestParseAPIErrorRetryAfter(t *testing.T) {
	h := http.Header{}
	h.Set("Retry-After", "7")
	if e := parseAPIError(429, h, nil, "GET", "/v1/replies"); e.RetryAfter != 7*time.Second {
		t.Errorf("RetryAfter = %v, want 7s", e.RetryAfter)
	}
	h.Set("Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
	if e := parseAPIError(503, h, nil, "GET", "/v1/replies"); e.RetryAfter < 58*time.Minute || e.RetryAfter > time.Hour {
		t.Errorf("RetryAfter = %v, want about 1h", e.RetryAfter)
	}
}

func TestErrorItemString(t *testing.T) {
	tests := []struct {
		it   ErrorItem
		want string
	}{
		{ErrorItem{Index: 2, Email: "ben@", Field: "email", Message: "invalid email"}, "item 2, ben@, field email: invalid email"},
		{ErrorItem{Index: 0, Code: "invalid_email"}, "item 0: invalid_email"},
		{ErrorItem{Index: -1, Message: "bad"}, "bad"},
		{ErrorItem{Index: -1, Email: "a@b", Code: "c", Message: "m"}, "a@b: m"},
	}
	for _, tt := range tests {
		if got := tt.it.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.it, got, tt.want)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 6, 10, 16, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"1", time.Second, true},
		{"120", 2 * time.Minute, true},
		{" 5 ", 5 * time.Second, true},
		{"0", 0, true},
		{"Tue, 10 Jun 2025 16:01:30 GMT", 90 * time.Second, true},   // IMF-fixdate
		{"Tuesday, 10-Jun-25 16:00:10 GMT", 10 * time.Second, true}, // RFC 850
		{"Tue Jun 10 16:00:20 2025", 20 * time.Second, true},        // ANSI C asctime
		{"Tue, 10 Jun 2025 15:00:00 GMT", 0, true},                  // in the past: retry now
		{"", 0, false},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"+5", 0, false},
		{"5s", 0, false},
		{"soon", 0, false},
		{"2025-06-10T16:01:00Z", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseRetryAfter(tt.in, now)
		if ok != tt.wantOK || got != tt.want {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
	// Absurd delays must never come out negative (a negative wait would
	// mean "retry at once" and a nonsensical APIError.RetryAfter).
	for _, in := range []string{"9999999999", "9223372036854775807", "99999999999999999999"} {
		if got, ok := ParseRetryAfter(in, now); ok && got < 0 {
			t.Errorf("ParseRetryAfter(%q) = %v, a negative duration", in, got)
		}
	}
	if got, ok := ParseRetryAfter("9999999999", now); !ok || got < 1000*time.Hour {
		t.Errorf("ParseRetryAfter(9999999999) = %v, %v; want a very long delay", got, ok)
	}
}

func TestErrorPredicates(t *testing.T) {
	api := func(status int, body string) error {
		return parseAPIError(status, http.Header{}, []byte(body), "GET", "/v1/campaigns/camp_1/stats")
	}
	wrap := func(err error) error { return fmt.Errorf("reading campaign: %w", fmt.Errorf("lookup: %w", err)) }
	type preds struct{ unauth, forbid, notFound, rate, workspace, object, notOffered bool }
	tests := []struct {
		name string
		err  error
		want preds
	}{
		{"401", api(401, `{"code":"authentication_failed"}`), preds{unauth: true}},
		{"403", api(403, `{"error":{"code":"forbidden","message":"restricted key"}}`), preds{forbid: true}},
		{"404 campaign_not_found", api(404, `{"code":"campaign_not_found"}`), preds{notFound: true, object: true}},
		{"404 webhook_not_found as error string", api(404, `{"error":"webhook_not_found"}`), preds{notFound: true, object: true}},
		{"404 workspace_not_found is no object", api(404, `{"code":"workspace_not_found"}`), preds{notFound: true, workspace: true}},
		{"404 plain proves nothing", api(404, `{"message":"Not Found"}`), preds{notFound: true}},
		{"404 generic not_found proves nothing", api(404, `{"code":"not_found"}`), preds{notFound: true}},
		{"404 HTML proves nothing", api(404, `<html><title>Not Found</title></html>`), preds{notFound: true}},
		{"400 with a _not_found code is no 404", api(400, `{"code":"campaign_not_found"}`), preds{}},
		{"429", api(429, ``), preds{rate: true}},
		{"500", api(500, ``), preds{}},
		{"not offered", &NotOfferedError{Capability: CapCampaignRead}, preds{notOffered: true}},
		{"transport", &TransportError{Method: "GET", Path: "/v1/x", Err: errors.New("EOF")}, preds{}},
		{"decode", &DecodeError{Method: "GET", Path: "/v1/x", Err: errors.New("bad")}, preds{}},
		{"plain", errors.New("404 campaign_not_found"), preds{}},
		{"nil", nil, preds{}},
	}
	for _, tt := range tests {
		for _, wrapped := range []bool{false, true} {
			err := tt.err
			name := tt.name
			if wrapped && err != nil {
				err = wrap(err)
				name += " (wrapped)"
			}
			got := preds{IsUnauthorized(err), IsForbidden(err), IsNotFound(err), IsRateLimited(err), IsWorkspaceNotFound(err), IsObjectNotFound(err), IsNotOffered(err)}
			if got != tt.want {
				t.Errorf("%s: predicates = %+v, want %+v", name, got, tt.want)
			}
		}
	}
	err := wrap(api(400, `{"code":"no_leads_enrolled","message":"Enroll at least one lead"}`))
	if !HasCode(err, "no_leads_enrolled") || HasCode(err, "no_sequence_steps") || HasCode(nil, "") || HasCode(errors.New("x"), "") {
		t.Error("HasCode mismatch")
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
		t.Error("errors.As through wrapping failed")
	}
}

func TestRouteMissing(t *testing.T) {
	api := func(status int, body string) error {
		return parseAPIError(status, http.Header{}, []byte(body), "GET", "/v1/campaigns/camp_1")
	}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"405", api(405, ``), true},
		{"501", api(501, ``), true},
		{"404 plain", api(404, `{"message":"Cannot GET /v1/campaigns/camp_1"}`), true},
		{"404 campaign_not_found names an object", api(404, `{"code":"campaign_not_found"}`), false},
		{"404 workspace_not_found", api(404, `{"code":"workspace_not_found"}`), false},
		{"400", api(400, ``), false},
		{"401", api(401, ``), false},
		{"403", api(403, ``), false},
		{"500", api(500, ``), false},
		{"wrapped 405", fmt.Errorf("x: %w", api(405, ``)), true},
		{"non-API", errors.New("405"), false},
	}
	for _, tt := range tests {
		if got := routeMissing(tt.err); got != tt.want {
			t.Errorf("%s: routeMissing = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestTypedErrorMessages(t *testing.T) {
	ne := &NotOfferedError{Capability: CapCampaignUpdate}
	if !errors.Is(ne, ErrNotOffered) || !strings.Contains(ne.Error(), "PATCH /v1/campaigns/:id") {
		t.Errorf("NotOfferedError = %q", ne)
	}
	inner := errors.New("connection reset by peer")
	te := &TransportError{Method: "POST", Path: "/v1/campaigns", Unknown: true, Err: inner}
	if !errors.Is(te, inner) || !strings.Contains(te.Error(), "may have been carried out") {
		t.Errorf("TransportError = %q", te)
	}
	te.Unknown = false
	if strings.Contains(te.Error(), "may have been carried out") {
		t.Errorf("a GET transport error must not claim the request may have acted: %q", te)
	}
	de := &DecodeError{Method: "GET", Path: "/v1/replies", RequestID: "req_7", Err: inner}
	if !errors.Is(de, inner) || !strings.Contains(de.Error(), "(request id req_7)") {
		t.Errorf("DecodeError = %q", de)
	}
}

// The server echoes the Authorization header in its error message (some
// gateways do): the APIError text must still not hold the key.
func TestAPIErrorRedactsEchoedKey(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		auth := r.Header.Get("Authorization")
		writeJSON(w, 401, fmt.Sprintf(`{"code":"authentication_failed","message":"invalid key %s","errors":[{"field":"authorization","message":"%s is revoked"}]}`,
			strings.TrimPrefix(auth, "Bearer "), auth))
	})
	c, _ := newTestClient(t, srv.URL, nil)
	_, err := c.ListSenderPools(testCtx(t))
	err = mustErr(t, err)
	if !IsUnauthorized(err) || !HasCode(err, "authentication_failed") {
		t.Errorf("err = %v, want 401 authentication_failed", err)
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		if strings.Contains(apiErr.Message, testKey) {
			t.Errorf("Message holds the key: %q", apiErr.Message)
		}
		for _, it := range apiErr.Items {
			if strings.Contains(it.Message, testKey) {
				t.Errorf("item holds the key: %q", it.Message)
			}
		}
	}
}
