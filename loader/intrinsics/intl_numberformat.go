package intrinsics

import (
	"github.com/dop251/goja"
)

func (r *realm) installNumberFormat() *goja.Object {
	ctor, proto := r.newClass(classDef{
		name: "Intl.NumberFormat", short: "NumberFormat", length: 0,
		init: func(this *goja.Object, args []goja.Value) {
			r.numberFormats.put(this, r.newNumberFormat(argAt(args, 0), argAt(args, 1)))
		},
	})
	r.supportedLocalesOf(ctor, anyKnownLanguage)
	const svc = "Intl.NumberFormat.prototype."
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		return r.numberResolvedOptions(receiver(r, &r.numberFormats, c.This, svc+"resolvedOptions"))
	})
	r.method(proto, "formatToParts", 1, func(c goja.FunctionCall) goja.Value {
		nf := receiver(r, &r.numberFormats, c.This, svc+"formatToParts")
		return r.partsArray(nf.formatToParts(r.toIntlMathematicalValue(c.Argument(0))))
	})
	boundGetter(r, proto, "format", "UnwrapNumberFormat", false, &r.numberFormats,
		func(nf *numberFormat) **goja.Object { return &nf.boundFormat },
		func(nf *numberFormat, c goja.FunctionCall) goja.Value {
			return r.vm.ToValue(nf.format(r.toIntlMathematicalValue(c.Argument(0))))
		}, 1)
	rangeArgs := func(c goja.FunctionCall) (numericValue, numericValue) {
		if isUndef(c.Argument(0)) || isUndef(c.Argument(1)) {
			r.typeError("start or end is undefined")
		}
		x, y := r.toIntlMathematicalValue(c.Argument(0)), r.toIntlMathematicalValue(c.Argument(1))
		if x.nan || y.nan {
			r.rangeError("Invalid number value")
		}
		return x, y
	}
	r.method(proto, "formatRange", 2, func(c goja.FunctionCall) goja.Value {
		nf := receiver(r, &r.numberFormats, c.This, svc+"formatRange")
		x, y := rangeArgs(c)
		return r.vm.ToValue(joinParts(nf.formatRangeToParts(x, y)))
	})
	r.method(proto, "formatRangeToParts", 2, func(c goja.FunctionCall) goja.Value {
		nf := receiver(r, &r.numberFormats, c.This, svc+"formatRangeToParts")
		x, y := rangeArgs(c)
		return r.partsArray(nf.formatRangeToParts(x, y))
	})
	return ctor
}

// orderedObject builds a plain object with properties in the given order, skipping nil values.
func (r *realm) orderedObject(kv ...any) *goja.Object {
	o := r.vm.NewObject()
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == nil {
			continue
		}
		_ = o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

func (r *realm) numberResolvedOptions(nf *numberFormat) goja.Value {
	kv := []any{"locale", nf.locale, "numberingSystem", nf.numberingSystem, "style", nf.style}
	if nf.style == "currency" {
		kv = append(kv, "currency", nf.currency, "currencyDisplay", nf.currencyDisplay, "currencySign", nf.currencySign)
	}
	if nf.style == "unit" {
		kv = append(kv, "unit", nf.unit, "unitDisplay", nf.unitDisplay)
	}
	kv = append(kv, "minimumIntegerDigits", nf.minInt)
	if nf.roundingType != "fractionDigits" {
		kv = append(kv, "minimumSignificantDigits", nf.minSig, "maximumSignificantDigits", nf.maxSig)
	}
	if nf.roundingType != "significantDigits" {
		kv = append(kv, "minimumFractionDigits", nf.minFrac, "maximumFractionDigits", nf.maxFrac)
	}
	var grouping any = nf.useGrouping
	if nf.useGrouping == "false" {
		grouping = false
	}
	kv = append(kv, "useGrouping", grouping, "notation", nf.notation)
	if nf.notation == "compact" {
		kv = append(kv, "compactDisplay", nf.compactDisplay)
	}
	kv = append(kv, "signDisplay", nf.signDisplay, "roundingMode", roundingModeNames[nf.roundingMode],
		"roundingIncrement", nf.roundingIncrement, "trailingZeroDisplay", nf.trailingZeroDisplay,
		"roundingPriority", nf.roundingPriority)
	return r.orderedObject(kv...)
}
