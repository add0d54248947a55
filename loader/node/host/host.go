// Package host is the contract between the loader and the Go-backed parts of Node's builtin modules.
//
// A builtin is CommonJS source evaluated once per compartment (so every package gets its own instance)
// plus, optionally, a Go binding built for that compartment. The binding is the only way JavaScript
// reaches Go: it is handed to the builtin's source as the `binding` parameter and never to package code.
package host

import (
	"reflect"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/policy"
)

var (
	arrayBufferType = reflect.TypeOf(goja.ArrayBuffer{})
	mapType         = reflect.TypeOf(map[string]any{})
	typedArrayTypes = []reflect.Type{
		reflect.TypeOf([]byte{}), reflect.TypeOf([]int8{}), reflect.TypeOf([]uint16{}), reflect.TypeOf([]int16{}),
		reflect.TypeOf([]uint32{}), reflect.TypeOf([]int32{}), reflect.TypeOf([]float32{}), reflect.TypeOf([]float64{}),
		reflect.TypeOf([]int64{}), reflect.TypeOf([]uint64{}),
	}
)

// Builtin describes one Node builtin module ("crypto", "zlib", "stream/promises").
//
// Source is the body of a CommonJS module evaluated inside
//
//	(function (exports, require, module, __filename, __dirname, global, process, Buffer,
//	           setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate,
//	           queueMicrotask, binding) { ... })
//
// where require(name) returns the same compartment's instance of another builtin (including the
// private "internal/..." ones) and binding is Binding(h) for this compartment.
type Builtin struct {
	Name string
	// Internal builtins can be required only by other builtins.
	Internal bool
	Source   string
	Binding  func(h Host) *goja.Object
}

// Package is the identity of the code a compartment runs: an npm package, or the app itself.
type Package struct {
	Name    string
	Version string
	Dir     string // real path of the folder holding package.json (the app root for the app)
	App     bool
}

// Host is what a binding gets from its compartment. Every method must be called on the goroutine that
// runs JavaScript, except Post and the release function returned by Hold.
type Host interface {
	VM() *goja.Runtime
	// Package is the compartment's identity, fixed when the compartment was made.
	Package() Package
	// Require returns this compartment's instance of a builtin ("buffer", "internal/errors").
	Require(name string) goja.Value
	// Post runs fn on the JavaScript goroutine from the event loop; safe from any goroutine.
	// Posting after the loop has stopped is a no-op.
	Post(fn func())
	// Hold keeps the event loop alive until release is called (once, from any goroutine): a Go
	// goroutine doing I/O for JavaScript holds the loop the way a libuv handle does in Node.
	Hold() (release func())
	// NewBuffer returns a Buffer of this compartment that owns b (the caller must not keep using b).
	NewBuffer(b []byte) *goja.Object
	// Func makes a native function that turns any Go panic into a JavaScript error instead of
	// crashing the process.
	Func(name string, length int, fn func(call goja.FunctionCall) goja.Value) *goja.Object
	// Check passes the one gate (DESIGN invariant 1) for this compartment. It returns nil when the
	// use is allowed; otherwise a JavaScript Error with code ERR_PKGBOX_DENIED, already written to
	// stderr and to the report, that the caller throws, or delivers the way the API delivers
	// errors (callback, rejected promise, 'error' event). api is the Node API's name as written
	// in policy's capability table ("fs.readFileSync"). In warn mode a use that would be denied is
	// reported and Check returns nil.
	Check(capability string, r policy.Resource, api string) *goja.Object
	// Cwd is the process's working directory; relative paths are resolved against it.
	Cwd() string
	// Env is the process environment as KEY=VALUE pairs (for child processes; not filtered).
	Env() []string
}

// Bytes returns the bytes viewed by a Buffer, TypedArray, DataView or ArrayBuffer without copying.
// goja reports every typed array and DataView with class "Object", so views are recognised by the
// Go type they export to (typed arrays) or by the frozen ArrayBuffer.isView intrinsic (DataView).
func Bytes(vm *goja.Runtime, v goja.Value) ([]byte, bool) {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	// ExportType, unlike Export, runs no getters and copies nothing.
	switch obj.ExportType() {
	case arrayBufferType:
		return obj.Export().(goja.ArrayBuffer).Bytes(), true
	case typedArrayTypes[0], typedArrayTypes[1], typedArrayTypes[2], typedArrayTypes[3], typedArrayTypes[4],
		typedArrayTypes[5], typedArrayTypes[6], typedArrayTypes[7], typedArrayTypes[8], typedArrayTypes[9]:
		var b []byte
		if err := vm.ExportTo(v, &b); err == nil {
			return b, true
		}
		return nil, false
	case mapType:
		if isView(vm, v) {
			var b []byte
			if err := vm.ExportTo(v, &b); err == nil {
				return b, true
			}
		}
	}
	return nil, false
}

func isView(vm *goja.Runtime, v goja.Value) bool {
	ab, ok := vm.Get("ArrayBuffer").(*goja.Object)
	if !ok {
		return false
	}
	fn, ok := goja.AssertFunction(ab.Get("isView"))
	if !ok {
		return false
	}
	r, err := fn(goja.Undefined(), v)
	return err == nil && r.ToBoolean()
}
