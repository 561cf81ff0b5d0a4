package leadterra

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/go-retryablehttp"
)

// DefaultBaseURL is the production API.
const DefaultBaseURL = "https://app.leadterra.co"

// Defaults for Config fields left zero.
const (
	DefaultMaxRetries     = 4
	DefaultRequestTimeout = 60 * time.Second
	DefaultRetryWaitMin   = 500 * time.Millisecond
	DefaultRetryWaitMax   = 30 * time.Second
	DefaultMaxRetryAfter  = 120 * time.Second
	maxResponseBytes      = 32 << 20
)

// Logger receives structured, body-free request logs. Field values never
// hold the key or a request or response body.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Warn(ctx context.Context, msg string, fields map[string]any)
}

// Config configures a Client. BaseURL and APIKey are required.
type Config struct {
	BaseURL   string
	APIKey    string
	UserAgent string
	// MaxRetries is the total number of times one request is repeated,
	// whatever the reasons: 429, 5xx and, for requests safe to repeat,
	// connection errors and answers cut short. Negative disables retries.
	MaxRetries int
	// RequestTimeout bounds each attempt.
	RequestTimeout time.Duration
	// RequestsPerSecond throttles this client; 0 means no limit, else it
	// must be at least MinRequestsPerSecond. A rate learned from 429s
	// (ratelimit.go) may pace it lower.
	RequestsPerSecond float64
	RetryWaitMin      time.Duration
	RetryWaitMax      time.Duration
	// MaxRetryAfter is the longest Retry-After the client waits; an answer
	// asking for more fails at once (APIError.WaitRefused).
	MaxRetryAfter time.Duration
	Logger        Logger
	// Transport overrides the HTTP transport (tests).
	Transport http.RoundTripper
}

// Client talks to one Leadterra workspace with one key.
type Client struct {
	base     *url.URL
	key      string
	ua       string
	http     *http.Client
	logger   Logger
	throttle *throttle // shared by every request (ratelimit.go)

	// maxBody is the most of one answer read (maxResponseBytes; tests
	// lower it).
	maxBody       int
	maxRetries    int
	retryWaitMin  time.Duration
	retryWaitMax  time.Duration
	maxRetryAfter time.Duration

	mu         sync.Mutex
	notOffered map[string]bool

	memo readMemo
}

// New validates cfg and builds a client.
func New(cfg Config) (*Client, error) {
	base, err := ParseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.APIKey == "" {
		return nil, errors.New("no API key")
	}
	if err := CheckRequestsPerSecond(cfg.RequestsPerSecond); err != nil {
		return nil, err
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = DefaultMaxRetries
	} else if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = DefaultRetryWaitMin
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = DefaultRetryWaitMax
	}
	if cfg.MaxRetryAfter <= 0 {
		cfg.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-leadterra"
	}
	c := &Client{base: base, key: cfg.APIKey, ua: cfg.UserAgent, logger: cfg.Logger, notOffered: map[string]bool{}, maxBody: maxResponseBytes,
		maxRetries: cfg.MaxRetries, retryWaitMin: cfg.RetryWaitMin, retryWaitMax: cfg.RetryWaitMax, maxRetryAfter: cfg.MaxRetryAfter}
	if c.logger == nil {
		c.logger = nopLogger{}
	}
	// Requests are spaced evenly (no burst): a burst of one second's worth
	// would let twice the configured rate through in a second.
	c.throttle = newThrottle(cfg.RequestsPerSecond, c.logger)
	transport := cfg.Transport
	if transport == nil {
		// A private copy, so that nothing else in the process (another
		// provider in the same binary, a test) shares its connection pool.
		transport = http.DefaultTransport
		if dt, ok := http.DefaultTransport.(*http.Transport); ok {
			dt = dt.Clone()
			if base.Scheme == "http" {
				// Plain http goes only to this machine; a proxy from
				// HTTP_PROXY would carry the key across the network in clear.
				dt.Proxy = nil
			}
			transport = dt
		}
	}
	c.http = &http.Client{
		Transport: transport,
		Timeout:   cfg.RequestTimeout,
		// No redirect is followed. None is documented, and following one
		// could re-send the key over http or to another port or host, or
		// turn a POST into a GET; doOnce reports it as a RedirectError.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c, nil
}

