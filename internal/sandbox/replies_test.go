package sandbox

import (
	"fmt"
	"testing"
	"time"
)

func TestRepliesNewestFirstAndFilter(t *testing.T) {
	s := newServer(t, Options{})
	a := mkCampaign(t, s, "a", oneStep)
	b := mkCampaign(t, s, "b", oneStep)
	s.AddReply(Reply{Email: "old@example.com", CampaignID: a, Classification: "interested", ReceivedAt: fixedNow.Add(-2 * time.Hour)})
	s.AddReply(Reply{Email: "new@example.com", CampaignID: a, Classification: "bounce", ReceivedAt: fixedNow.Add(-time.Hour)})
	r := s.AddReply(Reply{Email: "other@example.com", CampaignID: b, Classification: "referral"})
	if r.ID == "" || r.ReceivedAt.IsZero() {
		t.Errorf("AddReply did not fill %+v", r)
	}

	rec := call(t, s, "GET", "/v1/replies?campaignId="+a, nil)
	wantStatus(t, rec, 200)
	list := asList(t, decode(t, rec))
	if len(list) != 2 || asObj(t, list[0])["email"] != "new@example.com" {
		t.Errorf("%v", list)
	}
	rec = call(t, s, "GET", "/v1/replies", nil)
	if list := asList(t, decode(t, rec)); len(list) != 3 || asObj(t, list[0])["classification"] != "referral" {
		t.Errorf("all: %v", list)
	}
	rec = call(t, s, "GET", "/v1/replies?campaignId=camp_unknown", nil)
	wantStatus(t, rec, 404)
	if code := errorCode(t, rec); code != "campaign_not_found" {
		t.Errorf("code %q", code)
	}
	wantStatus(t, call(t, s, "GET", "/v1/replies?campaignId=", nil), 400)
}

func TestRepliesPaginationGuide(t *testing.T) {
	s := newServer(t, Options{Style: StyleGuide})
	id := mkCampaignGuide(t, s, "c")
	for i := range 120 {
		s.AddReply(Reply{Email: fmt.Sprintf("l%03d@example.com", i), CampaignID: id, Classification: "interested", ReceivedAt: fixedNow.Add(time.Duration(i) * time.Minute)})
	}
	page := func(q string) ([]any, map[string]any) {
		rec := call(t, s, "GET", "/v1/replies?campaignId="+id+q, nil)
		wantStatus(t, rec, 200)
		m := asObj(t, decode(t, rec))
		return asList(t, m["replies"]), asObj(t, m["pagination"])
	}
	first, pag := page("")
	if len(first) != 50 || pag["total"] != 120.0 || pag["perPage"] != 50.0 || pag["page"] != 1.0 {
		t.Errorf("default page: %d %v", len(first), pag)
	}
	if asObj(t, first[0])["email"] != "l119@example.com" {
		t.Errorf("not newest first: %v", first[0])
	}
	third, pag := page("&page=3")
	if len(third) != 20 || pag["page"] != 3.0 || asObj(t, third[19])["email"] != "l000@example.com" {
		t.Errorf("page 3: %d %v", len(third), pag)
	}
	small, pag := page("&page=2&perPage=7")
	if len(small) != 7 || pag["perPage"] != 7.0 || asObj(t, small[0])["email"] != "l112@example.com" {
		t.Errorf("perPage 7: %v %v", small[0], pag)
	}
	beyond, _ := page("&page=99")
	if len(beyond) != 0 {
		t.Errorf("beyond the end: %d", len(beyond))
	}
	seen := map[string]bool{}
	for p := 1; p <= 3; p++ {
		items, _ := page(fmt.Sprintf("&page=%d", p))
		for _, it := range items {
			seen[asObj(t, it)["id"].(string)] = true
		}
	}
	if len(seen) != 120 {
		t.Errorf("paging saw %d distinct replies", len(seen))
	}
	for _, q := range []string{"&page=0", "&perPage=0", "&perPage=101", "&page=x"} {
		wantStatus(t, call(t, s, "GET", "/v1/replies?campaignId="+id+q, nil), 400)
	}
	// Other styles return everything in one answer.
	s.SetStyle(StyleReference)
	if all := asList(t, decode(t, call(t, s, "GET", "/v1/replies?campaignId="+id, nil))); len(all) != 120 {
		t.Errorf("reference: %d", len(all))
	}
}
