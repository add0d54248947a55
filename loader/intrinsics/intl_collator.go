package intrinsics

import (
	"strings"
	"unicode"

	"github.com/dop251/goja"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// collator is the Go state of an Intl.Collator. x/text's collate.Collator keeps scratch buffers and is
// not safe for concurrent use; a runtime runs on one goroutine at a time, so one per instance is enough.
type collator struct {
	locale            string
	usage             string
	sensitivity       string
	ignorePunctuation bool
	numeric           bool
	caseFirst         string
	c                 *collate.Collator
	boundCompare      *goja.Object
}

func (r *realm) newCollator(locales, opts goja.Value) *collator {
	req := r.canonicalizeLocaleList(locales)
	op := r.options(opts, "Intl.Collator")
	co := &collator{}
	co.usage = op.str("usage", []string{"sort", "search"}, "sort")
	op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	if v := op.get("collation"); !isUndef(v) {
		r.str(v)
	}
	numeric, hasNumeric := op.boolean("numeric")
	caseFirst := op.str("caseFirst", []string{"upper", "lower", "false"}, "")
	res := lookupLocale(req, anyKnownLanguage)
	co.locale = res.locale
	if !hasNumeric {
		if kn, ok := res.ext["kn"]; ok {
			numeric = kn == "true"
			co.locale += "-u-kn"
			if kn != "true" {
				co.locale += "-" + kn
			}
		}
	}
	if caseFirst == "" {
		caseFirst = "false"
		if kf, ok := res.ext["kf"]; ok && (kf == "upper" || kf == "lower" || kf == "false") {
			caseFirst = kf
			co.locale += "-u-kf-" + kf
		}
	}
	co.numeric, co.caseFirst = numeric, caseFirst
	co.sensitivity = op.str("sensitivity", []string{"base", "accent", "case", "variant"}, "variant")
	co.ignorePunctuation, _ = op.boolean("ignorePunctuation")
	co.c = newGoCollator(res.locale, co.sensitivity, co.numeric)
	return co
}

func newGoCollator(locale, sensitivity string, numeric bool) *collate.Collator {
	var opts []collate.Option
	switch sensitivity {
	case "base":
		opts = append(opts, collate.IgnoreCase, collate.IgnoreDiacritics)
	case "accent":
		opts = append(opts, collate.IgnoreCase)
	case "case":
		opts = append(opts, collate.IgnoreDiacritics)
	}
	if numeric {
		opts = append(opts, collate.Numeric)
	}
	return collate.New(language.Make(locale), opts...)
}

func (co *collator) compare(a, b string) int {
	if co.ignorePunctuation {
		a, b = stripPunctuation(a), stripPunctuation(b)
	}
	if co.sensitivity == "case" {
		// x/text's IgnoreDiacritics alone keeps accents apart; comparing without them gives ICU's
		// strength=primary + caseLevel behaviour.
		a, b = stripMarks(a), stripMarks(b)
	}
	return co.c.CompareString(a, b)
}

func stripMarks(s string) string {
	d := norm.NFD.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, d)
}

func stripPunctuation(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func (r *realm) installCollator() *goja.Object {
	ctor, proto := r.newClass(classDef{
		name: "Intl.Collator", short: "Collator", length: 0,
		init: func(this *goja.Object, args []goja.Value) {
			r.collators.put(this, r.newCollator(argAt(args, 0), argAt(args, 1)))
		},
	})
	r.supportedLocalesOf(ctor, anyKnownLanguage)
	boundGetter(r, proto, "compare", "Intl.Collator.prototype.compare", true, &r.collators,
		func(co *collator) **goja.Object { return &co.boundCompare },
		func(co *collator, c goja.FunctionCall) goja.Value {
			return r.vm.ToValue(co.compare(r.str(c.Argument(0)), r.str(c.Argument(1))))
		}, 2)
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		co := receiver(r, &r.collators, c.This, "Intl.Collator.prototype.resolvedOptions")
		return r.orderedObject("locale", co.locale, "usage", co.usage, "sensitivity", co.sensitivity,
			"ignorePunctuation", co.ignorePunctuation, "collation", "default", "numeric", co.numeric,
			"caseFirst", co.caseFirst)
	})
	return ctor
}
