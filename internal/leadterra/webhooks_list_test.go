package leadterra

import (
	"net/http"
	"testing"
)

// GET /v1/webhooks is a completion: read bare or wrapped, and remembered
// as not offered after a 404.
func TestListWebhooks(t *testing.T) {
	const one = `{"id":"wh_1","url":"https://x.example/h","events":["message.sent"],"status":"active","createdAt":"2026-01-02T03:04:05.123Z"}`
	for _, body := range []string{"[" + one + "]", `{"webhooks":[` + one + `]}`, `{"data":[` + one + `]}`} {
		srv := newScriptedServer(t, map[string]reply{"GET /v1/webhooks": {status: 200, body: body}})
		c, _ := newTestClient(t, srv.URL, nil)
		got, err := c.ListWebhooks(testCtx(t))
		mustOK(t, err)
		if len(got) != 1 || got[0].ID != "wh_1" || got[0].URL != "https://x.example/h" || got[0].CreatedAt != "2026-01-02T03:04:05Z" {
			t.Errorf("%s: got %+v", body, got)
		}
	}
	srv := newScriptedServer(t, map[string]reply{"GET /v1/webhooks": {status: http.StatusNotFound, body: `{"code":"not_found"}`}})
	c, _ := newTestClient(t, srv.URL, nil)
	for range 2 {
		if _, err := c.ListWebhooks(testCtx(t)); !IsNotOffered(err) {
			t.Fatalf("err %v, want NotOfferedError", err)
		}
	}
	if srv.hits() != 1 || c.Offered(CapWebhookList) {
		t.Errorf("hits %d, offered %v: a missing list must be asked once", srv.hits(), c.Offered(CapWebhookList))
	}
}
