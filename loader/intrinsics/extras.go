package intrinsics

import (
	"math"
	"strings"

	"github.com/dop251/goja"
)

// thisString implements RequireObjectCoercible(this) + ToString for String.prototype methods.
func (r *realm) thisString(c goja.FunctionCall, method string) goja.String {
	if isNullish(c.This) {
		r.typeError("String.prototype.%s called on null or undefined", method)
	}
	if _, ok := c.This.(*goja.Symbol); ok {
		r.typeError("Cannot convert a Symbol value to a string")
	}
	s, ok := c.This.ToString().(goja.String)
	if !ok {
		r.typeError("String.prototype.%s: expected a string", method)
	}
	return s
}

// installStringExtras adds ES2024's isWellFormed and toWellFormed.
func (r *realm) installStringExtras() error {
	proto := r.vm.Get("String").(*goja.Object).Get("prototype").(*goja.Object)
	r.method(proto, "isWellFormed", 0, func(c goja.FunctionCall) goja.Value {
		s := r.thisString(c, "isWellFormed")
		return r.vm.ToValue(firstLoneSurrogate(s) < 0)
	})
	r.method(proto, "toWellFormed", 0, func(c goja.FunctionCall) goja.Value {
		s := r.thisString(c, "toWellFormed")
		if firstLoneSurrogate(s) < 0 {
			return s
		}
		n := s.Length()
		units := make([]uint16, n)
		for i := 0; i < n; i++ {
			units[i] = s.CharAt(i)
		}
		for i := 0; i < n; i++ {
			u := units[i]
			switch {
			case u >= 0xD800 && u <= 0xDBFF && i+1 < n && units[i+1] >= 0xDC00 && units[i+1] <= 0xDFFF:
				i++
			case u >= 0xD800 && u <= 0xDFFF:
				units[i] = 0xFFFD
			}
		}
		return goja.StringFromUTF16(units)
	})
	return nil
}

func firstLoneSurrogate(s goja.String) int {
	n := s.Length()
	for i := 0; i < n; i++ {
		u := s.CharAt(i)
		if u < 0xD800 || u > 0xDFFF {
			continue
		}
		if u <= 0xDBFF && i+1 < n {
			if v := s.CharAt(i + 1); v >= 0xDC00 && v <= 0xDFFF {
				i++
				continue
			}
		}
		return i
	}
	return -1
}

