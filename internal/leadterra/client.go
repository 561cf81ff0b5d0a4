package leadterra

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"
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
	// MaxRetries bounds retries of 429, 5xx and (for requests safe to
	// repeat) connection errors. Negative disables retries.
	MaxRetries int
	// RequestTimeout bounds each attempt.
	RequestTimeout time.Duration
	// RequestsPerSecond throttles this client; 0 means no limit.
	RequestsPerSecond float64
	RetryWaitMin      time.Duration
	RetryWaitMax      time.Duration
	// MaxRetryAfter caps how long a Retry-After header can make us wait.
	MaxRetryAfter time.Duration
	Logger        Logger
	// Transport overrides the HTTP transport (tests).
	Transport http.RoundTripper
}

// Client talks to one Leadterra workspace with one key.
type Client struct {
	base    *url.URL
	key     string
	ua      string
	http    *retryablehttp.Client
	logger  Logger
	limiter *rate.Limiter

	maxRetries   int
	retryWaitMin time.Duration

	mu         sync.Mutex
	notOffered map[string]bool
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
	c := &Client{base: base, key: cfg.APIKey, ua: cfg.UserAgent, logger: cfg.Logger, notOffered: map[string]bool{},
		maxRetries: cfg.MaxRetries, retryWaitMin: cfg.RetryWaitMin}
	if c.logger == nil {
		c.logger = nopLogger{}
	}
	if cfg.RequestsPerSecond > 0 {
		// Burst 1: requests are spaced evenly. A burst of one second's
		// worth would let twice the configured rate through in a second.
		c.limiter = rate.NewLimiter(rate.Limit(cfg.RequestsPerSecond), 1)
	}
	transport := cfg.Transport
	if transport == nil {
		// A private copy, so that nothing else in the process (another
		// provider in the same binary, a test) shares its connection pool.
		transport = http.DefaultTransport
		if dt, ok := http.DefaultTransport.(*http.Transport); ok {
			transport = dt.Clone()
		}
	}
	c.http = &retryablehttp.Client{
		HTTPClient: &http.Client{
			Transport:     &limitedTransport{next: transport, limiter: c.limiter},
			Timeout:       cfg.RequestTimeout,
			CheckRedirect: sameHostRedirects(base.Host),
		},
		RetryWaitMin: cfg.RetryWaitMin,
		RetryWaitMax: cfg.RetryWaitMax,
		RetryMax:     cfg.MaxRetries,
		CheckRetry:   checkRetry,
		Backoff:      backoff(cfg.MaxRetryAfter),
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
		RequestLogHook: func(_ retryablehttp.Logger, r *http.Request, attempt int) {
			if attempt > 0 {
				c.logger.Warn(r.Context(), "retrying Leadterra API request", map[string]any{
					"http_method": r.Method, "http_path": r.URL.Path, "attempt": attempt + 1,
				})
			}
		},
	}
	return c, nil
}

// ParseBaseURL accepts an absolute https URL, or http to a loopback host (the
// sandbox). The key must never cross the network in clear text.
func ParseBaseURL(raw string) (*url.URL, error) {
	if raw == "" {
		raw = DefaultBaseURL
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("base_url %q is not a valid URL: %v", raw, err)
	}
	if u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("base_url %q must be an absolute http(s) URL such as %s", raw, DefaultBaseURL)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("base_url %q must not carry credentials, a query or a fragment", raw)
	}
	if u.Scheme == "http" && !IsLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("base_url %q uses plain http to a host that is not loopback; the API key would cross the network unencrypted: use https", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

// BaseURL is the API root this client talks to.
func (c *Client) BaseURL() string { return c.base.String() }

type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}
func (nopLogger) Warn(context.Context, string, map[string]any)  {}

// limitedTransport applies the client-side rate limit to every attempt,
// retries included; Wait returns at once when the run is cancelled.
type limitedTransport struct {
	next    http.RoundTripper
	limiter *rate.Limiter
}

func (t *limitedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if t.limiter != nil {
		if err := t.limiter.Wait(r.Context()); err != nil {
			return nil, err
		}
	}
	return t.next.RoundTrip(r)
}

// errForeignRedirect marks a refused cross-host redirect: a permanent
// answer, never retried.
var errForeignRedirect = errors.New("the API key must not reach another host")

// sameHostRedirects follows redirects only within the API host, so the
// Authorization header can never reach another host.
func sameHostRedirects(host string) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if req.URL.Host != host {
			return fmt.Errorf("refusing to follow a redirect from %s to another host (%s): %w", host, req.URL.Host, errForeignRedirect)
		}
		if len(via) >= 5 {
			return errors.New("stopped after 5 redirects")
		}
		return nil
	}
}

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
		if errors.Is(err, errForeignRedirect) {
			return false, err
		}
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	if resp.StatusCode == http.StatusTooManyRequests || (resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented) {
		return true, nil
	}
	return false, nil
}

