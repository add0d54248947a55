package loader

import (
	"math"
	"strconv"

	"github.com/dop251/goja"
)

// timerTable holds one compartment's timers. clearTimeout and friends only ever see the timers of
// their own compartment, so a package cannot cancel the app's timers by guessing ids.
type timerTable struct {
	c        *Compartment
	byID     map[int64]*jsTimer
	byObj    map[*goja.Object]*jsTimer
	proto    *goja.Object
	immProto *goja.Object
	fns      map[string]goja.Value
}

type jsTimer struct {
	id  int64
	obj *goja.Object
	t   *timer     // timers
	imm *immediate // immediates
}

// timeoutMax is Node's TIMEOUT_MAX (2^31-1 ms); larger or invalid delays become 1 ms.
const timeoutMax = 1<<31 - 1

func newTimerTable(c *Compartment) *timerTable {
	return &timerTable{c: c, byID: map[int64]*jsTimer{}, byObj: map[*goja.Object]*jsTimer{}, fns: map[string]goja.Value{}}
}

func (tt *timerTable) function(name string) goja.Value {
	if f, ok := tt.fns[name]; ok {
		return f
	}
	rt := tt.c.rt
	var f *goja.Object
	switch name {
	case "setTimeout":
		f = rt.nativeFunc("setTimeout", 2, func(call goja.FunctionCall) goja.Value { return tt.set(call, false) })
	case "setInterval":
		f = rt.nativeFunc("setInterval", 2, func(call goja.FunctionCall) goja.Value { return tt.set(call, true) })
	case "setImmediate":
		f = rt.nativeFunc("setImmediate", 1, tt.setImmediate)
	case "clearTimeout", "clearInterval", "clearImmediate":
		f = rt.nativeFunc(name, 1, func(call goja.FunctionCall) goja.Value {
			tt.clear(call.Argument(0))
			return goja.Undefined()
		})
	default:
		return goja.Undefined()
	}
	tt.fns[name] = f
	return f
}

