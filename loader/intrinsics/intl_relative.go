package intrinsics

import (
	"strings"

	"github.com/dop251/goja"
)

// relativeTimeFormat is the Go state of an Intl.RelativeTimeFormat: English phrases (from node, in
// intl_en_data.go) around numbers formatted by the locale's NumberFormat.
type relativeTimeFormat struct {
	locale, style, numeric string
	nf                     *numberFormat
}

var relativeUnits = map[string]string{
	"second": "second", "seconds": "second", "minute": "minute", "minutes": "minute", "hour": "hour",
	"hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
	"months": "month", "quarter": "quarter", "quarters": "quarter", "year": "year", "years": "year",
}

func (r *realm) installRelativeTimeFormat() *goja.Object {
	ctor, proto := r.newClass(classDef{
		name: "Intl.RelativeTimeFormat", short: "RelativeTimeFormat", length: 0, requireNew: true,
		init: func(this *goja.Object, args []goja.Value) {
			req := r.canonicalizeLocaleList(argAt(args, 0))
			op := r.options(argAt(args, 1), "Intl.RelativeTimeFormat")
			op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
			nu := op.str("numberingSystem", nil, "")
			if nu != "" && !numberingSysSyntax.MatchString(nu) {
				r.rangeError("Invalid numberingSystem : %s", nu)
			}
			if _, ok := numberingSystems[nu]; !ok {
				nu = ""
			}
			rt := &relativeTimeFormat{locale: lookupLocale(req, englishOnly).locale}
			rt.style = op.str("style", []string{"long", "short", "narrow"}, "long")
			rt.numeric = op.str("numeric", []string{"always", "auto"}, "always")
			rt.nf = plainNumberFormat(symbolsFor(rt.locale, nu))
			r.relativeFormats.put(this, rt)
		},
	})
	r.supportedLocalesOf(ctor, englishOnly)
	const svc = "Intl.RelativeTimeFormat.prototype."
	r.method(proto, "format", 2, func(c goja.FunctionCall) goja.Value {
		rt := receiver(r, &r.relativeFormats, c.This, svc+"format")
		return r.vm.ToValue(joinParts(r.relativeParts(rt, c, "format")))
	})
	r.method(proto, "formatToParts", 2, func(c goja.FunctionCall) goja.Value {
		rt := receiver(r, &r.relativeFormats, c.This, svc+"formatToParts")
		return r.partsArray(r.relativeParts(rt, c, "formatToParts"))
	})
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		rt := receiver(r, &r.relativeFormats, c.This, svc+"resolvedOptions")
		return r.orderedObject("locale", rt.locale, "style", rt.style, "numeric", rt.numeric,
			"numberingSystem", numberingSystemOf(rt.nf.sym.digits))
	})
	return ctor
}

func (r *realm) relativeParts(rt *relativeTimeFormat, c goja.FunctionCall, method string) []part {
	f := c.Argument(0).ToFloat()
	unitName := r.str(c.Argument(1))
	unit, ok := relativeUnits[unitName]
	if !ok {
		r.rangeError("Invalid unit argument for Intl.RelativeTimeFormat.prototype.%s() '%s'", method, unitName)
	}
	if f != f || f > 1.7976931348623157e308 || f < -1.7976931348623157e308 {
		r.rangeError("Value need to be finite number for Intl.RelativeTimeFormat.prototype.%s()", method)
	}
	v := floatValue(f)
	if rt.numeric == "auto" && v.d.fracDigits() == 0 {
		key := unit + "|" + rt.style + "|"
		n := "0"
		if !v.d.isZero() {
			ip, _ := v.d.intAndFrac()
			n = ip
			if v.neg {
				n = "-" + ip
			}
		}
		if w, ok := enRelativeWords[key+n]; ok {
			return []part{{typ: "literal", value: w}}
		}
	}
	dir := "future"
	if v.neg {
		dir = "past"
	}
	abs := v
	abs.neg = false
	numParts := rt.nf.digitParts(rt.nf.roundNumber(abs.d, false), false)
	plural := "other"
	if ip, fp := joinDigits(numParts); ip == "1" && fp == "" {
		plural = "one"
	}
	pattern := enRelativePatterns[unit+"|"+rt.style+"|"+dir+"|"+plural]
	before, after, _ := strings.Cut(pattern, "{0}")
	var out []part
	if before != "" {
		out = append(out, part{typ: "literal", value: before})
	}
	for _, p := range numParts {
		p.unit = unit
		out = append(out, p)
	}
	if after != "" {
		out = append(out, part{typ: "literal", value: after})
	}
	return out
}
