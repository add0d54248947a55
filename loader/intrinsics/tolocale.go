package intrinsics

import (
	"math"
	"math/big"
	"strings"

	"github.com/dop251/goja"
)

// formatterCache keeps the formatters that toLocaleString and localeCompare make with a locale string
// (or none) and no options, the overwhelmingly common call. It is Go-side and per runtime, so no script
// can observe or poison another's entries.
type formatterCache struct {
	numbers   map[string]*numberFormat
	dates     map[string]*dateTimeFormat
	collators map[string]*collator
}

const maxCachedFormatters = 64

// cacheKey returns a key for locales when it is undefined or a string and options is undefined.
func cacheKey(locales, opts goja.Value) (string, bool) {
	if !isUndef(opts) {
		return "", false
	}
	if isUndef(locales) {
		return "", true
	}
	if s, ok := locales.(goja.String); ok {
		return "s:" + s.String(), true
	}
	return "", false
}

func (r *realm) cachedNumberFormat(locales, opts goja.Value) *numberFormat {
	key, ok := cacheKey(locales, opts)
	if !ok {
		return r.newNumberFormat(locales, opts)
	}
	if nf := r.cache.numbers[key]; nf != nil {
		return nf
	}
	nf := r.newNumberFormat(locales, opts)
	if r.cache.numbers == nil || len(r.cache.numbers) >= maxCachedFormatters {
		r.cache.numbers = map[string]*numberFormat{}
	}
	r.cache.numbers[key] = nf
	return nf
}

func (r *realm) cachedDateFormat(locales, opts goja.Value, required, defaults string) *dateTimeFormat {
	key, ok := cacheKey(locales, opts)
	if !ok {
		return r.newDateTimeFormat(locales, opts, required, defaults)
	}
	key = required + "|" + defaults + "|" + key
	if df := r.cache.dates[key]; df != nil {
		return df
	}
	df := r.newDateTimeFormat(locales, opts, required, defaults)
	if r.cache.dates == nil || len(r.cache.dates) >= maxCachedFormatters {
		r.cache.dates = map[string]*dateTimeFormat{}
	}
	r.cache.dates[key] = df
	return df
}

func (r *realm) cachedCollator(locales, opts goja.Value) *collator {
	key, ok := cacheKey(locales, opts)
	if !ok {
		return r.newCollator(locales, opts)
	}
	if co := r.cache.collators[key]; co != nil {
		return co
	}
	co := r.newCollator(locales, opts)
	if r.cache.collators == nil || len(r.cache.collators) >= maxCachedFormatters {
		r.cache.collators = map[string]*collator{}
	}
	r.cache.collators[key] = co
	return co
}

// installLocaleMethods routes the built-ins' locale-sensitive methods through Intl, as ECMA-402
// requires: Number, BigInt, Date, String.prototype.localeCompare and Array.prototype.toLocaleString.
func (r *realm) installLocaleMethods() error {
	vm := r.vm
	numProto := vm.Get("Number").(*goja.Object).Get("prototype").(*goja.Object)
	r.method(numProto, "toLocaleString", 0, func(c goja.FunctionCall) goja.Value {
		x := thisPrimitive(r, c.This, "Number", "Number.prototype.toLocaleString requires that 'this' be a Number")
		nf := r.cachedNumberFormat(c.Argument(0), c.Argument(1))
		return vm.ToValue(nf.format(floatValue(x.ToFloat())))
	})
	bigProto := vm.Get("BigInt").(*goja.Object).Get("prototype").(*goja.Object)
	r.method(bigProto, "toLocaleString", 0, func(c goja.FunctionCall) goja.Value {
		x := thisPrimitive(r, c.This, "BigInt", "BigInt.prototype.toLocaleString requires that 'this' be a BigInt")
		b, ok := x.Export().(*big.Int)
		if !ok {
			r.typeError("BigInt.prototype.toLocaleString requires that 'this' be a BigInt")
		}
		nf := r.cachedNumberFormat(c.Argument(0), c.Argument(1))
		return vm.ToValue(nf.format(numericValue{d: decimalFromBig(b), neg: b.Sign() < 0}))
	})

	getTime, _ := goja.AssertFunction(r.dateProto.Get("getTime"))
	dateMethod := func(name, required, defaults string) {
		r.method(r.dateProto, name, 0, func(c goja.FunctionCall) goja.Value {
			tv, err := getTime(c.This)
			if err != nil {
				r.typeError("Method Date.prototype.%s called on incompatible receiver %s", name, r.describe(c.This))
			}
			t := tv.ToFloat()
			if math.IsNaN(t) {
				return vm.ToValue("Invalid Date")
			}
			df := r.cachedDateFormat(c.Argument(0), c.Argument(1), required, defaults)
			return vm.ToValue(df.format(t))
		})
	}
	dateMethod("toLocaleString", "any", "all")
	dateMethod("toLocaleDateString", "date", "date")
	dateMethod("toLocaleTimeString", "time", "time")

	strProto := vm.Get("String").(*goja.Object).Get("prototype").(*goja.Object)
	r.method(strProto, "localeCompare", 1, func(c goja.FunctionCall) goja.Value {
		s := r.thisString(c, "localeCompare")
		that := r.str(c.Argument(0))
		co := r.cachedCollator(c.Argument(1), c.Argument(2))
		return vm.ToValue(co.compare(s.String(), that))
	})

	r.method(r.arrayProto, "toLocaleString", 0, func(c goja.FunctionCall) goja.Value {
		if isNullish(c.This) {
			r.typeError("Array.prototype.toLocaleString called on null or undefined")
		}
		o := c.This.ToObject(vm)
		n := getProp(o, "length").ToInteger()
		parts := make([]string, 0, max(0, min(n, 1<<20)))
		for i := int64(0); i < n; i++ {
			el := o.Get(formatIntString(int(i)))
			if isNullish(el) {
				parts = append(parts, "")
				continue
			}
			eo := el.ToObject(vm)
			f, ok := goja.AssertFunction(eo.Get("toLocaleString"))
			if !ok {
				r.typeError("%s.toLocaleString is not a function", r.describe(el))
			}
			v, err := f(el, c.Argument(0), c.Argument(1))
			if err != nil {
				panic(err)
			}
			parts = append(parts, r.str(v))
		}
		return vm.ToValue(strings.Join(parts, ","))
	})
	return nil
}

// thisPrimitive is thisNumberValue/thisBigIntValue: the primitive itself or the one a wrapper holds.
func thisPrimitive(r *realm, this goja.Value, class, msg string) goja.Value {
	if o, ok := this.(*goja.Object); ok {
		if o.ClassName() != class {
			r.typeError("%s", msg)
		}
		return r.vm.ToValue(o.Export())
	}
	switch class {
	case "Number":
		if _, ok := this.Export().(int64); ok {
			return this
		}
		if _, ok := this.Export().(float64); ok {
			return this
		}
	case "BigInt":
		if _, ok := this.Export().(*big.Int); ok {
			return this
		}
	}
	r.typeError("%s", msg)
	return nil
}
