package loader

import (
	"strings"

	"github.com/dop251/goja"
)

// installErrorExtensions adds V8's Error.captureStackTrace, Error.prepareStackTrace and
// Error.stackTraceLimit, which real packages use (express's depd reads call sites through them).
//
// Package and app code see their compartment's own Error (errorConstructor), whose hooks are
// plain properties: a hook installed by one package never runs for, or sees the errors of,
// another. The shared frozen Error, which builtins and Function('return this')() reach, has
// accessors that forward to the calling compartment's Error; the caller is taken from the nearest
// frame of a loaded module, which decides only whose hook is used, never what code may do.
func installErrorExtensions(rt *Runtime) error {
	vm := rt.vm
	errCtor := vm.GlobalObject().Get("Error").(*goja.Object)
	capture := rt.nativeFunc("captureStackTrace", 2, func(call goja.FunctionCall) goja.Value {
		frames := vm.CaptureCallStack(0, nil)
		rt.captureStackTrace(rt.callerCompartment(frames), frames, call.Argument(0), call.Argument(1))
		return goja.Undefined()
	})
	if err := errCtor.DefineDataProperty("captureStackTrace", capture, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	// On the shared Error, the V8 hooks read and write the calling compartment's own Error.
	for _, name := range []string{"prepareStackTrace", "stackTraceLimit"} {
		name := name
		getter := rt.nativeFunc("get "+name, 0, func(goja.FunctionCall) goja.Value {
			c := rt.callerCompartment(vm.CaptureCallStack(0, nil))
			if c == nil {
				return goja.Undefined()
			}
			return c.errorConstructor().Get(name)
		})
		setter := rt.nativeFunc("set "+name, 1, func(call goja.FunctionCall) goja.Value {
			if c := rt.callerCompartment(vm.CaptureCallStack(0, nil)); c != nil {
				_ = c.errorConstructor().Set(name, call.Argument(0))
			}
			return goja.Undefined()
		})
		if err := errCtor.DefineAccessorProperty(name, getter, setter, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
			return err
		}
	}
	return nil
}

var bindProgram = goja.MustCompile("bind.js", "(function (f) { return Function.prototype.bind.call(f, null); })", true)

// errorConstructor is the compartment's own `Error`: a bound function of the shared Error, so
// errors made through it are ordinary Error instances (instanceof, class extends and prototypes
// work across compartments), while the constructor object itself — where V8 keeps
// prepareStackTrace and stackTraceLimit and where packages like bluebird store their own
// properties — belongs to the compartment. `err.constructor === Error` is false for it (the
// prototype's constructor is the shared Error).
func (c *Compartment) errorConstructor() *goja.Object {
	if c.errorObj != nil {
		return c.errorObj
	}
	rt := c.rt
	vm := rt.vm
	real := vm.GlobalObject().Get("Error").(*goja.Object)
	f, _ := vm.RunProgram(bindProgram)
	bind, _ := goja.AssertFunction(f)
	v, err := bind(goja.Undefined(), real)
	if err != nil {
		panic(err)
	}
	e := v.(*goja.Object)
	c.errorObj = e
	_ = e.DefineDataProperty("name", vm.ToValue("Error"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = e.DefineDataProperty("prototype", real.Get("prototype"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	_ = e.DefineDataProperty("captureStackTrace", rt.nativeFunc("captureStackTrace", 2, func(call goja.FunctionCall) goja.Value {
		rt.captureStackTrace(c, vm.CaptureCallStack(0, nil), call.Argument(0), call.Argument(1))
		return goja.Undefined()
	}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = e.DefineDataProperty("stackTraceLimit", vm.ToValue(10), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	return e
}

// captureStackTrace implements V8's Error.captureStackTrace(target, constructorOpt) for
// compartment c, honouring c's prepareStackTrace and stackTraceLimit.
func (rt *Runtime) captureStackTrace(c *Compartment, frames []goja.StackFrame, targetVal, ctorOpt goja.Value) {
	vm := rt.vm
	target, ok := targetVal.(*goja.Object)
	if !ok {
		panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", "Invalid argument"))
	}
	// Drop the native frames on top, then everything above constructorOpt when it is given.
	for len(frames) > 0 && frames[0].SrcName() == "<native>" {
		frames = frames[1:]
	}
	if fnObj, ok := ctorOpt.(*goja.Object); ok {
		if name := fnObj.Get("name"); name != nil && name.String() != "" {
			for i, f := range frames {
				if f.FuncName() == name.String() {
					frames = frames[i+1:]
					break
				}
			}
		}
	}
	limit := 10
	var hook goja.Callable
	if c != nil {
		e := c.errorConstructor()
		if l := e.Get("stackTraceLimit"); l != nil && !goja.IsUndefined(l) {
			if n := l.ToFloat(); n >= 0 {
				limit = int(min(n, 1e6))
			}
		}
		hook, _ = goja.AssertFunction(e.Get("prepareStackTrace"))
	}
	if len(frames) > limit {
		frames = frames[:limit]
	}
	var stack goja.Value
	if hook != nil {
		sites := make([]any, len(frames))
		for i := range frames {
			sites[i] = rt.callSite(&frames[i])
		}
		stack = rt.mustCall(hook, c.errorConstructor(), target, vm.NewArray(sites...))
	} else {
		var b strings.Builder
		b.WriteString(errorHeader(target))
		for i := range frames {
			b.WriteString("\n    at ")
			b.WriteString(frameString(&frames[i]))
		}
		stack = vm.ToValue(b.String())
	}
	if err := target.DefineDataProperty("stack", stack, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		panic(vm.NewTypeError("Cannot define property stack, object is not extensible"))
	}
}

// callerCompartment returns the compartment of the innermost frame that belongs to a loaded
// module (builtin frames are skipped), or the app when there is none.
func (rt *Runtime) callerCompartment(frames []goja.StackFrame) *Compartment {
	for i := range frames {
		name := frames[i].SrcName()
		if name == "<native>" || strings.HasPrefix(name, "node:") {
			continue
		}
		if rec, ok := rt.modules[name]; ok {
			return rec.comp
		}
	}
	return rt.app
}

// errorHeader is the first line of a V8 stack: "Name: message", as Error.prototype.toString
// would produce it, computed without running package code.
func errorHeader(o *goja.Object) string {
	name := "Error"
	if n := o.Get("name"); n != nil && !goja.IsUndefined(n) {
		name = n.String()
	}
	msg := ""
	if m := o.Get("message"); m != nil && !goja.IsUndefined(m) {
		msg = m.String()
	}
	switch {
	case name == "":
		return msg
	case msg == "":
		return name
	}
	return name + ": " + msg
}

// callSite is a V8 CallSite for prepareStackTrace hooks. It carries positions and names only:
// getThis and getFunction return undefined, as V8 does in strict mode, so a hook gets no object
// it did not already have.
func (rt *Runtime) callSite(f *goja.StackFrame) *goja.Object {
	vm := rt.vm
	pos := f.Position()
	o := vm.NewObject()
	str := func(s string) goja.Value {
		if s == "" {
			return goja.Null()
		}
		return vm.ToValue(s)
	}
	method := func(name string, v goja.Value) {
		_ = o.Set(name, rt.nativeFunc(name, 0, func(goja.FunctionCall) goja.Value { return v }))
	}
	method("getFileName", str(pos.Filename))
	method("getScriptNameOrSourceURL", str(pos.Filename))
	method("getLineNumber", vm.ToValue(pos.Line))
	method("getColumnNumber", vm.ToValue(pos.Column))
	fname := f.FuncName()
	if fname == "<anonymous>" || fname == "<native>" {
		fname = ""
	}
	method("getFunctionName", str(fname))
	method("getMethodName", goja.Null())
	method("getTypeName", goja.Null())
	method("getThis", goja.Undefined())
	method("getFunction", goja.Undefined())
	method("getEvalOrigin", goja.Undefined())
	method("isEval", vm.ToValue(false))
	method("isNative", vm.ToValue(false))
	method("isToplevel", vm.ToValue(f.FuncName() == "<anonymous>"))
	method("isConstructor", vm.ToValue(false))
	method("isAsync", vm.ToValue(false))
	method("isPromiseAll", vm.ToValue(false))
	method("getPromiseIndex", goja.Null())
	method("toString", vm.ToValue(frameString(f)))
	return o
}
