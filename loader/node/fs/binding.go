package fs

import (
	"fmt"
	"syscall"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
	"github.com/pkgbox/pkgbox/policy"
)

const (
	capRead  = "fs.read"
	capWrite = "fs.write"
)

// binding is one compartment's view of the Go side: its host (whose Check is the gate for this
// compartment), the runtime's fd table and the JavaScript helpers fs.js registers for errors.
type binding struct {
	h      host.Host
	vm     *goja.Runtime
	fds    *fdTable
	obj    *goja.Object
	uvErr  goja.Callable // (errno, syscall, path, dest) => Error, from fs.js
	codeEr goja.Callable // (code, ...args) => Error with Node's message for code
	insp   goja.Callable
}

// sysError is a failed syscall, turned into Node's error shape on the JavaScript goroutine.
type sysError struct {
	errno   syscall.Errno
	syscall string
	path    string
	dest    string
	hasDest bool
	noPath  bool
}

func (e *sysError) Error() string { return fmt.Sprintf("%s %s: %v", e.syscall, e.path, e.errno) }

func sysErr(err error, call string, p pathArg) *sysError {
	return &sysError{errno: errnoOf(err), syscall: call, path: p.display}
}

func sysErr2(err error, call string, p, dest pathArg) *sysError {
	return &sysError{errno: errnoOf(err), syscall: call, path: p.display, dest: dest.display, hasDest: true}
}

// denied carries the gate's error out of prepare or a sync call, on the JavaScript goroutine.
type denied struct{ obj *goja.Object }

func (denied) Error() string { return "pkgbox: denied" }

// deniedAsync is a denial met by async work: the gate's error stays on the JavaScript goroutine
// (in the call's denial slot, see asyncGate) and the worker carries only this plain value.
type deniedAsync struct{}

func (deniedAsync) Error() string { return "pkgbox: denied" }

// gate is host.Check for a worker: called directly by sync calls, and from a goroutine (through
// Post, waiting for the answer) by recursive async work that meets new paths as it goes.
type gate func(capability, path string) error

// work is the part of an operation after the gate: it runs the syscalls (on a goroutine for the
// async forms) and returns how to build its JavaScript result on the JavaScript goroutine.
//
// A work function, and everything it returns but the result builder, must use plain Go values
// only: prepare converts every argument (paths, numbers, flags, bytes) on the JavaScript goroutine,
// and bytes of a JavaScript buffer are copied in prepare (writes) or copied into the buffer by the
// result builder (reads), never read or written by the worker. goja values are not safe to touch
// from another goroutine, and a Buffer's memory is JavaScript's (Node only asks callers not to
// change it before the callback; a Go data race must not follow from an app that does).
type work func(g gate) (func() goja.Value, error)

// Binding builds the "fs" binding for one compartment.
func Binding(h host.Host) *goja.Object {
	vm := h.VM()
	b := &binding{h: h, vm: vm, fds: tableFor(vm), obj: vm.NewObject()}
	_ = b.obj.Set("init", h.Func("init", 3, func(call goja.FunctionCall) goja.Value {
		b.uvErr, _ = goja.AssertFunction(call.Argument(0))
		b.codeEr, _ = goja.AssertFunction(call.Argument(1))
		b.insp, _ = goja.AssertFunction(call.Argument(2))
		return goja.Undefined()
	}))
	b.defineOps()
	return b.obj
}

// def adds an operation called from fs.js as binding.NAME(api, callback, ...args). prepare runs
// first, on the JavaScript goroutine: it converts and resolves paths and passes the gate. Argument
// errors are thrown at once; a denial is thrown by the sync form (callback undefined) and handed
// to the callback, asynchronously, otherwise.
func (b *binding) def(name string, prepare func(api string, args []goja.Value) work) {
	_ = b.obj.Set(name, b.h.Func(name, 2, func(call goja.FunctionCall) goja.Value {
		api := call.Argument(0).String()
		cb, async := goja.AssertFunction(call.Argument(1))
		var args []goja.Value
		if len(call.Arguments) > 2 {
			// A copy: call.Arguments is a window on the VM stack, which goja clears when a
			// Go-made call returns (a Proxy trap, a callback run from Go) while the work below
			// may still read the arguments on its goroutine.
			args = append([]goja.Value(nil), call.Arguments[2:]...)
		}
		w, deny := b.prepare(prepare, api, args)
		if !async {
			if deny != nil {
				panic(deny)
			}
			conv, err := w(b.syncGate(api))
			if err != nil {
				panic(b.jsError(err))
			}
			return conv()
		}
		release := b.h.Hold()
		if deny != nil {
			b.h.Post(func() {
				defer release()
				b.callback(cb, deny)
			})
			return goja.Undefined()
		}
		var denial *goja.Object // the async gate's error: set and read on the JavaScript goroutine
		g := b.asyncGate(api, &denial)
		go func() {
			var conv func() goja.Value
			var err error
			func() {
				defer func() {
					if x := recover(); x != nil {
						err = &sysError{errno: syscall.EIO, syscall: name, path: fmt.Sprintf("internal error: %v", x)}
					}
				}()
				conv, err = w(g)
			}()
			b.h.Post(func() {
				defer release()
				if _, ok := err.(deniedAsync); ok {
					b.callback(cb, denial)
					return
				}
				if err != nil {
					b.callback(cb, b.jsError(err))
					return
				}
				b.callback(cb, goja.Null(), conv())
			})
		}()
		return goja.Undefined()
	}))
}

