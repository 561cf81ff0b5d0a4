package leadterra

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// replyPage renders a {"replies":[…],"pagination":{…}} page of ids
// rpl_<from>…rpl_<to-1>.
func replyPage(from, to, total, page, perPage int) string {
	var items []string
	for i := from; i < to; i++ {
		items = append(items, fmt.Sprintf(`{"id":"rpl_%d","email":"lead%d@example.com","campaignId":"camp_123","classification":"interested","receivedAt":"2025-06-11T09:14:32.000Z"}`, i, i))
	}
	return fmt.Sprintf(`{"replies":[%s],"pagination":{"total":%d,"page":%d,"perPage":%d}}`, strings.Join(items, ","), total, page, perPage)
}

func TestListRepliesPages(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if page == 0 {
			page = 1
		}
		from := (page - 1) * 3
		writeJSON(w, 200, replyPage(from, min(from+3, 7), 7, page, 3))
	})
	c, _ := newTestClient(t, srv.URL, nil)
	got, truncated, err := c.ListReplies(testCtx(t), "camp_123", 0)
	mustOK(t, err)
	if truncated {
		t.Error("truncated = true for a complete listing")
	}
	if len(got) != 7 || got[0].ID != "rpl_0" || got[6].ID != "rpl_6" || got[6].ReceivedAt != "2025-06-11T09:14:32Z" {
		t.Errorf("got %d replies: %+v", len(got), got)
	}
	reqs := srv.requests()
	if len(reqs) != 3 {
		t.Fatalf("requests = %d, want 3", len(reqs))
	}
	for i, r := range reqs {
		if r.Query.Get("campaignId") != "camp_123" {
			t.Errorf("request %d lost campaignId: %v", i+1, r.Query)
		}
	}
}

func TestListRepliesMaxPagesTruncates(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		// Every page is new, and the total says thousands remain.
		writeJSON(w, 200, replyPage(n*10, n*10+2, 100000, n, 2))
	})
	c, _ := newTestClient(t, srv.URL, nil)
	got, truncated, err := c.ListReplies(testCtx(t), "", 3)
	mustOK(t, err)
	if !truncated {
		t.Error("truncated = false although maxPages was reached")
	}
	if len(got) != 6 || srv.hits() != 3 {
		t.Errorf("replies %d, hits %d; want 6, 3", len(got), srv.hits())
	}
	if _, ok := srv.requests()[0].Query["campaignId"]; ok {
		t.Error("campaignId sent although empty")
	}
}

func TestListRepliesStopsOnRepeatedPage(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{"GET /v1/replies": {200, replyPage(0, 2, 10, 1, 2), nil}})
	c, _ := newTestClient(t, srv.URL, nil)
	got, truncated, err := c.ListReplies(testCtx(t), "camp_123", 50)
	mustOK(t, err)
	if !truncated {
		t.Error("a repeated page while the total says 10 must be reported as a cut listing")
	}
	if len(got) != 2 || srv.hits() != 2 {
		t.Errorf("replies %d, hits %d: a server ignoring ?page= must be noticed on page 2", len(got), srv.hits())
	}
}

func TestListRepliesVariants(t *testing.T) {
	tests := []struct {
		name string
		body string
		want int
	}{
		{"bare array", `[{"id":"rpl_1"},{"id":"rpl_2"}]`, 2},
		{"data without pagination", docRepliesData, 2},
		{"guide with pagination complete on page 1", docRepliesGuide, 2},
		{"empty page although total says more", `{"replies":[],"pagination":{"total":9,"page":1,"perPage":50}}`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newScriptedServer(t, map[string]reply{"GET /v1/replies": {200, tt.body, nil}})
			c, _ := newTestClient(t, srv.URL, nil)
			got, truncated, err := c.ListReplies(testCtx(t), "camp_123", 0)
			mustOK(t, err)
			if len(got) != tt.want || truncated || srv.hits() != 1 {
				t.Errorf("replies %d, truncated %v, hits %d", len(got), truncated, srv.hits())
			}
		})
	}
}

func TestListRepliesHasMore(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, 200, fmt.Sprintf(`{"data":[{"id":"rpl_%d"}],"hasMore":%v}`, n, n < 3))
	})
	c, _ := newTestClient(t, srv.URL, nil)
	got, truncated, err := c.ListReplies(testCtx(t), "", 0)
	mustOK(t, err)
	if len(got) != 3 || truncated || srv.hits() != 3 {
		t.Errorf("replies %d, truncated %v, hits %d", len(got), truncated, srv.hits())
	}
}

