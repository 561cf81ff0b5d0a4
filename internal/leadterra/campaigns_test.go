package leadterra

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
)

const (
	routeGet    = "GET /v1/campaigns/camp_1"
	routePatch  = "PATCH /v1/campaigns/camp_1"
	routeDelete = "DELETE /v1/campaigns/camp_1"
	routeStats  = "GET /v1/campaigns/camp_1/stats"
	routePause  = "POST /v1/campaigns/camp_1/pause"

	campOne       = `{"id":"camp_1","name":"VP Sales - AI Workflow Q3","status":"running","sequenceSteps":[{"subject":"Quick question, {{firstName}}","bodyHtml":"<p>Hi</p>","delayDays":0},{"subject":"Following up","bodyHtml":"<p>Bump</p>","delayDays":3}],"createdAt":"2025-06-10T16:00:00.000Z","startedAt":"2025-06-10T16:05:00Z"}`
	statsOne      = `{"campaignId":"camp_1","totalEnrolled":3,"sent":3,"delivered":3,"bounced":0,"replied":1,"queued":0,"openRate":0.66,"replyRate":0.33}`
	campNotFound  = `{"code":"campaign_not_found","message":"No campaign with that id"}`
	routeNotFound = `{"message":"Cannot GET this route"}`
)

var (
	r200Stats     = reply{200, statsOne, nil}
	r404Gone      = reply{404, campNotFound, nil}
	r404Route     = reply{404, routeNotFound, nil}
	r405          = reply{405, ``, map[string]string{"Allow": "POST"}}
	r501          = reply{501, `{"message":"Not Implemented"}`, nil}
	r401          = reply{401, `{"code":"authentication_failed"}`, nil}
	r403          = reply{403, `{"code":"forbidden"}`, nil}
	r404Workspace = reply{404, `{"code":"workspace_not_found"}`, nil}
)

