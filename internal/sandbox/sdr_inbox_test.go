package sandbox

import (
	"fmt"
	"net/http"
	"testing"
)

func inboxIDs(t *testing.T, s *Server, query string) (ids []string, total float64, hasMore bool) {
	t.Helper()
	rec := call(t, s, "GET", "/v1/sdr/inbox"+query, nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET inbox%s: %d %s", query, rec.Code, rec.Body)
	}
	data := asObj(t, asObj(t, decode(t, rec))["data"])
	for _, th := range asList(t, data["threads"]) {
		ids = append(ids, asObj(t, th)["id"].(string))
	}
	return ids, data["total"].(float64), data["hasMore"].(bool)
}

// TestInboxFiltersAndPaging: both modes serve the inbox (it is documented);
// status repeats, category and search filter, limit/offset page by
// priority.
func TestInboxFiltersAndPaging(t *testing.T) {
	for _, documented := range []bool{false, true} {
		s := newServer(t, Options{Seed: true, DocumentedOnly: documented})
		all, total, _ := inboxIDs(t, s, "")
		if fmt.Sprint(all) != fmt.Sprint([]string{seedID("thr_", 1), seedID("thr_", 3), seedID("thr_", 2), seedID("thr_", 4)}) || total != 4 {
			t.Errorf("documented=%v: by priority %v (total %v)", documented, all, total)
		}
		if ids, _, _ := inboxIDs(t, s, "?status=new&status=meeting_booked"); len(ids) != 2 {
			t.Errorf("two statuses: %v", ids)
		}
		if ids, _, _ := inboxIDs(t, s, "?category=A&search=NOVAK"); fmt.Sprint(ids) != fmt.Sprint([]string{seedID("thr_", 3)}) {
			t.Errorf("category + search: %v", ids)
		}
		ids, total, more := inboxIDs(t, s, "?limit=3&offset=2")
		if len(ids) != 2 || total != 4 || more {
			t.Errorf("page 2: %v total %v more %v", ids, total, more)
		}
		if _, _, more := inboxIDs(t, s, "?limit=3"); !more {
			t.Error("page 1 of 2 must say hasMore")
		}
		for _, q := range []string{"?status=open", "?category=D", "?limit=101", "?offset=-1", "?orderBy=name"} {
			if rec := call(t, s, "GET", "/v1/sdr/inbox"+q, nil); rec.Code != http.StatusBadRequest {
				t.Errorf("%s: %d", q, rec.Code)
			}
		}
	}
}

