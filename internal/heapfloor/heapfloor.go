// Package heapfloor gives the Go collector a floor under its heap goal.
//
// A provider process lives for one Terraform command, and its live heap is
// small (about 10 MB with 500 campaigns) while it allocates a lot: the
// plugin framework converts every value path by path, over a gigabyte in
// one plan of 1,500 resources. With the default GOGC of 100 the collector
// then runs every few megabytes and takes a quarter of the process's CPU.
// A floor lets the heap grow to a fixed size before collecting, and keeps
// the default above it, so a large state (20,000 leads) uses no more
// memory than before; unlike a memory limit, it never makes the collector
// run without pause when the live heap outgrows it.
package heapfloor

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// Default is the floor main sets: the collector's CPU at 500 campaigns
// falls by about a quarter, and a little more buys almost nothing.
const Default = 64 << 20

const (
	minPercent = 100 // GOGC's default: above the floor, nothing changes
	maxPercent = 1000
)

// Start keeps the heap goal at floor bytes or more until stop is called;
// it leaves the collector alone if GOGC or GOMEMLIMIT is set.
func Start(floor uint64) (stop func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	stopped := new(atomic.Bool)
	adjust(floor)
	watch(floor, stopped)
	return func() { stopped.Store(true) }
}

// watch adjusts GOGC after every collection: the sentinel is unreachable
// as soon as it is made, so each cycle runs its finalizer, which arms the next.
func watch(floor uint64, stopped *atomic.Bool) {
	s := new(sentinel)
	runtime.SetFinalizer(s, func(*sentinel) {
		if stopped.Load() {
			return
		}
		adjust(floor)
		watch(floor, stopped)
	})
}

// sentinel has a pointer so that it is never batched with other small
// objects, whose finalizers may not run.
type sentinel struct{ _ *byte }

var liveSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

func adjust(floor uint64) {
	metrics.Read(liveSample)
	if liveSample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	debug.SetGCPercent(percentFor(liveSample[0].Value.Uint64(), floor))
}

// percentFor is the GOGC that puts the next heap goal, live×(1+GOGC/100),
// at floor, or at the default when the live heap is already half of it.
func percentFor(live, floor uint64) int {
	if live == 0 {
		return maxPercent
	}
	p := int64(floor*100/live) - 100
	return int(min(max(p, minPercent), maxPercent))
}