func TestLookupCampaign(t *testing.T) {
	zero, three := int64(0), int64(3)
	wantCamp := &Campaign{ID: "camp_1", Name: "VP Sales - AI Workflow Q3", Status: StatusRunning,
		Steps:     []Step{{Subject: "Quick question, {{firstName}}", BodyHTML: "<p>Hi</p>", DelayDays: &zero}, {Subject: "Following up", BodyHTML: "<p>Bump</p>", DelayDays: &three}},
		CreatedAt: "2025-06-10T16:00:00Z", StartedAt: "2025-06-10T16:05:00Z"}

	tests := []struct {
		name   string
		routes map[string]reply
		want   CampaignLookup
		// wantErr is a predicate the error must satisfy (nil: no error).
		wantErr func(error) bool
		// offered is whether CapCampaignRead is still believed offered.
		offered bool
		// getHits and statsHits after one lookup.
		getHits, statsHits int
	}{
		{name: "GET 200 bare", routes: map[string]reply{routeGet: {200, campOne, nil}},
			want: CampaignLookup{Presence: Found, Campaign: wantCamp}, offered: true, getHits: 1},
		{name: "GET 200 wrapped, active means running", routes: map[string]reply{routeGet: {200, `{"campaign":` + campOne[:len(campOne)-1] + `,"status":"active"}}`, nil}},
			want: CampaignLookup{Presence: Found, Campaign: wantCamp}, offered: true, getHits: 1},
		{name: "GET 404 route + stats 200: exists, read not offered", routes: map[string]reply{routeGet: r404Route, routeStats: r200Stats},
			want: CampaignLookup{Presence: ExistsNotOffered}, offered: false, getHits: 1, statsHits: 1},
		{name: "GET 405 + stats 200: exists, read not offered", routes: map[string]reply{routeGet: r405, routeStats: r200Stats},
			want: CampaignLookup{Presence: ExistsNotOffered}, offered: false, getHits: 1, statsHits: 1},
		{name: "GET 501 + stats 200", routes: map[string]reply{routeGet: r501, routeStats: r200Stats},
			want: CampaignLookup{Presence: ExistsNotOffered}, offered: false, getHits: 1, statsHits: 1},
		{name: "GET 405 + stats campaign_not_found: gone", routes: map[string]reply{routeGet: r405, routeStats: r404Gone},
			want: CampaignLookup{Presence: Gone}, offered: false, getHits: 1, statsHits: 1},
		{name: "GET 404 campaign_not_found + stats campaign_not_found: gone", routes: map[string]reply{routeGet: r404Gone, routeStats: r404Gone},
			want: CampaignLookup{Presence: Gone}, offered: true, getHits: 1, statsHits: 1},
		{name: "GET 404 campaign_not_found + stats 200: the GET route is not the real one", routes: map[string]reply{routeGet: r404Gone, routeStats: r200Stats},
			want: CampaignLookup{Presence: ExistsNotOffered}, offered: false, getHits: 1, statsHits: 1},
		// A plain 404 followed by a stats 404 is a missing campaign, not a
		// missing route: the read completion stays in use (only a 404
		// for an object the stats check shows to exist means not offered).
		{name: "GET 404 plain + stats campaign_not_found: gone, read still offered", routes: map[string]reply{routeGet: r404Route, routeStats: r404Gone},
			want: CampaignLookup{Presence: Gone}, offered: true, getHits: 1, statsHits: 1},
		{name: "stats 401 is an error, not gone", routes: map[string]reply{routeGet: r405, routeStats: r401},
			wantErr: IsUnauthorized, offered: false, getHits: 1, statsHits: 1},
		{name: "stats 403 is an error, not gone", routes: map[string]reply{routeGet: r404Route, routeStats: r403},
			wantErr: IsForbidden, offered: true, getHits: 1, statsHits: 1},
		{name: "stats 404 workspace_not_found is an error, not gone", routes: map[string]reply{routeGet: r405, routeStats: r404Workspace},
			wantErr: IsWorkspaceNotFound, offered: false, getHits: 1, statsHits: 1},
		{name: "stats plain 404 proves nothing", routes: map[string]reply{routeGet: r405, routeStats: r404Route},
			wantErr: func(err error) bool { return IsNotFound(err) && !IsObjectNotFound(err) }, offered: false, getHits: 1, statsHits: 1},
		{name: "GET 403 is an error, stats not asked", routes: map[string]reply{routeGet: r403},
			wantErr: IsForbidden, offered: true, getHits: 1},
		{name: "GET 401 is an error, stats not asked", routes: map[string]reply{routeGet: r401},
			wantErr: IsUnauthorized, offered: true, getHits: 1},
		{name: "GET 200 with an undecodable body is a DecodeError", routes: map[string]reply{routeGet: {200, `{"campaign":"camp_1"}`, nil}},
			wantErr: func(err error) bool { _, ok := err.(*DecodeError); return ok }, offered: true, getHits: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newScriptedServer(t, tt.routes)
			c, _ := newTestClient(t, srv.URL, nil)
			got, err := c.LookupCampaign(testCtx(t), "camp_1")
			if tt.wantErr != nil {
				err = mustErr(t, err)
				if !tt.wantErr(err) {
					t.Errorf("err = %v (%T), not the expected kind", err, err)
				}
				if got != (CampaignLookup{}) {
					t.Errorf("an error came with a result %+v", got)
				}
			} else {
				mustOK(t, err)
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("got %+v (campaign %+v), want %+v (campaign %+v)", got, got.Campaign, tt.want, tt.want.Campaign)
				}
			}
			if c.Offered(CapCampaignRead) != tt.offered {
				t.Errorf("Offered(read) = %v, want %v", c.Offered(CapCampaignRead), tt.offered)
			}
			if g, s := srv.count(routeGet), srv.count(routeStats); g != tt.getHits || s != tt.statsHits {
				t.Errorf("GET hits %d, stats hits %d; want %d, %d", g, s, tt.getHits, tt.statsHits)
			}
		})
	}
}

