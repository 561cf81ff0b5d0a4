package sandbox

import (
	"bytes"
	"encoding/json"
	"sync"
)

// ResponseHook rewrites the JSON object of a successful answer, for tests
// that need an answer no style renders: a field left out, a value
// normalised, another wrapper. It receives the decoded body (numbers as
// json.Number) and returns the body to send; returning nil sends the
// answer unchanged.
type ResponseHook func(body map[string]any) map[string]any

// responseHooks holds the hooks per route pattern. It has its own lock so a
// hook runs outside the server's: it may call the server's methods.
type responseHooks struct {
	mu    sync.Mutex
	hooks map[string]ResponseHook
}

// SetResponseHook installs hook for route, a pattern like "POST
// /v1/campaigns" (as RequestCount takes); nil removes it. The hook sees
// every later 2xx JSON-object answer on the route, replays included; the
// server's state is not changed by it.
func (s *Server) SetResponseHook(route string, hook ResponseHook) {
	h := &s.responseHooks
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.hooks == nil {
		h.hooks = map[string]ResponseHook{}
	}
	if hook == nil {
		delete(h.hooks, routeKey(route))
		return
	}
	h.hooks[routeKey(route)] = hook
}

// rewrite applies pattern's hook to resp, if there is one and resp is a
// 2xx JSON object; anything else passes unchanged.
func (h *responseHooks) rewrite(pattern string, resp response) response {
	h.mu.Lock()
	hook := h.hooks[pattern]
	h.mu.Unlock()
	if hook == nil || resp.status < 200 || resp.status > 299 {
		return resp
	}
	dec := json.NewDecoder(bytes.NewReader(resp.body))
	dec.UseNumber()
	var body map[string]any
	if dec.Decode(&body) != nil || body == nil {
		return resp
	}
	out := hook(body)
	if out == nil {
		return resp
	}
	b, err := marshal(out)
	if err != nil {
		return resp
	}
	resp.body = append(b, '\n')
	return resp
}
