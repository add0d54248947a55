package loader

import (
	"fmt"
	"math"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"time"

	"github.com/dlclark/regexp2/v2"
	"github.com/dop251/goja"
)

// Limits on a run (DESIGN invariant 8): wall-clock time, JavaScript heap, string sizes and the
// time one regexp match may take. Each ends the run with its exit status and a one-line message,
// whatever the JavaScript is doing. goja checks for an interrupt between instructions only, so
// the builtins that can make a huge value in one call (String.prototype.repeat, padStart, padEnd)
// check their result size before allocating, and everything that leaves the process (output,
// capability uses) first checks the heap synchronously: a run over its memory limit can neither
// finish a bomb nor report that it did. A single allocation too large for the machine remains a
// fatal Go error: cmd/pkgbox's supervising process turns it into exit status 137.

// maxStringLength is V8's limit on a string's length (2**29 - 24 UTF-16 units on 64-bit hosts):
// beyond it Node throws RangeError "Invalid string length", and so does pkgbox.
const maxStringLength = 1<<29 - 24

// regexpMatchMu guards regexp2.DefaultMatchTimeout, a package-wide default read when goja compiles
// a regexp.
var regexpMatchMu sync.Mutex

// SetTimeout ends the run with exit status 124 once d has passed. The returned function cancels
// the limit. A backtracking regexp cannot outlast the limit either: goja's backtracking engine
// stops a match after d (the match then fails), so the interrupt gets its turn.
func (rt *Runtime) SetTimeout(d time.Duration) (stop func()) {
	BoundRegexpMatch(d)
	t := time.AfterFunc(d, func() {
		if rt.overMemory.Load() {
			return // the memory limit already ended the run; keep its message
		}
		rt.loop.post(func() {})
		rt.vm.Interrupt(&exitRequest{code: 124, limit: "the run exceeded its time limit (--timeout " + d.String() + ")"})
	})
	return func() { t.Stop() }
}

// BoundRegexpMatch makes every regexp compiled from now on in this process give up a match after
// d (the match then fails), so that an interrupt gets its turn; a longer bound set earlier stays
// lowered to d.
func BoundRegexpMatch(d time.Duration) {
	regexpMatchMu.Lock()
	if regexp2.DefaultMatchTimeout > d {
		regexp2.DefaultMatchTimeout = d
	}
	regexpMatchMu.Unlock()
}

var (
	heapObjectsMetric = "/memory/classes/heap/objects:bytes"
	heapLiveMetric    = "/gc/heap/live:bytes"
)

// SetMemoryLimit ends the run with exit status 137 when the heap holds more than limit bytes of
// live data. A monitor samples the heap every 2 ms; output, capability checks and the
// string-growing builtins check it synchronously too. When the heap is above the limit, a full
// collection tells live data from garbage, and only live data over the limit stops the run.
// (Telling the Go collector about the limit instead makes it collect continuously near the limit,
// which slows a heap bomb down to a crawl rather than stopping it.)
func (rt *Runtime) SetMemoryLimit(limit int64) (stop func()) {
	rt.memLimit.Store(limit)
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			if rt.overMemory.Load() || rt.memoryExceeded(0) {
				return
			}
		}
	}()
	// Once stop returns, the monitor can no longer interrupt the runtime.
	return func() { close(done); <-exited; rt.memLimit.Store(0) }
}