func TestLookupCampaignRemembersMissingRead(t *testing.T) {
	for _, getReply := range []reply{r404Route, r405} {
		srv := newScriptedServer(t, map[string]reply{routeGet: getReply, routeStats: r200Stats, "GET /v1/campaigns/camp_2/stats": r404Gone})
		c, _ := newTestClient(t, srv.URL, nil)
		ctx := testCtx(t)
		for range 3 {
			got, err := c.LookupCampaign(ctx, "camp_1")
			mustOK(t, err)
			if got.Presence != ExistsNotOffered || got.Campaign != nil {
				t.Errorf("got %+v", got)
			}
		}
		// Another campaign: still no GET, straight to stats.
		got, err := c.LookupCampaign(ctx, "camp_2")
		mustOK(t, err)
		if got.Presence != Gone {
			t.Errorf("camp_2 = %+v, want gone", got)
		}
		if g := srv.count(routeGet) + srv.count("GET /v1/campaigns/camp_2"); g != 1 {
			t.Errorf("GET asked %d times, want once for the whole run (status %d)", g, getReply.status)
		}
		// Later lookups of camp_1 reuse the first answer (campaign_reads.go).
		if s := srv.count(routeStats); s != 1 {
			t.Errorf("stats asked %d times, want 1", s)
		}
	}
}

func TestLookupCampaignPlain404DoesNotDisableRead(t *testing.T) {
	// The richer API answers a plain 404 for a deleted campaign; the next
	// campaign must still be read through GET.
	srv := newScriptedServer(t, map[string]reply{
		"GET /v1/campaigns/camp_gone":       r404Route,
		"GET /v1/campaigns/camp_gone/stats": r404Gone,
		routeGet:                            {200, campOne, nil},
	})
	c, _ := newTestClient(t, srv.URL, nil)
	ctx := testCtx(t)
	got, err := c.LookupCampaign(ctx, "camp_gone")
	mustOK(t, err)
	if got.Presence != Gone {
		t.Fatalf("camp_gone = %+v", got)
	}
	got, err = c.LookupCampaign(ctx, "camp_1")
	mustOK(t, err)
	if got.Campaign == nil || got.Campaign.Name != "VP Sales - AI Workflow Q3" {
		t.Errorf("camp_1 = %+v: GET was not used after an unrelated 404", got)
	}
}

