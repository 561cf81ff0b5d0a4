package sandbox

import (
	"fmt"
	"testing"
)

func TestSetMaxPageSize(t *testing.T) {
	s := newServer(t, Options{Style: StyleGuide})
	id := mkCampaignGuide(t, s, "c")
	var leads []map[string]any
	for i := range 25 {
		leads = append(leads, map[string]any{"email": fmt.Sprintf("l%02d@example.com", i)})
	}
	wantStatus(t, call(t, s, "POST", "/v1/campaigns/"+id+"/leads/bulk", map[string]any{"leads": leads}), 200)
	s.SetMaxPageSize(10)
	page := func(q string) ([]any, map[string]any) {
		rec := call(t, s, "GET", "/v1/campaigns/"+id+"/leads"+q, nil)
		wantStatus(t, rec, 200)
		m := asObj(t, decode(t, rec))
		return asList(t, m["leads"]), asObj(t, m["pagination"])
	}
	got, pag := page("?perPage=100")
	if len(got) != 10 || pag["perPage"] != 10.0 || pag["total"] != 25.0 {
		t.Errorf("perPage=100 at a limit of 10: %d items, %v", len(got), pag)
	}
	got, pag = page("?perPage=100&page=3")
	if len(got) != 5 || pag["page"] != 3.0 || asObj(t, got[4])["email"] != "l24@example.com" {
		t.Errorf("last page: %d items, %v", len(got), pag)
	}
	if got, _ = page("?perPage=4"); len(got) != 4 {
		t.Errorf("a smaller perPage is served as asked: %d", len(got))
	}
	s.SetMaxPageSize(0)
	if got, _ = page("?perPage=100"); len(got) != 25 {
		t.Errorf("no limit: %d", len(got))
	}
}
