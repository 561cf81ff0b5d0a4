package leadterra

import (
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// Documented examples of the SDR pages (docs notes 3.11).
const (
	docInbox      = `{"data": {"threads": [{"id": "thread_id", "contactEmail": "ava@example.com", "contactName": "Ava Patel", "subject": "Re: Quick question", "status": "new", "category": "A", "priorityScore": 85, "lastMessageAt": "2026-06-28T18:30:00.000Z"}], "total": 1, "hasMore": false}}`
	docFollowups  = `{"data": [{"id": "followup_id", "threadId": "thread_id", "sdrId": "sdr_id", "status": "pending", "dueAt": "2026-06-29T14:00:00.000Z"}]}`
	docAssignment = `{"data": {"handoffId": "handoff_id", "threadId": "thread_id", "messageId": "gmail_message_id", "gmailThreadId": "gmail_thread_id"}}`
)

func TestDecodeInboxPage(t *testing.T) {
	want := []Thread{{ID: "thread_id", ContactEmail: "ava@example.com", ContactName: "Ava Patel", Subject: "Re: Quick question", Status: "new", Category: "A", PriorityScore: 85, LastMessageAt: "2026-06-28T18:30:00Z"}}
	bare := `[{"id": "thread_id", "contactEmail": "ava@example.com", "contactName": "Ava Patel", "subject": "Re: Quick question", "status": "new", "category": "A", "priorityScore": "85", "lastMessageAt": "2026-06-28T18:30:00Z"}]`
	for _, in := range []string{docInbox, bare, `{"threads":` + bare + `}`, `{"data":` + bare + `}`} {
		got, _, err := DecodeInboxPage([]byte(in))
		mustOK(t, err)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", in, got, want)
		}
	}
	_, pg, err := DecodeInboxPage([]byte(`{"data":{"threads":[],"total":3,"hasMore":true}}`))
	mustOK(t, err)
	if !pg.Present || pg.Total != 3 || !pg.HasMore {
		t.Errorf("pagination beside data.threads: %+v", pg)
	}
	if _, _, err := DecodeInboxPage([]byte(`{"data":{"threads":[{"priorityScore":"high"}]}}`)); err == nil {
		t.Error("a non-numeric priorityScore must fail")
	}
}

func TestDecodeFollowupsAndAssignment(t *testing.T) {
	fs, err := DecodeFollowups([]byte(docFollowups))
	mustOK(t, err)
	if want := []Followup{{ID: "followup_id", ThreadID: "thread_id", SDRID: "sdr_id", Status: "pending", DueAt: "2026-06-29T14:00:00Z"}}; !reflect.DeepEqual(fs, want) {
		t.Errorf("followups: got %+v", fs)
	}
	fs, err = DecodeFollowups([]byte(`{"data":{"followups":[{"id":"f"}]}}`))
	mustOK(t, err)
	if len(fs) != 1 || fs[0].ID != "f" {
		t.Errorf("data.followups: got %+v", fs)
	}
	for _, in := range []string{docAssignment, `{"handoffId":"handoff_id","threadId":"thread_id","messageId":"gmail_message_id","gmailThreadId":"gmail_thread_id"}`} {
		a, err := DecodeAssignment([]byte(in))
		mustOK(t, err)
		if a != (Assignment{HandoffID: "handoff_id", ThreadID: "thread_id", MessageID: "gmail_message_id", GmailThreadID: "gmail_thread_id"}) {
			t.Errorf("%s: got %+v", in, a)
		}
	}
}