func (b *binding) prepare(prepare func(string, []goja.Value) work, api string, args []goja.Value) (w work, deny *goja.Object) {
	defer func() {
		if x := recover(); x != nil {
			if d, ok := x.(denied); ok {
				deny = d.obj
				return
			}
			panic(x)
		}
	}()
	return prepare(api, args), nil
}

func (b *binding) callback(cb goja.Callable, args ...goja.Value) {
	if _, err := cb(goja.Undefined(), args...); err != nil {
		panic(err)
	}
}

// check passes the gate on the JavaScript goroutine; a denial unwinds prepare.
func (b *binding) check(capability, path, api string) {
	if d := b.h.Check(capability, policy.Resource{Path: path}, api); d != nil {
		panic(denied{d})
	}
}

func (b *binding) syncGate(api string) gate {
	return func(capability, path string) error {
		if d := b.h.Check(capability, policy.Resource{Path: path}, api); d != nil {
			return denied{d}
		}
		return nil
	}
}

// asyncGate asks the gate from a worker: the check runs on the JavaScript goroutine, which keeps
// a denial's error in *denial for the callback and tells the worker only whether it was denied.
func (b *binding) asyncGate(api string, denial **goja.Object) gate {
	return func(capability, path string) error {
		answer := make(chan bool, 1)
		b.h.Post(func() {
			d := b.h.Check(capability, policy.Resource{Path: path}, api)
			if d != nil {
				*denial = d
			}
			answer <- d != nil
		})
		if <-answer {
			return deniedAsync{}
		}
		return nil
	}
}

// jsError turns a worker's error into the JavaScript value to throw or pass on.
func (b *binding) jsError(err error) goja.Value {
	switch e := err.(type) {
	case denied:
		return e.obj
	case *sysError:
		if b.uvErr == nil {
			return b.vm.NewGoError(fmt.Errorf("%s", e.Error()))
		}
		var dest, path goja.Value = goja.Undefined(), goja.Undefined()
		if !e.noPath {
			path = b.vm.ToValue(e.path)
		}
		if e.hasDest {
			dest = b.vm.ToValue(e.dest)
		}
		v, jerr := b.uvErr(goja.Undefined(), b.vm.ToValue(-int(e.errno)), b.vm.ToValue(e.syscall), path, dest)
		if jerr != nil {
			panic(jerr)
		}
		return v
	case *codeError:
		return b.nodeError(e.code, e.args...)
	case *codeErrorWithPath:
		return b.nodeError(e.code, e.syscall, e.path, int(e.errno))
	}
	return b.vm.NewTypeError(err.Error())
}

// codeError is a Node ERR_* error found by a worker.
type codeError struct {
	code string
	args []any
}

func (e *codeError) Error() string { return e.code }

// nodeError makes Node's ERR_* error through internal/errors (registered by fs.js).
func (b *binding) nodeError(code string, args ...any) *goja.Object {
	vals := []goja.Value{b.vm.ToValue(code)}
	for _, a := range args {
		if v, ok := a.(goja.Value); ok {
			vals = append(vals, v)
		} else {
			vals = append(vals, b.vm.ToValue(a))
		}
	}
	if b.codeEr != nil {
		if v, err := b.codeEr(goja.Undefined(), vals...); err == nil {
			if o, ok := v.(*goja.Object); ok {
				return o
			}
		}
	}
	e := b.vm.NewTypeError(code)
	_ = e.Set("code", code)
	return e
}

func (b *binding) inspect(v goja.Value) string {
	if b.insp != nil {
		if s, err := b.insp(goja.Undefined(), v); err == nil {
			return s.String()
		}
	}
	return v.String()
}

func (b *binding) cwd() string { return b.h.Cwd() }

// resolve converts, resolves and checks a path argument.
func (b *binding) resolve(v goja.Value, name, capability, api string) (pathArg, string) {
	p := b.toPath(v, name)
	real := realPath(b.cwd(), p.raw)
	b.check(capability, real, api)
	return p, real
}

// resolveLink is resolve for calls that act on a link itself: only the parent is resolved.
func (b *binding) resolveLink(v goja.Value, name, capability, api string) (pathArg, string) {
	p := b.toPath(v, name)
	real := realParent(b.cwd(), p.raw)
	b.check(capability, real, api)
	return p, real
}

func undefined() goja.Value { return goja.Undefined() }

func done() (func() goja.Value, error) { return undefined, nil }