// ParseBaseURL accepts an absolute https URL, or http to a loopback host (the
// sandbox). The key must never cross the network in clear text. Errors show
// the URL without userinfo, query or fragment, which may hold a secret.
func ParseBaseURL(raw string) (*url.URL, error) {
	if raw == "" {
		raw = DefaultBaseURL
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse's error repeats the raw string (and a bad "port" may be
		// a key pasted in the wrong place): say nothing of it.
		return nil, fmt.Errorf("base_url is not a valid URL; give the API root, such as %s", DefaultBaseURL)
	}
	if u.Hostname() == "" {
		// Not echoed: a string without a host may be a key pasted in the
		// wrong argument.
		return nil, fmt.Errorf("base_url must be an absolute http(s) URL such as %s", DefaultBaseURL)
	}
	shown := redactedURL(u)
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("base_url %q must be an absolute http(s) URL such as %s", shown, DefaultBaseURL)
	}
	if u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, fmt.Errorf("base_url %q must not carry credentials, a query or a fragment (not repeated here, since they may hold a secret); give the key in api_key or LEADTERRA_API_KEY", shown)
	}
	if u.Scheme == "http" && !IsLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("base_url %q uses plain http to a host that is not loopback; the API key would cross the network unencrypted: use https", shown)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	if p := strings.ToLower(u.Path); p == "/v1" || strings.HasSuffix(p, "/v1") {
		root := *u
		root.Path = u.Path[:len(u.Path)-len("/v1")]
		return nil, fmt.Errorf("base_url %q ends in /v1, but every API path already starts with /v1: drop it and use %q", shown, root.String())
	}
	return u, nil
}

// redactedURL is u as scheme://host[:port]/path, without userinfo, query
// or fragment.
func redactedURL(u *url.URL) string {
	v := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}
	return v.String()
}

// MinRequestsPerSecond is the lowest accepted client-side rate (one request
// every 10 s): below it a run of a few hundred requests would take hours,
// which is a typo rather than a throttle.
const MinRequestsPerSecond = 0.1

// CheckRequestsPerSecond accepts 0 (no limit) or a finite rate of at least
// MinRequestsPerSecond.
func CheckRequestsPerSecond(rps float64) error {
	if rps == 0 || (rps >= MinRequestsPerSecond && !math.IsInf(rps, 0)) {
		return nil
	}
	return fmt.Errorf("requests_per_second must be 0 (no limit) or a number of at least %g (one request every %s), got %g", MinRequestsPerSecond, time.Duration(float64(time.Second)/MinRequestsPerSecond), rps)
}

// BaseURL is the API root this client talks to.
func (c *Client) BaseURL() string { return c.base.String() }

type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}
func (nopLogger) Warn(context.Context, string, map[string]any)  {}

type ctxKey int

const replaySafeKey ctxKey = 0

// checkRetry retries 429 and 5xx (but 501). A connection error is retried
// only for requests that repeating cannot make act twice: reads, and writes
// idempotent by nature. Creates go through retryCreate (outcome.go).
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if safe, _ := ctx.Value(replaySafeKey).(bool); !safe {
		return retryCreate(resp, err), err
	}
	if err != nil {
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	if resp.StatusCode == http.StatusTooManyRequests || (resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented) {
		return true, nil
	}
	return false, nil
}

// request describes one API call.
type request struct {
	method string
	path   string
	query  url.Values
	body   any
	// idempotent marks a write that is safe to repeat (start, pause, upserts,
	// suppression adds, deletes): connection errors may be retried.
	idempotent bool
	// idempotencyKey, when set, is sent on every attempt of this operation
	// so a server that honours it acts once. It does not make the request
	// safe to repeat: the documented API shows no such keys.
	idempotencyKey string
}

// outcome is what one attempt produced. err is the error to return if the
// attempt is not repeated; sendErr is the raw transport error, resp the
// answer (its body already read and closed), for checkRetry.
type outcome struct {
	raw      []byte
	err      error
	sendErr  error
	resp     *http.Response
	cutShort bool
}

