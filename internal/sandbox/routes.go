package sandbox

import (
	"strings"
)

// route is one method + path pattern. Completion routes (DESIGN.md,
// "Completions and fallbacks") disappear in documented-only mode.
type route struct {
	method     string
	pattern    string // "GET /v1/campaigns/:id", the key used for counts and faults
	segs       []string
	completion bool
	handle     func(*reqCtx) response
}

func newRoute(pattern string, completion bool, h func(*reqCtx) response) *route {
	method, path, _ := strings.Cut(pattern, " ")
	return &route{method: method, pattern: pattern, segs: splitPath(path), completion: completion, handle: h}
}

// routeTable lists every route. Order within a path gives the Allow header
// order.
func (s *Server) routeTable() []*route {
	const doc, completion = false, true
	return []*route{
		newRoute("GET /v1/sender-pools", doc, s.listPools),
		newRoute("GET /v1/sender-accounts", doc, s.listAccounts),

		newRoute("GET /v1/campaigns", completion, s.listCampaigns),
		newRoute("POST /v1/campaigns", doc, s.createCampaign),
		newRoute("GET /v1/campaigns/:id", completion, s.getCampaign),
		newRoute("PATCH /v1/campaigns/:id", completion, s.updateCampaign),
		newRoute("DELETE /v1/campaigns/:id", completion, s.deleteCampaign),
		newRoute("POST /v1/campaigns/:id/start", doc, s.startCampaign),
		newRoute("POST /v1/campaigns/:id/pause", doc, s.pauseCampaign),
		newRoute("GET /v1/campaigns/:id/stats", doc, s.campaignStats),
		newRoute("POST /v1/campaigns/:id/leads/bulk", doc, s.bulkLeads),
		newRoute("GET /v1/campaigns/:id/leads", completion, s.listLeads),
		newRoute("DELETE /v1/campaigns/:id/leads", completion, s.deleteLeads),

		newRoute("GET /v1/replies", doc, s.listReplies),
		newRoute("POST /v1/replies/:id/assign", doc, s.assignReply),

		newRoute("POST /v1/suppression-list", doc, s.addSuppression),
		newRoute("DELETE /v1/suppression-list", completion, s.removeSuppression),

		newRoute("GET /v1/webhooks", completion, s.listWebhooks),
		newRoute("POST /v1/webhooks", doc, s.createWebhook),
		newRoute("GET /v1/webhooks/:id", completion, s.getWebhook),
		newRoute("PATCH /v1/webhooks/:id", completion, s.updateWebhook),
		newRoute("DELETE /v1/webhooks/:id", completion, s.deleteWebhook),

		newRoute("GET /v1/sdrs", doc, s.listSDRs),
		newRoute("GET /v1/sdr/gmail/status", doc, s.gmailStatus),
		newRoute("GET /v1/sdr/inbox", doc, s.inbox),
		newRoute("GET /v1/sdr/followups/due", doc, s.dueFollowups),
		newRoute("POST /v1/sdr/followups/:id/complete", doc, s.completeFollowup),
		newRoute("POST /v1/sdr/followups/:id/skip", doc, s.skipFollowup),
		newRoute("POST /v1/sdr/followups/:id/reschedule", doc, s.rescheduleFollowup),
		newRoute("POST /v1/sdr/threads/:id/followup/schedule", doc, s.scheduleFollowup),
		newRoute("POST /v1/sdr/drafts/generate", doc, s.generateDrafts),
		newRoute("POST /v1/sdr/drafts/:id/send", doc, s.sendDraft),
	}
}

func splitPath(p string) []string { return strings.Split(strings.TrimPrefix(p, "/"), "/") }

func (rt *route) matchPath(segs []string) (map[string]string, bool) {
	if len(segs) != len(rt.segs) {
		return nil, false
	}
	var params map[string]string
	for i, want := range rt.segs {
		if name, ok := strings.CutPrefix(want, ":"); ok {
			if segs[i] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[name] = segs[i]
			continue
		}
		if segs[i] != want {
			return nil, false
		}
	}
	return params, true
}

// matchResult is what routing found for a request.
type matchResult struct {
	route  *route            // the active route for method+path, if any
	params map[string]string // path parameters of route
	allow  []string          // active methods on this path (for 405)
	hidden string            // pattern of a completion hidden by documented-only mode
}

// key is the per-route key for request counts and style rotation.
func (m matchResult) key() string {
	switch {
	case m.route != nil:
		return m.route.pattern
	case m.hidden != "":
		return m.hidden
	}
	return "unmatched"
}

// match must be called with s.mu held (it reads documentedOnly).
func (s *Server) match(method, path string) matchResult {
	segs := splitPath(path)
	var m matchResult
	for _, rt := range s.routes {
		params, ok := rt.matchPath(segs)
		if !ok {
			continue
		}
		active := !rt.completion || !s.documentedOnly
		if rt.method == method {
			if active {
				m.route, m.params = rt, params
			} else {
				m.hidden = rt.pattern
			}
		}
		if active {
			m.allow = append(m.allow, rt.method)
		}
	}
	return m
}
