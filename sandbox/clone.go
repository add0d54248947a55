package sandbox

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader"
)

// Values that cross a sandbox's boundary (see Call for the whole mapping). Conversion builds
// every JavaScript object explicitly and reads every JavaScript value by its kind: no Go value is
// handed to the engine by reflection, so no Go method or field is ever reachable from JavaScript.

// Undefined is JavaScript's undefined.
var Undefined = undefinedValue{}

type undefinedValue struct{}

func (undefinedValue) String() string { return "undefined" }

// MarshalJSON writes null: JSON has no undefined.
func (undefinedValue) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

// Map is a JavaScript Map: its entries in insertion order.
type Map []MapEntry

// MapEntry is one key and value of a Map.
type MapEntry struct{ Key, Value any }

// Set is a JavaScript Set: its values in insertion order.
type Set []any

// ArrayBuffer is a JavaScript ArrayBuffer's bytes.
type ArrayBuffer []byte

// Uint8Clamped is a Uint8ClampedArray's bytes.
type Uint8Clamped []byte

// RegExp is a JavaScript regular expression.
type RegExp struct{ Source, Flags string }

func (r *RegExp) String() string { return "/" + r.Source + "/" + r.Flags }

// Error is a JavaScript error: one a call threw, or an Error value among arguments or results.
// For a thrown value that is not an Error (throw 'x', throw {…}), Name is empty, Value holds
// the thrown value and Message its string form.
type Error struct {
	Name    string // "TypeError", "DataCloneError", ...
	Message string
	Stack   string // V8's format: "TypeError: msg\n    at f (file:1:2)"
	Code    string // err.code when it is a string (Node's "ERR_…", "ENOENT")
	Cause   any    // err.cause when present
	Value   any    // the thrown value, when it was not an Error
}

func (e *Error) Error() string {
	if e.Name == "" {
		return "uncaught " + e.Message
	}
	if e.Message == "" {
		return e.Name
	}
	return e.Name + ": " + e.Message
}

func dataCloneError(where, what string) *Error {
	return &Error{Name: "DataCloneError", Message: where + ": " + what + " could not be cloned"}
}

// maxDepth bounds nesting on both sides (the Go stack, and a Go value that contains itself).
const maxDepth = 1000

// maxArrayLength bounds the arrays a result may hold (a sparse array of length 2**32-1 would
// otherwise be read element by element).
const maxArrayLength = 1 << 26

// helpers are the realm's intrinsics the conversion uses. The realm is frozen, so they are the
// originals whatever the called code did.
type helpers struct {
	mapCtor, setCtor, dateCtor, regexpCtor, errorCtor *goja.Object
	arrayBufferCtor, uint8Ctor                        *goja.Object
	typedCtors                                        map[string]*goja.Object
	dataViewProto                                     *goja.Object
	mapForEach, setForEach, mapSet, setAdd            goja.Callable
	typedArrayTag                                     goja.Callable
	valueOf                                           map[string]goja.Callable // boxed primitives
	weakMapProto, weakSetProto                        *goja.Object
}

