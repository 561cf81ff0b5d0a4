package sandbox

import (
	"regexp"
	"testing"
)

var allStyles = []Style{StyleReference, StyleGuide, StyleConcept, StyleData}

// unwrap returns v itself for wrapper "" and v[wrapper] otherwise.
func unwrap(t *testing.T, v any, wrapper string) any {
	t.Helper()
	if wrapper == "" {
		return v
	}
	m := asObj(t, v)
	inner, ok := m[wrapper]
	if !ok {
		t.Fatalf("no %q wrapper in %v", wrapper, m)
	}
	return inner
}

var (
	secondsTS = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	millisTS  = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)
)

func checkTS(t *testing.T, st Style, v any) {
	t.Helper()
	s, _ := v.(string)
	re := secondsTS
	if st == StyleConcept || st == StyleData {
		re = millisTS
	}
	if !re.MatchString(s) {
		t.Errorf("%s timestamp %q has the wrong format", st, s)
	}
}

func TestPoolsAndAccountsPerStyle(t *testing.T) {
	tests := []struct {
		style                 Style
		poolWrap, accountWrap string
		poolKeys, poolLacks   []string
	}{
		{StyleReference, "", "", []string{"id", "name", "dailyCapacity", "remainingVolume", "senderAccountIds"}, []string{"senderCount", "remainingToday"}},
		{StyleGuide, "pools", "data", []string{"id", "name", "dailyCapacity", "remainingVolume", "senderCount"}, []string{"senderAccountIds", "remainingToday"}},
		{StyleConcept, "senderPools", "data", []string{"id", "name", "dailyCapacity", "remainingToday", "senderCount"}, []string{"senderAccountIds", "remainingVolume"}},
		{StyleData, "data", "data", []string{"id", "name", "dailyCapacity", "remainingVolume", "senderAccountIds"}, []string{"remainingToday"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.style), func(t *testing.T) {
			s := newServer(t, Options{Style: tt.style, Seed: true})
			rec := call(t, s, "GET", "/v1/sender-pools", nil)
			wantStatus(t, rec, 200)
			pools := asList(t, unwrap(t, decode(t, rec), tt.poolWrap))
			if len(pools) != 3 {
				t.Fatalf("%d pools", len(pools))
			}
			p := asObj(t, pools[0])
			hasKeys(t, p, tt.poolKeys...)
			lacksKeys(t, p, tt.poolLacks...)
			if c, ok := p["senderCount"]; ok && c.(float64) != 2 {
				t.Errorf("senderCount %v", c)
			}

			rec = call(t, s, "GET", "/v1/sender-accounts", nil)
			wantStatus(t, rec, 200)
			accounts := asList(t, unwrap(t, decode(t, rec), tt.accountWrap))
			statuses := map[string]bool{}
			for _, a := range accounts {
				m := asObj(t, a)
				hasKeys(t, m, "id", "email", "name", "status")
				statuses[m["status"].(string)] = true
			}
			if len(accounts) < 4 || !statuses["active"] || !statuses["paused"] || !statuses["warming"] {
				t.Errorf("accounts %v", accounts)
			}
		})
	}
}

func TestCampaignFlowPerStyle(t *testing.T) {
	tests := []struct {
		style         Style
		createStatus  int
		createWrap    string
		getWrap       string
		listWrap      string
		runningStatus string
		statsWrap     string
	}{
		{StyleReference, 201, "", "", "campaigns", "running", ""},
		{StyleGuide, 200, "campaign", "campaign", "data", "running", ""},
		{StyleConcept, 201, "campaign", "data", "", "active", ""},
		{StyleData, 201, "data", "data", "data", "running", "data"},
	}
	for _, tt := range tests {
		t.Run(string(tt.style), func(t *testing.T) {
			s := newServer(t, Options{Style: tt.style})
			rec := call(t, s, "POST", "/v1/campaigns", map[string]any{"name": "Q3", "sequenceSteps": oneStep, "ignored": true})
			wantStatus(t, rec, tt.createStatus)
			c := asObj(t, unwrap(t, decode(t, rec), tt.createWrap))
			hasKeys(t, c, "id", "name", "status", "sequenceSteps", "createdAt")
			id := c["id"].(string)
			if !regexp.MustCompile(`^camp_[0-9a-z]{26}$`).MatchString(id) {
				t.Errorf("id %q", id)
			}
			if c["status"] != "draft" || c["name"] != "Q3" {
				t.Errorf("created %v", c)
			}
			checkTS(t, tt.style, c["createdAt"])
			step := asObj(t, asList(t, c["sequenceSteps"])[0])
			if step["bodyHtml"] != "<p>Hello</p>" || step["subject"] != "Hi {{firstName}}" {
				t.Errorf("step %v", step)
			}
			if _, ok := step["delayDays"]; ok != (tt.style == StyleGuide) {
				t.Errorf("delayDays presence %v in %s", ok, tt.style)
			}

			enroll(t, s, id, "ava@example.com")
			rec = call(t, s, "POST", "/v1/campaigns/"+id+"/start", nil)
			wantStatus(t, rec, 200)
			st := asObj(t, unwrap(t, decode(t, rec), tt.statsWrap))
			if st["id"] != id || st["status"] != tt.runningStatus {
				t.Errorf("start %v", st)
			}
			checkTS(t, tt.style, st["startedAt"])

			rec = call(t, s, "GET", "/v1/campaigns/"+id+"/stats", nil)
			wantStatus(t, rec, 200)
			stats := asObj(t, unwrap(t, decode(t, rec), tt.statsWrap))
			hasKeys(t, stats, "campaignId", "totalEnrolled", "sent", "delivered", "bounced", "replied", "queued", "openRate", "replyRate")

			rec = call(t, s, "GET", "/v1/campaigns/"+id, nil)
			wantStatus(t, rec, 200)
			got := asObj(t, unwrap(t, decode(t, rec), tt.getWrap))
			if got["id"] != id || got["status"] != tt.runningStatus {
				t.Errorf("get %v", got)
			}

			rec = call(t, s, "GET", "/v1/campaigns", nil)
			wantStatus(t, rec, 200)
			list := asList(t, unwrap(t, decode(t, rec), tt.listWrap))
			if len(list) != 1 {
				t.Errorf("list %v", list)
			}

			rec = call(t, s, "POST", "/v1/campaigns/"+id+"/pause", nil)
			wantStatus(t, rec, 200)
			p := asObj(t, unwrap(t, decode(t, rec), tt.statsWrap))
			if p["status"] != "paused" {
				t.Errorf("pause %v", p)
			}
			checkTS(t, tt.style, p["pausedAt"])
		})
	}
}

