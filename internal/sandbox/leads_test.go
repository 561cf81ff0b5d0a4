package sandbox

import (
	"strings"
	"testing"
)

func TestBulkLeadsUpsert(t *testing.T) {
	s := newServer(t, Options{})
	id := mkCampaign(t, s, "c", oneStep)
	rec := call(t, s, "POST", "/v1/campaigns/"+id+"/leads/bulk", map[string]any{"leads": []map[string]any{
		{"email": "ava@example.com", "firstName": "Ava", "company": "ExampleCo", "jobTitle": "VP Sales", "useCase": "outbound", "employees": 50},
		{"email": "ben@example.com", "lastName": "Stone", "customFields": map[string]any{"tier": "A", "useCase": "nested wins"}, "useCase": "top"},
	}})
	wantStatus(t, rec, 200)
	if m := asObj(t, decode(t, rec)); m["enrolled"] != 2.0 || m["updated"] != 0.0 || m["total"] != 2.0 {
		t.Errorf("%v", m)
	}
	// Upsert by email, case-insensitively; only sent fields overwrite.
	rec = call(t, s, "POST", "/v1/campaigns/"+id+"/leads/bulk", map[string]any{"leads": []map[string]any{
		{"email": "AVA@example.com", "jobTitle": "CRO", "customFields": map[string]any{"tier": "B"}},
		{"email": "cara@example.com"},
	}})
	wantStatus(t, rec, 200)
	if m := asObj(t, decode(t, rec)); m["enrolled"] != 1.0 || m["updated"] != 1.0 || m["total"] != 2.0 {
		t.Errorf("%v", m)
	}
	leads := s.Leads(id)
	if len(leads) != 3 {
		t.Fatalf("%d leads", len(leads))
	}
	ava := leads[0]
	if ava.Email != "AVA@example.com" || ava.FirstName != "Ava" || ava.Company != "ExampleCo" || ava.JobTitle != "CRO" {
		t.Errorf("ava %+v", ava)
	}
	if ava.CustomFields["useCase"] != "outbound" || ava.CustomFields["employees"] != "50" || ava.CustomFields["tier"] != "B" {
		t.Errorf("ava custom %v", ava.CustomFields)
	}
	if ben := leads[1]; ben.LastName != "Stone" || ben.CustomFields["useCase"] != "nested wins" || ben.CustomFields["tier"] != "A" {
		t.Errorf("ben %+v", ben)
	}

	// The completion list shows the same leads.
	rec = call(t, s, "GET", "/v1/campaigns/"+id+"/leads", nil)
	wantStatus(t, rec, 200)
	list := asList(t, asObj(t, decode(t, rec))["leads"])
	if len(list) != 3 {
		t.Fatalf("%v", list)
	}
	hasKeys(t, asObj(t, list[0]), "email", "firstName", "lastName", "company", "jobTitle", "customFields", "enrolledAt")

	rec = call(t, s, "DELETE", "/v1/campaigns/"+id+"/leads", map[string]any{"emails": []string{"Cara@Example.com", "zed@example.com"}})
	wantStatus(t, rec, 200)
	if m := asObj(t, decode(t, rec)); m["removed"] != 1.0 {
		t.Errorf("%v", m)
	}
	if len(s.Leads(id)) != 2 {
		t.Error("not removed")
	}
}

func TestBulkLeadsValidation(t *testing.T) {
	tests := []struct {
		name   string
		body   any
		status int
		check  func(t *testing.T, m map[string]any)
	}{
		{"missing leads", map[string]any{}, 400, nil},
		{"leads not array", map[string]any{"leads": "x"}, 400, nil},
		{"empty leads", map[string]any{"leads": []any{}}, 400, nil},
		{"lead not object", map[string]any{"leads": []any{"a@example.com"}}, 400, nil},
		{"bad emails", map[string]any{"leads": []any{
			map[string]any{"email": "ok@example.com"},
			map[string]any{"email": "not-an-email"},
			map[string]any{"firstName": "NoEmail"},
			map[string]any{"email": " space@example.com"},
		}}, 422, func(t *testing.T, m map[string]any) {
			errs := asList(t, m["errors"])
			if len(errs) != 3 {
				t.Fatalf("errors %v", errs)
			}
			first := asObj(t, errs[0])
			if first["index"] != 1.0 || first["email"] != "not-an-email" || first["field"] != "email" || first["message"] == "" {
				t.Errorf("errors[0] %v", first)
			}
			if second := asObj(t, errs[1]); second["index"] != 2.0 || !strings.Contains(second["message"].(string), "required") {
				t.Errorf("errors[1] %v", second)
			}
		}},
		{"wrong field type", map[string]any{"leads": []any{map[string]any{"email": "a@example.com", "firstName": 3}}}, 422, func(t *testing.T, m map[string]any) {
			if e := asObj(t, asList(t, m["errors"])[0]); e["field"] != "firstName" || e["index"] != 0.0 {
				t.Errorf("%v", e)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, Options{})
			id := mkCampaign(t, s, "c", oneStep)
			rec := call(t, s, "POST", "/v1/campaigns/"+id+"/leads/bulk", tt.body)
			wantStatus(t, rec, tt.status)
			if tt.check != nil {
				tt.check(t, asObj(t, decode(t, rec)))
			}
			if n := len(s.Leads(id)); n != 0 {
				t.Errorf("rejected request enrolled %d leads", n)
			}
		})
	}
	s := newServer(t, Options{})
	rec := call(t, s, "POST", "/v1/campaigns/camp_nope/leads/bulk", map[string]any{"leads": []any{map[string]any{"email": "a@example.com"}}})
	wantStatus(t, rec, 404)
	if code := errorCode(t, rec); code != "campaign_not_found" {
		t.Errorf("code %q", code)
	}
}

func TestValidEmail(t *testing.T) {
	for e, want := range map[string]bool{
		"ava@example.com": true, "first.last+tag@mail.example.co.uk": true, "AVA@Example.COM": true,
		"": false, "ava": false, "ava@": false, "@example.com": false, "ava@example": false,
		"ava@exa mple.com": false, "ava@example.com\n": false, "Ava <ava@example.com>": false,
		"ava@-example.com": false, "ava@example..com": false, "ava@example.123": false,
	} {
		if got := validEmail(e); got != want {
			t.Errorf("validEmail(%q) = %v", e, got)
		}
	}
}
