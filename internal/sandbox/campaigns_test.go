package sandbox

import (
	"net/http"
	"strings"
	"testing"
)

func TestCreateCampaignValidation(t *testing.T) {
	long := strings.Repeat("x", 256)
	tests := []struct {
		name    string
		body    any
		wantMsg string
		field   string
	}{
		{"empty body", "", "request body is required", ""},
		{"malformed JSON", `{"name":`, "malformed JSON", ""},
		{"trailing data", `{"name":"a"} {}`, "malformed JSON", ""},
		{"array body", `[]`, "must be a JSON object", ""},
		{"missing name", map[string]any{}, "name is required", "name"},
		{"null name", map[string]any{"name": nil}, "name is required", "name"},
		{"name wrong type", map[string]any{"name": 5}, "name must be a string", "name"},
		{"blank name", map[string]any{"name": "  "}, "name must not be empty", "name"},
		{"long name", map[string]any{"name": long}, "at most 255", "name"},
		{"steps not array", map[string]any{"name": "a", "sequenceSteps": "x"}, "sequenceSteps must be an array", "sequenceSteps"},
		{"step not object", map[string]any{"name": "a", "sequenceSteps": []any{1}}, "sequenceSteps[0] must be an object", "sequenceSteps[0]"},
		{"second step missing subject", map[string]any{"name": "a", "sequenceSteps": []any{
			map[string]any{"subject": "s", "bodyHtml": "b"}, map[string]any{"bodyHtml": "b"},
		}}, "sequenceSteps[1].subject is required", "sequenceSteps[1].subject"},
		{"empty bodyHtml", map[string]any{"name": "a", "sequenceSteps": []any{map[string]any{"subject": "s", "bodyHtml": ""}}}, "sequenceSteps[0].bodyHtml must not be empty", "sequenceSteps[0].bodyHtml"},
		{"subject wrong type", map[string]any{"name": "a", "sequenceSteps": []any{map[string]any{"subject": true, "bodyHtml": "b"}}}, "sequenceSteps[0].subject must be a string", "sequenceSteps[0].subject"},
		{"fractional delay", map[string]any{"name": "a", "sequenceSteps": []any{map[string]any{"subject": "s", "bodyHtml": "b", "delayDays": 1.5}}}, "sequenceSteps[0].delayDays must be an integer", "sequenceSteps[0].delayDays"},
		{"string delay", map[string]any{"name": "a", "sequenceSteps": []any{map[string]any{"subject": "s", "bodyHtml": "b", "delayDays": "2"}}}, "sequenceSteps[0].delayDays must be an integer", "sequenceSteps[0].delayDays"},
		{"negative delay", map[string]any{"name": "a", "sequenceSteps": []any{map[string]any{"subject": "s", "bodyHtml": "b", "delayDays": -1}}}, "greater than or equal to 0", "sequenceSteps[0].delayDays"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, Options{})
			rec := call(t, s, "POST", "/v1/campaigns", tt.body)
			wantStatus(t, rec, http.StatusBadRequest)
			m := asObj(t, decode(t, rec))
			if m["code"] != "invalid_request" {
				t.Errorf("code %v", m["code"])
			}
			if msg, _ := m["message"].(string); !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("message %q, want it to contain %q", msg, tt.wantMsg)
			}
			if tt.field != "" {
				item := asObj(t, asList(t, m["errors"])[0])
				if item["field"] != tt.field {
					t.Errorf("errors[0] %v, want field %q", item, tt.field)
				}
			}
			if len(s.Campaigns()) != 0 {
				t.Error("invalid request created a campaign")
			}
		})
	}
}

func TestCreateCampaignOptionalSteps(t *testing.T) {
	s := newServer(t, Options{})
	id := mkCampaign(t, s, "no steps", nil)
	c, ok := s.Campaign(id)
	if !ok || c.Status != StatusDraft || len(c.Steps) != 0 {
		t.Fatalf("%+v", c)
	}
	id = mkCampaign(t, s, "delay", []map[string]any{{"subject": "a", "bodyHtml": "b"}, {"subject": "c", "bodyHtml": "d", "delayDays": 3}})
	rec := call(t, s, "GET", "/v1/campaigns/"+id, nil)
	steps := asList(t, asObj(t, decode(t, rec))["sequenceSteps"])
	if _, ok := asObj(t, steps[0])["delayDays"]; ok {
		t.Error("reference style shows delayDays 0")
	}
	if asObj(t, steps[1])["delayDays"] != 3.0 {
		t.Errorf("steps %v", steps)
	}
}