func TestErrorBodyPerStyle(t *testing.T) {
	for _, st := range allStyles {
		t.Run(string(st), func(t *testing.T) {
			s := newServer(t, Options{Style: st})
			rec := call(t, s, "POST", "/v1/campaigns/camp_nope/start", nil)
			wantStatus(t, rec, 404)
			m := asObj(t, decode(t, rec))
			switch st {
			case StyleReference:
				if m["code"] != "campaign_not_found" || m["message"] == "" {
					t.Errorf("%v", m)
				}
			case StyleConcept:
				if m["error"] != "campaign_not_found" || m["message"] == nil || m["errors"] == nil {
					t.Errorf("%v", m)
				}
			default:
				e := asObj(t, m["error"])
				if e["code"] != "campaign_not_found" || e["message"] == nil {
					t.Errorf("%v", m)
				}
			}
		})
	}
}

func TestLeadsBulkPerStyle(t *testing.T) {
	for _, st := range allStyles {
		t.Run(string(st), func(t *testing.T) {
			s := newServer(t, Options{Style: st})
			s.SetStyle(StyleReference)
			id := mkCampaign(t, s, "c", nil)
			s.SetStyle(st)
			call(t, s, "POST", "/v1/suppression-list", map[string]any{"emails": []string{"nope@example.com"}})
			rec := call(t, s, "POST", "/v1/campaigns/"+id+"/leads/bulk", map[string]any{"leads": []map[string]any{
				{"email": "ava@example.com"}, {"email": "NOPE@example.com"}, {"email": "ben@example.com"},
			}})
			wantStatus(t, rec, 200)
			wrap := ""
			if st == StyleData {
				wrap = "data"
			}
			m := asObj(t, unwrap(t, decode(t, rec), wrap))
			if m["enrolled"] != 2.0 || m["updated"] != 0.0 || m["total"] != 2.0 {
				t.Errorf("%v", m)
			}
			if st == StyleGuide {
				if m["skipped"] != 1.0 || len(asList(t, m["skippedEmails"])) != 1 {
					t.Errorf("guide skipped: %v", m)
				}
			} else {
				lacksKeys(t, m, "skipped", "skippedEmails")
			}
		})
	}
}

func TestRepliesPerStyle(t *testing.T) {
	for _, tt := range []struct {
		style Style
		wrap  string
	}{{StyleReference, ""}, {StyleGuide, "replies"}, {StyleConcept, "data"}, {StyleData, "data"}} {
		t.Run(string(tt.style), func(t *testing.T) {
			s := newServer(t, Options{Style: tt.style, Seed: true})
			rec := call(t, s, "GET", "/v1/replies?campaignId="+SeedCampaignID, nil)
			wantStatus(t, rec, 200)
			v := decode(t, rec)
			list := asList(t, unwrap(t, v, tt.wrap))
			if len(list) != 3 {
				t.Fatalf("%d replies", len(list))
			}
			r := asObj(t, list[0])
			hasKeys(t, r, "id", "email", "campaignId", "classification", "receivedAt", "threadSnippet")
			checkTS(t, tt.style, r["receivedAt"])
			if tt.style == StyleGuide {
				pag := asObj(t, asObj(t, v)["pagination"])
				if pag["total"] != 3.0 || pag["page"] != 1.0 || pag["perPage"] != 50.0 {
					t.Errorf("pagination %v", pag)
				}
			}
		})
	}
}

