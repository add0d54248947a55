package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
	"github.com/pkgbox/pkgbox/loader/resolve"
)

// Invocation is one call of a module's exported function (Runtime.Invoke): the embedding API's
// unit of work. The callbacks run on the goroutine that called Invoke, while the runtime is
// valid; they are how values cross between Go and JavaScript.
type Invocation struct {
	// Root is the folder of untrusted code: the app root of the call. Absolute.
	Root string
	// File is the module to load, relative to Root (or absolute inside it).
	File string
	// Export names the function among the module's exports; "" calls module.exports itself.
	// "default" falls back to module.exports when the module has no default export, as import()
	// of a CommonJS module does.
	Export string
	// Args builds the arguments.
	Args func(vm *goja.Runtime) ([]goja.Value, error)
	// Result receives the value the function returned (awaited when it is a promise).
	Result func(vm *goja.Runtime, v goja.Value) error
	// Thrown turns what the call threw (or rejected with, or what reached the top level of a
	// timer or I/O callback it started) into the error Invoke returns.
	Thrown func(vm *goja.Runtime, v goja.Value) error
}

// LimitError reports a call that a limit (time, memory, cancellation) or a fatal engine condition
// (stack overflow) ended. Code is the exit status `pkgbox run` would use.
type LimitError struct {
	Code    int
	Message string
}

func (e *LimitError) Error() string { return e.Message }

var promiseType = reflect.TypeOf((*goja.Promise)(nil))

// ErrNeverSettles is returned when the function's promise is still pending and nothing is left
// that could settle it (no timer, no I/O).
var ErrNeverSettles = errors.New("pkgbox: the function returned a promise that never settles: nothing is left to run")

// callState is the state of the Invoke in progress.
type callState struct {
	inv    *Invocation
	err    error // the first failure; the call ends with it
	broken bool  // the runtime must not be reused
}

func (cs *callState) fail(err error) {
	if cs.err == nil {
		cs.err = err
	}
}

// Invoke loads inv.File as the main module of a fresh app compartment in inv.Root, calls the
// export with inv.Args, runs the event loop until the returned promise settles, and hands the
// value to inv.Result. When Invoke returns, no timer or I/O callback of the call runs any more;
// everything else it created (compartments, module instances, globals, process state) is dropped
// by the next Reset, which Invoke does itself on a used runtime: every call starts from the
// frozen realm alone. After an error, Reusable says whether the runtime may serve another call.
func (rt *Runtime) Invoke(inv Invocation) (err error) {
	if rt.used {
		rt.Reset()
	}
	rt.used = true
	cs := &callState{inv: &inv}
	rt.call = cs
	defer func() {
		if r := recover(); r != nil {
			cs.broken = true
			// Converting a value can run a getter of the called code, which a limit may interrupt.
			ie, _ := r.(*goja.InterruptedError)
			var req *exitRequest
			if ie != nil {
				req, _ = ie.Value().(*exitRequest)
			}
			if req != nil && req.limit != "" {
				err = &LimitError{Code: req.code, Message: "pkgbox: " + req.limit}
			} else {
				err = fmt.Errorf("pkgbox: internal error: %v", r)
				if os.Getenv("PKGBOX_DEBUG") != "" {
					err = fmt.Errorf("%w\n%s", err, debug.Stack())
				}
			}
		}
		rt.stdout.Flush()
		rt.loop.stop()
		rt.call = nil
		if cs.broken {
			rt.broken = true
		}
	}()

	path, err := rt.callTarget(inv.Root, inv.File)
	if err != nil {
		return err
	}
	rt.appRoot = inv.Root
	rt.app = rt.newCompartment(host.Package{Name: appName(inv.Root), Dir: inv.Root, App: true}, nil)

	var (
		settled bool
		value   goja.Value
	)
	rt.execute(func() {
		rec := rt.newRecord(path, rt.compartmentFor(path), nil, rt.isESMEntry(path))
		rt.main = rec
		rt.loadRecord(rec)
		fn := rt.exportedFunction(rec, inv.Export, inv.File)
		args, aerr := inv.Args(rt.vm)
		if aerr != nil {
			cs.fail(aerr)
			rt.exiting = true
			return
		}
		v := rt.mustCall(fn, goja.Undefined(), args...)
		// ExportType, not Export: exporting a plain object would read (and run) its getters.
		var p *goja.Promise
		if v.ExportType() == promiseType {
			p, _ = v.Export().(*goja.Promise)
		}
		if p == nil {
			settled, value = true, v
			return
		}
		// Wait with the realm's own then (frozen: the function cannot replace it), which also
		// marks a rejection as handled.
		then, _ := goja.AssertFunction(rt.vm.Get("Promise").ToObject(rt.vm).Get("prototype").ToObject(rt.vm).Get("then"))
		onValue := rt.nativeFunc("", 1, func(c goja.FunctionCall) goja.Value {
			settled, value = true, c.Argument(0)
			return goja.Undefined()
		})
		onError := rt.nativeFunc("", 1, func(c goja.FunctionCall) goja.Value {
			settled = true
			cs.fail(inv.Thrown(rt.vm, c.Argument(0)))
			return goja.Undefined()
		})
		rt.mustCall(then, rt.vm.ToValue(p), onValue, onError)
	})
	for !settled && !rt.exiting && cs.err == nil && rt.loop.alive() {
		if !rt.loop.runOnce(func(fn func()) bool { return rt.execute(fn) }, func() { rt.stdout.Flush() }) {
			break
		}
	}
	switch {
	case cs.err != nil:
		return cs.err
	case rt.exiting && rt.exitCodeSet:
		return &ExitError{Code: rt.exitCode}
	case !settled:
		return ErrNeverSettles
	}
	return inv.Result(rt.vm, value)
}