// do performs req and returns the response body of a 2xx answer. It owns
// the one retry budget of the request: at most maxRetries repeats in all,
// whatever their reasons (429, 5xx, a lost connection, a body cut short).
func (c *Client) do(ctx context.Context, req request) ([]byte, error) {
	// A create is not safe to repeat even with an Idempotency-Key: the
	// documented API shows no such keys (outcome.go).
	safe := req.method == http.MethodGet || req.idempotent
	// A write makes what is known of its campaign stale.
	c.memo.forget(req)
	defer c.memo.forget(req)
	var payload []byte
	if req.body != nil {
		b, err := json.Marshal(req.body)
		if err != nil {
			return nil, fmt.Errorf("encoding the %s %s request: %w", req.method, req.path, err)
		}
		payload = b
	}
	ctx = context.WithValue(ctx, replaySafeKey, safe)
	for attempt := 0; ; attempt++ {
		// Every attempt, retries included, waits for the client's shared
		// pacing and any "not before" a 429 set (ratelimit.go).
		sentAt, err := c.throttle.wait(ctx)
		if err != nil {
			return nil, c.finalError(req, safe, c.transportError(ctx, req, err))
		}
		out := c.doOnce(ctx, req, payload)
		if out.err == nil {
			c.throttle.observe(ctx, time.Now(), sentAt, false, 0)
			return out.raw, nil
		}
		if ctx.Err() != nil {
			return nil, c.finalError(req, safe, c.transportError(ctx, req, ctx.Err()))
		}
		wait, again, reason := c.retryAfter(ctx, out, attempt)
		if out.resp != nil {
			limited := out.resp.StatusCode == http.StatusTooManyRequests
			c.throttle.observe(ctx, time.Now(), sentAt, limited, wait)
		}
		if !again {
			return nil, c.finalError(req, safe, out.err)
		}
		c.logger.Warn(ctx, "retrying Leadterra API request", map[string]any{
			"http_method": req.method, "http_path": req.path, "attempt": attempt + 2, "retry_reason": reason,
			"wait_ms": wait.Milliseconds(),
		})
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, c.finalError(req, safe, c.transportError(ctx, req, ctx.Err()))
		case <-t.C:
		}
	}
}

// finalError is the error of a request that will not be repeated: for a
// create (not safe to repeat), a failure after sending says the outcome is
// unknown.
func (c *Client) finalError(req request, safe bool, err error) error {
	if safe {
		return err
	}
	return createOutcome(req, err)
}

// retryAfter decides whether the attempt that produced out is repeated,
// after how long, and why (for the log). The wait is given even when the
// budget is spent (a 429's pause holds every request back), but is 0 for a
// Retry-After beyond the cap.
func (c *Client) retryAfter(ctx context.Context, out outcome, attempt int) (time.Duration, bool, string) {
	var retry bool
	var reason string
	var asked time.Duration
	switch {
	case out.cutShort:
		// A body cut short (a dropped connection mid-answer, truncated JSON)
		// is treated like a lost connection: repeated only when repeating
		// cannot act twice.
		retry, _ = checkRetry(ctx, nil, out.err)
		reason = "incomplete response"
	case out.resp != nil:
		retry, _ = checkRetry(ctx, out.resp, nil)
		reason = fmt.Sprintf("HTTP %d", out.resp.StatusCode)
		var apiErr *APIError
		if retry && errors.As(out.err, &apiErr) && apiErr.RetryAfter > 0 {
			// A wait beyond the cap fails at once: sleeping the cap and asking
			// again would only add load to a limit the whole key shares.
			if apiErr.RetryAfter > c.maxRetryAfter {
				apiErr.WaitRefused = c.maxRetryAfter
				return 0, false, ""
			}
			asked = apiErr.RetryAfter
		}
	case out.sendErr != nil:
		retry, _ = checkRetry(ctx, nil, out.sendErr)
		reason = "connection error"
	}
	wait := asked
	if wait == 0 {
		// Exponential backoff with full jitter between min and the step.
		step := c.retryWaitMin << min(attempt, 20)
		if step <= 0 || step > c.retryWaitMax {
			step = c.retryWaitMax
		}
		wait = c.retryWaitMin + jitter(step-c.retryWaitMin)
	}
	if !retry {
		return 0, false, ""
	}
	return wait, attempt < c.maxRetries, reason
}