func TestSuppressionPerStyle(t *testing.T) {
	for _, st := range allStyles {
		t.Run(string(st), func(t *testing.T) {
			s := newServer(t, Options{Style: st})
			call(t, s, "POST", "/v1/suppression-list", map[string]any{"emails": []string{"a@example.com"}})
			rec := call(t, s, "POST", "/v1/suppression-list", map[string]any{"emails": []string{"A@example.com", "b@example.com"}})
			wantStatus(t, rec, 200)
			m := asObj(t, decode(t, rec))
			switch st {
			case StyleReference:
				if len(m) != 1 || m["suppressed"] != 1.0 {
					t.Errorf("%v", m)
				}
			default:
				wrap := "result"
				if st == StyleData {
					wrap = "data"
				}
				r := asObj(t, m[wrap])
				if r["suppressed"] != 1.0 || r["alreadySuppressed"] != 1.0 || r["total"] != 2.0 {
					t.Errorf("%v", m)
				}
			}
		})
	}
}

func TestWebhookPerStyle(t *testing.T) {
	for _, tt := range []struct {
		style  Style
		status int
		wrap   string
		secret bool
	}{{StyleReference, 201, "", true}, {StyleGuide, 200, "webhook", true}, {StyleConcept, 201, "", false}, {StyleData, 201, "data", true}} {
		t.Run(string(tt.style), func(t *testing.T) {
			s := newServer(t, Options{Style: tt.style})
			rec := call(t, s, "POST", "/v1/webhooks", map[string]any{"url": "https://example.com/hook", "events": []string{"reply.received", "message.sent"}})
			wantStatus(t, rec, tt.status)
			w := asObj(t, unwrap(t, decode(t, rec), tt.wrap))
			hasKeys(t, w, "id", "url", "events", "status", "createdAt")
			if w["status"] != "active" || w["url"] != "https://example.com/hook" || len(asList(t, w["events"])) != 2 {
				t.Errorf("%v", w)
			}
			secret, ok := w["signingSecret"].(string)
			if ok != tt.secret || (ok && !regexp.MustCompile(`^whsec_[0-9a-f]+$`).MatchString(secret)) {
				t.Errorf("signingSecret %v (want present=%v)", w["signingSecret"], tt.secret)
			}
			checkTS(t, tt.style, w["createdAt"])
		})
	}
}

func TestSDREndpointsAlwaysData(t *testing.T) {
	for _, st := range allStyles {
		s := newServer(t, Options{Style: st, Seed: true})
		rec := call(t, s, "GET", "/v1/sdrs", nil)
		wantStatus(t, rec, 200)
		sdr := asObj(t, asList(t, unwrap(t, decode(t, rec), "data"))[0])
		hasKeys(t, sdr, "id", "name", "email", "gmailConnected", "gmailEmail")

		rec = call(t, s, "GET", "/v1/sdr/gmail/status", nil)
		wantStatus(t, rec, 200)
		g := asObj(t, unwrap(t, decode(t, rec), "data"))
		if g["connected"] != true || g["healthState"] != "active" || !millisTS.MatchString(g["lastSyncedAt"].(string)) {
			t.Errorf("%s: %v", st, g)
		}
	}
}

func TestRotateCyclesStylesPerRoute(t *testing.T) {
	s := newServer(t, Options{Style: StyleRotate, Seed: true})
	wantWraps := []string{"", "pools", "senderPools", "", "pools"}
	for i, w := range wantWraps {
		rec := call(t, s, "GET", "/v1/sender-pools", nil)
		wantStatus(t, rec, 200)
		asList(t, unwrap(t, decode(t, rec), w))
		if i == 1 {
			// Another route has its own counter: it starts at reference.
			rec := call(t, s, "GET", "/v1/sender-accounts", nil)
			asList(t, decode(t, rec))
		}
	}
	// Errors rotate too: reference, guide, concept shapes in turn.
	for i, check := range []func(map[string]any) bool{
		func(m map[string]any) bool { return m["code"] == "campaign_not_found" },
		func(m map[string]any) bool {
			e, _ := m["error"].(map[string]any)
			return e["code"] == "campaign_not_found"
		},
		func(m map[string]any) bool { return m["error"] == "campaign_not_found" },
	} {
		rec := call(t, s, "GET", "/v1/campaigns/nope/stats", nil)
		if m := asObj(t, decode(t, rec)); !check(m) {
			t.Errorf("rotation %d: %v", i, m)
		}
	}
	// Switching style restarts the rotation.
	s.SetStyle(StyleRotate)
	asList(t, decode(t, call(t, s, "GET", "/v1/sender-pools", nil)))
}

func TestParseStyle(t *testing.T) {
	for _, v := range []string{"reference", "GUIDE", "concept", "data", "rotate", ""} {
		if _, err := ParseStyle(v); err != nil {
			t.Errorf("%q: %v", v, err)
		}
	}
	if _, err := ParseStyle("fancy"); err == nil {
		t.Error("fancy accepted")
	}
}
