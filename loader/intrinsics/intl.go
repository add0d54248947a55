package intrinsics

import (
	"sort"

	"github.com/dop251/goja"
)

// installIntl creates the Intl namespace and its services.
func (r *realm) installIntl() error {
	intl := r.vm.NewObject()
	r.toStringTag(intl, "Intl")
	r.method(intl, "getCanonicalLocales", 1, func(c goja.FunctionCall) goja.Value {
		return r.strings(r.canonicalizeLocaleList(c.Argument(0)))
	})
	r.method(intl, "supportedValuesOf", 1, func(c goja.FunctionCall) goja.Value {
		return r.strings(r.supportedValues(r.str(c.Argument(0))))
	})
	installers := []struct {
		name    string
		install func() *goja.Object
	}{
		{"DateTimeFormat", r.installDateTimeFormat},
		{"NumberFormat", r.installNumberFormat},
		{"Collator", r.installCollator},
		{"PluralRules", r.installPluralRules},
		{"RelativeTimeFormat", r.installRelativeTimeFormat},
		{"ListFormat", r.installListFormat},
		{"Locale", r.installLocale},
		{"DisplayNames", r.installDisplayNames},
		{"Segmenter", r.installSegmenter},
	}
	for _, in := range installers {
		if err := intl.DefineDataProperty(in.name, in.install(), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	return r.vm.GlobalObject().DefineDataProperty("Intl", intl, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

func (r *realm) supportedValues(key string) []string {
	var out []string
	switch key {
	case "calendar":
		out = []string{"gregory"}
	case "collation":
		out = []string{"default"}
	case "currency":
		out = supportedCurrencies
	case "numberingSystem":
		for k := range numberingSystems {
			out = append(out, k)
		}
		sort.Strings(out)
	case "timeZone":
		out = supportedTimeZones
	case "unit":
		for k := range sanctionedUnits {
			out = append(out, k)
		}
		sort.Strings(out)
	default:
		r.rangeError("Invalid key : %s", key)
	}
	return out
}

// partsArray converts parts to the array of {type, value} objects formatToParts returns.
func (r *realm) partsArray(ps []part) *goja.Object {
	vals := make([]goja.Value, len(ps))
	for i, p := range ps {
		o := r.vm.NewObject()
		_ = o.Set("type", p.typ)
		_ = o.Set("value", p.value)
		if p.unit != "" {
			_ = o.Set("unit", p.unit)
		}
		if p.source != "" {
			_ = o.Set("source", p.source)
		}
		vals[i] = o
	}
	return r.arrayOf(vals)
}

// boundGetter defines a "format"-style accessor returning a function bound to the instance, created once
// per instance as V8 does (nf.format === nf.format).
// showReceiver says whether the incompatible-receiver message names the receiver (V8 does for
// DateTimeFormat and Collator) or the undefined its legacy NumberFormat unwrap found.
func boundGetter[T any](r *realm, proto *goja.Object, name, method string, showReceiver bool, s *slots[T], bound func(*T) **goja.Object, f func(st *T, c goja.FunctionCall) goja.Value, length int) {
	r.getter(proto, name, func(c goja.FunctionCall) goja.Value {
		st := s.get(c.This)
		if st == nil {
			recv := "undefined"
			if showReceiver {
				recv = r.describeReceiver(c.This)
			}
			r.typeError("Method %s called on incompatible receiver %s", method, recv)
		}
		slot := bound(st)
		if *slot == nil {
			*slot = r.fn("", length, func(c goja.FunctionCall) goja.Value { return f(st, c) })
		}
		return *slot
	})
}

// describeReceiver is describe with V8's naming of built-in prototypes by their constructor
// ("#<DateTimeFormat>").
func (r *realm) describeReceiver(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		if c, ok := o.Get("constructor").(*goja.Object); ok {
			if p, ok := c.Get("prototype").(*goja.Object); ok && p.SameAs(o) {
				if n := c.Get("name"); n != nil && n.String() != "" {
					return "#<" + n.String() + ">"
				}
			}
		}
	}
	return r.describe(v)
}
