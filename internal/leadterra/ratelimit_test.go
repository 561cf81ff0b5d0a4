package leadterra

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func approx(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestThrottleNoLimitBeforeA429(t *testing.T) {
	th := newThrottle(0, nopLogger{})
	ctx := context.Background()
	for i := range 100 {
		now := t0.Add(ms(i))
		if got, _ := th.reserve(ctx, now); !got.Equal(now) {
			t.Fatalf("attempt %d delayed to %v without any 429", i, got.Sub(now))
		}
		th.observe(ctx, now, now, false, 0)
	}
}

func TestThrottleFixedRateSpacesEvenly(t *testing.T) {
	th := newThrottle(4, nopLogger{})
	ctx := context.Background()
	for i := range 5 {
		// Five workers asking at once get slots 250 ms apart.
		if got, _ := th.reserve(ctx, t0); !got.Equal(t0.Add(ms(250 * i))) {
			t.Errorf("slot %d at %v, want %v", i, got.Sub(t0), ms(250*i))
		}
	}
}

// learnAt10 records 10 answers in the first 10 ms, then a 429 asking 1 s.
func learnAt10(t *testing.T) *throttle {
	t.Helper()
	th := newThrottle(0, nopLogger{})
	ctx := context.Background()
	for i := range 10 {
		at := t0.Add(ms(i))
		th.reserve(ctx, at)
		th.observe(ctx, at, at, false, 0)
	}
	th.observe(ctx, t0.Add(ms(11)), t0.Add(ms(10)), true, time.Second)
	return th
}

func TestThrottle429SharedNotBeforeAndLearnedRate(t *testing.T) {
	th := learnAt10(t)
	// 10 answers since the first, measured over the minimal 1 s span.
	if !approx(th.learned, 10) {
		t.Fatalf("learned %v req/s, want 10", th.learned)
	}
	ctx := context.Background()
	// Every worker waits for the shared "not before", then they are paced.
	notBefore := t0.Add(ms(1011))
	for i := range 10 {
		if got, _ := th.reserve(ctx, t0.Add(ms(12))); !got.Equal(notBefore.Add(ms(100 * i))) {
			t.Errorf("worker %d starts at %v, want %v", i, got.Sub(t0), notBefore.Add(ms(100*i)).Sub(t0))
		}
	}
	// The other 429s of the same wave were sent before the rate was set:
	// they push the pause along but do not lower the rate again.
	th.observe(ctx, t0.Add(ms(13)), t0.Add(ms(9)), true, time.Second)
	if !approx(th.learned, 10) || !th.notBefore.Equal(t0.Add(ms(1013))) {
		t.Errorf("after a 429 of the same wave: learned %v, not before +%v; want 10, +1.013s", th.learned, th.notBefore.Sub(t0))
	}
}

func TestThrottleLowersOnA429UnderTheLearnedRate(t *testing.T) {
	th := learnAt10(t)
	ctx := context.Background()
	// 20 answers between 1 s and 3 s, then a 429 to a request sent at 3 s:
	// measured 30 answers / 3 s = 10, so the rate drops by the minimum step.
	for i := range 20 {
		at := t0.Add(time.Second + ms(100*i))
		th.observe(ctx, at, at, false, 0)
	}
	at := t0.Add(3 * time.Second)
	th.observe(ctx, at, at, true, 0)
	if !approx(th.learned, 10*rateDecrease) {
		t.Errorf("learned %v, want %v", th.learned, 10*rateDecrease)
	}
	// What got through decides when it is lower: 4 answers in 3.1 s.
	th2 := newThrottle(0, nopLogger{})
	for i := range 4 {
		at := t0.Add(ms(i))
		th2.observe(ctx, at, at, false, 0)
	}
	th2.observe(ctx, t0.Add(ms(5)), t0.Add(ms(4)), true, 0)
	if !approx(th2.learned, 4) {
		t.Errorf("learned %v, want 4", th2.learned)
	}
}

func TestThrottleNothingToLearnFrom(t *testing.T) {
	th := newThrottle(0, nopLogger{})
	ctx := context.Background()
	th.observe(ctx, t0, t0, true, 2*time.Second)
	if th.learned != 0 {
		t.Errorf("learned %v from a 429 with no answer before it", th.learned)
	}
	if got, _ := th.reserve(ctx, t0); !got.Equal(t0.Add(2 * time.Second)) {
		t.Errorf("start at +%v, want the 2 s pause", got.Sub(t0))
	}
	// A refused wait (pause 0: Retry-After beyond the cap) holds no one.
	th2 := newThrottle(0, nopLogger{})
	th2.observe(ctx, t0, t0, true, 0)
	if got, _ := th2.reserve(ctx, t0); !got.Equal(t0) {
		t.Errorf("start at +%v after a refused wait, want at once", got.Sub(t0))
	}
}

func TestThrottleProbesBackUpSlowly(t *testing.T) {
	spy := &spyLogger{}
	th := learnAt10(t)
	th.logger = spy
	ctx := context.Background()
	lowered := t0.Add(ms(11))
	th.reserve(ctx, lowered.Add(rateQuiet-ms(1)))
	if !approx(th.learned, 10) {
		t.Fatalf("raised to %v before the quiet spell ended", th.learned)
	}
	want := 10.0
	for i, step := range []float64{0.05, 0.10, 0.20, 0.20} {
		at := lowered.Add(rateQuiet + time.Duration(i)*rateProbeEvery)
		th.reserve(ctx, at)
		th.reserve(ctx, at.Add(rateProbeEvery-ms(1))) // too soon for another step
		want *= 1 + step
		if !approx(th.learned, want) {
			t.Fatalf("probe %d: %v req/s, want %v", i+1, th.learned, want)
		}
	}
	// The fixed limit still caps the pace.
	th.fixed = 12
	if th.limit() != 12 {
		t.Errorf("limit %v, want the fixed 12", th.limit())
	}
	if !strings.Contains(spy.text(), "raising the learned Leadterra API rate limit") {
		t.Errorf("no log of the raise:\n%s", spy.text())
	}
}

func TestThrottleWaitCancelledReturnsAtOnce(t *testing.T) {
	th := newThrottle(0, nopLogger{})
	th.observe(context.Background(), time.Now(), time.Now(), true, time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done := make(chan error, 1)
	go func() { _, err := th.wait(ctx); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("wait did not return on cancellation")
	}
}

func TestThrottleReleaseGivesBackTheLastSlot(t *testing.T) {
	th := newThrottle(1, nopLogger{})
	ctx := context.Background()
	th.reserve(ctx, t0)
	second, _ := th.reserve(ctx, t0)
	th.release(second)
	if got, _ := th.reserve(ctx, t0); !got.Equal(second) {
		t.Errorf("slot after a release at +%v, want +%v again", got.Sub(t0), second.Sub(t0))
	}
}

// A client learns the rate from a 429 and logs it with fields, no body.
func TestClientLearnsRateFromA429(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 4 {
			w.Header().Set("Retry-After", "0")
			writeJSON(w, 429, `{"code":"rate_limited","message":"slow down, body-marker"}`)
			return
		}
		writeJSON(w, 200, docSDRs)
	})
	c, spy := newTestClient(t, srv.URL, nil)
	ctx := testCtx(t)
	for range 4 {
		_, err := c.ListSDRs(ctx)
		mustOK(t, err)
	}
	var learned *logEntry
	for _, e := range spy.all() {
		if strings.HasPrefix(e.msg, "learned the Leadterra API rate limit") {
			learned = &e
		}
	}
	if learned == nil || learned.level != "warn" {
		t.Fatalf("no warning that a rate was learned:\n%s", spy.text())
	}
	// 3 answers before the 429, within the first second.
	if learned.fields["rate_limit_rps"] != 3.0 || learned.fields["measured_rps"] != 3.0 {
		t.Errorf("fields %v, want rate_limit_rps and measured_rps 3", learned.fields)
	}
	if strings.Contains(spy.text(), "body-marker") {
		t.Error("the log holds the 429's body")
	}
}