func TestCampaignStateMachine(t *testing.T) {
	s := newServer(t, Options{})
	noLeads := mkCampaign(t, s, "no leads", oneStep)
	rec := call(t, s, "POST", "/v1/campaigns/"+noLeads+"/start", nil)
	wantStatus(t, rec, 400)
	if code := errorCode(t, rec); code != "no_leads_enrolled" {
		t.Errorf("code %q", code)
	}

	noSteps := mkCampaign(t, s, "no steps", nil)
	enroll(t, s, noSteps, "a@example.com")
	rec = call(t, s, "POST", "/v1/campaigns/"+noSteps+"/start", nil)
	wantStatus(t, rec, 400)
	if code := errorCode(t, rec); code != "no_sequence_steps" {
		t.Errorf("code %q", code)
	}

	id := mkCampaign(t, s, "ok", oneStep)
	// Pausing a draft is a no-op returning the current state.
	rec = call(t, s, "POST", "/v1/campaigns/"+id+"/pause", nil)
	wantStatus(t, rec, 200)
	if m := asObj(t, decode(t, rec)); m["status"] != "draft" || m["pausedAt"] != nil {
		t.Errorf("pause draft %v", m)
	}
	enroll(t, s, id, "a@example.com")
	rec = call(t, s, "POST", "/v1/campaigns/"+id+"/start", nil)
	wantStatus(t, rec, 200)
	first := asObj(t, decode(t, rec))
	if first["status"] != "running" || first["startedAt"] == nil {
		t.Errorf("start %v", first)
	}
	// Start on running is a no-op returning the same startedAt.
	rec = call(t, s, "POST", "/v1/campaigns/"+id+"/start", nil)
	wantStatus(t, rec, 200)
	if again := asObj(t, decode(t, rec)); again["startedAt"] != first["startedAt"] || again["status"] != "running" {
		t.Errorf("second start %v vs %v", again, first)
	}
	rec = call(t, s, "POST", "/v1/campaigns/"+id+"/pause", nil)
	paused := asObj(t, decode(t, rec))
	if paused["status"] != "paused" || paused["pausedAt"] == nil {
		t.Errorf("pause %v", paused)
	}
	rec = call(t, s, "POST", "/v1/campaigns/"+id+"/pause", nil)
	if again := asObj(t, decode(t, rec)); again["pausedAt"] != paused["pausedAt"] {
		t.Errorf("second pause %v", again)
	}
	// Paused → running again.
	rec = call(t, s, "POST", "/v1/campaigns/"+id+"/start", nil)
	if m := asObj(t, decode(t, rec)); m["status"] != "running" {
		t.Errorf("resume %v", m)
	}

	for _, p := range []string{"start", "pause", "stats"} {
		method := "POST"
		if p == "stats" {
			method = "GET"
		}
		rec := call(t, s, method, "/v1/campaigns/camp_missing/"+p, nil)
		wantStatus(t, rec, 404)
		if code := errorCode(t, rec); code != "campaign_not_found" {
			t.Errorf("%s: code %q", p, code)
		}
	}
}

func TestStatsAndTick(t *testing.T) {
	s := newServer(t, Options{})
	id := mkCampaign(t, s, "c", []map[string]any{{"subject": "a", "bodyHtml": "b"}, {"subject": "c", "bodyHtml": "d", "delayDays": 2}})
	enroll(t, s, id, "ava@example.com", "bounce@example.com", "cara@example.com")
	stats := func() map[string]any {
		rec := call(t, s, "GET", "/v1/campaigns/"+id+"/stats", nil)
		wantStatus(t, rec, 200)
		return asObj(t, decode(t, rec))
	}
	if st := stats(); st["totalEnrolled"] != 3.0 || st["queued"] != 0.0 || st["sent"] != 0.0 {
		t.Errorf("draft stats %v", st)
	}
	s.Tick() // drafts are inert
	call(t, s, "POST", "/v1/campaigns/"+id+"/start", nil)
	if st := stats(); st["queued"] != 3.0 {
		t.Errorf("after start %v", st)
	}
	s.Tick()
	st := stats()
	if st["sent"] != 3.0 || st["delivered"] != 2.0 || st["bounced"] != 1.0 || st["queued"] != 2.0 {
		t.Errorf("after tick %v", st)
	}
	s.AddReply(Reply{Email: "AVA@example.com", CampaignID: id, Classification: "interested"})
	s.Tick()
	s.Tick() // day 3: step 2 is due for cara only (ava replied, bounce bounced)
	st = stats()
	if st["sent"] != 4.0 || st["replied"] != 1.0 || st["queued"] != 0.0 {
		t.Errorf("after step 2 %v", st)
	}
	if st["replyRate"] != 1.0/3.0 && st["replyRate"] != 0.3333 {
		t.Errorf("replyRate %v", st["replyRate"])
	}
	// Pausing holds queued messages.
	enroll(t, s, id, "dan@example.com")
	call(t, s, "POST", "/v1/campaigns/"+id+"/pause", nil)
	s.Tick()
	if st := stats(); st["queued"] != 1.0 || st["sent"] != 4.0 {
		t.Errorf("paused %v", st)
	}
}

