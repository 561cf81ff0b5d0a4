package sandbox

import (
	"strings"
	"testing"
)

func TestWebhookValidation(t *testing.T) {
	events := []string{"message.sent"}
	tests := []struct {
		name    string
		body    map[string]any
		wantMsg string
	}{
		{"missing url", map[string]any{"events": events}, "url is required"},
		{"http url", map[string]any{"url": "http://example.com/h", "events": events}, "https"},
		{"relative url", map[string]any{"url": "/hook", "events": events}, "absolute https:// URL"},
		{"no host", map[string]any{"url": "https:///hook", "events": events}, "absolute https:// URL"},
		{"url wrong type", map[string]any{"url": 1, "events": events}, "url must be a string"},
		{"missing events", map[string]any{"url": "https://example.com"}, "events is required"},
		{"empty events", map[string]any{"url": "https://example.com", "events": []string{}}, "at least one"},
		{"unknown event", map[string]any{"url": "https://example.com", "events": []string{"message.sent", "message.opened"}}, `"message.opened"`},
		{"event wrong type", map[string]any{"url": "https://example.com", "events": []any{true}}, "events[0] must be a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, Options{})
			rec := call(t, s, "POST", "/v1/webhooks", tt.body)
			wantStatus(t, rec, 400)
			m := asObj(t, decode(t, rec))
			if msg, _ := m["message"].(string); m["code"] != "invalid_request" || !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("%v, want message containing %q", m, tt.wantMsg)
			}
			if len(s.Webhooks()) != 0 {
				t.Error("created anyway")
			}
		})
	}
}

func TestWebhookCompletions(t *testing.T) {
	s := newServer(t, Options{})
	rec := call(t, s, "POST", "/v1/webhooks", map[string]any{"url": "https://example.com/a", "events": []string{"reply.received", "reply.received"}})
	wantStatus(t, rec, 201)
	created := asObj(t, decode(t, rec))
	id := created["id"].(string)
	if !strings.HasPrefix(id, "wh_") || len(asList(t, created["events"])) != 1 {
		t.Errorf("%v", created)
	}
	w, ok := s.Webhook(id)
	if !ok || w.SigningSecret != created["signingSecret"] {
		t.Errorf("%+v", w)
	}

	rec = call(t, s, "GET", "/v1/webhooks", nil)
	wantStatus(t, rec, 200)
	if list := asList(t, asObj(t, decode(t, rec))["webhooks"]); len(list) != 1 {
		t.Errorf("%v", list)
	}
	rec = call(t, s, "PATCH", "/v1/webhooks/"+id, map[string]any{"events": []string{"campaign.started", "message.bounced"}})
	wantStatus(t, rec, 200)
	if m := asObj(t, decode(t, rec)); len(asList(t, m["events"])) != 2 || m["url"] != "https://example.com/a" {
		t.Errorf("%v", m)
	}
	wantStatus(t, call(t, s, "PATCH", "/v1/webhooks/"+id, map[string]any{"url": "http://insecure"}), 400)
	rec = call(t, s, "GET", "/v1/webhooks/"+id, nil)
	if m := asObj(t, decode(t, rec)); m["id"] != id {
		t.Errorf("%v", m)
	}
	wantStatus(t, call(t, s, "DELETE", "/v1/webhooks/"+id, nil), 204)
	for _, method := range []string{"GET", "PATCH", "DELETE"} {
		rec := call(t, s, method, "/v1/webhooks/"+id, map[string]any{})
		wantStatus(t, rec, 404)
		if code := errorCode(t, rec); code != "webhook_not_found" {
			t.Errorf("%s: %q", method, code)
		}
	}
	id2 := s.Webhooks()
	if len(id2) != 0 {
		t.Errorf("%v", id2)
	}
}