func TestUpdateCampaign(t *testing.T) {
	in := CampaignInput{Name: "Renamed", Steps: []Step{{Subject: "S", BodyHTML: "<p>B</p>"}}}
	tests := []struct {
		name          string
		routes        map[string]reply
		want          Presence
		wantErr       func(error) bool
		offered       bool
		patch, stats  int
		wantCampaign  string
		secondPatches int // PATCH hits after a second call
	}{
		{name: "PATCH 200", routes: map[string]reply{routePatch: {200, `{"campaign":{"id":"camp_1","name":"Renamed","status":"draft"}}`, nil}},
			want: Found, offered: true, patch: 1, wantCampaign: "Renamed", secondPatches: 2},
		{name: "PATCH 405 + stats 200: not offered", routes: map[string]reply{routePatch: r405, routeStats: r200Stats},
			want: ExistsNotOffered, offered: false, patch: 1, stats: 1, secondPatches: 1},
		{name: "PATCH 501 + stats 200: not offered", routes: map[string]reply{routePatch: r501, routeStats: r200Stats},
			want: ExistsNotOffered, offered: false, patch: 1, stats: 1, secondPatches: 1},
		{name: "PATCH 404 + stats 200: not offered", routes: map[string]reply{routePatch: r404Route, routeStats: r200Stats},
			want: ExistsNotOffered, offered: false, patch: 1, stats: 1, secondPatches: 1},
		{name: "PATCH 405 + stats campaign_not_found: gone", routes: map[string]reply{routePatch: r405, routeStats: r404Gone},
			want: Gone, offered: false, patch: 1, stats: 1, secondPatches: 1},
		{name: "PATCH 404 + stats campaign_not_found: gone, PATCH still offered", routes: map[string]reply{routePatch: r404Route, routeStats: r404Gone},
			want: Gone, offered: true, patch: 1, stats: 1, secondPatches: 2},
		{name: "PATCH 422 is returned as is", routes: map[string]reply{routePatch: {422, `{"message":"name too long"}`, nil}},
			wantErr: func(err error) bool { return !IsNotOffered(err) && hasStatus(err, 422) }, offered: true, patch: 1, secondPatches: 2},
		{name: "PATCH 401 is returned as is", routes: map[string]reply{routePatch: r401},
			wantErr: IsUnauthorized, offered: true, patch: 1, secondPatches: 2},
		{name: "PATCH 405 + stats 401", routes: map[string]reply{routePatch: r405, routeStats: r401},
			wantErr: IsUnauthorized, offered: false, patch: 1, stats: 1, secondPatches: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newScriptedServer(t, tt.routes)
			c, _ := newTestClient(t, srv.URL, nil)
			ctx := testCtx(t)
			got, p, err := c.UpdateCampaign(ctx, "camp_1", in)
			if tt.wantErr != nil {
				err = mustErr(t, err)
				if !tt.wantErr(err) {
					t.Errorf("err = %v (%T), not the expected kind", err, err)
				}
			} else {
				mustOK(t, err)
				if p != tt.want || got.Name != tt.wantCampaign {
					t.Errorf("got %v %+v, want %v", p, got, tt.want)
				}
				var body map[string]any
				if err := json.Unmarshal(srv.requests()[0].Body, &body); err != nil || body["name"] != "Renamed" {
					t.Errorf("PATCH body = %s", srv.requests()[0].Body)
				}
			}
			if c.Offered(CapCampaignUpdate) != tt.offered {
				t.Errorf("Offered(update) = %v, want %v", c.Offered(CapCampaignUpdate), tt.offered)
			}
			if p, s := srv.count(routePatch), srv.count(routeStats); p != tt.patch || s != tt.stats {
				t.Errorf("PATCH hits %d, stats hits %d; want %d, %d", p, s, tt.patch, tt.stats)
			}
			_, _, _ = c.UpdateCampaign(ctx, "camp_1", in)
			if p := srv.count(routePatch); p != tt.secondPatches {
				t.Errorf("after a second update, PATCH hits %d, want %d", p, tt.secondPatches)
			}
		})
	}
}

