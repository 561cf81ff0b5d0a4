// Package sandbox is an in-memory stand-in for the Leadterra REST API. It
// answers in every response variant the public docs show (see Style), can
// hide the endpoints the docs do not document (DocumentedOnly), and can
// inject transport faults, so the provider can be tried and tested without
// an account.
package sandbox

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Options configures a Server.
type Options struct {
	Keys            []string // full-access keys; DefaultKey if every key list is empty
	ReadOnlyKeys    []string // valid, but 403 on every non-GET request
	NoAccessKeys    []string // valid, but 403 on every request
	NoWorkspaceKeys []string // 404 workspace_not_found on every request
	// DocumentedOnly hides the completion endpoints (DESIGN.md, "Completions
	// and fallbacks"): 404 like unknown routes; and it ignores
	// Idempotency-Key, which the docs do not show.
	DocumentedOnly bool
	// PageSize, when positive, is the default and the largest page of the
	// lists that paginate (StyleGuide); default 50, at most 100 per request.
	PageSize int
	Style    Style // default StyleReference
	Seed     bool  // load demo pools, accounts, an SDR with inbox threads and follow-ups, and a running campaign with replies
	// RateLimit, when positive, limits each API key to this many requests
	// per second (a token bucket, see ratelimit.go; SetRateLimit changes
	// it): requests over it are answered 429 with Retry-After.
	RateLimit float64

	// Logf, if set, receives one line per request: method, path, status and
	// duration. Bodies, queries and keys are never logged.
	Logf func(format string, args ...any)
	// Now overrides the clock (tests); default time.Now.
	Now func() time.Time
}

// Server is the sandbox API. It implements http.Handler and is safe for
// concurrent use: all state sits behind one mutex.
type Server struct {
	keys   map[string]keyRole // immutable after New
	routes []*route           // immutable after New
	logf   func(string, ...any)
	now    func() time.Time

	mu             sync.Mutex
	style          Style
	documentedOnly bool
	pageSize       int
	rotation       map[string]int

	campaigns  map[string]*campaignState
	webhooks   map[string]*Webhook
	replies    map[string]*Reply
	suppressed map[string]time.Time
	pools      []SenderPool
	accounts   []SenderAccount
	sdrs       []sdr
	sdrData    sdrInbox // threads, follow-ups, drafts (sdr_inbox.go)
	day        int      // sandbox days elapsed (one per Tick)

	faults       []*Fault
	faultsServed map[FaultKind]int
	rateLimit    float64                  // requests/s per key; 0 = off
	buckets      map[string]*rate.Limiter // per key, made on first use
	rateLimited  int
	idem         idemStore

	counts map[string]int
	total  int
	writes int

	responseHooks responseHooks // tests' rewrites of answers (response_hooks.go)
}

// New returns a Server configured by opts.
func New(opts Options) *Server {
	s := &Server{
		keys:           buildKeys(opts),
		logf:           opts.Logf,
		now:            opts.Now,
		style:          normalizeStyle(opts.Style),
		documentedOnly: opts.DocumentedOnly,
		pageSize:       opts.PageSize,
		rotation:       map[string]int{},
		campaigns:      map[string]*campaignState{},
		webhooks:       map[string]*Webhook{},
		replies:        map[string]*Reply{},
		suppressed:     map[string]time.Time{},
		faultsServed:   map[FaultKind]int{},
		rateLimit:      max(0, opts.RateLimit),
		buckets:        map[string]*rate.Limiter{},
		idem:           newIdemStore(),
		counts:         map[string]int{},
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.routes = s.routeTable()
	if opts.Seed {
		s.seed()
	}
	return s
}

func (s *Server) clock() time.Time { return s.now().UTC() }

// SetStyle switches the response style; it restarts rotation so the next
// answer on every route is StyleReference.
func (s *Server) SetStyle(st Style) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.style = normalizeStyle(st)
	clear(s.rotation)
}

// SetPageSize sets the page size of paginated lists (0: the default).
func (s *Server) SetPageSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pageSize = n
}

// SetDocumentedOnly hides (true) or serves (false) the completion endpoints
// and ignores (true) or honours (false) Idempotency-Key.
func (s *Server) SetDocumentedOnly(v bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.documentedOnly = v
}

// nextStyle resolves StyleRotate per route key; call with s.mu held.
func (s *Server) nextStyle(key string) Style {
	if s.style != StyleRotate {
		return s.style
	}
	n := s.rotation[key]
	s.rotation[key] = n + 1
	return rotation[n%len(rotation)]
}

// ServeHTTP answers one API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	w.Header().Set("X-Request-Id", newRequestID())
	status := 0 // 0 = connection dropped on purpose
	if s.logf != nil {
		defer func() {
			s.logf("%s %s %d %s", r.Method, r.URL.Path, status, time.Since(started).Round(time.Microsecond))
		}()
	}
	s.serve(w, r, &status)
}

