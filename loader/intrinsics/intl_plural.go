package intrinsics

import (
	"sync"

	"github.com/dop251/goja"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// pluralRules is the Go state of an Intl.PluralRules; its digit options reuse NumberFormat's rounding.
type pluralRules struct {
	locale  string
	typ     string // "cardinal" or "ordinal"
	tag     language.Tag
	rules   *plural.Rules
	digits  *numberFormat
	formsMu sync.Once
	forms   []string
}

var pluralFormNames = map[plural.Form]string{
	plural.Other: "other", plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many",
}

func (r *realm) newPluralRules(locales, opts goja.Value) *pluralRules {
	req := r.canonicalizeLocaleList(locales)
	op := r.options(opts, "Intl.PluralRules")
	op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	pr := &pluralRules{}
	pr.typ = op.str("type", []string{"cardinal", "ordinal"}, "cardinal")
	nf := &numberFormat{notation: "standard", style: "decimal", useGrouping: "false", roundingIncrement: 1}
	r.setDigitOptions(nf, op, 0, 3)
	res := lookupLocale(req, anyKnownLanguage)
	pr.locale = res.locale
	pr.tag = language.Make(res.locale)
	nf.sym = symbolsFor("en", "")
	pr.digits = nf
	pr.rules = plural.Cardinal
	if pr.typ == "ordinal" {
		pr.rules = plural.Ordinal
	}
	return pr
}

// selectForm rounds n with the digit options and applies the locale's rules to the visible digits.
func (pr *pluralRules) selectForm(v numericValue) string {
	if v.nan || v.inf {
		return "other"
	}
	parts := pr.digits.digitParts(pr.digits.roundNumber(v.d, v.neg), v.neg)
	var ip, fp string
	for _, p := range parts {
		switch p.typ {
		case "integer":
			ip += p.value
		case "fraction":
			fp += p.value
		}
	}
	all := []byte(ip + fp)
	for i := range all {
		all[i] -= '0'
	}
	return pr.match(all, len(ip), len(fp))
}

// millionsAreMany lists the languages where CLDR 38+ (node's ICU, newer than x/text's tables) puts
// exact multiples of a million in "many".
var millionsAreMany = map[string]bool{"fr": true, "es": true, "it": true, "pt": true, "ca": true}

func (pr *pluralRules) match(digits []byte, intLen, fracLen int) string {
	if pr.typ == "cardinal" && fracLen == 0 && intLen > 6 {
		lang, _ := pr.tag.Base()
		if millionsAreMany[lang.String()] && allZero(digits[intLen-6:intLen]) {
			return "many"
		}
	}
	return pluralFormNames[pr.rules.MatchDigits(pr.tag, digits, intLen, fracLen)]
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// categories lists the forms the locale uses, found by sampling (x/text does not list them), in V8's
// order: alphabetical with "other" last.
func (pr *pluralRules) categories() []string {
	pr.formsMu.Do(func() {
		seen := map[string]bool{}
		sample := func(ip, fp string) {
			all := []byte(ip + fp)
			for i := range all {
				all[i] -= '0'
			}
			seen[pr.match(all, len(ip), len(fp))] = true
		}
		for i := 0; i <= 1000; i++ {
			sample(formatIntString(i), "")
		}
		for _, n := range []int{10000, 100000, 1000000, 10000000} {
			sample(formatIntString(n), "")
		}
		for i := 0; i < 30; i++ {
			sample(formatIntString(i/10), formatIntString(i%10))
			sample(formatIntString(i/10), formatIntString(i%10)+"0")
		}
		delete(seen, "other")
		pr.forms = sortedKeys(seen)
		pr.forms = append(pr.forms, "other")
	})
	return pr.forms
}

func (r *realm) installPluralRules() *goja.Object {
	ctor, proto := r.newClass(classDef{
		name: "Intl.PluralRules", short: "PluralRules", length: 0, requireNew: true,
		init: func(this *goja.Object, args []goja.Value) {
			r.pluralRules.put(this, r.newPluralRules(argAt(args, 0), argAt(args, 1)))
		},
	})
	r.supportedLocalesOf(ctor, anyKnownLanguage)
	const svc = "Intl.PluralRules.prototype."
	r.method(proto, "select", 1, func(c goja.FunctionCall) goja.Value {
		pr := receiver(r, &r.pluralRules, c.This, svc+"select")
		return r.vm.ToValue(pr.selectForm(floatValue(c.Argument(0).ToFloat())))
	})
	r.method(proto, "selectRange", 2, func(c goja.FunctionCall) goja.Value {
		pr := receiver(r, &r.pluralRules, c.This, svc+"selectRange")
		if isUndef(c.Argument(0)) || isUndef(c.Argument(1)) {
			r.typeError("start or end is undefined")
		}
		x, y := c.Argument(0).ToFloat(), c.Argument(1).ToFloat()
		if x != x || y != y {
			r.rangeError("Invalid number value")
		}
		// CLDR's English plural ranges resolve to the end's category.
		return r.vm.ToValue(pr.selectForm(floatValue(y)))
	})
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		pr := receiver(r, &r.pluralRules, c.This, svc+"resolvedOptions")
		nf := pr.digits
		kv := []any{"locale", pr.locale, "type", pr.typ, "minimumIntegerDigits", nf.minInt}
		if nf.roundingType != "fractionDigits" {
			kv = append(kv, "minimumSignificantDigits", nf.minSig, "maximumSignificantDigits", nf.maxSig)
		}
		if nf.roundingType != "significantDigits" {
			kv = append(kv, "minimumFractionDigits", nf.minFrac, "maximumFractionDigits", nf.maxFrac)
		}
		kv = append(kv, "pluralCategories", r.strings(pr.categories()))
		return r.orderedObject(kv...)
	})
	return ctor
}
