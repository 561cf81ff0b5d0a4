package leadterra

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// truncatingServer answers body, cut in half on the first `cut` requests.
func truncatingServer(t *testing.T, body string, cut int32) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		if n <= cut {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			_, _ = w.Write([]byte(body[:len(body)/2]))
			return
		}
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestTruncatedAnswerRetriedOnlyWhenSafe(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	pools := `[{"id":"pool_1","name":"P","dailyCapacity":10,"remainingVolume":5,"senderAccountIds":["sa_1"]}]`
	srv, hits := truncatingServer(t, pools, 2)
	c, err := New(Config{BaseURL: srv.URL, APIKey: "sk_test_x", RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.ListSenderPools(ctx)
	if err != nil || len(got) != 1 || hits.Load() != 3 {
		t.Fatalf("a GET cut short twice must succeed on the third try: %v, %+v, %d hits", err, got, hits.Load())
	}

	camp := `{"id":"camp_1","name":"x","status":"draft"}`
	for _, key := range []string{"", "idem-1"} {
		srv, hits = truncatingServer(t, camp, 1)
		c, _ = New(Config{BaseURL: srv.URL, APIKey: "sk_test_x", RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
		if _, err := c.CreateCampaign(ctx, CampaignInput{Name: "x"}, key); !IsOutcomeUnknown(err) || hits.Load() != 1 {
			t.Fatalf("key %q: a create cut short must not be repeated and must report an unknown outcome: %v, %d hits", key, err, hits.Load())
		}
	}
}