func (w *goRuntime) helpers(vm *goja.Runtime) *helpers {
	if w.h != nil {
		return w.h
	}
	g := vm.GlobalObject()
	obj := func(name string) *goja.Object { return g.Get(name).ToObject(vm) }
	method := func(ctor *goja.Object, name string) goja.Callable {
		f, _ := goja.AssertFunction(ctor.Get("prototype").ToObject(vm).Get(name))
		return f
	}
	h := &helpers{
		mapCtor: obj("Map"), setCtor: obj("Set"), dateCtor: obj("Date"), regexpCtor: obj("RegExp"),
		errorCtor: obj("Error"), arrayBufferCtor: obj("ArrayBuffer"), uint8Ctor: obj("Uint8Array"),
		typedCtors:    map[string]*goja.Object{},
		dataViewProto: obj("DataView").Get("prototype").ToObject(vm),
	}
	for _, n := range []string{"Int8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
		"Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"} {
		h.typedCtors[n] = obj(n)
	}
	h.mapForEach, h.setForEach = method(h.mapCtor, "forEach"), method(h.setCtor, "forEach")
	h.mapSet, h.setAdd = method(h.mapCtor, "set"), method(h.setCtor, "add")
	h.valueOf = map[string]goja.Callable{}
	for _, n := range []string{"String", "Number", "Boolean"} {
		h.valueOf[n] = method(obj(n), "valueOf")
	}
	h.weakMapProto = obj("WeakMap").Get("prototype").ToObject(vm)
	h.weakSetProto = obj("WeakSet").Get("prototype").ToObject(vm)
	// %TypedArray%.prototype[@@toStringTag] reads the internal slot: the element type, whatever
	// the object claims about itself.
	typedProto := h.uint8Ctor.Get("prototype").ToObject(vm).Prototype()
	if gopd, ok := goja.AssertFunction(obj("Object").Get("getOwnPropertyDescriptor")); ok {
		if d, err := gopd(goja.Undefined(), typedProto, goja.SymToStringTag); err == nil {
			if do, ok := d.(*goja.Object); ok {
				h.typedArrayTag, _ = goja.AssertFunction(do.Get("get"))
			}
		}
	}
	w.h = h
	return h
}

// toJS converts Go arguments into JavaScript values.
type toJS struct {
	vm *goja.Runtime
	h  *helpers
}

func (w *goRuntime) toJS(vm *goja.Runtime) *toJS { return &toJS{vm: vm, h: w.helpers(vm)} }

func (c *toJS) construct(ctor *goja.Object, args ...goja.Value) *goja.Object {
	o, err := c.vm.New(ctor, args...)
	if err != nil {
		panic(err)
	}
	return o
}

// value converts x; where names it in errors ("argument 2", "argument 1.items[3]").
func (c *toJS) value(x any, where string, depth int) (goja.Value, error) {
	if depth > maxDepth {
		return nil, dataCloneError(where, "a value nested deeper than 1000 levels (or containing itself)")
	}
	vm := c.vm
	switch v := x.(type) {
	case nil:
		return goja.Null(), nil
	case undefinedValue:
		return goja.Undefined(), nil
	case bool:
		return vm.ToValue(v), nil
	case string:
		return vm.ToValue(v), nil
	case float64:
		return vm.ToValue(v), nil
	case float32:
		return vm.ToValue(float64(v)), nil
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, uintptr:
		return c.integer(reflect.ValueOf(v), where)
	case *big.Int:
		if v == nil {
			return goja.Null(), nil
		}
		return vm.ToValue(new(big.Int).Set(v)), nil
	case time.Time:
		return c.construct(c.h.dateCtor, vm.ToValue(float64(v.UnixMilli()))), nil
	case *RegExp:
		return c.construct(c.h.regexpCtor, vm.ToValue(v.Source), vm.ToValue(v.Flags)), nil
	case *Error:
		return c.errorValue(v, where, depth)
	case []byte:
		return c.construct(c.h.uint8Ctor, vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), v...)))), nil
	case ArrayBuffer:
		return vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), v...))), nil
	case Uint8Clamped:
		return c.construct(c.h.typedCtors["Uint8ClampedArray"], vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), v...)))), nil
	case []int8, []int16, []uint16, []int32, []uint32, []float32, []float64, []int64, []uint64:
		return c.typedArray(v), nil
	case Map:
		m := c.construct(c.h.mapCtor)
		for i, e := range v {
			k, err := c.value(e.Key, fmt.Sprintf("%s.key[%d]", where, i), depth+1)
			if err != nil {
				return nil, err
			}
			val, err := c.value(e.Value, fmt.Sprintf("%s.get(%v)", where, e.Key), depth+1)
			if err != nil {
				return nil, err
			}
			if _, err := c.h.mapSet(m, k, val); err != nil {
				return nil, err
			}
		}
		return m, nil
	case Set:
		s := c.construct(c.h.setCtor)
		for i, e := range v {
			val, err := c.value(e, fmt.Sprintf("%s[%d]", where, i), depth+1)
			if err != nil {
				return nil, err
			}
			if _, err := c.h.setAdd(s, val); err != nil {
				return nil, err
			}
		}
		return s, nil
	case []any:
		return c.array(reflect.ValueOf(v), where, depth)
	case map[string]any:
		return c.object(reflect.ValueOf(v), where, depth)
	}
	// Other slices and string-keyed maps ([]string, map[string]int, ...), and named basic types.
	rv := reflect.ValueOf(x)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return goja.Null(), nil
		}
		return c.array(rv, where, depth)
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			break
		}
		if rv.IsNil() {
			return goja.Null(), nil
		}
		return c.object(rv, where, depth)
	case reflect.Bool:
		return vm.ToValue(rv.Bool()), nil
	case reflect.String:
		return vm.ToValue(rv.String()), nil
	case reflect.Float32, reflect.Float64:
		return vm.ToValue(rv.Float()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return c.integer(rv, where)
	case reflect.Interface, reflect.Pointer:
		if rv.IsNil() {
			return goja.Null(), nil
		}
	}
	return nil, dataCloneError(where, fmt.Sprintf("a Go %s", rv.Type()))
}