func TestCampaignCompletions(t *testing.T) {
	s := newServer(t, Options{})
	id := mkCampaign(t, s, "before", oneStep)

	rec := call(t, s, "PATCH", "/v1/campaigns/"+id, map[string]any{"name": "after"})
	wantStatus(t, rec, 200)
	if m := asObj(t, decode(t, rec)); m["name"] != "after" || len(asList(t, m["sequenceSteps"])) != 1 {
		t.Errorf("patch name %v", m)
	}
	rec = call(t, s, "PATCH", "/v1/campaigns/"+id, map[string]any{"sequenceSteps": []any{map[string]any{"subject": "x"}}})
	wantStatus(t, rec, 400)
	if !strings.Contains(asObj(t, decode(t, rec))["message"].(string), "sequenceSteps[0].bodyHtml") {
		t.Error(rec.Body.String())
	}
	rec = call(t, s, "PATCH", "/v1/campaigns/"+id, map[string]any{"sequenceSteps": []any{
		map[string]any{"subject": "1", "bodyHtml": "1"}, map[string]any{"subject": "2", "bodyHtml": "2", "delayDays": 4},
	}})
	wantStatus(t, rec, 200)
	if c, _ := s.Campaign(id); len(c.Steps) != 2 || c.Steps[1].DelayDays != 4 || c.Name != "after" {
		t.Errorf("%+v", c)
	}
	wantStatus(t, call(t, s, "PATCH", "/v1/campaigns/camp_x", map[string]any{"name": "a"}), 404)

	rec = call(t, s, "DELETE", "/v1/campaigns/"+id, nil)
	wantStatus(t, rec, 204)
	if rec.Body.Len() != 0 {
		t.Errorf("204 with body %q", rec.Body.String())
	}
	for _, p := range []string{"", "/stats"} {
		rec = call(t, s, "GET", "/v1/campaigns/"+id+p, nil)
		wantStatus(t, rec, 404)
		if code := errorCode(t, rec); code != "campaign_not_found" {
			t.Errorf("after delete %s: %q", p, code)
		}
	}
	wantStatus(t, call(t, s, "DELETE", "/v1/campaigns/"+id, nil), 404)

	s.SetStyle(StyleGuide)
	id = mkCampaignGuide(t, s, "g")
	rec = call(t, s, "DELETE", "/v1/campaigns/"+id, nil)
	wantStatus(t, rec, 200)
	if asObj(t, asObj(t, decode(t, rec))["campaign"])["id"] != id {
		t.Error(rec.Body.String())
	}
}

func mkCampaignGuide(t *testing.T, s *Server, name string) string {
	t.Helper()
	rec := call(t, s, "POST", "/v1/campaigns", map[string]any{"name": name})
	wantStatus(t, rec, 200)
	return asObj(t, asObj(t, decode(t, rec))["campaign"])["id"].(string)
}

func TestCampaignListPaginationGuide(t *testing.T) {
	s := newServer(t, Options{Style: StyleGuide})
	for i := range 5 {
		mkCampaignGuide(t, s, string(rune('a'+i)))
	}
	rec := call(t, s, "GET", "/v1/campaigns?perPage=2&page=3", nil)
	wantStatus(t, rec, 200)
	m := asObj(t, decode(t, rec))
	data := asList(t, m["data"])
	if len(data) != 1 || asObj(t, data[0])["name"] != "e" {
		t.Errorf("page 3: %v", data)
	}
	if p := asObj(t, m["pagination"]); p["total"] != 5.0 || p["page"] != 3.0 || p["perPage"] != 2.0 {
		t.Errorf("pagination %v", p)
	}
}

func TestCampaignHooks(t *testing.T) {
	s := newServer(t, Options{})
	id := mkCampaign(t, s, "c", oneStep)
	if !s.RenameCampaign(id, "renamed") || s.RenameCampaign("nope", "x") {
		t.Error("RenameCampaign")
	}
	if !s.SetCampaignStatus(id, "active") || s.SetCampaignStatus(id, "archived") {
		t.Error("SetCampaignStatus")
	}
	rec := call(t, s, "GET", "/v1/campaigns/"+id, nil)
	if m := asObj(t, decode(t, rec)); m["name"] != "renamed" || m["status"] != "running" {
		t.Errorf("%v", m)
	}
	if !s.DeleteCampaign(id) || s.DeleteCampaign(id) {
		t.Error("DeleteCampaign")
	}
	if _, ok := s.Campaign(id); ok {
		t.Error("still there")
	}
}
