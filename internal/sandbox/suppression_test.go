package sandbox

import (
	"fmt"
	"slices"
	"testing"
)

func TestSuppressionAddRemove(t *testing.T) {
	s := newServer(t, Options{})
	rec := call(t, s, "POST", "/v1/suppression-list", map[string]any{"emails": []string{"Unsub@Example.com", "bounced@example.com", "unsub@example.com"}})
	wantStatus(t, rec, 200)
	if m := asObj(t, decode(t, rec)); m["suppressed"] != 2.0 {
		t.Errorf("%v", m)
	}
	if got := s.Suppressed(); !slices.Equal(got, []string{"bounced@example.com", "unsub@example.com"}) {
		t.Errorf("Suppressed() = %v", got)
	}
	rec = call(t, s, "DELETE", "/v1/suppression-list", map[string]any{"emails": []string{"UNSUB@example.com", "never@example.com"}})
	wantStatus(t, rec, 200)
	if m := asObj(t, decode(t, rec)); m["removed"] != 1.0 {
		t.Errorf("%v", m)
	}
	s.Unsuppress("Bounced@example.com")
	if len(s.Suppressed()) != 0 {
		t.Errorf("%v", s.Suppressed())
	}
}

func TestSuppressionValidation(t *testing.T) {
	many := make([]string, 1001)
	for i := range many {
		many[i] = fmt.Sprintf("u%d@example.com", i)
	}
	for _, st := range allStyles {
		t.Run(string(st), func(t *testing.T) {
			s := newServer(t, Options{Style: st})
			for _, body := range []any{map[string]any{}, map[string]any{"emails": []string{}}, map[string]any{"emails": "a@b.co"}, map[string]any{"emails": []any{1}}, "nope"} {
				rec := call(t, s, "POST", "/v1/suppression-list", body)
				wantStatus(t, rec, 400)
				if code := errorCode(t, rec); code != "invalid_request" {
					t.Errorf("%v: code %q", body, code)
				}
			}
			rec := call(t, s, "POST", "/v1/suppression-list", map[string]any{"emails": many})
			wantStatus(t, rec, 400)
			m := asObj(t, decode(t, rec))
			if m["message"] != "at most 1000 emails per request" && (st == StyleReference || st == StyleConcept) {
				t.Errorf("message %v", m)
			}
			rec = call(t, s, "POST", "/v1/suppression-list", map[string]any{"emails": []string{"ok@example.com", "bad", "also bad@example.com"}})
			wantStatus(t, rec, 422)
			errs := asList(t, asObj(t, decode(t, rec))["errors"])
			if len(errs) != 2 || asObj(t, errs[0])["email"] != "bad" || asObj(t, errs[0])["index"] != 1.0 {
				t.Errorf("errors %v", errs)
			}
			if len(s.Suppressed()) != 0 {
				t.Error("rejected request suppressed something")
			}
			// Exactly 1000 is fine.
			wantStatus(t, call(t, s, "POST", "/v1/suppression-list", map[string]any{"emails": many[:1000]}), 200)
		})
	}
}