// Reusable reports whether the runtime may serve another Invoke: false once a limit, a
// cancellation or an internal error ended a call (its goroutines and interrupts are not trusted
// to be over).
func (rt *Runtime) Reusable() bool { return !rt.broken && !rt.overMemory.Load() }

// Cancel ends the call or run in progress as soon as JavaScript gets control, with msg; safe from
// any goroutine.
func (rt *Runtime) Cancel(msg string) {
	rt.loop.post(func() {})
	rt.vm.Interrupt(&exitRequest{code: 124, limit: msg})
}

// callTarget resolves file inside root; it may not name anything outside root.
func (rt *Runtime) callTarget(root, file string) (string, error) {
	if file == "" {
		return "", errors.New("pkgbox: no module file given")
	}
	abs := file
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(root, filepath.FromSlash(file))
	}
	abs = filepath.Clean(abs)
	if rel, err := filepath.Rel(root, abs); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("pkgbox: %s: expected a module inside %s", file, root)
	}
	res, err := rt.res.Resolve(abs, root+string(filepath.Separator), resolve.Require)
	if err != nil {
		return "", fmt.Errorf("pkgbox: %s: %w", file, err)
	}
	if res.Builtin != "" {
		return "", fmt.Errorf("pkgbox: %s: it names the builtin module %q, expected a file inside %s", file, res.Builtin, root)
	}
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", fmt.Errorf("pkgbox: %s: %w", root, err)
	}
	if rel, err := filepath.Rel(real, res.Path); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("pkgbox: %s: resolves to %s, outside %s", file, res.Path, root)
	}
	return res.Path, nil
}

// exportedFunction finds the function to call among rec's exports, or throws a TypeError naming
// the file and the export.
func (rt *Runtime) exportedFunction(rec *moduleRecord, export, file string) goja.Callable {
	exports := rec.obj.Get("exports")
	v := exports
	if export != "" {
		if o, ok := exports.(*goja.Object); ok {
			v = o.Get(export)
		} else {
			v = goja.Undefined()
		}
		if export == "default" && (v == nil || goja.IsUndefined(v)) {
			v = exports
		}
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		what := "module.exports"
		if export != "" {
			what = "export " + fmt.Sprintf("%q", export)
		}
		panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", fmt.Sprintf("%s of %s must be a function.%s", what, file, describeReceived(v))))
	}
	return fn
}

// FormatStack rewrites an engine stack string (err.stack of an error the engine threw) into V8's
// layout, as pkgbox prints it.
func FormatStack(s string) string { return v8Stack(s) }

// Reset drops everything a previous run or call created and keeps the locked-down realm, the
// compiled builtins and the resolver. Invoke resets a used runtime itself; a caller that arms
// Cancel from other goroutines calls Reset first, so that no Cancel meets a reset in progress.
func (rt *Runtime) Reset() {
	rt.used = false
	if rt.loop != nil {
		rt.loop.stop()
	}
	rt.vm.ClearInterrupt()
	rt.loop = newEventLoop()
	rt.env = newEnvironment(rt.opts.Env)
	rt.app, rt.main = nil, nil
	rt.comps = map[string]*Compartment{}
	rt.compList = nil
	rt.modules = map[string]*moduleRecord{}
	rt.macrotask = nil
	rt.asyncCtx, rt.asyncSaved = nil, nil
	if rt.asyncEnabled {
		rt.asyncEnabled = false
		rt.vm.SetAsyncContextTracker(nil)
	}
	rt.ticks, rt.rejections = nil, nil
	rt.exitCode, rt.exitCodeSet = 0, false
	rt.denied = nil
	rt.warningHint = false
	rt.exiting, rt.exitEmitted = false, false
	rt.start = time.Now()
}
