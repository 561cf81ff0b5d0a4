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
//     last rateWindow (at least rateMinSpan), and between rateMaxDecrease
//     and rateDecrease of the rate in force when the request was sent (a
//     window where the rate was still rising measures low). A 429 to a request sent before the rate
//     last changed is ignored for the rate: it was sent under the old one.
//     The first rate is measured again when the pause ends, since answers
//     still on their way at the first 429 got through too.
//   - Attempts are then spaced evenly at that rate; slots booked before a
//     change of rate or pause are booked again. After rateQuiet without a
//     429 the rate is raised every rateProbeEvery, by rateProbeStep at
//     first, the step doubling up to rateProbeMaxStep, until a 429 lowers
//     it again.
//   - A rate measured from fewer than rateTrustAnswers answers (a 429 early
//     in the run, or from a server allowing no burst) is a guess: it is
//     doubled every second without a 429 instead.
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
	rateProbeMaxStep = 0.2
	rateDecrease     = 0.9 // a 429 under a learned rate leaves at most this share of it
	rateMaxDecrease  = 0.5 // and at least this share
	rateTrustAnswers = 5
)

// throttle is the pacing shared by every request of a Client.
type throttle struct {
	fixed  float64 // Config.RequestsPerSecond; 0 = none
	logger Logger

	mu        sync.Mutex
	learned   float64   // 0 until the first 429 with answers to measure
	notBefore time.Time // no attempt starts earlier (Retry-After)
	next      time.Time // earliest free slot at the pacing rate
	lastSent  time.Time // latest slot an attempt went out in
	changed   time.Time // the learned rate was last set (or raised)
	lowered   time.Time // the learned rate was last set from a 429
	step      float64   // the next raise, as a fraction
	first     time.Time // the first answer: the window is no longer than the run
	settle    bool      // measure the first rate again once notBefore has passed
	evidence  int       // answers the learned rate was measured from
	// rebooked is closed when a new pause or rate drops every booked slot:
	// a request waiting for one books again, after the pause, at the new
	// pace.
	rebooked chan struct{}
	answers  answerLog
}

func newThrottle(fixed float64, logger Logger) *throttle {
	return &throttle{fixed: fixed, logger: logger, rebooked: make(chan struct{})}
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
// force. The booking holds until rebooked is closed.
func (t *throttle) reserve(ctx context.Context, now time.Time) (start time.Time, rebooked <-chan struct{}) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.settleFirst(ctx, now)
	t.probe(ctx, now)
	start = now
	if start.Before(t.notBefore) {
		start = t.notBefore
	}
	if r := t.limit(); r > 0 {
		if start.Before(t.next) {
			start = t.next
		}
		t.next = start.Add(time.Duration(float64(time.Second) / r))
	}
	return start, t.rebooked
}

// settleFirst measures the first learned rate again once its pause is
// over: it was measured while answers to requests already sent were on
// their way, and only rises. t.mu held.
func (t *throttle) settleFirst(ctx context.Context, now time.Time) {
	if !t.settle || now.Before(t.notBefore) {
		return
	}
	t.settle = false
	m, n := t.measure(now)
	t.evidence = max(t.evidence, n)
	if m > t.learned {
		t.logger.Debug(ctx, "raising the learned Leadterra API rate limit: more answers got through than counted at the 429", map[string]any{
			"rate_limit_rps": round2(m), "previous_rate_limit_rps": round2(t.learned),
		})
		t.learned = m
		t.rebook()
	}
}

// measure is the rate of answers over the last rateWindow, or since the
// first answer, but at least rateMinSpan, and how many answers that is.
// t.mu held.
func (t *throttle) measure(now time.Time) (float64, int) {
	span := min(max(now.Sub(t.first), rateMinSpan), rateWindow)
	n := t.answers.count(now.Add(-span), now)
	return float64(n) / span.Seconds(), n
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
	quiet, every, step := rateQuiet, rateProbeEvery, t.step
	if t.evidence < rateTrustAnswers {
		quiet, every, step = time.Second, time.Second, 1
	}
	if t.learned == 0 || now.Sub(t.lowered) < quiet || now.Sub(t.changed) < every {
		return
	}
	old := t.learned
	t.learned *= 1 + step
	t.step = min(2*t.step, rateProbeMaxStep)
	t.changed = now
	t.rebook() // slots booked at the lower rate would hold requests back
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
		t.rebook()
	}
	if sentAt.Before(t.changed) {
		return
	}
	measured, n := t.measure(now)
	old := t.learned
	switch {
	case old == 0 && measured == 0:
		// Nothing got through yet: nothing to learn a rate from. The pause
		// holds everyone back meanwhile.
		return
	case old == 0:
		t.learned = measured
		t.settle = true
	case measured == 0:
		t.learned = old * rateDecrease
	default:
		t.learned = max(min(measured, old*rateDecrease), old*rateMaxDecrease)
	}
	t.learned = max(t.learned, MinRequestsPerSecond)
	t.changed, t.lowered, t.step, t.evidence = now, now, rateProbeStep, n
	t.rebook()
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

// rebook drops every booked slot, which was spaced for a pace that has
// just been replaced (or a pause), and wakes the requests waiting for one.
// t.mu held.
func (t *throttle) rebook() {
	close(t.rebooked)
	t.rebooked = make(chan struct{})
	t.next = time.Time{}
	if r := t.limit(); r > 0 && !t.lastSent.IsZero() {
		// Still one interval after the last attempt that went out.
		t.next = t.lastSent.Add(time.Duration(float64(time.Second) / r))
	}
}

// sent records that an attempt went out in the slot starting at start.
func (t *throttle) sent(start time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if start.After(t.lastSent) {
		t.lastSent = start
	}
}

// wait blocks until the attempt may start and returns its start; on
// cancellation it returns at once with the context's error.
func (t *throttle) wait(ctx context.Context) (time.Time, error) {
	for {
		now := time.Now()
		start, rebooked := t.reserve(ctx, now)
		d := start.Sub(now)
		if d <= 0 {
			t.sent(start)
			return start, nil
		}
		timer := time.NewTimer(d)
		select {
		case <-ctx.Done():
			timer.Stop()
			t.release(start)
			return start, ctx.Err()
		case <-rebooked:
			timer.Stop() // book again
		case <-timer.C:
			select {
			case <-rebooked: // at the same moment: book again
			default:
				t.sent(start)
				return start, nil
			}
		}
	}
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