func TestListReplies404IsAnError(t *testing.T) {
	// A 404 for an unknown campaignId is documented: an error, not "not offered".
	srv := newScriptedServer(t, map[string]reply{"GET /v1/replies": {404, `{"message":"campaign not found"}`, nil}})
	c, _ := newTestClient(t, srv.URL, nil)
	_, _, err := c.ListReplies(testCtx(t), "camp_x", 0)
	err = mustErr(t, err)
	if !IsNotFound(err) || IsNotOffered(err) {
		t.Errorf("err = %v", err)
	}
}

func TestAddSuppressionsBatches(t *testing.T) {
	emails := make([]string, 2500)
	for i := range emails {
		emails[i] = fmt.Sprintf("blocked%04d@example.com", i)
	}
	for _, variant := range []string{"bare", "result"} {
		t.Run(variant, func(t *testing.T) {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				var body struct {
					Emails []string `json:"emails"`
				}
				if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
					t.Errorf("body: %v", err)
				}
				if variant == "bare" {
					writeJSON(w, 200, fmt.Sprintf(`{"suppressed": %d}`, len(body.Emails)-1))
				} else {
					writeJSON(w, 200, fmt.Sprintf(`{"result": {"suppressed": %d, "alreadySuppressed": 1, "total": %d}}`, len(body.Emails)-1, len(body.Emails)))
				}
			})
			c, _ := newTestClient(t, srv.URL, nil)
			res, err := c.AddSuppressions(testCtx(t), emails)
			mustOK(t, err)
			reqs := srv.requests()
			if len(reqs) != 3 {
				t.Fatalf("requests = %d, want 3", len(reqs))
			}
			var sent []string
			for i, r := range reqs {
				var body struct {
					Emails []string `json:"emails"`
				}
				if err := json.Unmarshal(r.Body, &body); err != nil {
					t.Fatal(err)
				}
				if len(body.Emails) > MaxSuppressionBatch || len(body.Emails) == 0 {
					t.Errorf("request %d carries %d addresses", i+1, len(body.Emails))
				}
				if r.Method != http.MethodPost || r.Path != "/v1/suppression-list" {
					t.Errorf("request %d = %s %s", i+1, r.Method, r.Path)
				}
				sent = append(sent, body.Emails...)
			}
			if !reflect.DeepEqual(sent, emails) {
				t.Errorf("sent %d addresses, not the 2,500 given in order", len(sent))
			}
			want := SuppressionResult{Suppressed: 2497, Total: 2500}
			if variant == "result" {
				want = SuppressionResult{Suppressed: 2497, AlreadySuppressed: 3, Total: 2500, Detailed: true}
			}
			if res != want {
				t.Errorf("result = %+v, want %+v", res, want)
			}
		})
	}
}

func TestAddSuppressionsEdgeCases(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 2 {
			writeJSON(w, 422, `{"message":"Invalid addresses","errors":[{"email":"not-an-email","message":"invalid format"}]}`)
			return
		}
		writeJSON(w, 200, docSuppressionBare)
	})
	c, _ := newTestClient(t, srv.URL, nil)
	ctx := testCtx(t)
	res, err := c.AddSuppressions(ctx, nil)
	mustOK(t, err)
	if res != (SuppressionResult{}) || srv.hits() != 0 {
		t.Errorf("no addresses: result %+v, hits %d", res, srv.hits())
	}
	batch := make([]string, MaxSuppressionBatch+1)
	for i := range batch {
		batch[i] = fmt.Sprintf("a%d@example.com", i)
	}
	batch[MaxSuppressionBatch] = "not-an-email"
	res, err = c.AddSuppressions(ctx, batch)
	err = mustErr(t, err)
	var apiErr *APIError
	if !hasStatus(err, 422) || !asErr(err, &apiErr) || len(apiErr.Items) != 1 || apiErr.Items[0].Email != "not-an-email" {
		t.Errorf("err = %v", err)
	}
	if res.Suppressed != 2 {
		t.Errorf("partial result = %+v, want the first batch's count", res)
	}
}

func asErr(err error, target **APIError) bool {
	e, ok := asAPIError(err)
	*target = e
	return ok
}