func TestFollowupsDueAndActions(t *testing.T) {
	s := newServer(t, Options{Seed: true, DocumentedOnly: true})
	list := func(q string) []any {
		rec := call(t, s, "GET", "/v1/sdr/followups/due"+q, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		return asList(t, asObj(t, decode(t, rec))["data"])
	}
	if n := len(list("")); n != 1 {
		t.Fatalf("due now: %d, want 1", n)
	}
	if n := len(list("?includeUpcoming=true")); n != 2 {
		t.Fatalf("with upcoming: %d, want 2", n)
	}
	due := seedID("fu_", 1)
	if rec := call(t, s, "POST", "/v1/sdr/followups/"+due+"/complete", nil); rec.Code != 200 || len(list("")) != 0 {
		t.Errorf("complete: %d, still due: %d", rec.Code, len(list("")))
	}
	if rec := call(t, s, "POST", "/v1/sdr/followups/"+seedID("fu_", 2)+"/reschedule", map[string]any{"dueAt": "2020-01-01T00:00:00.000Z"}); rec.Code != 200 || len(list("")) != 1 {
		t.Errorf("reschedule into the past: %d %s", rec.Code, rec.Body)
	}
	if rec := call(t, s, "POST", "/v1/sdr/followups/"+seedID("fu_", 2)+"/skip", map[string]any{"reason": "Q3"}); rec.Code != 200 || len(list("")) != 0 {
		t.Errorf("skip: %d", rec.Code)
	}
	if rec := call(t, s, "POST", "/v1/sdr/followups/fu_nope/complete", nil); rec.Code != 404 {
		t.Errorf("unknown follow-up: %d", rec.Code)
	}
	if rec := call(t, s, "POST", "/v1/sdr/threads/"+seedID("thr_", 1)+"/followup/schedule", nil); rec.Code != 200 || len(list("?includeUpcoming=true")) != 1 {
		t.Errorf("schedule: %d %s", rec.Code, rec.Body)
	}
}

// TestAssignReply: validation, then one thread in the SDR inbox; a repeat
// is a 409 unless forceForward, which opens no second thread.
func TestAssignReply(t *testing.T) {
	s := newServer(t, Options{Seed: true, DocumentedOnly: true})
	rid, sdrID := seedID("rpl_", 1), seedID("sdr_", 1)
	path := "/v1/replies/" + rid + "/assign"
	for body, want := range map[string]int{
		`{}`: 400,
		`{"sdrId":"sdr_nope","skipIcpCheck":true}`:                            400,
		`{"sdrId":"` + sdrID + `"}`:                                           400, // ICP fields missing
		`{"sdrId":"` + sdrID + `","seniority":"Intern","employeeCount":"50"}`: 400,
		`{"sdrId":"` + sdrID + `","skipIcpCheck":true,"category":"Z"}`:        400,
	} {
		if rec := call(t, s, "POST", path, body); rec.Code != want {
			t.Errorf("%s: %d, want %d", body, rec.Code, want)
		}
	}
	if rec := call(t, s, "POST", "/v1/replies/rpl_nope/assign", `{"sdrId":"`+sdrID+`","skipIcpCheck":true}`); rec.Code != 404 {
		t.Errorf("unknown reply: %d", rec.Code)
	}
	ok := `{"sdrId":"` + sdrID + `","category":"A","skipIcpCheck":true}`
	rec := call(t, s, "POST", path, ok)
	if rec.Code != 200 {
		t.Fatalf("assign: %d %s", rec.Code, rec.Body)
	}
	th, found := s.ReplyAssignment(rid)
	if !found || th.ContactEmail != "ava@example.com" || th.Category != "A" || asObj(t, asObj(t, decode(t, rec))["data"])["threadId"] != th.ID {
		t.Errorf("thread %+v found=%v", th, found)
	}
	if rec := call(t, s, "POST", path, ok); rec.Code != http.StatusConflict {
		t.Errorf("repeat: %d", rec.Code)
	}
	if rec := call(t, s, "POST", path, `{"sdrId":"`+sdrID+`","skipIcpCheck":true,"forceForward":true}`); rec.Code != 200 {
		t.Errorf("forceForward: %d", rec.Code)
	}
	if ids, total, _ := inboxIDs(t, s, "?search=ava@example.com"); len(ids) != 1 || total != 1 {
		t.Errorf("one thread for the reply, got %v", ids)
	}
}

func TestDrafts(t *testing.T) {
	s := newServer(t, Options{Seed: true})
	rec := call(t, s, "POST", "/v1/sdr/drafts/generate", map[string]any{"threadId": seedID("thr_", 1), "variantCount": 2})
	if rec.Code != 200 {
		t.Fatalf("generate: %d %s", rec.Code, rec.Body)
	}
	drafts := asList(t, asObj(t, asObj(t, decode(t, rec))["data"])["drafts"])
	if len(drafts) != 2 {
		t.Fatalf("drafts: %v", drafts)
	}
	id := asObj(t, drafts[0])["id"].(string)
	if rec := call(t, s, "POST", "/v1/sdr/drafts/"+id+"/send", map[string]any{"finalBodyText": "Hi {{firstName}}"}); rec.Code != 422 {
		t.Errorf("unfilled token: %d", rec.Code)
	}
	if rec := call(t, s, "POST", "/v1/sdr/drafts/"+id+"/send", nil); rec.Code != 200 {
		t.Errorf("send: %d %s", rec.Code, rec.Body)
	}
	if rec := call(t, s, "POST", "/v1/sdr/drafts/"+id+"/send", nil); rec.Code != 409 {
		t.Errorf("second send: %d", rec.Code)
	}
	for body, want := range map[string]int{`{}`: 400, `{"threadId":"thr_nope"}`: 404, `{"threadId":"` + seedID("thr_", 1) + `","variantCount":4}`: 400} {
		if rec := call(t, s, "POST", "/v1/sdr/drafts/generate", body); rec.Code != want {
			t.Errorf("%s: %d, want %d", body, rec.Code, want)
		}
	}
}