// serve is the request pipeline: auth → rate limit → routing → counting →
// fault → idempotent replay or handler → after-acting fault → write.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, status *int) {
	s.mu.Lock()
	s.total++
	m := s.match(r.Method, r.URL.Path)
	honourIdem := !s.documentedOnly
	c := &reqCtx{s: s, r: r, style: s.nextStyle(m.key()), params: m.params}
	s.mu.Unlock()

	send := func(resp response) { *status = resp.status; writeResponse(w, resp, false) }

	if resp := c.authorize(); resp != nil {
		send(*resp)
		return
	}
	if resp := s.limitRate(c); resp != nil {
		send(*resp)
		return
	}
	if m.route == nil {
		if m.hidden != "" {
			// A hidden completion answers exactly like an unknown route, but is
			// counted so tests can prove a client probed it only once.
			s.mu.Lock()
			s.counts[m.hidden]++
			fault := s.takeFault(r.Method, m.hidden)
			s.mu.Unlock()
			// Faults a gateway or the auth layer would raise before routing
			// (429, 5xx, a revoked key) still hit a hidden route.
			if fault != nil {
				if resp, handled := s.applyFaultBefore(c, w, fault); handled {
					if resp != nil {
						send(*resp)
					}
					return
				}
			}
			send(c.fail(http.StatusNotFound, "not_found", "Route not found"))
			return
		}
		if len(m.allow) > 0 {
			send(c.fail(http.StatusMethodNotAllowed, "method_not_allowed", "Method "+r.Method+" is not allowed on this route").
				withHeader("Allow", joinMethods(m.allow)))
			return
		}
		send(c.fail(http.StatusNotFound, "not_found", "Route not found"))
		return
	}

	pattern := m.route.pattern
	s.mu.Lock()
	s.counts[pattern]++
	fault := s.takeFault(r.Method, pattern)
	s.mu.Unlock()

	// The body is read before any fault: net/http only notices a client
	// hanging up (cancelling the context FaultSlow waits on) once the body
	// has been consumed.
	body, readErr := readBody(r)
	if fault != nil {
		if resp, handled := s.applyFaultBefore(c, w, fault); handled {
			if resp != nil {
				send(*resp)
			}
			return
		}
	}
	if readErr != nil {
		send(c.badRequest("could not read request body"))
		return
	}
	if len(body) > maxBody {
		send(c.fail(http.StatusRequestEntityTooLarge, "invalid_request", "request body too large"))
		return
	}
	c.body = body

	// The documented API shows no idempotency keys: documented-only mode
	// accepts the header and ignores it, as such a server would.
	idemKey := ""
	if honourIdem {
		idemKey = r.Header.Get("Idempotency-Key")
	}
	if len(idemKey) > 255 {
		send(c.invalid(fieldErr("Idempotency-Key", "Idempotency-Key must be at most 255 characters")))
		return
	}
	useIdem := r.Method == http.MethodPost && idemKey != ""
	storeKey := idemStoreKey(c.apiKey, r.Method, r.URL.Path, idemKey)

	s.mu.Lock()
	resp, replayed := response{}, false
	if useIdem {
		resp, replayed = s.idem.get(storeKey)
	}
	if !replayed {
		resp = m.route.handle(c)
		if r.Method != http.MethodGet {
			s.writes++
		}
		if useIdem && resp.status < 500 {
			s.idem.put(storeKey, resp)
		}
	}
	s.mu.Unlock()
	if replayed {
		resp = resp.withHeader("Idempotent-Replayed", "true")
	}
	resp = s.responseHooks.rewrite(pattern, resp)

	if fault != nil && applyFaultAfter(c, w, fault, resp, status) {
		return
	}
	send(resp)
}

func joinMethods(ms []string) string {
	out := ""
	seen := map[string]bool{}
	for _, m := range ms {
		if seen[m] {
			continue
		}
		seen[m] = true
		if out != "" {
			out += ", "
		}
		out += m
	}
	return out
}

// writeResponse writes resp; truncate sends the full Content-Length but
// only half the body, so the client sees an unexpected EOF.
func writeResponse(w http.ResponseWriter, resp response, truncate bool) {
	h := w.Header()
	if resp.contentType != "" {
		h.Set("Content-Type", resp.contentType)
	}
	for _, p := range resp.headers {
		h.Set(p[0], p[1])
	}
	if resp.status != http.StatusNoContent {
		h.Set("Content-Length", strconv.Itoa(len(resp.body)))
	}
	w.WriteHeader(resp.status)
	if resp.status == http.StatusNoContent {
		return
	}
	body := resp.body
	if truncate {
		body = body[:len(body)/2]
	}
	_, _ = w.Write(body)
	if truncate {
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
	}
}

// RequestCount returns how many authenticated requests matched route, a
// pattern like "GET /v1/sender-pools" or "POST /v1/campaigns/:id/start".
// Completion routes hidden by documented-only mode are counted too.
func (s *Server) RequestCount(route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[routeKey(route)]
}

// RequestCounts returns a copy of all per-route counts.
func (s *Server) RequestCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

// TotalRequests counts every request received, including rejected ones.
func (s *Server) TotalRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// TotalWrites counts non-GET requests that reached a handler, whatever
// their status. Idempotent replays and pre-acting faults do not count.
func (s *Server) TotalWrites() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writes
}

// ResetCounts zeroes request counts, totals, writes, RateLimited and
// FaultsServed.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.counts)
	clear(s.faultsServed)
	s.total, s.writes, s.rateLimited = 0, 0, 0
}
