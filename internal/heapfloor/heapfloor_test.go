package heapfloor

import (
	"runtime"
	"runtime/debug"
	"testing"
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

// The finalizer rearms itself: GOGC is set again after every collection.
func TestWatchAdjustsAfterEachCollection(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	stop := Start(Default)
	for range 3 {
		debug.SetGCPercent(100)
		runtime.GC()
		runtime.GC() // the finalizer runs after the first; wait for it
		if got := debug.SetGCPercent(100); got <= 100 {
			t.Fatalf("GOGC after a collection = %d, want above 100 for a test's small heap", got)
		}
	}
	stop()
	runtime.GC()
	runtime.GC()
	debug.SetGCPercent(100)
	runtime.GC()
	runtime.GC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GOGC after stop = %d, want 100 (the watch goes on)", got)
	}
}

func TestStartLeavesUserSettingsAlone(t *testing.T) {
	t.Setenv("GOGC", "150")
	defer debug.SetGCPercent(debug.SetGCPercent(150))
	defer Start(Default)()
	runtime.GC()
	runtime.GC()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Fatalf("GOGC = %d with GOGC=150 set, want 150", got)
	}
}
