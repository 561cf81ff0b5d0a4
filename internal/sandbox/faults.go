package sandbox

import (
	"net"
	"net/http"
	"time"
)

// FaultKind names a failure the sandbox can inject.
type FaultKind string

const (
	FaultRateLimit   FaultKind = "rate_limit"   // 429 + Retry-After, JSON rate_limited, nothing done
	FaultServerError FaultKind = "server_error" // 500 JSON, nothing done
	FaultBadGateway  FaultKind = "bad_gateway"  // 502 with an HTML body (a proxy answering), nothing done
	FaultUnavailable FaultKind = "unavailable"  // 503 JSON + Retry-After, nothing done
	FaultResetBefore FaultKind = "reset_before" // connection dropped before acting
	FaultResetAfter  FaultKind = "reset_after"  // request acted on, then connection dropped unanswered
	FaultSlow        FaultKind = "slow"         // wait Delay (or until the client gives up), then act normally
	FaultTruncated   FaultKind = "truncated"    // act, then send headers and half the body
	// FaultActedServerError acts, then answers 502 with a proxy's HTML page:
	// the answer is lost although the server acted.
	FaultActedServerError FaultKind = "acted_server_error"
	// FaultActedSlow acts, then holds the answer for Delay (or until the
	// client gives up): an answer later than the client's timeout.
	FaultActedSlow FaultKind = "acted_slow"
	// FaultRedirect answers 307 before acting, with Location set to
	// RedirectTo (default "http://" + the request's host) + the same path
	// and query: a redirect to another scheme, host or port.
	FaultRedirect FaultKind = "redirect"
	// FaultStatus answers Status with error code Code, nothing done: a key
	// revoked mid-run (401), permissions changed (403), any other failure.
	FaultStatus FaultKind = "status"
)

// Fault is one injected failure. Faults are consumed in injection order
// among those matching a request.
type Fault struct {
	Route      string        // "POST /v1/campaigns", "POST *" (any POST) or "*" (any route)
	Kind       FaultKind     //
	Times      int           // requests to affect; 0 means 1
	RetryAfter string        // Retry-After for 429/503; default "1"
	Delay      time.Duration // for FaultSlow
	Status     int           // for FaultStatus
	Code       string        // for FaultStatus; default derived from Status
	RedirectTo string        // for FaultRedirect: scheme://host[:port] of Location
	// After lets the first After matching requests through untouched before
	// the fault starts (e.g. bulk requests that fail after the first k).
	After int
}

// InjectFault queues f.
func (s *Server) InjectFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times <= 0 {
		f.Times = 1
	}
	f.Route = routeKey(f.Route)
	s.faults = append(s.faults, &f)
}

// ClearFaults drops every pending fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// FaultsServed reports how many requests each kind of fault affected.
func (s *Server) FaultsServed() map[FaultKind]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[FaultKind]int, len(s.faultsServed))
	for k, v := range s.faultsServed {
		out[k] = v
	}
	return out
}

func faultMatches(spec, method, pattern string) bool {
	return spec == "*" || spec == pattern || spec == method+" *"
}

// takeFault consumes one use of the first matching fault; s.mu held.
func (s *Server) takeFault(method, pattern string) *Fault {
	for i, f := range s.faults {
		if !faultMatches(f.Route, method, pattern) {
			continue
		}
		if f.After > 0 {
			f.After--
			continue
		}
		f.Times--
		if f.Times <= 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		s.faultsServed[f.Kind]++
		taken := *f
		return &taken
	}
	return nil
}

// applyFaultBefore handles the faults that act before the handler. handled
// means the request is over (resp nil when the connection was dropped or
// the client went away).
func (s *Server) applyFaultBefore(c *reqCtx, w http.ResponseWriter, f *Fault) (resp *response, handled bool) {
	retryAfter := f.RetryAfter
	if retryAfter == "" {
		retryAfter = "1"
	}
	var r response
	switch f.Kind {
	case FaultRateLimit:
		r = c.fail(http.StatusTooManyRequests, "rate_limited", "Rate limit exceeded; retry later").withHeader("Retry-After", retryAfter)
	case FaultServerError:
		r = c.fail(http.StatusInternalServerError, "internal_error", "An unexpected error occurred")
	case FaultUnavailable:
		r = c.fail(http.StatusServiceUnavailable, "service_unavailable", "The service is temporarily unavailable").withHeader("Retry-After", retryAfter)
	case FaultStatus:
		code := f.Code
		if code == "" {
			code = map[int]string{401: "authentication_failed", 403: "forbidden", 404: "not_found"}[f.Status]
		}
		r = c.fail(f.Status, code, http.StatusText(f.Status)+" (injected fault)")
	case FaultBadGateway:
		r = badGatewayPage()
	case FaultRedirect:
		to := f.RedirectTo
		if to == "" {
			to = "http://" + c.r.Host
		}
		loc := to + c.r.URL.Path
		if c.r.URL.RawQuery != "" {
			loc += "?" + c.r.URL.RawQuery
		}
		r = response{status: http.StatusTemporaryRedirect}.withHeader("Location", loc)
	case FaultResetBefore:
		abortConn(w)
		return nil, true
	case FaultSlow:
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		select {
		case <-t.C:
			return nil, false
		case <-c.r.Context().Done():
			return nil, true // the client gave up: do not act
		}
	default:
		return nil, false
	}
	return &r, true
}

// badGatewayPage is what a proxy in front of the API answers.
func badGatewayPage() response {
	return response{
		status:      http.StatusBadGateway,
		contentType: "text/html; charset=utf-8",
		body:        []byte("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"),
	}
}

// applyFaultAfter handles the faults that strike once the handler acted;
// done means the answer has been dealt with.
func applyFaultAfter(c *reqCtx, w http.ResponseWriter, f *Fault, resp response, status *int) (done bool) {
	switch f.Kind {
	case FaultResetAfter:
		abortConn(w)
		return true
	case FaultTruncated:
		*status = resp.status
		writeResponse(w, resp, true)
		return true
	case FaultActedServerError:
		page := badGatewayPage()
		*status = page.status
		writeResponse(w, page, false)
		return true
	case FaultActedSlow:
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		select {
		case <-t.C:
			return false // late, but answered
		case <-c.r.Context().Done():
			return true // the client gave up; the campaign exists anyway
		}
	}
	return false
}

// abortConn drops the connection without a response. A hijacked TCP
// connection is closed with SO_LINGER 0 so the client sees a reset; where
// hijacking is impossible (HTTP/2, recorders) net/http's abort panic is used.
func abortConn(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			if tcp, ok := conn.(*net.TCPConn); ok {
				_ = tcp.SetLinger(0)
			}
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