// TestInboxThreadsPagesAndFilters: the filters reach the server (status
// repeated), offsets advance by what was read, and paging stops on
// hasMore=false.
func TestInboxThreadsPagesAndFilters(t *testing.T) {
	const total = 250
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		q := r.URL.Query()
		if got := q["status"]; !reflect.DeepEqual(got, []string{"new", "replied"}) || q.Get("category") != "A" || q.Get("search") != "ava" || q.Get("limit") != "100" {
			t.Errorf("query %s", r.URL.RawQuery)
		}
		off, _ := strconv.Atoi(q.Get("offset"))
		var items []string
		for i := off; i < min(off+100, total); i++ {
			items = append(items, fmt.Sprintf(`{"id":"thr_%d"}`, i))
		}
		writeJSON(w, 200, fmt.Sprintf(`{"data":{"threads":[%s],"total":%d,"hasMore":%v}}`, strings.Join(items, ","), total, off+100 < total))
	})
	c, _ := newTestClient(t, srv.URL, nil)
	got, err := c.InboxThreads(testCtx(t), InboxFilter{Statuses: []string{"new", "replied"}, Category: "A", Search: "ava"}, 0)
	mustOK(t, err)
	if len(got) != total || got[total-1].ID != "thr_249" || srv.hits() != 3 {
		t.Errorf("got %d threads in %d requests", len(got), srv.hits())
	}
}

// TestInboxThreadsIgnoredOffset: a server answering the same full page
// whatever the offset is a truncated listing, not an endless loop or a
// list of duplicates.
func TestInboxThreadsIgnoredOffset(t *testing.T) {
	var items []string
	for i := range 100 {
		items = append(items, fmt.Sprintf(`{"id":"thr_%d"}`, i))
	}
	page := `[` + strings.Join(items, ",") + `]`
	srv := newScriptedServer(t, map[string]reply{"GET /v1/sdr/inbox": {200, page, nil}})
	c, _ := newTestClient(t, srv.URL, nil)
	_, err := c.InboxThreads(testCtx(t), InboxFilter{}, 0)
	if !IsListTruncated(mustErr(t, err)) || srv.hits() != 2 {
		t.Errorf("want a truncated listing after 2 requests, got %v after %d", err, srv.hits())
	}
}

func TestDueFollowupsAndAssign(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{
		"GET /v1/sdr/followups/due":     {200, docFollowups, nil},
		"POST /v1/replies/rpl_1/assign": {200, docAssignment, nil},
		"POST /v1/replies/rpl_2/assign": {409, `{"code":"already_assigned","message":"Reply was already forwarded"}`, nil},
		"POST /v1/replies/rpl_3/assign": {404, `{"code":"reply_not_found"}`, nil},
		"POST /v1/replies/rpl_4/assign": {400, `{"message":"Contact fails the ICP check","icpFailed":true}`, nil},
	})
	c, _ := newTestClient(t, srv.URL, nil)
	ctx := testCtx(t)
	fs, full, err := c.DueFollowups(ctx, true)
	mustOK(t, err)
	if len(fs) != 1 || full {
		t.Errorf("followups %+v full=%v", fs, full)
	}
	if q := srv.requests()[0].Query; q.Get("includeUpcoming") != "true" || q.Get("limit") != "200" {
		t.Errorf("followups query %q", q)
	}
	a, err := c.AssignReply(ctx, "rpl_1", AssignInput{SDRID: "sdr_1", Category: "A"})
	mustOK(t, err)
	if a.HandoffID != "handoff_id" {
		t.Errorf("assignment %+v", a)
	}
	if body := string(srv.requests()[1].Body); body != `{"sdrId":"sdr_1","category":"A"}` {
		t.Errorf("assign body %s", body)
	}
	_, err = c.AssignReply(ctx, "rpl_2", AssignInput{SDRID: "sdr_1"})
	if !IsAlreadyAssigned(mustErr(t, err)) || IsOutcomeUnknown(err) {
		t.Errorf("a 409 must be IsAlreadyAssigned and a known outcome: %v", err)
	}
	_, err = c.AssignReply(ctx, "rpl_3", AssignInput{SDRID: "sdr_1"})
	if !IsNotFound(mustErr(t, err)) || IsAlreadyAssigned(err) || IsICPFailed(err) {
		t.Errorf("404: %v", err)
	}
	// The documented ICP refusal: a 400 flagged icpFailed, without a code.
	_, err = c.AssignReply(ctx, "rpl_4", AssignInput{SDRID: "sdr_1", Seniority: "Intern", EmployeeCount: "10"})
	if !IsICPFailed(mustErr(t, err)) || !strings.Contains(err.Error(), "Contact fails the ICP check") {
		t.Errorf("ICP refusal: %v", err)
	}
}