func TestRemoveSuppressionsNotOffered(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{"DELETE /v1/suppression-list": r404Route})
	c, _ := newTestClient(t, srv.URL, nil)
	ctx := testCtx(t)
	for range 2 {
		err := c.RemoveSuppressions(ctx, []string{"user@example.com"})
		if !IsNotOffered(mustErr(t, err)) {
			t.Errorf("err = %v", err)
		}
	}
	if srv.hits() != 1 || c.Offered(CapSuppressionRemove) {
		t.Errorf("hits %d, offered %v", srv.hits(), c.Offered(CapSuppressionRemove))
	}
	if body := string(srv.requests()[0].Body); body != `{"emails":["user@example.com"]}` {
		t.Errorf("DELETE body = %s", body)
	}
}

func TestUpsertLeadsBody(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{"POST /v1/campaigns/camp_01HZA1TPNQ8RD4KF/leads/bulk": {200, `{"enrolled": 2, "updated": 1, "skipped": 0}`, nil}})
	c, _ := newTestClient(t, srv.URL, nil)
	leads := []Lead{
		{Email: "ava@acmecorp.com", FirstName: "Ava", LastName: "Chen", Company: "Acme Corp", JobTitle: "VP Sales"},
		{Email: "marcus@buildfast.io", FirstName: "Marcus", LastName: "Webb", Company: "BuildFast", JobTitle: "Head of Growth", CustomFields: map[string]string{"useCase": "onboarding"}},
		{Email: "priya@nexusai.com", FirstName: "Priya", LastName: "Sharma", Company: "Nexus AI", JobTitle: "Director of Revenue"},
	}
	res, err := c.UpsertLeads(testCtx(t), "camp_01HZA1TPNQ8RD4KF", leads)
	mustOK(t, err)
	if !reflect.DeepEqual(res, BulkResult{Enrolled: 2, Updated: 1, Total: 3, SkippedReported: true}) {
		t.Errorf("result = %+v", res)
	}
	var body struct {
		Leads []map[string]any `json:"leads"`
	}
	if err := json.Unmarshal(srv.requests()[0].Body, &body); err != nil {
		t.Fatal(err)
	}
	if len(body.Leads) != 3 || body.Leads[0]["lastName"] != "Chen" || body.Leads[1]["useCase"] != "onboarding" {
		t.Errorf("body = %s", srv.requests()[0].Body)
	}
	if cf, _ := body.Leads[1]["customFields"].(map[string]any); cf["useCase"] != "onboarding" {
		t.Errorf("customFields = %v", body.Leads[1]["customFields"])
	}
}