// installAnnexB adds the legacy web-compatibility methods Node has and goja lacks (ECMA-262 Annex B):
// String.prototype HTML methods, Object.prototype.__defineGetter__ and friends, Date.prototype.getYear,
// setYear and toGMTString.
func (r *realm) installAnnexB() error {
	vm := r.vm
	strProto := vm.Get("String").(*goja.Object).Get("prototype").(*goja.Object)
	html := []struct{ name, tag, attr string }{
		{"anchor", "a", "name"}, {"big", "big", ""}, {"blink", "blink", ""}, {"bold", "b", ""},
		{"fixed", "tt", ""}, {"fontcolor", "font", "color"}, {"fontsize", "font", "size"},
		{"italics", "i", ""}, {"link", "a", "href"}, {"small", "small", ""}, {"strike", "strike", ""},
		{"sub", "sub", ""}, {"sup", "sup", ""},
	}
	for _, h := range html {
		length := 0
		if h.attr != "" {
			length = 1
		}
		r.method(strProto, h.name, length, func(c goja.FunctionCall) goja.Value {
			s := r.thisString(c, h.name)
			var b strings.Builder
			b.WriteString("<" + h.tag)
			if h.attr != "" {
				b.WriteString(" " + h.attr + `="`)
				b.WriteString(strings.ReplaceAll(r.str(c.Argument(0)), `"`, "&quot;"))
				b.WriteString(`"`)
			}
			b.WriteString(">")
			open := vm.ToValue(b.String()).(goja.String)
			return open.Concat(s).Concat(vm.ToValue("</" + h.tag + ">").(goja.String))
		})
	}

	objectCtor := vm.Get("Object").(*goja.Object)
	defineProperty, _ := goja.AssertFunction(objectCtor.Get("defineProperty"))
	getOwn, _ := goja.AssertFunction(objectCtor.Get("getOwnPropertyDescriptor"))
	getProto, _ := goja.AssertFunction(objectCtor.Get("getPrototypeOf"))
	call := func(f goja.Callable, args ...goja.Value) goja.Value {
		v, err := f(goja.Undefined(), args...)
		if err != nil {
			panic(err)
		}
		return v
	}
	toObject := func(this goja.Value, method string) *goja.Object {
		if isNullish(this) {
			r.typeError("Object.prototype.%s called on null or undefined", method)
		}
		return this.ToObject(vm)
	}
	define := func(name, kind string) {
		r.method(r.objectProto, name, 2, func(c goja.FunctionCall) goja.Value {
			o := toObject(c.This, name)
			if _, ok := goja.AssertFunction(c.Argument(1)); !ok {
				r.typeError("Object.prototype.%s: Expecting function", name)
			}
			desc := vm.NewObject()
			_ = desc.Set(kind, c.Argument(1))
			_ = desc.Set("enumerable", true)
			_ = desc.Set("configurable", true)
			call(defineProperty, o, c.Argument(0), desc)
			return goja.Undefined()
		})
	}
	lookup := func(name, kind string) {
		r.method(r.objectProto, name, 1, func(c goja.FunctionCall) goja.Value {
			var o goja.Value = toObject(c.This, name)
			key := c.Argument(0)
			for !isNullish(o) {
				d := call(getOwn, o, key)
				if dobj, ok := d.(*goja.Object); ok {
					if v := dobj.Get(kind); v != nil {
						return v
					}
					return goja.Undefined()
				}
				o = call(getProto, o)
			}
			return goja.Undefined()
		})
	}
	define("__defineGetter__", "get")
	define("__defineSetter__", "set")
	lookup("__lookupGetter__", "get")
	lookup("__lookupSetter__", "set")

	dateProto := r.dateProto
	getFullYear, _ := goja.AssertFunction(dateProto.Get("getFullYear"))
	setFullYear, _ := goja.AssertFunction(dateProto.Get("setFullYear"))
	getTime, _ := goja.AssertFunction(dateProto.Get("getTime"))
	setTime, _ := goja.AssertFunction(dateProto.Get("setTime"))
	r.method(dateProto, "getYear", 0, func(c goja.FunctionCall) goja.Value {
		y, err := getFullYear(c.This)
		if err != nil {
			panic(err)
		}
		return vm.ToValue(y.ToFloat() - 1900)
	})
	r.method(dateProto, "setYear", 1, func(c goja.FunctionCall) goja.Value {
		t, err := getTime(c.This)
		if err != nil {
			panic(err)
		}
		y := c.Argument(0).ToFloat()
		if math.IsNaN(y) {
			v, err := setTime(c.This, vm.ToValue(math.NaN()))
			if err != nil {
				panic(err)
			}
			return v
		}
		yi := math.Trunc(y)
		if yi >= 0 && yi <= 99 {
			yi += 1900
		}
		if math.IsNaN(t.ToFloat()) {
			if _, err := setTime(c.This, vm.ToValue(0)); err != nil {
				panic(err)
			}
		}
		v, err := setFullYear(c.This, vm.ToValue(yi))
		if err != nil {
			panic(err)
		}
		return v
	})
	if err := dateProto.DefineDataProperty("toGMTString", dateProto.Get("toUTCString"), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}

	reProto := vm.Get("RegExp").(*goja.Object).Get("prototype").(*goja.Object)
	// goja rejects the d flag, so hasIndices answers false for regexps and undefined for RegExp.prototype
	// itself, as the specification's flag getters do; unicodeSets is true for the v-flag regexps that
	// installRegExp translates.
	for _, name := range []string{"hasIndices", "unicodeSets"} {
		r.getter(reProto, name, func(c goja.FunctionCall) goja.Value {
			o, ok := c.This.(*goja.Object)
			if ok && o.SameAs(reProto) {
				return goja.Undefined()
			}
			if !ok || o.ClassName() != "RegExp" {
				r.typeError("RegExp.prototype.%s getter called on non-RegExp object", name)
			}
			if info := r.regexps.get(o); info != nil && name == "unicodeSets" {
				return vm.ToValue(info.sets)
			}
			return vm.ToValue(false)
		})
	}
	return nil
}