// backoff honours Retry-After (either form, capped), else exponential
// backoff with full jitter between min and the exponential step.
func backoff(maxRetryAfter time.Duration) retryablehttp.Backoff {
	return func(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
		if resp != nil {
			if d, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				return min(d, maxRetryAfter)
			}
		}
		step := minWait << min(attempt, 20)
		if step <= 0 || step > maxWait {
			step = maxWait
		}
		return minWait + jitter(step-minWait)
	}
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

// do performs req and returns the response body of a 2xx answer.
func (c *Client) do(ctx context.Context, req request) ([]byte, error) {
	safe := req.method == http.MethodGet || req.idempotent
	for attempt := 0; ; attempt++ {
		raw, cutShort, err := c.doOnce(ctx, req, safe)
		if !safe {
			return raw, createOutcome(req, err)
		}
		// A body cut short (a dropped connection mid-answer, truncated JSON)
		// is repeated like a lost connection: only when repeating cannot act
		// twice, and within the retry budget.
		if !cutShort || attempt >= c.maxRetries || ctx.Err() != nil {
			return raw, err
		}
		c.logger.Warn(ctx, "retrying Leadterra API request after an incomplete response", map[string]any{
			"http_method": req.method, "http_path": req.path, "attempt": attempt + 2,
		})
		select {
		case <-ctx.Done():
			return nil, c.transportError(ctx, req, ctx.Err())
		case <-time.After(c.retryWaitMin + jitter(c.retryWaitMin)):
		}
	}
}

// doOnce performs req (with the transport's own retries) and reads the
// answer; cutShort reports a 2xx whose body could not be read whole.
func (c *Client) doOnce(ctx context.Context, req request, safe bool) (raw []byte, cutShort bool, err error) {
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
	if req.body != nil {
		b, err := json.Marshal(req.body)
		if err != nil {
			return nil, false, fmt.Errorf("encoding the %s %s request: %w", req.method, req.path, err)
		}
		body = bytes.NewReader(b)
	}
	ctx = context.WithValue(ctx, replaySafeKey, safe)
	r, err := retryablehttp.NewRequestWithContext(ctx, req.method, u.String(), body)
	if err != nil {
		return nil, false, fmt.Errorf("building the %s %s request: %w", req.method, req.path, err)
	}
	r.Header.Set("Authorization", "Bearer "+c.key)
	r.Header.Set("Accept", "application/json")
	r.Header.Set("User-Agent", c.ua)
	if req.body != nil {
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
		if resp != nil {
			resp.Body.Close()
		}
		return nil, false, c.transportError(ctx, req, err)
	}
	defer resp.Body.Close()
	raw, readErr := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	fields["http_status"] = resp.StatusCode
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if id := requestID(resp.Header); id != "" {
		fields["request_id"] = id
	}
	c.logger.Debug(ctx, "received Leadterra API response", fields)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := parseAPIError(resp.StatusCode, resp.Header, raw, req.method, req.path)
		apiErr.redact(c.key)
		return nil, false, apiErr
	}
	if readErr != nil {
		return nil, true, c.transportError(ctx, req, readErr)
	}
	if json.Valid(raw) || len(bytes.TrimSpace(raw)) == 0 {
		return raw, false, nil
	}
	// Invalid JSON on a 2xx is almost always an answer cut short.
	return nil, true, &DecodeError{Method: req.method, Path: req.path, RequestID: requestID(resp.Header), Err: errors.New("the body is not complete JSON")}
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

// offered reports whether a completion is still believed offered, and
// remember marks it missing for the rest of the run.
func (c *Client) offered(capability string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.notOffered[capability]
}

func (c *Client) remember(capability string) error {
	c.mu.Lock()
	c.notOffered[capability] = true
	c.mu.Unlock()
	return &NotOfferedError{Capability: capability}
}

// completion runs a request to an undocumented endpoint: a remembered or
// fresh 405/501 (or a 404 that names no object) becomes NotOfferedError.
func (c *Client) completion(ctx context.Context, capability string, req request) ([]byte, error) {
	if !c.offered(capability) {
		return nil, &NotOfferedError{Capability: capability}
	}
	raw, err := c.do(ctx, req)
	if err != nil && routeMissing(err) {
		return nil, c.remember(capability)
	}
	return raw, err
}

// objectCompletion is completion for a campaign route, whose object the
// documented stats endpoint can check: there a plain 404 may mean the
// campaign is missing, not the route, so it is returned as is and the caller
// remembers the capability missing only once stats shows the campaign
// exists (§3).
func (c *Client) objectCompletion(ctx context.Context, capability string, req request) ([]byte, error) {
	if !c.offered(capability) {
		return nil, &NotOfferedError{Capability: capability}
	}
	raw, err := c.do(ctx, req)
	if err != nil && routeMissing(err) && !IsNotFound(err) {
		return nil, c.remember(capability)
	}
	return raw, err
}

// Offered reports whether a completion has not (yet) been found missing.
func (c *Client) Offered(capability string) bool { return c.offered(capability) }

func pathEscape(id string) string { return url.PathEscape(id) }
