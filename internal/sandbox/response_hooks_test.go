package sandbox

import (
	"net/http"
	"strings"
	"testing"
)

func TestResponseHookRewritesOnlyItsRoute(t *testing.T) {
	s := newServer(t, Options{})
	s.SetResponseHook(" POST  /v1/campaigns ", func(body map[string]any) map[string]any {
		delete(body, "sequenceSteps")
		body["note"] = "<b>kept</b>"
		return map[string]any{"data": map[string]any{"campaign": body}}
	})
	steps := []map[string]any{{"subject": "s", "bodyHtml": "<p>b</p>", "delayDays": 2}}
	rec := call(t, s, http.MethodPost, "/v1/campaigns", map[string]any{"name": "n", "sequenceSteps": steps})
	if rec.Code != http.StatusCreated {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	camp := asObj(t, asObj(t, asObj(t, decode(t, rec))["data"])["campaign"])
	if _, has := camp["sequenceSteps"]; has || camp["name"] != "n" || !strings.Contains(rec.Body.String(), "<b>kept</b>") {
		t.Fatalf("hook not applied: %v", camp)
	}
	id, _ := camp["id"].(string)
	// The server's state is untouched, and other routes answer as usual.
	if c, ok := s.Campaign(id); !ok || len(c.Steps) != 1 {
		t.Fatalf("campaign %q in the sandbox: %+v, %v", id, c, ok)
	}
	got := asObj(t, decode(t, call(t, s, http.MethodGet, "/v1/campaigns/"+id, nil)))
	if list, _ := got["sequenceSteps"].([]any); len(list) != 1 {
		t.Fatalf("GET rewritten: %v", got)
	}
	// Errors pass unchanged; nil from the hook sends the answer as is.
	if rec := call(t, s, http.MethodPost, "/v1/campaigns", map[string]any{}); rec.Code != http.StatusUnprocessableEntity && rec.Code != http.StatusBadRequest {
		t.Fatalf("invalid create: %d %s", rec.Code, rec.Body)
	}
	s.SetResponseHook("POST /v1/campaigns", func(map[string]any) map[string]any { return nil })
	if _, has := asObj(t, decode(t, call(t, s, http.MethodPost, "/v1/campaigns", map[string]any{"name": "m"})))["id"]; !has {
		t.Fatal("a nil rewrite must send the answer unchanged")
	}
	s.SetResponseHook("POST /v1/campaigns", nil)
	if _, has := asObj(t, decode(t, call(t, s, http.MethodPost, "/v1/campaigns", map[string]any{"name": "m", "sequenceSteps": steps})))["sequenceSteps"]; !has {
		t.Fatal("a removed hook still rewrites")
	}
}