// doOnce performs one attempt of req and reads the answer.
func (c *Client) doOnce(ctx context.Context, req request, payload []byte) outcome {
	u := *c.base
	// req.path holds path-escaped IDs: keep that encoding on the wire
	// instead of escaping it a second time.
	u.RawPath = c.base.EscapedPath() + req.path
	if p, err := url.PathUnescape(u.RawPath); err == nil {
		u.Path = p
	} else {
		u.Path, u.RawPath = c.base.Path+req.path, ""
	}
	if len(req.query) > 0 {
		u.RawQuery = req.query.Encode()
	}
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	r, err := http.NewRequestWithContext(ctx, req.method, u.String(), body)
	if err != nil {
		return outcome{err: fmt.Errorf("building the %s %s request: %w", req.method, req.path, err)}
	}
	// Without GetBody, net/http cannot replay a request with a body on its
	// own. It would, for one carrying an Idempotency-Key, when a reused
	// connection dies after sending it: a second create the documented API
	// does not deduplicate, outside the retry budget. (A bodiless GET may
	// still be replayed that way; a read is harmless.)
	r.GetBody = nil
	r.Header.Set("Authorization", "Bearer "+c.key)
	r.Header.Set("Accept", "application/json")
	r.Header.Set("User-Agent", c.ua)
	if payload != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if req.idempotencyKey != "" {
		// Stored under a non-canonical name on purpose: net/http treats a
		// request carrying "Idempotency-Key" as replayable and silently
		// resends it on a reused connection that failed mid-answer, which
		// makes a second object on a server that ignores the key. Header
		// names are case-insensitive on the wire.
		r.Header["idempotency-key"] = []string{req.idempotencyKey}
	}
	fields := map[string]any{"http_method": req.method, "http_path": req.path}
	c.logger.Debug(ctx, "sending Leadterra API request", fields)
	start := time.Now()
	resp, err := c.http.Do(r)
	if err != nil {
		return outcome{sendErr: err, err: c.transportError(ctx, req, err)}
	}
	defer resp.Body.Close()
	// One byte past the limit tells "too large" from "exactly the limit".
	raw, readErr := io.ReadAll(io.LimitReader(resp.Body, int64(c.maxBody)+1))
	fields["http_status"] = resp.StatusCode
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if id := requestID(resp.Header); id != "" {
		fields["request_id"] = id
	}
	c.logger.Debug(ctx, "received Leadterra API response", fields)
	if loc := resp.Header.Get("Location"); resp.StatusCode >= 300 && resp.StatusCode <= 399 && loc != "" {
		return outcome{err: &RedirectError{Method: req.method, Path: req.path, StatusCode: resp.StatusCode, Location: redactURL(r.URL, loc)}}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		if len(raw) > c.maxBody {
			raw = raw[:c.maxBody]
		}
		apiErr := parseAPIError(resp.StatusCode, resp.Header, raw, req.method, req.path)
		apiErr.redact(c.key)
		return outcome{resp: resp, err: apiErr}
	}
	if len(raw) > c.maxBody {
		return outcome{err: &TooLargeError{Method: req.method, Path: req.path, Limit: c.maxBody, RequestID: requestID(resp.Header)}}
	}
	if readErr != nil {
		return outcome{cutShort: true, err: c.transportError(ctx, req, readErr)}
	}
	if json.Valid(raw) || len(bytes.TrimSpace(raw)) == 0 {
		return outcome{raw: raw}
	}
	// Invalid JSON on a 2xx is almost always an answer cut short.
	return outcome{cutShort: true, err: &DecodeError{Method: req.method, Path: req.path, RequestID: requestID(resp.Header), Err: errors.New("the body is not complete JSON")}}
}

// TransportError is a request that got no complete answer. Unknown reports
// that a write may have been carried out anyway.
type TransportError struct {
	Method, Path string
	Unknown      bool
	Err          error
}

func (e *TransportError) Error() string {
	s := fmt.Sprintf("%s %s: no complete answer from the Leadterra API: %v", e.Method, e.Path, e.Err)
	if e.Unknown {
		s += "; the request may have been carried out"
	}
	return s
}

func (e *TransportError) Unwrap() error { return e.Err }

func (c *Client) transportError(ctx context.Context, req request, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%s %s: %w", req.method, req.path, ctx.Err())
	}
	// url.Error repeats the URL, which holds no secret; the key lives only
	// in a header and never reaches an error.
	return &TransportError{Method: req.method, Path: req.path, Unknown: req.method != http.MethodGet && !sentNothing(err), Err: err}
}

// decodeInto runs do and decodes the answer with decode, wrapping a shape
// mismatch in a DecodeError.
func decodeInto[T any](ctx context.Context, c *Client, req request, decode func([]byte) (T, error)) (T, error) {
	var zero T
	raw, err := c.do(ctx, req)
	if err != nil {
		return zero, err
	}
	v, err := decode(raw)
	if err != nil {
		return zero, &DecodeError{Method: req.method, Path: req.path, Err: err}
	}
	return v, nil
}

// NewIdempotencyKey returns a fresh key for one create operation.
func NewIdempotencyKey() string { return uuid.NewString() }

func pathEscape(id string) string { return url.PathEscape(id) }
