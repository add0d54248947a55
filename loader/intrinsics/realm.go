package intrinsics

import (
	"fmt"
	"reflect"

	"github.com/dop251/goja"
)

// realm holds what the native functions of one runtime need: the runtime, the intrinsics they refer to
// (captured at Install, so later changes to globals cannot redirect them) and the Go-side slots of Intl
// instances.
type realm struct {
	vm *goja.Runtime

	objectProto    *goja.Object
	arrayProto     *goja.Object
	rangeErrorCtor *goja.Object
	syntaxErrCtor  *goja.Object
	dateProto      *goja.Object

	numberFormats   slots[numberFormat]
	dateFormats     slots[dateTimeFormat]
	collators       slots[collator]
	pluralRules     slots[pluralRules]
	segmenters      slots[segmenter]
	segmentsObjs    slots[segments]
	listFormats     slots[listFormat]
	relativeFormats slots[relativeTimeFormat]
	displayNames    slots[displayNames]
	locales         slots[localeObj]
	regexps         slots[regexpInfo]
	reTemplates     map[string]*goja.Object // compiled rewritten regexps, see cachedRegExp

	// Prototypes made by Install, for objects created from Go.
	segmentsProto    *goja.Object
	segmentIterProto *goja.Object
	iteratorProto    *goja.Object

	cache formatterCache
}

const gojaPkgPath = "github.com/dop251/goja"

// recoverGo turns a Go panic in native code into a JavaScript TypeError so that no input can crash the
// host; panics that goja itself uses for control flow (thrown JS values, interrupts, stack overflow) pass
// through untouched.
func (r *realm) recoverGo(what string) {
	x := recover()
	if x == nil {
		return
	}
	t := reflect.TypeOf(x)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.PkgPath() == gojaPkgPath {
		panic(x)
	}
	panic(r.vm.NewTypeError(fmt.Sprintf("%s: internal error: %v", what, x)))
}

// fn makes a native function with a proper name and length (goja would otherwise name it after the Go
// symbol) whose Go panics become JavaScript errors.
func (r *realm) fn(name string, length int, f func(goja.FunctionCall) goja.Value) *goja.Object {
	o := r.vm.ToValue(func(c goja.FunctionCall) goja.Value {
		defer r.recoverGo(name)
		return f(c)
	}).(*goja.Object)
	r.setNameLength(o, name, length)
	return o
}

func (r *realm) setNameLength(o *goja.Object, name string, length int) {
	if length != 0 { // goja's native functions start with length 0
		_ = o.DefineDataProperty("length", r.vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	_ = o.DefineDataProperty("name", r.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// method defines a built-in method the way the specification does: writable, configurable, not enumerable.
func (r *realm) method(obj *goja.Object, name string, length int, f func(goja.FunctionCall) goja.Value) *goja.Object {
	fo := r.fn(name, length, f)
	_ = obj.DefineDataProperty(name, fo, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return fo
}

// getter defines a configurable, non-enumerable accessor named "get <name>".
func (r *realm) getter(obj *goja.Object, name string, f func(goja.FunctionCall) goja.Value) {
	g := r.fn("get "+name, 0, f)
	_ = obj.DefineAccessorProperty(name, g, nil, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

func (r *realm) toStringTag(obj *goja.Object, tag string) {
	_ = obj.DefineDataPropertySymbol(goja.SymToStringTag, r.vm.ToValue(tag), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

func (r *realm) typeError(format string, args ...any) {
	panic(r.vm.NewTypeError(fmt.Sprintf(format, args...)))
}

func (r *realm) rangeError(format string, args ...any) {
	o, err := r.vm.New(r.rangeErrorCtor, r.vm.ToValue(fmt.Sprintf(format, args...)))
	if err != nil {
		panic(r.vm.NewTypeError(fmt.Sprintf(format, args...)))
	}
	panic(o)
}

func (r *realm) syntaxError(msg string) {
	o, err := r.vm.New(r.syntaxErrCtor, r.vm.ToValue(msg))
	if err != nil {
		panic(r.vm.NewTypeError(msg))
	}
	panic(o)
}

// str converts like ECMAScript ToString, throwing for Symbols the way the engine does.
func (r *realm) str(v goja.Value) string {
	if _, ok := v.(*goja.Symbol); ok {
		r.typeError("Cannot convert a Symbol value to a string")
	}
	return v.String()
}

func isUndef(v goja.Value) bool {
	return v == nil || goja.IsUndefined(v)
}

func isNullish(v goja.Value) bool {
	return v == nil || goja.IsUndefined(v) || goja.IsNull(v)
}

// arrayOf builds a JavaScript array from values without reflection.
func (r *realm) arrayOf(vals []goja.Value) *goja.Object {
	items := make([]any, len(vals))
	for i, v := range vals {
		items[i] = v
	}
	return r.vm.NewArray(items...)
}

func (r *realm) strings(list []string) *goja.Object {
	items := make([]any, len(list))
	for i, s := range list {
		items[i] = r.vm.ToValue(s)
	}
	return r.vm.NewArray(items...)
}