// integer converts a Go integer; beyond ±2**53 a number would silently change, so it is refused.
func (c *toJS) integer(rv reflect.Value, where string) (goja.Value, error) {
	var f float64
	if rv.CanInt() {
		n := rv.Int()
		if n > 1<<53 || n < -(1<<53) {
			return nil, dataCloneError(where, fmt.Sprintf("the integer %d (beyond ±2^53; pass a *big.Int for a BigInt)", n))
		}
		f = float64(n)
	} else {
		n := rv.Uint()
		if n > 1<<53 {
			return nil, dataCloneError(where, fmt.Sprintf("the integer %d (beyond 2^53; pass a *big.Int for a BigInt)", n))
		}
		f = float64(n)
	}
	return c.vm.ToValue(f), nil
}

func (c *toJS) array(rv reflect.Value, where string, depth int) (goja.Value, error) {
	out := make([]any, rv.Len())
	for i := range out {
		v, err := c.value(rv.Index(i).Interface(), where+"["+strconv.Itoa(i)+"]", depth+1)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return c.vm.NewArray(out...), nil
}

func (c *toJS) object(rv reflect.Value, where string, depth int) (goja.Value, error) {
	o := c.vm.NewObject()
	iter := rv.MapRange()
	for iter.Next() {
		k := iter.Key().String()
		v, err := c.value(iter.Value().Interface(), where+"."+k, depth+1)
		if err != nil {
			return nil, err
		}
		// Defined, not assigned: a key "__proto__" is an own property, as JSON.parse makes it.
		if err := o.DefineDataProperty(k, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
			return nil, err
		}
	}
	return o, nil
}

func (c *toJS) typedArray(x any) goja.Value {
	var name string
	var buf []byte
	put := func(n, size int, write func(b []byte, i int)) {
		buf = make([]byte, n*size)
		for i := 0; i < n; i++ {
			write(buf[i*size:], i)
		}
	}
	le := binary.LittleEndian
	switch v := x.(type) {
	case []int8:
		name = "Int8Array"
		put(len(v), 1, func(b []byte, i int) { b[0] = byte(v[i]) })
	case []int16:
		name = "Int16Array"
		put(len(v), 2, func(b []byte, i int) { le.PutUint16(b, uint16(v[i])) })
	case []uint16:
		name = "Uint16Array"
		put(len(v), 2, func(b []byte, i int) { le.PutUint16(b, v[i]) })
	case []int32:
		name = "Int32Array"
		put(len(v), 4, func(b []byte, i int) { le.PutUint32(b, uint32(v[i])) })
	case []uint32:
		name = "Uint32Array"
		put(len(v), 4, func(b []byte, i int) { le.PutUint32(b, v[i]) })
	case []float32:
		name = "Float32Array"
		put(len(v), 4, func(b []byte, i int) { le.PutUint32(b, math.Float32bits(v[i])) })
	case []float64:
		name = "Float64Array"
		put(len(v), 8, func(b []byte, i int) { le.PutUint64(b, math.Float64bits(v[i])) })
	case []int64:
		name = "BigInt64Array"
		put(len(v), 8, func(b []byte, i int) { le.PutUint64(b, uint64(v[i])) })
	case []uint64:
		name = "BigUint64Array"
		put(len(v), 8, func(b []byte, i int) { le.PutUint64(b, v[i]) })
	}
	return c.construct(c.h.typedCtors[name], c.vm.ToValue(c.vm.NewArrayBuffer(buf)))
}

// errorValue makes an error of e's name when it is a standard constructor, else an Error whose
// name property says e.Name.
func (c *toJS) errorValue(e *Error, where string, depth int) (goja.Value, error) {
	vm := c.vm
	if e == nil {
		return goja.Null(), nil
	}
	ctor := c.h.errorCtor
	switch e.Name {
	case "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError":
		ctor = vm.GlobalObject().Get(e.Name).ToObject(vm)
	}
	o := c.construct(ctor, vm.ToValue(e.Message))
	define := func(k string, v goja.Value) error {
		return o.DefineDataProperty(k, v, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	if e.Name != "" && ctor == c.h.errorCtor && e.Name != "Error" {
		if err := define("name", vm.ToValue(e.Name)); err != nil {
			return nil, err
		}
	}
	if e.Stack != "" {
		if err := define("stack", vm.ToValue(e.Stack)); err != nil {
			return nil, err
		}
	}
	if e.Code != "" {
		if err := define("code", vm.ToValue(e.Code)); err != nil {
			return nil, err
		}
	}
	if e.Cause != nil {
		v, err := c.value(e.Cause, where+".cause", depth+1)
		if err != nil {
			return nil, err
		}
		if err := define("cause", v); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// fromJS converts JavaScript values into Go values.
type fromJS struct {
	vm       *goja.Runtime
	h        *helpers
	visiting map[*goja.Object]bool
}

func (w *goRuntime) fromJS(vm *goja.Runtime) *fromJS {
	return &fromJS{vm: vm, h: w.helpers(vm), visiting: map[*goja.Object]bool{}}
}

// The engine's export types tell its object kinds apart (a Map's class name is "Object").
var (
	proxyType        = reflect.TypeOf(goja.Proxy{})
	mapExportType    = reflect.TypeOf([][2]any{})
	setExportType    = reflect.TypeOf([]any{})
	promiseType      = reflect.TypeOf((*goja.Promise)(nil))
	bigIntType       = reflect.TypeOf((*big.Int)(nil))
	symbolObjectType = reflect.TypeOf("")
)

// value converts v. Reading an object runs its getters, as structured cloning does; a getter
// that throws makes the conversion fail with what it threw.
func (c *fromJS) value(v goja.Value, where string, depth int) (out any, err error) {
	if ex := c.vm.Try(func() { out, err = c.read(v, where, depth) }); ex != nil {
		thrown, _ := c.thrown(ex.Value()).(*Error)
		return nil, &Error{Name: "DataCloneError", Message: where + ": reading it threw " + thrown.Error(), Cause: thrown}
	}
	return out, err
}

func (c *fromJS) read(v goja.Value, where string, depth int) (any, error) {
	if depth > maxDepth {
		return nil, dataCloneError(where, "a value nested deeper than 1000 levels")
	}
	if v == nil || goja.IsUndefined(v) {
		return Undefined, nil
	}
	if goja.IsNull(v) {
		return nil, nil
	}
	o, isObject := v.(*goja.Object)
	if !isObject {
		if _, ok := v.(*goja.Symbol); ok {
			return nil, dataCloneError(where, "a symbol")
		}
		switch x := v.Export().(type) {
		case bool, string, float64:
			return x, nil
		case int64:
			return float64(x), nil
		case *big.Int:
			return new(big.Int).Set(x), nil
		}
		return nil, dataCloneError(where, "a value of type "+v.ExportType().String())
	}
	if c.visiting[o] {
		return nil, dataCloneError(where, "a value that contains itself")
	}
	c.visiting[o] = true
	defer delete(c.visiting, o)
	if _, ok := goja.AssertFunction(o); ok {
		return nil, dataCloneError(where, "a function")
	}
	if o.ExportType() == proxyType {
		return nil, dataCloneError(where, "a Proxy")
	}
	switch o.ClassName() {
	case "Array":
		return c.array(o, where, depth)
	case "Date":
		t, ok := o.Export().(time.Time)
		if !ok || math.IsNaN(o.ToNumber().ToFloat()) {
			return nil, dataCloneError(where, "an invalid Date")
		}
		return t.UTC(), nil
	case "RegExp":
		return &RegExp{Source: str(o.Get("source")), Flags: str(o.Get("flags"))}, nil
	case "Error":
		return c.errorValue(o, where, depth)
	case "String", "Number", "Boolean":
		v, err := c.h.valueOf[o.ClassName()](o)
		if err != nil {
			return nil, err
		}
		return c.read(v, where, depth)
	}
	switch o.ExportType() {
	case mapExportType:
		return c.mapValue(o, where, depth)
	case setExportType:
		return c.setValue(o, where, depth)
	case promiseType:
		return nil, dataCloneError(where, "a Promise")
	case bigIntType:
		return new(big.Int).Set(o.Export().(*big.Int)), nil
	case symbolObjectType:
		return nil, dataCloneError(where, "a Symbol object")
	}
	switch o.Prototype() {
	case c.h.weakMapProto:
		return nil, dataCloneError(where, "a WeakMap")
	case c.h.weakSetProto:
		return nil, dataCloneError(where, "a WeakSet")
	}
	switch b := o.Export().(type) {
	case goja.ArrayBuffer:
		return ArrayBuffer(append([]byte(nil), b.Bytes()...)), nil
	case []uint8:
		if c.typedName(o) == "Uint8ClampedArray" {
			return Uint8Clamped(append([]byte(nil), b...)), nil
		}
		return append([]byte{}, b...), nil
	case []int8:
		return append([]int8{}, b...), nil
	case []int16:
		return append([]int16{}, b...), nil
	case []uint16:
		return append([]uint16{}, b...), nil
	case []int32:
		return append([]int32{}, b...), nil
	case []uint32:
		return append([]uint32{}, b...), nil
	case []float32:
		return append([]float32{}, b...), nil
	case []float64:
		return append([]float64{}, b...), nil
	case []int64:
		return append([]int64{}, b...), nil
	case []uint64:
		return append([]uint64{}, b...), nil
	}
	if o.Prototype() == c.h.dataViewProto {
		return nil, dataCloneError(where, "a DataView (pass its buffer)")
	}
	return c.object(o, where, depth)
}

func (c *fromJS) mapValue(o *goja.Object, where string, depth int) (any, error) {
	var entries []goja.Value
	collect := c.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		entries = append(entries, call.Argument(1), call.Argument(0))
		return goja.Undefined()
	})
	if _, err := c.h.mapForEach(o, collect); err != nil {
		return nil, err
	}
	out := make(Map, 0, len(entries)/2)
	for i := 0; i < len(entries); i += 2 {
		k, err := c.read(entries[i], fmt.Sprintf("%s.key[%d]", where, i/2), depth+1)
		if err != nil {
			return nil, err
		}
		val, err := c.read(entries[i+1], fmt.Sprintf("%s.get(%v)", where, k), depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, MapEntry{k, val})
	}
	return out, nil
}

func (c *fromJS) setValue(o *goja.Object, where string, depth int) (any, error) {
	var values []goja.Value
	collect := c.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		values = append(values, call.Argument(0))
		return goja.Undefined()
	})
	if _, err := c.h.setForEach(o, collect); err != nil {
		return nil, err
	}
	out := make(Set, 0, len(values))
	for i, e := range values {
		val, err := c.read(e, fmt.Sprintf("%s[%d]", where, i), depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, val)
	}
	return out, nil
}

func (c *fromJS) typedName(o *goja.Object) string {
	if c.h.typedArrayTag == nil {
		return ""
	}
	v, err := c.h.typedArrayTag(o)
	if err != nil || v == nil || goja.IsUndefined(v) {
		return ""
	}
	return v.String()
}

func (c *fromJS) array(o *goja.Object, where string, depth int) (any, error) {
	n := o.Get("length").ToInteger()
	if n > maxArrayLength {
		return nil, dataCloneError(where, fmt.Sprintf("an array of length %d (over %d)", n, maxArrayLength))
	}
	out := make([]any, n)
	for i := range out {
		e := o.Get(strconv.Itoa(i))
		if e == nil {
			out[i] = Undefined // a hole
			continue
		}
		v, err := c.read(e, where+"["+strconv.Itoa(i)+"]", depth+1)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (c *fromJS) object(o *goja.Object, where string, depth int) (any, error) {
	keys := o.Keys()
	out := make(map[string]any, len(keys))
	for _, k := range keys {
		v, err := c.read(o.Get(k), where+"."+k, depth+1)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

func (c *fromJS) errorValue(o *goja.Object, where string, depth int) (*Error, error) {
	e := &Error{Name: "Error"}
	if n := o.Get("name"); n != nil && !goja.IsUndefined(n) {
		e.Name = n.String()
	}
	if m := o.Get("message"); m != nil && !goja.IsUndefined(m) {
		e.Message = m.String()
	}
	if s := o.Get("stack"); s != nil && !goja.IsUndefined(s) {
		e.Stack = stack(s.String())
	}
	if code, ok := exported(o.Get("code")).(string); ok {
		e.Code = code
	}
	if cause := o.Get("cause"); cause != nil && !goja.IsUndefined(cause) {
		v, err := c.read(cause, where+".cause", depth+1)
		if err != nil {
			return nil, err
		}
		e.Cause = v
	}
	return e, nil
}

// thrown converts what a call threw into the error Call returns.
func (c *fromJS) thrown(v goja.Value) error {
	var out error
	ex := c.vm.Try(func() {
		if o, ok := v.(*goja.Object); ok && o.ClassName() == "Error" {
			e, err := c.errorValue(o, "the thrown error", 0)
			if err != nil {
				// Its cause does not clone: keep the error itself.
				e = &Error{Name: str(o.Get("name")), Message: str(o.Get("message")), Stack: stack(str(o.Get("stack")))}
			}
			out = e
			return
		}
		val, err := c.read(v, "the thrown value", 0)
		if err != nil {
			val = nil
		}
		out = &Error{Message: describe(v), Value: val}
	})
	if ex != nil {
		return &Error{Message: "a value whose properties throw when read"}
	}
	return out
}

// stack is an error's stack in V8's layout, without the frames of pkgbox's own event loop.
func stack(s string) string {
	lines := strings.Split(loader.FormatStack(s), "\n")
	out := lines[:0]
	for _, l := range lines {
		if !strings.Contains(l, "node:internal/loop:") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// exported is v.Export(), or nil for a missing property.
func exported(v goja.Value) any {
	if v == nil {
		return nil
	}
	return v.Export()
}

// str is v's string form, or "" for a missing or undefined property.
func str(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) {
		return ""
	}
	return v.String()
}

// describe renders a thrown non-Error for messages: strings as they are, others by String().
func describe(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		if _, isFunc := goja.AssertFunction(o); isFunc {
			return "[function]"
		}
		keys := o.Keys()
		if len(keys) > 8 {
			keys = keys[:8]
		}
		return "{ " + strings.Join(keys, ", ") + " }"
	}
	return v.String()
}
