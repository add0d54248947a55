package intrinsics

import (
	"github.com/dop251/goja"
)

// listFormat is the Go state of an Intl.ListFormat. Its patterns are English (node's, generated into
// intl_en_data.go): other languages resolve to the default locale.
type listFormat struct {
	locale, typ, style string
}

func (r *realm) installListFormat() *goja.Object {
	ctor, proto := r.newClass(classDef{
		name: "Intl.ListFormat", short: "ListFormat", length: 0, requireNew: true,
		init: func(this *goja.Object, args []goja.Value) {
			req := r.canonicalizeLocaleList(argAt(args, 0))
			op := r.options(argAt(args, 1), "Intl.ListFormat")
			op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
			lf := &listFormat{locale: lookupLocale(req, englishOnly).locale}
			lf.typ = op.str("type", []string{"conjunction", "disjunction", "unit"}, "conjunction")
			lf.style = op.str("style", []string{"long", "short", "narrow"}, "long")
			r.listFormats.put(this, lf)
		},
	})
	r.supportedLocalesOf(ctor, englishOnly)
	const svc = "Intl.ListFormat.prototype."
	r.method(proto, "format", 1, func(c goja.FunctionCall) goja.Value {
		lf := receiver(r, &r.listFormats, c.This, svc+"format")
		return r.vm.ToValue(joinParts(lf.parts(r.stringList(c.Argument(0)))))
	})
	r.method(proto, "formatToParts", 1, func(c goja.FunctionCall) goja.Value {
		lf := receiver(r, &r.listFormats, c.This, svc+"formatToParts")
		return r.partsArray(lf.parts(r.stringList(c.Argument(0))))
	})
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		lf := receiver(r, &r.listFormats, c.This, svc+"resolvedOptions")
		return r.orderedObject("locale", lf.locale, "type", lf.typ, "style", lf.style)
	})
	return ctor
}

// stringList is StringListFromIterable: every item must be a string.
func (r *realm) stringList(v goja.Value) []string {
	if isUndef(v) {
		return nil
	}
	var out []string
	r.vm.ForOf(v, func(item goja.Value) bool {
		if _, ok := item.(goja.String); !ok {
			r.typeError("Iterable yielded %s which is not a string", r.describe(item))
		}
		out = append(out, item.String())
		return true
	})
	return out
}

func (lf *listFormat) parts(items []string) []part {
	pat := enListPatterns[lf.typ+"|"+lf.style]
	var out []part
	for i, it := range items {
		if i > 0 {
			sep := pat[1]
			switch {
			case len(items) == 2:
				sep = pat[0]
			case i == len(items)-1:
				sep = pat[2]
			}
			out = append(out, part{typ: "literal", value: sep})
		}
		out = append(out, part{typ: "element", value: it})
	}
	return out
}