func TestRemoveCampaign(t *testing.T) {
	tests := []struct {
		name              string
		routes            map[string]reply
		want              DeleteOutcome
		wantState         CampaignState
		wantErr           func(error) bool
		offered           bool
		del, stats, pause int
	}{
		{name: "DELETE 204", routes: map[string]reply{routeDelete: {204, ``, nil}}, want: Deleted, offered: true, del: 1},
		{name: "DELETE 200 with a body", routes: map[string]reply{routeDelete: {200, `{"id":"camp_1","deleted":true}`, nil}}, want: Deleted, offered: true, del: 1},
		{name: "DELETE 405 + stats campaign_not_found: already gone", routes: map[string]reply{routeDelete: r405, routeStats: r404Gone},
			want: AlreadyGone, offered: false, del: 1, stats: 1},
		{name: "DELETE 404 plain + stats campaign_not_found: already gone, DELETE still offered", routes: map[string]reply{routeDelete: r404Route, routeStats: r404Gone},
			want: AlreadyGone, offered: true, del: 1, stats: 1},
		{name: "DELETE 405 + stats 200: paused and left in the workspace", routes: map[string]reply{routeDelete: r405, routeStats: r200Stats, routePause: {200, `{"id":"camp_1","status":"paused","pausedAt":"2025-01-15T14:22:00Z"}`, nil}},
			want: LeftInWorkspace, wantState: CampaignState{ID: "camp_1", Status: StatusPaused, PausedAt: "2025-01-15T14:22:00Z"}, offered: false, del: 1, stats: 1, pause: 1},
		{name: "DELETE 404 plain + stats 200: left in workspace, DELETE remembered missing", routes: map[string]reply{routeDelete: r404Route, routeStats: r200Stats, routePause: {200, docPause, nil}},
			want: LeftInWorkspace, wantState: CampaignState{ID: "camp_123", Status: StatusPaused, PausedAt: "2025-01-15T14:22:00Z"}, offered: false, del: 1, stats: 1, pause: 1},
		{name: "draft: pause is a no-op returning draft", routes: map[string]reply{routeDelete: r501, routeStats: r200Stats, routePause: {200, `{"id":"camp_1","status":"draft"}`, nil}},
			want: LeftInWorkspace, wantState: CampaignState{ID: "camp_1", Status: StatusDraft}, offered: false, del: 1, stats: 1, pause: 1},
		{name: "DELETE 405 + stats 401: error", routes: map[string]reply{routeDelete: r405, routeStats: r401},
			wantErr: IsUnauthorized, offered: false, del: 1, stats: 1},
		{name: "pause campaign_not_found after stats 200 (deleted meanwhile): error", routes: map[string]reply{routeDelete: r405, routeStats: r200Stats, routePause: r404Gone},
			wantErr: IsObjectNotFound, offered: false, del: 1, stats: 1, pause: 1},
		{name: "DELETE 403: error, nothing else asked", routes: map[string]reply{routeDelete: r403},
			wantErr: IsForbidden, offered: true, del: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newScriptedServer(t, tt.routes)
			c, _ := newTestClient(t, srv.URL, nil)
			got, st, err := c.RemoveCampaign(testCtx(t), "camp_1")
			if tt.wantErr != nil {
				err = mustErr(t, err)
				if !tt.wantErr(err) {
					t.Errorf("err = %v (%T), not the expected kind", err, err)
				}
			} else {
				mustOK(t, err)
				if got != tt.want || st != tt.wantState {
					t.Errorf("got %v %+v, want %v %+v", got, st, tt.want, tt.wantState)
				}
			}
			if c.Offered(CapCampaignDelete) != tt.offered {
				t.Errorf("Offered(delete) = %v, want %v", c.Offered(CapCampaignDelete), tt.offered)
			}
			if d, s, p := srv.count(routeDelete), srv.count(routeStats), srv.count(routePause); d != tt.del || s != tt.stats || p != tt.pause {
				t.Errorf("DELETE/stats/pause hits %d/%d/%d, want %d/%d/%d", d, s, p, tt.del, tt.stats, tt.pause)
			}
		})
	}
}

func TestStartCampaignErrors(t *testing.T) {
	for code, status := range map[string]int{"no_leads_enrolled": 400, "no_sequence_steps": 400, "campaign_not_found": 404} {
		srv := newScriptedServer(t, map[string]reply{"POST /v1/campaigns/camp_123/start": {status, `{"code":"` + code + `"}`, nil}})
		c, _ := newTestClient(t, srv.URL, nil)
		_, err := c.StartCampaign(testCtx(t), "camp_123")
		err = mustErr(t, err)
		if !HasCode(err, code) || hasStatus(err, status) != true {
			t.Errorf("err = %v, want %d %s", err, status, code)
		}
		if (code == "campaign_not_found") != IsObjectNotFound(err) {
			t.Errorf("IsObjectNotFound(%v) = %v", err, IsObjectNotFound(err))
		}
	}
}

func TestCampaignIDIsEscaped(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.URL.EscapedPath() != "/v1/campaigns/camp%2F..%2Fx%3Fy/pause" {
			t.Errorf("path = %q", r.URL.EscapedPath())
		}
		writeJSON(w, 200, `{"id":"camp/../x?y","status":"paused"}`)
	})
	c, _ := newTestClient(t, srv.URL, nil)
	st, err := c.PauseCampaign(testCtx(t), "camp/../x?y")
	mustOK(t, err)
	if st.ID != "camp/../x?y" {
		t.Errorf("state = %+v", st)
	}
}