func TestListLeads(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.URL.Query().Get("page") == "2" {
			writeJSON(w, 200, `{"leads":[{"email":"ava@example.com","firstName":"Ava","customFields":{"tier":"gold"}}],"pagination":{"total":3,"page":2,"perPage":2}}`)
			return
		}
		writeJSON(w, 200, `{"leads":[{"email":"dan@example.com","id":"lead_1","status":"active"},{"email":"cara@example.com","useCase":"x"}],"pagination":{"total":3,"page":1,"perPage":2}}`)
	})
	c, _ := newTestClient(t, srv.URL, nil)
	got, p, err := c.ListLeads(testCtx(t), "camp_123")
	mustOK(t, err)
	if p != Found {
		t.Errorf("presence = %v", p)
	}
	want := []Lead{
		{Email: "ava@example.com", FirstName: "Ava", CustomFields: map[string]string{"tier": "gold"}},
		{Email: "cara@example.com", CustomFields: map[string]string{"useCase": "x"}},
		{Email: "dan@example.com"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestLeadCompletionsNotOffered(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{
		"GET /v1/campaigns/camp_123/leads":    r405,
		"DELETE /v1/campaigns/camp_123/leads": r501,
		"GET /v1/campaigns/camp_123/stats":    r200Stats,
	})
	c, _ := newTestClient(t, srv.URL, nil)
	ctx := testCtx(t)
	if _, p, err := c.ListLeads(ctx, "camp_123"); err != nil || p != ExistsNotOffered {
		t.Errorf("ListLeads = %v, %v", p, err)
	}
	if p, err := c.RemoveLeads(ctx, "camp_123", []string{"ava@example.com"}); err != nil || p != ExistsNotOffered {
		t.Errorf("RemoveLeads = %v, %v", p, err)
	}
	if c.Offered(CapLeadsList) || c.Offered(CapLeadsRemove) || !c.Offered(CapCampaignRead) {
		t.Error("capabilities not remembered (or remembered too widely)")
	}
}

func TestWebhookCompletions(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{
		"GET /v1/webhooks/wh_01HZC7RQNP4XT2KM":    {200, docWebhookGuide, nil},
		"PATCH /v1/webhooks/wh_01HZC7RQNP4XT2KM":  r405,
		"DELETE /v1/webhooks/wh_01HZC7RQNP4XT2KM": {204, ``, nil},
		"GET /v1/webhooks/wh_gone":                r404Route,
	})
	c, _ := newTestClient(t, srv.URL, nil)
	ctx := testCtx(t)
	wh, err := c.GetWebhook(ctx, "wh_01HZC7RQNP4XT2KM")
	mustOK(t, err)
	if wh.URL != "https://your-app.com/webhooks/leadterra" || len(wh.Events) != 4 {
		t.Errorf("webhook = %+v", wh)
	}
	_, err = c.UpdateWebhook(ctx, "wh_01HZC7RQNP4XT2KM", WebhookInput{URL: "https://your-app.com/h2", Events: []string{"reply.received"}})
	if !IsNotOffered(mustErr(t, err)) || c.Offered(CapWebhookUpdate) {
		t.Errorf("UpdateWebhook err = %v", err)
	}
	mustOK(t, c.DeleteWebhook(ctx, "wh_01HZC7RQNP4XT2KM"))
	// Webhooks have no documented existence check: a plain 404 on the read
	// completion means the route is missing.
	_, err = c.GetWebhook(ctx, "wh_gone")
	if !IsNotOffered(mustErr(t, err)) || c.Offered(CapWebhookRead) {
		t.Errorf("GetWebhook(wh_gone) err = %v", err)
	}
}

// A plain 404 from a lead route is the campaign's or the route's: the stats
// endpoint decides, and only a route proven missing is remembered.
func TestLeadCompletionsPlain404AsksStats(t *testing.T) {
	srv := newScriptedServer(t, map[string]reply{
		"GET /v1/campaigns/camp_gone/leads":     r404Route,
		"DELETE /v1/campaigns/camp_gone/leads":  r404Route,
		"GET /v1/campaigns/camp_gone/stats":     r404Gone,
		"GET /v1/campaigns/camp_live/leads":     r404Route,
		"DELETE /v1/campaigns/camp_live/leads":  r404Route,
		"GET /v1/campaigns/camp_live/stats":     r200Stats,
		"GET /v1/campaigns/camp_other/leads":    {200, `{"leads":[]}`, nil},
		"DELETE /v1/campaigns/camp_other/leads": {204, ``, nil},
	})
	c, _ := newTestClient(t, srv.URL, nil)
	ctx := testCtx(t)
	if _, p, err := c.ListLeads(ctx, "camp_gone"); err != nil || p != Gone {
		t.Errorf("ListLeads of a deleted campaign = %v, %v; want gone", p, err)
	}
	if p, err := c.RemoveLeads(ctx, "camp_gone", []string{"a@example.com"}); err != nil || p != Gone {
		t.Errorf("RemoveLeads of a deleted campaign = %v, %v; want gone", p, err)
	}
	if !c.Offered(CapLeadsList) || !c.Offered(CapLeadsRemove) {
		t.Fatal("a deleted campaign turned the lead completions off")
	}
	if _, p, err := c.ListLeads(ctx, "camp_other"); err != nil || p != Found {
		t.Fatalf("listing another campaign after a deleted one: %v, %v", p, err)
	}
	if _, p, err := c.ListLeads(ctx, "camp_live"); err != nil || p != ExistsNotOffered {
		t.Errorf("ListLeads 404 for a live campaign = %v, %v; want exists, not offered", p, err)
	}
	if p, err := c.RemoveLeads(ctx, "camp_live", []string{"a@example.com"}); err != nil || p != ExistsNotOffered {
		t.Errorf("RemoveLeads 404 for a live campaign = %v, %v; want exists, not offered", p, err)
	}
	if c.Offered(CapLeadsList) || c.Offered(CapLeadsRemove) {
		t.Error("a route proven missing must be remembered")
	}
}
