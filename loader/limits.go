package loader

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/dlclark/regexp2/v2"
)

// Limits on a run (DESIGN invariant 8): wall-clock time, JavaScript heap, and the time one regexp
// match may take. Each ends the run with its exit status and a one-line message, whatever the
// JavaScript is doing, except inside a single native operation (a regexp match is bounded
// separately; a single huge allocation is caught by the supervising process, see cmd/pkgbox).

// regexpMatchMu guards regexp2.DefaultMatchTimeout, a package-wide default read when goja compiles
// a regexp.
var regexpMatchMu sync.Mutex

// SetTimeout ends the run with exit status 124 once d has passed. The returned function cancels
// the limit. A backtracking regexp cannot outlast the limit either: goja's backtracking engine
// stops a match after d (the match then fails), so the interrupt gets its turn.
func (rt *Runtime) SetTimeout(d time.Duration) (stop func()) {
	regexpMatchMu.Lock()
	if regexp2.DefaultMatchTimeout > d {
		regexp2.DefaultMatchTimeout = d
	}
	regexpMatchMu.Unlock()
	t := time.AfterFunc(d, func() {
		rt.loop.post(func() {})
		rt.vm.Interrupt(&exitRequest{code: 124, limit: "the run exceeded its time limit (--timeout " + d.String() + ")"})
	})
	return func() { t.Stop() }
}

// SetMemoryLimit ends the run with exit status 137 when the heap holds more than limit bytes of
// live data. A monitor samples the heap every few milliseconds; when it is above the limit, a
// full collection tells live data from garbage, and only live data over the limit stops the run.
// (Telling the Go collector about the limit instead makes it collect continuously near the limit,
// which slows a heap bomb down to a crawl rather than stopping it.)
func (rt *Runtime) SetMemoryLimit(limit int64) (stop func()) {
	done := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	go func() {
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if int64(sample[0].Value.Uint64()) <= limit {
				continue
			}
			runtime.GC()
			metrics.Read(live)
			if int64(live[0].Value.Uint64()) <= limit {
				continue
			}
			rt.overMemory.Store(true)
			rt.loop.post(func() {})
			rt.vm.Interrupt(&exitRequest{code: 137, limit: fmt.Sprintf("the run exceeded its memory limit (--memory-limit %d MB)", limit>>20)})
			return
		}
	}()
	return func() { close(done) }
}
