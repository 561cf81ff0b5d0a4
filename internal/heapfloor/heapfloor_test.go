package heapfloor

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestPercentFor(t *testing.T) {
	const floor = 64 << 20
	cases := []struct {
		live uint64
		want int
	}{
		{0, maxPercent},
		{1 << 20, maxPercent},   // a goal of 64×live would be past the cap
		{16 << 20, 300},         // 16 MiB × 4 = the floor
		{32 << 20, 100},         // half the floor: the default
		{200 << 20, minPercent}, // above the floor: never below the default
		{floor - 1, minPercent},
	}
	for _, c := range cases {
		if got := percentFor(c.live, floor); got != c.want {
			t.Errorf("percentFor(%d MiB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
}

// gogc reads GOGC without setting it.
func gogc() uint64 {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// collectUntil runs collections, giving the finalizer goroutine time after
// each, until cond holds or 50 collections have passed.
func collectUntil(cond func() bool) bool {
	for range 50 {
		runtime.GC()
		time.Sleep(time.Millisecond)
		if cond() {
			return true
		}
	}
	return false
}

// The finalizer rearms itself: GOGC is set again after every collection,
// and no more once stopped.
func TestWatchAdjustsAfterEachCollection(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	stop := Start(Default)
	for i := range 3 {
		debug.SetGCPercent(100)
		if !collectUntil(func() bool { return gogc() > 100 }) {
			t.Fatalf("collection round %d: GOGC stays %d, want above 100 for a test's small heap", i, gogc())
		}
	}
	stop()
	debug.SetGCPercent(100)
	if collectUntil(func() bool { return gogc() != 100 }) {
		t.Fatalf("GOGC after stop = %d, want 100 (the watch goes on)", gogc())
	}
}

func TestStartLeavesUserSettingsAlone(t *testing.T) {
	t.Setenv("GOGC", "150")
	defer debug.SetGCPercent(debug.SetGCPercent(150))
	defer Start(Default)()
	if collectUntil(func() bool { return gogc() != 150 }) {
		t.Fatalf("GOGC = %d with GOGC=150 set, want 150", gogc())
	}
}
