package loader

import (
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/resolve"
)

// nodeVersion is the Node.js release whose behaviour pkgbox follows.
const nodeVersion = "v20.20.2"

// nodeError makes a JavaScript error of the given constructor ("Error", "TypeError", ...) with
// Node's `code` property and Node's "Name [CODE]: message" stack header.
func (rt *Runtime) nodeError(ctor, code, msg string) *goja.Object {
	vm := rt.vm
	c := vm.GlobalObject().Get(ctor)
	if c == nil {
		c = vm.GlobalObject().Get("Error")
	}
	obj, err := vm.New(c, vm.ToValue(msg))
	if err != nil {
		panic(err)
	}
	_ = obj.DefineDataProperty("code", vm.ToValue(code), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	if stack, ok := obj.Get("stack").Export().(string); ok {
		if i := strings.IndexByte(stack, '\n'); i >= 0 {
			stack = stack[i:]
		} else {
			stack = ""
		}
		_ = obj.DefineDataProperty("stack", vm.ToValue(ctor+" ["+code+"]: "+msg+v8Stack(stack)), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	return obj
}

// resolveError turns a resolver error into the error Node throws, with the require stack.
func (rt *Runtime) resolveError(err error, from *moduleRecord, base string) *goja.Object {
	var re *resolve.Error
	if !errors.As(err, &re) {
		return rt.nodeError("Error", "MODULE_NOT_FOUND", err.Error())
	}
	msg := re.Message
	var stack []string
	if re.RequireStack {
		for r := from; r != nil; r = r.parent {
			stack = append(stack, r.path)
		}
		if len(stack) == 0 && base != "" && !strings.HasSuffix(base, "/") {
			stack = append(stack, base)
		}
		if len(stack) > 0 {
			msg += "\nRequire stack:\n- " + strings.Join(stack, "\n- ")
		}
	}
	ctor := "Error"
	switch re.Code {
	case "ERR_INVALID_PACKAGE_TARGET", "ERR_INVALID_PACKAGE_CONFIG", "ERR_PACKAGE_PATH_NOT_EXPORTED", "ERR_PACKAGE_IMPORT_NOT_DEFINED":
		ctor = "Error"
	case "ERR_INVALID_MODULE_SPECIFIER", "ERR_INVALID_ARG_VALUE":
		ctor = "TypeError"
	}
	var e *goja.Object
	switch {
	case re.Code == "MODULE_NOT_FOUND":
		e = rt.plainError(msg)
		_ = e.Set("code", re.Code)
		if re.RequireStack {
			_ = e.Set("requireStack", stringArray(rt.vm, stack))
		}
	case re.Code == "":
		e = rt.plainError(msg)
	default:
		e = rt.nodeError(ctor, re.Code, msg)
	}
	return e
}

// plainError is `new Error(msg)` with a V8-style stack.
func (rt *Runtime) plainError(msg string) *goja.Object {
	vm := rt.vm
	obj, err := vm.New(vm.GlobalObject().Get("Error"), vm.ToValue(msg))
	if err != nil {
		panic(err)
	}
	if stack, ok := obj.Get("stack").Export().(string); ok {
		_ = obj.DefineDataProperty("stack", vm.ToValue(v8Stack(stack)), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	return obj
}

func (rt *Runtime) deniedRequire(from, target *Compartment, spec string) *goja.Object {
	what := `package "` + target.pkg.Name + `"`
	if target.pkg.App {
		what = "app code"
	}
	msg := fmt.Sprintf("pkgbox: denied: package %s require %q (%s is not a declared dependency of %s) — add it to that package's dependencies, or run with --allow-all",
		from.label(), spec, what, from.pkg.Name)
	rt.reportDenial(msg)
	return rt.nodeError("Error", "ERR_PKGBOX_DENIED", msg)
}

// reportDenial writes a denial once per distinct message to stderr, as SPEC.md asks.
func (rt *Runtime) reportDenial(msg string) {
	if rt.denied == nil {
		rt.denied = map[string]bool{}
	}
	if rt.denied[msg] {
		return
	}
	rt.denied[msg] = true
	rt.stdout.Flush()
	fmt.Fprintln(rt.stderr, msg)
}

// describeReceived renders the "Received ..." tail of Node's ERR_INVALID_ARG_TYPE messages.
func describeReceived(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) {
		return "undefined"
	}
	if goja.IsNull(v) {
		return "null"
	}
	switch x := v.Export().(type) {
	case string:
		s := x
		if len(s) > 28 {
			s = s[:25] + "..."
		}
		return "type string ('" + s + "')"
	case bool:
		return "type boolean (" + strconv.FormatBool(x) + ")"
	case int64:
		return "type number (" + strconv.FormatInt(x, 10) + ")"
	case float64:
		return "type number (" + formatNumber(x) + ")"
	}
	if obj, ok := v.(*goja.Object); ok {
		if _, ok := goja.AssertFunction(obj); ok {
			name := obj.Get("name")
			if name != nil && name.String() != "" {
				return "function " + name.String()
			}
			return "function "
		}
		if ctor, ok := obj.Get("constructor").(*goja.Object); ok {
			if n := ctor.Get("name"); n != nil && n.String() != "" {
				return "an instance of " + n.String()
			}
		}
		return "an instance of Object"
	}
	return "type " + v.ExportType().String()
}

func formatNumber(f float64) string {
	if math.IsInf(f, 1) {
		return "Infinity"
	}
	if math.IsInf(f, -1) {
		return "-Infinity"
	}
	if math.IsNaN(f) {
		return "NaN"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// nativeFunc makes a JavaScript function backed by Go; a Go panic that is not a JavaScript throw
// becomes a JavaScript Error instead of crashing the process (DESIGN invariant 8).
func (rt *Runtime) nativeFunc(name string, length int, fn func(goja.FunctionCall) goja.Value) *goja.Object {
	f := rt.vm.ToValue(func(call goja.FunctionCall) (ret goja.Value) {
		defer rt.recoverNative(name)
		return fn(call)
	}).(*goja.Object)
	_ = f.DefineDataProperty("name", rt.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = f.DefineDataProperty("length", rt.vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return f
}

func (rt *Runtime) nativeCtor(name string, length int, fn func(goja.ConstructorCall) *goja.Object) *goja.Object {
	f := rt.vm.ToValue(func(call goja.ConstructorCall) (ret *goja.Object) {
		defer rt.recoverNative(name)
		return fn(call)
	}).(*goja.Object)
	_ = f.DefineDataProperty("name", rt.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = f.DefineDataProperty("length", rt.vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return f
}

// recoverNative lets JavaScript exceptions and interrupts through and converts any other panic.
func (rt *Runtime) recoverNative(name string) {
	r := recover()
	if r == nil {
		return
	}
	switch x := r.(type) {
	case *goja.Exception, *goja.InterruptedError, *goja.StackOverflowError, goja.Value:
		panic(x)
	}
	if os.Getenv("PKGBOX_DEBUG") != "" {
		fmt.Fprintf(rt.stderr, "pkgbox: panic in %s: %v\n%s", name, r, debug.Stack())
	}
	panic(rt.nodeError("Error", "ERR_PKGBOX_INTERNAL", fmt.Sprintf("pkgbox: internal error in %s: %v", name, r)))
}

var freezeProgram = goja.MustCompile("freeze.js", "(function (o) { return Object.freeze(o); })", true)

func freeze(vm *goja.Runtime, o *goja.Object) {
	v, _ := vm.RunProgram(freezeProgram)
	f, _ := goja.AssertFunction(v)
	_, _ = f(goja.Undefined(), o)
}

func isErrorObject(o *goja.Object) bool {
	return o.ClassName() == "Error"
}

var firstFrame = regexp.MustCompile(`\n\s+at (?:.*? \()?(/[^:()]+):(\d+):(\d+)`)

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func itoa(i int) string { return strconv.Itoa(i) }