// A slot booked before a 429 is not used: the request books again, after
// the pause and at the new pace.
func TestThrottleSlotsBookedBeforeA429AreBookedAgain(t *testing.T) {
	th := newThrottle(5, nopLogger{})
	ctx := context.Background()
	var bookings []<-chan struct{}
	for range 5 {
		_, rebooked := th.reserve(ctx, t0)
		bookings = append(bookings, rebooked)
	}
	th.observe(ctx, t0.Add(ms(1)), t0, false, 0)
	th.observe(ctx, t0.Add(ms(2)), t0, true, time.Second)
	for i, rebooked := range bookings {
		if !closed(rebooked) {
			t.Errorf("slot %d booked before the 429 still holds", i)
		}
	}
	if got, rebooked := th.reserve(ctx, t0.Add(ms(800))); !got.Equal(t0.Add(ms(1002))) || closed(rebooked) {
		t.Errorf("booked again at +%v, want +1.002s (the pause)", got.Sub(t0))
	}
}

func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// Answers still on their way at the first 429 count once the pause is over.
func TestThrottleFirstRateSettlesAfterThePause(t *testing.T) {
	th := newThrottle(0, nopLogger{})
	ctx := context.Background()
	for i := range 3 {
		th.observe(ctx, t0.Add(ms(i)), t0, false, 0)
	}
	th.observe(ctx, t0.Add(ms(3)), t0, true, time.Second)
	th.observe(ctx, t0.Add(ms(4)), t0, false, 0) // sent before the 429, answered after
	th.observe(ctx, t0.Add(ms(5)), t0, false, 0)
	if !approx(th.learned, 3) {
		t.Fatalf("learned %v at the 429, want 3", th.learned)
	}
	th.reserve(ctx, t0.Add(ms(500))) // still in the pause: unchanged
	if !approx(th.learned, 3) {
		t.Fatalf("learned %v during the pause, want 3", th.learned)
	}
	th.reserve(ctx, t0.Add(ms(1003)))
	if want := 5 / 1.003; !approx(th.learned, want) {
		t.Errorf("learned %v after the pause, want %v (5 answers in 1.003 s)", th.learned, want)
	}
	// Only once, and only upwards.
	th.observe(ctx, t0.Add(ms(1100)), t0.Add(ms(1100)), false, 0)
	th.reserve(ctx, t0.Add(ms(1200)))
	if want := 5 / 1.003; !approx(th.learned, want) {
		t.Errorf("learned %v, want it unchanged at %v", th.learned, want)
	}
}