func TestListCampaigns(t *testing.T) {
	t.Run("pages through data + pagination", func(t *testing.T) {
		srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			page := r.URL.Query().Get("page")
			if page == "" {
				page = "1"
			}
			items := map[string]string{
				"1": `{"id":"camp_1","name":"a","status":"draft"},{"id":"camp_2","name":"b","status":"active"}`,
				"2": `{"id":"camp_3","name":"c","status":"paused"},{"id":"camp_4","name":"d","status":"running"}`,
				"3": `{"id":"camp_5","name":"e","status":"draft"}`,
			}[page]
			writeJSON(w, 200, `{"data":[`+items+`],"pagination":{"total":5,"page":`+page+`,"perPage":2}}`)
		})
		c, _ := newTestClient(t, srv.URL, nil)
		got, err := c.ListCampaigns(testCtx(t))
		mustOK(t, err)
		var ids, statuses []string
		for _, cp := range got {
			ids = append(ids, cp.ID)
			statuses = append(statuses, cp.Status)
		}
		if !reflect.DeepEqual(ids, []string{"camp_1", "camp_2", "camp_3", "camp_4", "camp_5"}) {
			t.Errorf("ids = %v", ids)
		}
		if statuses[1] != StatusRunning {
			t.Errorf("statuses = %v", statuses)
		}
		reqs := srv.requests()
		if len(reqs) != 3 {
			t.Fatalf("requests = %d, want 3", len(reqs))
		}
		for i, want := range []string{"", "2", "3"} {
			if got := reqs[i].Query.Get("page"); got != want {
				t.Errorf("request %d page = %q, want %q", i+1, got, want)
			}
		}
		for i, r := range reqs {
			if r.Query.Get("perPage") != "100" {
				t.Errorf("request %d perPage = %q, want the large page asked every time", i+1, r.Query.Get("perPage"))
			}
		}
	})
	t.Run("server ignoring ?page= does not loop, and is an error", func(t *testing.T) {
		srv := newScriptedServer(t, map[string]reply{"GET /v1/campaigns": {200,
			`{"data":[{"id":"camp_1","status":"draft"},{"id":"camp_2","status":"draft"}],"pagination":{"total":50,"page":1,"perPage":2}}`, nil}})
		c, _ := newTestClient(t, srv.URL, nil)
		got, err := c.ListCampaigns(testCtx(t))
		if !IsListTruncated(mustErr(t, err)) || got != nil {
			t.Errorf("a listing that says 50 but repeats its first page: got %d campaigns, err %v; want a ListTruncatedError", len(got), err)
		}
		if srv.hits() > 3 {
			t.Errorf("hits = %d", srv.hits())
		}
	})
	t.Run("campaigns key without pagination: one request", func(t *testing.T) {
		srv := newScriptedServer(t, map[string]reply{"GET /v1/campaigns": {200, `{"campaigns":[` + campOne + `]}`, nil}})
		c, _ := newTestClient(t, srv.URL, nil)
		got, err := c.ListCampaigns(testCtx(t))
		mustOK(t, err)
		if len(got) != 1 || got[0].CreatedAt != "2025-06-10T16:00:00Z" || srv.hits() != 1 {
			t.Errorf("got %+v, hits %d", got, srv.hits())
		}
	})
	for _, rep := range []reply{r404Route, r405, r501} {
		t.Run("route missing "+http.StatusText(rep.status), func(t *testing.T) {
			srv := newScriptedServer(t, map[string]reply{"GET /v1/campaigns": rep})
			c, _ := newTestClient(t, srv.URL, nil)
			_, err := c.ListCampaigns(testCtx(t))
			err = mustErr(t, err)
			if !IsNotOffered(err) || c.Offered(CapCampaignList) {
				t.Errorf("err = %v, offered %v", err, c.Offered(CapCampaignList))
			}
			_, err = c.ListCampaigns(testCtx(t))
			if !IsNotOffered(err) || srv.hits() != 1 {
				t.Errorf("second call: err %v, hits %d", err, srv.hits())
			}
		})
	}
}
