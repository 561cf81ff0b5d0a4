package leadterra

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// leadPages serves n leads from a server that allows at most max a page,
// whatever perPage asks, with a pagination object (or, bare, without one).
func leadPages(t *testing.T, n, maxPerPage int, bare bool) *testServer {
	return newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		page = max(page, 1)
		per, _ := strconv.Atoi(q.Get("perPage"))
		if per <= 0 || per > maxPerPage {
			per = maxPerPage
		}
		var items []string
		for i := (page - 1) * per; i < min(page*per, n); i++ {
			items = append(items, fmt.Sprintf(`{"email":"lead%05d@example.com"}`, i))
		}
		if bare {
			writeJSON(w, 200, "["+strings.Join(items, ",")+"]")
			return
		}
		writeJSON(w, 200, fmt.Sprintf(`{"leads":[%s],"pagination":{"total":%d,"page":%d,"perPage":%d}}`, strings.Join(items, ","), n, page, per))
	})
}

func TestListLeadsReadsEveryPage(t *testing.T) {
	srv := leadPages(t, 20000, 10, false)
	c, _ := newTestClient(t, srv.URL, nil)
	got, _, err := c.ListLeads(testCtx(t), "camp_123")
	mustOK(t, err)
	if len(got) != 20000 || got[0].Email != "lead00000@example.com" || got[19999].Email != "lead19999@example.com" {
		t.Fatalf("got %d leads, want all 20,000", len(got))
	}
	reqs := srv.requests()
	if len(reqs) != 2000 {
		t.Errorf("requests = %d, want 2,000 pages of 10", len(reqs))
	}
	if reqs[0].Query.Get("perPage") != strconv.Itoa(RequestedPageSize) || reqs[1999].Query.Get("page") != "2000" {
		t.Errorf("first query %v, last query %v", reqs[0].Query, reqs[1999].Query)
	}
}

func TestListLeadsBareFullPages(t *testing.T) {
	// No pagination object: a page as full as asked may have a next one.
	srv := leadPages(t, 250, 1000, true)
	c, _ := newTestClient(t, srv.URL, nil)
	got, _, err := c.ListLeads(testCtx(t), "camp_123")
	mustOK(t, err)
	if len(got) != 250 || srv.hits() != 3 {
		t.Errorf("got %d leads in %d requests, want 250 in 3 (100, 100, 50)", len(got), srv.hits())
	}
	// Exactly one full page: page 2 is empty, and that ends it.
	srv = leadPages(t, 100, 1000, true)
	c, _ = newTestClient(t, srv.URL, nil)
	got, _, err = c.ListLeads(testCtx(t), "camp_123")
	mustOK(t, err)
	if len(got) != 100 || srv.hits() != 2 {
		t.Errorf("got %d leads in %d requests, want 100 in 2", len(got), srv.hits())
	}
}

func TestListLeadsWithoutPagingIsComplete(t *testing.T) {
	// A server that ignores page and perPage and answers a bare list of
	// exactly 100: page 2 repeats page 1, which means "no paging", not a cut.
	var items []string
	for i := range RequestedPageSize {
		items = append(items, fmt.Sprintf(`{"email":"l%d@example.com"}`, i))
	}
	srv := newScriptedServer(t, map[string]reply{"GET /v1/campaigns/camp_123/leads": {200, "[" + strings.Join(items, ",") + "]", nil}})
	c, _ := newTestClient(t, srv.URL, nil)
	got, _, err := c.ListLeads(testCtx(t), "camp_123")
	mustOK(t, err)
	if len(got) != RequestedPageSize || srv.hits() != 2 {
		t.Errorf("got %d leads in %d requests", len(got), srv.hits())
	}
}

func TestListLeadsRepeatedPageIsACut(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{"GET /v1/campaigns/camp_123/leads": {200,
		`{"leads":[{"email":"b@example.com"},{"email":"a@example.com"}],"pagination":{"total":2010,"page":1,"perPage":2}}`, nil}})
	c, _ := newTestClient(t, srv.URL, nil)
	got, _, err := c.ListLeads(testCtx(t), "camp_123")
	var cut *ListTruncatedError
	if !asTruncated(mustErr(t, err), &cut) || cut.Cut.Read != 2 || !strings.Contains(err.Error(), "repeated") {
		t.Fatalf("err = %v", err)
	}
	if len(got) != 2 || got[0].Email != "a@example.com" || srv.hits() != 2 {
		t.Errorf("partial listing %+v after %d requests; want the 2 leads read, sorted, after 2", got, srv.hits())
	}
}

func TestListPagesCap(t *testing.T) {
	srv := leadPages(t, 20000, 10, false)
	c, _ := newTestClient(t, srv.URL, nil)
	got, cut, err := listPages(testCtx(t), c, "", "/v1/campaigns/camp_123/leads", nil, 7, DecodeLead, "leads")
	mustOK(t, err)
	if cut == nil || cut.Read != 70 || cut.Pages != 7 || len(got) != 70 || srv.hits() != 7 {
		t.Errorf("cut %+v, %d leads, %d requests; want a cut after 7 pages of 10", cut, len(got), srv.hits())
	}
}

func TestListPagesRetriesWithoutRefusedPageSize(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.URL.Query().Has("perPage") {
			writeJSON(w, 400, `{"code":"invalid_request","message":"perPage must be between 1 and 50"}`)
			return
		}
		writeJSON(w, 200, `{"leads":[{"email":"a@example.com"}],"pagination":{"total":1,"page":1,"perPage":50}}`)
	})
	c, _ := newTestClient(t, srv.URL, nil)
	got, _, err := c.ListLeads(testCtx(t), "camp_123")
	mustOK(t, err)
	if len(got) != 1 || srv.hits() != 2 {
		t.Errorf("got %d leads in %d requests, want 1 in 2 (the refused page size, then none)", len(got), srv.hits())
	}
}

func asTruncated(err error, target **ListTruncatedError) bool {
	t, ok := err.(*ListTruncatedError)
	*target = t
	return ok
}
