package leadterra

import (
	"context"
	"math"
	"sync"
	"time"
)

// Leadterra limits requests per key and publishes no numbers. Terraform
// runs several operations at once against one provider process, hence one
// Client, so the client learns the limit once for all of them:
//
//   - Before any 429 nothing is limited (but Config.RequestsPerSecond).
//   - A 429 sets one shared "not before" time, from Retry-After or else the
//     backoff of that attempt: no attempt of any request starts earlier.
//   - It also sets a learned rate: the answers that got through over the
//     last rateWindow (at least rateMinSpan), and below the rate in force
//     when the request was sent. A 429 to a request sent before the rate
//     last changed is ignored for the rate: it was sent under the old one.
//   - Attempts are then spaced evenly at that rate. After rateQuiet without
//     a 429 the rate is raised every rateProbeEvery, by rateProbeStep at
//     first, the step doubling up to rateProbeMaxStep, until a 429 lowers
//     it again.
//
// The wait happens before an attempt, outside RequestTimeout, so a request
// queued behind others never times out unsent.
const (
	rateWindow       = 10 * time.Second
	rateMinSpan      = time.Second
	rateSlot         = 100 * time.Millisecond // granularity of the window
	rateQuiet        = 5 * time.Second
	rateProbeEvery   = 2 * time.Second
	rateProbeStep    = 0.05
	rateProbeMaxStep = 0.25
	rateDecrease     = 0.9 // a 429 under a learned rate lowers it at least this much
)

// throttle is the pacing shared by every request of a Client.
type throttle struct {
	fixed  float64 // Config.RequestsPerSecond; 0 = none
	logger Logger

	mu        sync.Mutex
	learned   float64   // 0 until the first 429 with answers to measure
	notBefore time.Time // no attempt starts earlier (Retry-After)
	next      time.Time // earliest free slot at the pacing rate
	changed   time.Time // the learned rate was last set (or raised)
	lowered   time.Time // the learned rate was last set from a 429
	step      float64   // the next raise, as a fraction
	first     time.Time // the first answer: the window is no longer than the run
	answers   answerLog
}

func newThrottle(fixed float64, logger Logger) *throttle {
	return &throttle{fixed: fixed, logger: logger}
}

// limit is the pacing rate in force; 0 = none. Call with t.mu held.
func (t *throttle) limit() float64 {
	switch {
	case t.learned == 0:
		return t.fixed
	case t.fixed == 0:
		return t.learned
	}
	return min(t.fixed, t.learned)
}

// reserve books the start of one attempt wanted at now: not before
// notBefore, and one interval after the previous slot when a rate is in
// force.
func (t *throttle) reserve(ctx context.Context, now time.Time) time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.probe(ctx, now)
	start := now
	if start.Before(t.notBefore) {
		start = t.notBefore
	}
	if r := t.limit(); r > 0 {
		if start.Before(t.next) {
			start = t.next
		}
		t.next = start.Add(time.Duration(float64(time.Second) / r))
	}
	return start
}

// release gives back the slot reserved at start when it is still the last
// one booked (its request was cancelled while waiting).
func (t *throttle) release(start time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if r := t.limit(); r > 0 && t.next.Equal(start.Add(time.Duration(float64(time.Second)/r))) {
		t.next = start
	}
}

// probe raises the learned rate after a quiet spell. t.mu held.
func (t *throttle) probe(ctx context.Context, now time.Time) {
	if t.learned == 0 || now.Sub(t.lowered) < rateQuiet || now.Sub(t.changed) < rateProbeEvery {
		return
	}
	old := t.learned
	t.learned *= 1 + t.step
	t.step = min(2*t.step, rateProbeMaxStep)
	t.changed = now
	t.logger.Debug(ctx, "raising the learned Leadterra API rate limit", map[string]any{
		"rate_limit_rps": round2(t.learned), "previous_rate_limit_rps": round2(old),
	})
}

// observe records the answer to an attempt started at sentAt and received
// at now. limited marks a 429, pause the wait it asked of every request
// (0: none, such as a Retry-After beyond the cap, which fails at once).
func (t *throttle) observe(ctx context.Context, now, sentAt time.Time, limited bool, pause time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !limited {
		if t.first.IsZero() {
			t.first = now
		}
		t.answers.add(now)
		return
	}
	if pause > 0 && now.Add(pause).After(t.notBefore) {
		t.notBefore = now.Add(pause)
	}
	if sentAt.Before(t.changed) {
		return
	}
	span := min(max(now.Sub(t.first), rateMinSpan), rateWindow)
	measured := float64(t.answers.count(now.Add(-span), now)) / span.Seconds()
	old := t.learned
	switch {
	case old == 0 && measured == 0:
		// Nothing got through yet: nothing to learn a rate from. The pause
		// holds everyone back meanwhile.
		return
	case old == 0:
		t.learned = measured
	case measured == 0:
		t.learned = old * rateDecrease
	default:
		t.learned = min(measured, old*rateDecrease)
	}
	t.learned = max(t.learned, MinRequestsPerSecond)
	t.changed, t.lowered, t.step = now, now, rateProbeStep
	fields := map[string]any{
		"rate_limit_rps": round2(t.learned), "measured_rps": round2(measured),
		"pause_ms": pause.Milliseconds(),
	}
	msg := "learned the Leadterra API rate limit from a 429: pacing every request of this provider"
	if old > 0 {
		msg = "lowering the learned Leadterra API rate limit after a 429"
		fields["previous_rate_limit_rps"] = round2(old)
	}
	t.logger.Warn(ctx, msg, fields)
}

// wait blocks until the attempt may start and returns its start; on
// cancellation it returns at once with the context's error.
func (t *throttle) wait(ctx context.Context) (time.Time, error) {
	now := time.Now()
	start := t.reserve(ctx, now)
	if d := start.Sub(now); d > 0 {
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-ctx.Done():
			t.release(start)
			return start, ctx.Err()
		case <-timer.C:
		}
	}
	return start, nil
}

// answerLog counts answers per rateSlot over the last rateWindow.
type answerLog struct {
	slots [rateWindow / rateSlot]struct {
		index int64 // time / rateSlot
		n     int
	}
}

func (l *answerLog) add(t time.Time) {
	i := t.UnixNano() / int64(rateSlot)
	s := &l.slots[i%int64(len(l.slots))]
	if s.index != i {
		s.index, s.n = i, 0
	}
	s.n++
}

// count sums the slots from since's to now's (since's slot whole: the
// answer that opened the window counts).
func (l *answerLog) count(since, now time.Time) int {
	lo, hi := since.UnixNano()/int64(rateSlot), now.UnixNano()/int64(rateSlot)
	n := 0
	for _, s := range l.slots {
		if s.index >= lo && s.index <= hi {
			n += s.n
		}
	}
	return n
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