// A rate measured from few answers is a guess: doubled every quiet second.
// A later 429 lowers it by half at most, and trusts the measure.
func TestThrottleGuessDoublesThenHalvesAtMost(t *testing.T) {
	th := newThrottle(0, nopLogger{})
	ctx := context.Background()
	th.observe(ctx, t0, t0, false, 0)
	th.observe(ctx, t0.Add(ms(1)), t0, true, 0) // 1 answer: 1 req/s
	want := 1.0
	for i := range 5 {
		th.reserve(ctx, t0.Add(time.Duration(i+1)*time.Second+ms(1)))
		want *= 2
		if !approx(th.learned, want) {
			t.Fatalf("second %d: %v req/s, want %v", i+1, th.learned, want)
		}
	}
	// 20 answers over the last second, then a 429 at 32 req/s: the measure
	// over the 5 s window (21 answers) would say about 4; half is the floor.
	for i := range 20 {
		at := t0.Add(5*time.Second + ms(50*i))
		th.observe(ctx, at, at, false, 0)
	}
	at := t0.Add(6 * time.Second)
	th.observe(ctx, at, at, true, 0)
	if !approx(th.learned, 16) {
		t.Fatalf("after the 429: %v req/s, want 16 (half of 32)", th.learned)
	}
	th.reserve(ctx, at.Add(2*time.Second)) // now trusted: the 5 s quiet applies
	if !approx(th.learned, 16) {
		t.Errorf("raised to %v 2 s after a measured 429, want 16 until 5 s", th.learned)
	}
}
