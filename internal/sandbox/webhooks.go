package sandbox

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// webhookEvents are the documented event types.
var webhookEvents = []string{"campaign.started", "message.sent", "message.bounced", "reply.received"}

// webhookObj renders a webhook; the concept style omits the signing secret
// (no page shows where it comes from), the others include it.
func (c *reqCtx) webhookObj(w *Webhook) obj {
	o := obj{
		{"id", w.ID},
		{"url", w.URL},
		{"events", w.Events},
		{"status", w.Status},
		{"createdAt", c.ts(w.CreatedAt)},
	}
	if c.style != StyleConcept {
		o = append(o, kv{"signingSecret", w.SigningSecret})
	}
	return o
}

func parseWebhookURL(m map[string]any, required bool) (string, bool, *fieldError) {
	raw, present, ferr := stringField(m, "url", "url")
	switch {
	case ferr != nil:
		return "", false, ferr
	case !present && required:
		e := fieldErr("url", "url is required")
		return "", false, &e
	case !present:
		return "", false, nil
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || !u.IsAbs() || u.Host == "" || u.Hostname() == "":
		e := fieldErr("url", "url must be an absolute https:// URL with a host")
		return "", false, &e
	case u.Scheme != "https":
		e := fieldErr("url", "url must use https (got %s://)", u.Scheme)
		return "", false, &e
	case len(raw) > 2048:
		e := fieldErr("url", "url must be at most 2048 characters")
		return "", false, &e
	}
	return raw, true, nil
}

// parseEvents validates the events list; duplicates are dropped, order kept.
func parseEvents(m map[string]any, required bool) ([]string, bool, *fieldError) {
	if v, ok := m["events"]; !required && (!ok || v == nil) {
		return nil, false, nil
	}
	arr, ferr := requiredList(m, "events")
	if ferr != nil {
		return nil, false, ferr
	}
	var out []string
	for i, v := range arr {
		ev, ok := v.(string)
		if !ok {
			e := fieldErr(fmt.Sprintf("events[%d]", i), "events[%d] must be a string", i)
			return nil, false, &e
		}
		if !slices.Contains(webhookEvents, ev) {
			e := fieldErr(fmt.Sprintf("events[%d]", i), "events[%d]: unknown event %q (supported: %s)", i, ev, strings.Join(webhookEvents, ", "))
			return nil, false, &e
		}
		if !slices.Contains(out, ev) {
			out = append(out, ev)
		}
	}
	return out, true, nil
}

func (s *Server) createWebhook(c *reqCtx) response {
	m, bad := c.object()
	if bad != nil {
		return *bad
	}
	u, _, uerr := parseWebhookURL(m, true)
	events, _, eerr := parseEvents(m, true)
	var errs []fieldError
	for _, e := range []*fieldError{uerr, eerr} {
		if e != nil {
			errs = append(errs, *e)
		}
	}
	if len(errs) > 0 {
		return c.invalid(errs...)
	}
	now := s.clock()
	w := &Webhook{ID: newID("wh_", now), URL: u, Events: events, Status: "active", SigningSecret: newSigningSecret(), CreatedAt: now, UpdatedAt: now}
	s.webhooks[w.ID] = w
	return c.created(c.one("webhook", "", c.webhookObj(w)))
}

func (s *Server) webhook(c *reqCtx) (*Webhook, *response) {
	id := c.id()
	w, ok := s.webhooks[id]
	if !ok {
		resp := c.notFound("webhook_not_found", "webhook", id)
		return nil, &resp
	}
	return w, nil
}

func (s *Server) sortedWebhooks() []*Webhook {
	out := make([]*Webhook, 0, len(s.webhooks))
	for _, w := range s.webhooks {
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b *Webhook) int {
		if n := a.CreatedAt.Compare(b.CreatedAt); n != 0 {
			return n
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

func (s *Server) listWebhooks(c *reqCtx) response {
	var all []any
	for _, w := range s.sortedWebhooks() {
		all = append(all, c.webhookObj(w))
	}
	return c.list("webhooks", "webhooks", "", all)
}

func (s *Server) getWebhook(c *reqCtx) response {
	w, bad := s.webhook(c)
	if bad != nil {
		return *bad
	}
	return c.ok(c.one("webhook", "", c.webhookObj(w)))
}

func (s *Server) updateWebhook(c *reqCtx) response {
	w, bad := s.webhook(c)
	if bad != nil {
		return *bad
	}
	m, bad := c.object()
	if bad != nil {
		return *bad
	}
	u, hasURL, uerr := parseWebhookURL(m, false)
	events, hasEvents, eerr := parseEvents(m, false)
	var errs []fieldError
	for _, e := range []*fieldError{uerr, eerr} {
		if e != nil {
			errs = append(errs, *e)
		}
	}
	if len(errs) > 0 {
		return c.invalid(errs...)
	}
	if hasURL {
		w.URL = u
	}
	if hasEvents {
		w.Events = events
	}
	if hasURL || hasEvents {
		w.UpdatedAt = s.clock()
	}
	return c.ok(c.one("webhook", "", c.webhookObj(w)))
}

// deleteWebhook: 204 in reference and concept styles, 200 with the object
// in guide and data styles.
func (s *Server) deleteWebhook(c *reqCtx) response {
	w, bad := s.webhook(c)
	if bad != nil {
		return *bad
	}
	body := c.webhookObj(w)
	delete(s.webhooks, w.ID)
	switch c.style {
	case StyleGuide:
		return c.ok(obj{{"webhook", body}})
	case StyleData:
		return c.ok(obj{{"data", body}})
	}
	return noContent()
}
