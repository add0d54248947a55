package loader

import (
	"github.com/dop251/goja"
)

// asyncFrame is one binding of an AsyncLocalStorage instance to a store value. The current async
// context is an immutable chain of frames; promise jobs, timers, immediates and nextTick callbacks
// run in the context that was current when they were scheduled.
type asyncFrame struct {
	parent *asyncFrame
	key    *goja.Object // the AsyncLocalStorage instance
	value  goja.Value
}

func (f *asyncFrame) lookup(key *goja.Object) goja.Value {
	for ; f != nil; f = f.parent {
		if f.key == key {
			return f.value
		}
	}
	return goja.Undefined()
}

// asyncTracker implements goja.AsyncContextTracker for promise jobs.
type asyncTracker struct{ rt *Runtime }

func (t asyncTracker) Grab() any { return t.rt.asyncCtx }

func (t asyncTracker) Resumed(v any) {
	t.rt.asyncSaved = append(t.rt.asyncSaved, t.rt.asyncCtx)
	f, _ := v.(*asyncFrame)
	t.rt.asyncCtx = f
}

func (t asyncTracker) Exited() {
	n := len(t.rt.asyncSaved)
	if n == 0 {
		t.rt.asyncCtx = nil
		return
	}
	t.rt.asyncCtx = t.rt.asyncSaved[n-1]
	t.rt.asyncSaved = t.rt.asyncSaved[:n-1]
}

// inContext runs fn with ctx as the current async context.
func (rt *Runtime) inContext(ctx *asyncFrame, fn func()) {
	prev := rt.asyncCtx
	rt.asyncCtx = ctx
	defer func() { rt.asyncCtx = prev }()
	fn()
}

// asyncHooksBinding is the Go half of async_hooks (AsyncLocalStorage, AsyncResource).
func (c *Compartment) asyncHooksBinding() goja.Value {
	rt := c.rt
	vm := rt.vm
	b := vm.NewObject()
	_ = b.Set("enable", rt.nativeFunc("enable", 0, func(goja.FunctionCall) goja.Value {
		if !rt.asyncEnabled {
			rt.asyncEnabled = true
			vm.SetAsyncContextTracker(asyncTracker{rt})
		}
		return goja.Undefined()
	}))
	_ = b.Set("get", rt.nativeFunc("get", 1, func(call goja.FunctionCall) goja.Value {
		key, ok := call.Argument(0).(*goja.Object)
		if !ok {
			return goja.Undefined()
		}
		return rt.asyncCtx.lookup(key)
	}))
	// run(key, value, fn, thisArg, args): fn runs with key bound to value.
	_ = b.Set("run", rt.nativeFunc("run", 5, func(call goja.FunctionCall) goja.Value {
		key, ok := call.Argument(0).(*goja.Object)
		fn, isFn := goja.AssertFunction(call.Argument(2))
		if !ok || !isFn {
			panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", `The "callback" argument must be of type function. Received `+describeReceived(call.Argument(2))))
		}
		var result goja.Value
		rt.inContext(&asyncFrame{parent: rt.asyncCtx, key: key, value: call.Argument(1)}, func() {
			result = rt.mustCall(fn, call.Argument(3), exportArgs(call.Argument(4))...)
		})
		return result
	}))
	_ = b.Set("enterWith", rt.nativeFunc("enterWith", 2, func(call goja.FunctionCall) goja.Value {
		if key, ok := call.Argument(0).(*goja.Object); ok {
			rt.asyncCtx = &asyncFrame{parent: rt.asyncCtx, key: key, value: call.Argument(1)}
		}
		return goja.Undefined()
	}))
	// capture() returns a function (fn, thisArg, args) that runs fn in the context current now.
	_ = b.Set("capture", rt.nativeFunc("capture", 0, func(goja.FunctionCall) goja.Value {
		ctx := rt.asyncCtx
		return rt.nativeFunc("runInAsyncScope", 3, func(call goja.FunctionCall) goja.Value {
			fn, ok := goja.AssertFunction(call.Argument(0))
			if !ok {
				panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", `The "fn" argument must be of type function. Received `+describeReceived(call.Argument(0))))
			}
			var result goja.Value
			rt.inContext(ctx, func() {
				result = rt.mustCall(fn, call.Argument(1), exportArgs(call.Argument(2))...)
			})
			return result
		})
	}))
	return b
}

// exportArgs turns a JavaScript array of arguments into a Go slice of values.
func exportArgs(v goja.Value) []goja.Value {
	arr, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	n := int(arr.Get("length").ToInteger())
	out := make([]goja.Value, n)
	for i := 0; i < n; i++ {
		out[i] = arr.Get(itoa(i))
	}
	return out
}