// HeapInUse is the bytes of heap objects the Go runtime holds now, live or not yet collected:
// the measure SetMemoryLimit compares with its limit.
func HeapInUse() int64 {
	s := []metrics.Sample{{Name: heapObjectsMetric}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

// memoryExceeded reports whether the run is over its memory limit, counting extra bytes about to
// be allocated, and if so stops it: the next JavaScript instruction ends the run with status 137.
// It is cheap (~0.3 µs) while the heap is under the limit.
func (rt *Runtime) memoryExceeded(extra int64) bool {
	limit := rt.memLimit.Load()
	if limit <= 0 {
		return false
	}
	if rt.overMemory.Load() {
		return true
	}
	s := []metrics.Sample{{Name: heapObjectsMetric}}
	metrics.Read(s)
	if int64(s[0].Value.Uint64())+extra <= limit {
		return false
	}
	if extra <= limit {
		rt.gcMu.Lock()
		runtime.GC()
		rt.gcMu.Unlock()
		s[0].Name = heapLiveMetric
		metrics.Read(s)
		if int64(s[0].Value.Uint64())+extra <= limit {
			return false
		}
	}
	if rt.overMemory.Swap(true) {
		return true
	}
	rt.loop.post(func() {})
	rt.vm.Interrupt(rt.memoryExit())
	return true
}

func (rt *Runtime) memoryExit() *exitRequest {
	return &exitRequest{code: 137, limit: fmt.Sprintf("the run exceeded its memory limit (--memory-limit %d MB)", rt.memLimit.Load()>>20)}
}

// installStringLimits replaces String.prototype.repeat, padStart and padEnd (before lockdown) with
// versions that refuse a result over V8's string length (RangeError, as Node) or over the memory
// limit (the run stops) before allocating it. repeat of an ASCII string is also built by doubling
// instead of goja's one append per count, which took seconds for a 512 MB result.
func (rt *Runtime) installStringLimits() error {
	vm := rt.vm
	proto := vm.Get("String").ToObject(vm).Get("prototype").ToObject(vm)
	wrap := func(name string, length int, size func(s goja.String, args []goja.Value) float64, fast func(s goja.String, args []goja.Value) (goja.Value, bool)) error {
		orig, ok := goja.AssertFunction(proto.Get(name))
		if !ok {
			return fmt.Errorf("String.prototype.%s is not a function", name)
		}
		fn := vm.ToValue(func(call goja.FunctionCall) goja.Value {
			if goja.IsUndefined(call.This) || goja.IsNull(call.This) {
				panic(vm.NewTypeError("String.prototype." + name + " called on null or undefined"))
			}
			// Coerce once, here, and hand the primitives on, so user valueOf/toString run once.
			s, _ := call.This.ToString().(goja.String)
			if s == nil {
				return mustCall(orig(call.This, call.Arguments...))
			}
			args := append([]goja.Value(nil), call.Arguments...)
			if len(args) > 0 {
				args[0] = args[0].ToNumber()
				if f := args[0].ToFloat(); name == "repeat" && (f < 0 || math.IsInf(f, 1)) {
					e, err := vm.New(vm.Get("RangeError"), vm.ToValue("Invalid count value: "+args[0].String()))
					if err != nil {
						panic(err)
					}
					panic(e)
				}
			}
			n := size(s, args)
			if n > maxStringLength {
				e, err := vm.New(vm.Get("RangeError"), vm.ToValue("Invalid string length"))
				if err != nil {
					panic(err)
				}
				panic(e)
			}
			bytes := int64(n) * 2
			if isASCII(s) {
				bytes = int64(n)
			}
			if n > 1<<20 && rt.memoryExceeded(bytes) {
				return vm.ToValue("")
			}
			if fast != nil {
				if v, ok := fast(s, args); ok {
					return v
				}
			}
			return mustCall(orig(s, args...))
		}).ToObject(vm)
		_ = fn.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		_ = fn.DefineDataProperty("length", vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		return proto.DefineDataProperty(name, fn, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	count := func(args []goja.Value) float64 {
		if len(args) == 0 {
			return 0
		}
		f := args[0].ToFloat()
		if math.IsNaN(f) || f < 0 {
			return 0 // repeat throws its own RangeError for negative counts
		}
		return math.Trunc(f)
	}
	repeatSize := func(s goja.String, args []goja.Value) float64 {
		n := count(args)
		if math.IsInf(n, 1) || s.Length() == 0 {
			return 0 // repeat throws "Invalid count value" for Infinity itself
		}
		return float64(s.Length()) * n
	}
	repeatFast := func(s goja.String, args []goja.Value) (goja.Value, bool) {
		n := count(args)
		if !isASCII(s) || math.IsInf(n, 1) || n < 1 {
			return nil, false
		}
		return vm.ToValue(strings.Repeat(s.String(), int(n))), true
	}
	padSize := func(s goja.String, args []goja.Value) float64 {
		return max(count(args), float64(s.Length()))
	}
	for _, w := range []struct {
		name string
		size func(goja.String, []goja.Value) float64
		fast func(goja.String, []goja.Value) (goja.Value, bool)
	}{{"repeat", repeatSize, repeatFast}, {"padStart", padSize, nil}, {"padEnd", padSize, nil}} {
		if err := wrap(w.name, 1, w.size, w.fast); err != nil {
			return err
		}
	}
	return nil
}

// isASCII reports whether s is made of ASCII characters (goja stores those one byte each).
func isASCII(s goja.String) bool {
	g := s.String()
	for i := 0; i < len(g); i++ {
		if g[i] >= 0x80 {
			return false
		}
	}
	return true
}

// mustCall returns v, or rethrows err into the calling JavaScript.
func mustCall(v goja.Value, err error) goja.Value {
	if err != nil {
		panic(err)
	}
	return v
}