func (tt *timerTable) callback(v goja.Value) goja.Callable {
	cb, ok := goja.AssertFunction(v)
	if !ok {
		panic(tt.c.rt.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", `The "callback" argument must be of type function. Received `+describeReceived(v)))
	}
	return cb
}

// delayOf coerces a timer delay as Node does (valueOf runs once): a number outside
// [1, TIMEOUT_MAX] (or NaN) is 1; over TIMEOUT_MAX, overflow is the number asked for. The
// fraction is kept (it is what _idleTimeout shows); the loop truncates it to whole ms.
func delayOf(v goja.Value) (ms, overflow float64) {
	if v == nil || goja.IsUndefined(v) {
		return 1, 0
	}
	ms = v.ToFloat()
	if ms > timeoutMax {
		return 1, ms
	}
	if math.IsNaN(ms) || ms < 1 {
		return 1, 0
	}
	return ms, 0
}

// overflowWarning is Node's TimeoutOverflowWarning for a delay over TIMEOUT_MAX, emitted through
// the compartment's process.emitWarning so 'warning' listeners see it.
func (tt *timerTable) overflowWarning(ms float64) {
	vm := tt.c.rt.vm
	emit, ok := goja.AssertFunction(tt.c.process().Get("emitWarning"))
	if !ok {
		return
	}
	msg := vm.ToValue(ms).String() + " does not fit into a 32-bit signed integer.\nTimeout duration was set to 1."
	tt.c.rt.mustCall(emit, tt.c.process(), vm.ToValue(msg), vm.ToValue("TimeoutOverflowWarning"))
}

func (tt *timerTable) set(call goja.FunctionCall, repeat bool) goja.Value {
	rt := tt.c.rt
	cb := tt.callback(call.Argument(0))
	d, overflow := delayOf(call.Argument(1))
	if overflow != 0 {
		tt.overflowWarning(overflow)
	}
	var args []goja.Value
	if len(call.Arguments) > 2 {
		args = append(args, call.Arguments[2:]...)
	}
	obj := rt.vm.CreateObject(tt.timeoutProto())
	_ = obj.Set("_idleTimeout", d)
	_ = obj.Set("_onTimeout", call.Argument(0))
	if args != nil {
		_ = obj.Set("_timerArgs", rt.vm.NewArray(toAny(args)...))
	} else {
		_ = obj.Set("_timerArgs", goja.Undefined())
	}
	if repeat {
		_ = obj.Set("_repeat", d)
	} else {
		_ = obj.Set("_repeat", goja.Null())
	}
	_ = obj.Set("_destroyed", false)
	tt.arm(obj, cb, args, d, repeat)
	return obj
}

// arm schedules cb(...args) on obj's behalf, as setTimeout/setInterval, or refresh() of a timeout
// that already fired (Node reactivates it).
func (tt *timerTable) arm(obj *goja.Object, cb goja.Callable, args []goja.Value, d float64, repeat bool) {
	rt := tt.c.rt
	rt.timerSeq++
	jt := &jsTimer{id: rt.timerSeq, obj: obj}
	jt.t = &timer{ref: true, repeat: repeat, msecs: int64(d)}
	ctx := rt.asyncCtx
	jt.t.fn = func() {
		if !repeat {
			// Forgotten after the callback: inside it, this.hasRef() and friends still work.
			defer tt.forget(jt)
			_ = obj.Set("_destroyed", true)
		}
		rt.inContext(ctx, func() { rt.mustCall(cb, obj, args...) })
	}
	tt.byID[jt.id] = jt
	tt.byObj[obj] = jt
	rt.loop.arm(jt.t)
}

// rearm is refresh() of a timeout that already fired: a new timer for the same object, from
// what the object records (_onTimeout, _timerArgs, _idleTimeout), with the same primitive id.
func (tt *timerTable) rearm(obj *goja.Object) {
	cb, ok := goja.AssertFunction(obj.Get("_onTimeout"))
	if !ok {
		return
	}
	var args []goja.Value
	if a, ok := obj.Get("_timerArgs").(*goja.Object); ok {
		n := int(a.Get("length").ToInteger())
		for i := 0; i < n; i++ {
			args = append(args, a.Get(strconv.Itoa(i)))
		}
	}
	idle := obj.Get("_idleTimeout")
	if idle == nil || idle.ToFloat() < 0 || obj.Get("_repeat") == nil || !goja.IsNull(obj.Get("_repeat")) {
		return
	}
	d, _ := delayOf(idle)
	_ = obj.Set("_destroyed", false)
	tt.arm(obj, cb, args, d, false)
}

func toAny(vs []goja.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

func (tt *timerTable) setImmediate(call goja.FunctionCall) goja.Value {
	rt := tt.c.rt
	cb := tt.callback(call.Argument(0))
	var args []goja.Value
	if len(call.Arguments) > 1 {
		args = append(args, call.Arguments[1:]...)
	}
	rt.timerSeq++
	jt := &jsTimer{id: rt.timerSeq}
	obj := rt.vm.CreateObject(tt.immediateProto())
	_ = obj.Set("_onImmediate", call.Argument(0))
	jt.obj = obj
	ctx := rt.asyncCtx
	jt.imm = rt.loop.addImmediate(func() {
		tt.forget(jt)
		rt.inContext(ctx, func() { rt.mustCall(cb, obj, args...) })
	})
	tt.byID[jt.id] = jt
	tt.byObj[obj] = jt
	return obj
}

func (tt *timerTable) forget(jt *jsTimer) {
	delete(tt.byID, jt.id)
	delete(tt.byObj, jt.obj)
}

// lookup finds a timer of this compartment from a Timeout/Immediate object or its numeric id.
func (tt *timerTable) lookup(v goja.Value) *jsTimer {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	if obj, ok := v.(*goja.Object); ok {
		return tt.byObj[obj]
	}
	switch x := v.Export().(type) {
	case int64:
		return tt.byID[x]
	case float64:
		return tt.byID[int64(x)]
	case string:
		if n, err := strconv.ParseInt(x, 10, 64); err == nil {
			return tt.byID[n]
		}
	}
	return nil
}

func (tt *timerTable) clear(v goja.Value) {
	jt := tt.lookup(v)
	if jt == nil {
		return
	}
	loop := tt.c.rt.loop
	if jt.t != nil {
		loop.disarm(jt.t)
		_ = jt.obj.Set("_idleTimeout", -1)
		_ = jt.obj.Set("_destroyed", true)
	}
	if jt.imm != nil {
		loop.clearImmediate(jt.imm)
	}
	tt.forget(jt)
}

func (tt *timerTable) timeoutProto() *goja.Object {
	if tt.proto != nil {
		return tt.proto
	}
	rt := tt.c.rt
	vm := rt.vm
	p := vm.NewObject()
	ctor := rt.nativeFunc("Timeout", 0, func(goja.FunctionCall) goja.Value {
		panic(vm.NewTypeError("Illegal constructor"))
	})
	_ = ctor.Set("prototype", p)
	_ = p.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	method := func(name string, f func(jt *jsTimer, this *goja.Object) goja.Value) {
		_ = p.DefineDataProperty(name, rt.nativeFunc(name, 0, func(call goja.FunctionCall) goja.Value {
			this, _ := call.This.(*goja.Object)
			jt := tt.byObj[this]
			if jt == nil {
				if this == nil {
					return goja.Undefined()
				}
				if name == "refresh" && this.Prototype() == p {
					// A timeout that already fired is reactivated, as in Node; a cleared one
					// (_idleTimeout -1) is not.
					tt.rearm(this)
				}
				return this
			}
			return f(jt, this)
		}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	method("ref", func(jt *jsTimer, this *goja.Object) goja.Value { rt.loop.setTimerRef(jt.t, true); return this })
	method("unref", func(jt *jsTimer, this *goja.Object) goja.Value { rt.loop.setTimerRef(jt.t, false); return this })
	method("hasRef", func(jt *jsTimer, this *goja.Object) goja.Value { return vm.ToValue(jt.t.ref) })
	method("refresh", func(jt *jsTimer, this *goja.Object) goja.Value {
		rt.loop.arm(jt.t)
		return this
	})

	method("close", func(jt *jsTimer, this *goja.Object) goja.Value { tt.clear(this); return this })
	prim := rt.nativeFunc("[Symbol.toPrimitive]", 0, func(call goja.FunctionCall) goja.Value {
		this, _ := call.This.(*goja.Object)
		if jt := tt.byObj[this]; jt != nil {
			return vm.ToValue(jt.id)
		}
		return vm.ToValue(math.NaN())
	})
	_ = p.DefineDataPropertySymbol(goja.SymToPrimitive, prim, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	tt.proto = p
	return p
}

func (tt *timerTable) immediateProto() *goja.Object {
	if tt.immProto != nil {
		return tt.immProto
	}
	rt := tt.c.rt
	vm := rt.vm
	p := vm.NewObject()
	ctor := rt.nativeFunc("Immediate", 0, func(goja.FunctionCall) goja.Value {
		panic(vm.NewTypeError("Illegal constructor"))
	})
	_ = ctor.Set("prototype", p)
	_ = p.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	method := func(name string, f func(jt *jsTimer, this *goja.Object) goja.Value) {
		_ = p.DefineDataProperty(name, rt.nativeFunc(name, 0, func(call goja.FunctionCall) goja.Value {
			this, _ := call.This.(*goja.Object)
			jt := tt.byObj[this]
			if jt == nil {
				if this == nil {
					return goja.Undefined()
				}
				if name == "refresh" && this.Prototype() == p {
					// A timeout that already fired is reactivated, as in Node; a cleared one
					// (_idleTimeout -1) is not.
					tt.rearm(this)
				}
				return this
			}
			return f(jt, this)
		}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	method("ref", func(jt *jsTimer, this *goja.Object) goja.Value { rt.loop.setImmediateRef(jt.imm, true); return this })
	method("unref", func(jt *jsTimer, this *goja.Object) goja.Value { rt.loop.setImmediateRef(jt.imm, false); return this })
	method("hasRef", func(jt *jsTimer, this *goja.Object) goja.Value { return vm.ToValue(jt.imm.ref) })
	tt.immProto = p
	return p
}

// runTicks drains the nextTick queue (ticks queued while it runs included). It runs inside a
// macrotask, before goja drains the promise jobs.
func (rt *Runtime) runTicks() {
	for len(rt.ticks) > 0 && !rt.exiting {
		t := rt.ticks[0]
		rt.ticks[0] = tickEntry{}
		rt.ticks = rt.ticks[1:]
		rt.inContext(t.ctx, func() { rt.mustCall(t.fn, goja.Undefined(), t.args...) })
	}
	if len(rt.ticks) == 0 {
		rt.ticks = nil
	}
}
