package sandbox

import (
	"fmt"
	"sync"
	"testing"
)

func TestSeedIDs(t *testing.T) {
	if seedID("camp_", 1) != SeedCampaignID || len(SeedCampaignID) != len("camp_")+26 {
		t.Errorf("%q vs %q", seedID("camp_", 1), SeedCampaignID)
	}
	s := newServer(t, Options{Seed: true})
	c, ok := s.Campaign(SeedCampaignID)
	if !ok || c.Status != StatusRunning || len(c.Steps) != 2 {
		t.Fatalf("%+v", c)
	}
	st, _ := s.Stats(SeedCampaignID)
	if st.TotalEnrolled != 4 || st.Sent != 4 || st.Replied != 3 || len(s.Replies(SeedCampaignID)) != 3 {
		t.Errorf("%+v", st)
	}
}

func TestEmptyWorkspaceListsAreArrays(t *testing.T) {
	s := newServer(t, Options{})
	for _, p := range []string{"/v1/sender-pools", "/v1/sender-accounts", "/v1/replies", "/v1/campaigns", "/v1/webhooks"} {
		rec := call(t, s, "GET", p, nil)
		wantStatus(t, rec, 200)
		if body := rec.Body.String(); body == "null\n" || contains(body, "null") {
			t.Errorf("%s: %s", p, body)
		}
	}
	rec := call(t, s, "GET", "/v1/sdr/gmail/status", nil)
	if g := asObj(t, asObj(t, decode(t, rec))["data"]); g["connected"] != false || g["healthState"] != "disconnected" {
		t.Errorf("%v", g)
	}
}

func TestPoolAndAccountHooks(t *testing.T) {
	s := newServer(t, Options{})
	s.AddSenderAccount(SenderAccount{Email: "x@example.com", Name: "X", Status: "warming"})
	s.AddSenderPool(SenderPool{Name: "Counted", DailyCapacity: 100, RemainingVolume: 40, SenderCount: 8})
	s.AddSenderPool(SenderPool{ID: "pool_fixed", Name: "Listed", DailyCapacity: 10, RemainingVolume: 10, SenderAccountIDs: []string{"sa_1", "sa_2"}})
	s.AddSenderPool(SenderPool{ID: "pool_fixed", Name: "Replaced", DailyCapacity: 10, RemainingVolume: 9, SenderAccountIDs: []string{"sa_1"}})
	if len(s.SenderPools()) != 2 {
		t.Fatalf("%v", s.SenderPools())
	}
	s.SetStyle(StyleGuide)
	pools := asList(t, asObj(t, decode(t, call(t, s, "GET", "/v1/sender-pools", nil)))["pools"])
	if asObj(t, pools[0])["senderCount"] != 8.0 || asObj(t, pools[1])["senderCount"] != 1.0 || asObj(t, pools[1])["name"] != "Replaced" {
		t.Errorf("%v", pools)
	}
	s.SetStyle(StyleReference)
	p0 := asObj(t, asList(t, decode(t, call(t, s, "GET", "/v1/sender-pools", nil)))[0])
	if ids := asList(t, p0["senderAccountIds"]); len(ids) != 0 {
		t.Errorf("%v", p0)
	}
	a := asObj(t, asList(t, decode(t, call(t, s, "GET", "/v1/sender-accounts", nil)))[0])
	if id, _ := a["id"].(string); len(id) != len("sa_")+26 || a["status"] != "warming" {
		t.Errorf("%v", a)
	}
}

// TestConcurrentUse is meant for -race: requests, ticks and hooks at once.
func TestConcurrentUse(t *testing.T) {
	s := newServer(t, Options{Seed: true, Style: StyleRotate})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			id := mkCampaignAny(t, s, fmt.Sprint("c", i))
			for j := range 10 {
				call(t, s, "POST", "/v1/campaigns/"+id+"/leads/bulk", map[string]any{"leads": []any{map[string]any{"email": fmt.Sprintf("l%d-%d@example.com", i, j)}}})
				call(t, s, "POST", "/v1/campaigns/"+id+"/start", nil)
				call(t, s, "GET", "/v1/campaigns/"+id+"/stats", nil)
				call(t, s, "GET", "/v1/replies", nil)
				s.Tick()
				s.AddReply(Reply{Email: fmt.Sprintf("l%d-%d@example.com", i, j), CampaignID: id})
				_ = s.Leads(id)
			}
		})
	}
	wg.Wait()
	if len(s.Campaigns()) != 9 {
		t.Errorf("%d campaigns", len(s.Campaigns()))
	}
}

// mkCampaignAny creates a campaign whatever the current style.
func mkCampaignAny(t *testing.T, s *Server, name string) string {
	t.Helper()
	m := asObj(t, decode(t, call(t, s, "POST", "/v1/campaigns", map[string]any{"name": name, "sequenceSteps": oneStep})))
	for _, k := range []string{"campaign", "data"} {
		if inner, ok := m[k].(map[string]any); ok {
			m = inner
		}
	}
	return m["id"].(string)
}
