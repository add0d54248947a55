package intrinsics

import (
	"regexp"
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// displayNames is the Go state of an Intl.DisplayNames. Language, region and script names come from
// x/text's display tables in any locale they cover; the other types carry English names only.
type displayNames struct {
	locale, style, typ, fallback, languageDisplay string
	tag                                           language.Tag
}

var (
	regionCode = regexp.MustCompile(`^([A-Za-z]{2}|[0-9]{3})$`)
	scriptCode = regexp.MustCompile(`^[A-Za-z]{4}$`)
)

var enDateTimeFields = map[string]string{
	"era": "era", "year": "year", "quarter": "quarter", "month": "month", "weekOfYear": "week",
	"weekday": "day of the week", "day": "day", "dayPeriod": "AM/PM", "hour": "hour", "minute": "minute",
	"second": "second", "timeZoneName": "time zone",
}

var enCalendars = map[string]string{
	"gregory": "Gregorian Calendar", "buddhist": "Buddhist Calendar", "chinese": "Chinese Calendar",
	"hebrew": "Hebrew Calendar", "islamic": "Hijri Calendar", "iso8601": "ISO-8601 Calendar",
	"japanese": "Japanese Calendar", "persian": "Persian Calendar",
}

func (r *realm) installDisplayNames() *goja.Object {
	ctor, proto := r.newClass(classDef{
		name: "Intl.DisplayNames", short: "DisplayNames", length: 2, requireNew: true,
		init: func(this *goja.Object, args []goja.Value) {
			req := r.canonicalizeLocaleList(argAt(args, 0))
			if isUndef(argAt(args, 1)) {
				r.typeError("invalid_argument")
			}
			op := r.options(argAt(args, 1), "Intl.DisplayNames")
			op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
			dn := &displayNames{}
			dn.style = op.str("style", []string{"narrow", "short", "long"}, "long")
			dn.typ = op.str("type", []string{"language", "region", "script", "currency", "calendar", "dateTimeField"}, "")
			if dn.typ == "" {
				r.typeError("invalid_argument")
			}
			dn.fallback = op.str("fallback", []string{"code", "none"}, "code")
			dn.languageDisplay = op.str("languageDisplay", []string{"dialect", "standard"}, "dialect")
			dn.locale = lookupLocale(req, anyKnownLanguage).locale
			dn.tag = language.Make(dn.locale)
			r.displayNames.put(this, dn)
		},
	})
	r.supportedLocalesOf(ctor, anyKnownLanguage)
	r.method(proto, "of", 1, func(c goja.FunctionCall) goja.Value {
		dn := receiver(r, &r.displayNames, c.This, "Intl.DisplayNames.prototype.of")
		code := r.str(c.Argument(0))
		name, canonical := r.displayName(dn, code)
		if name != "" {
			return r.vm.ToValue(name)
		}
		if dn.fallback == "none" {
			return goja.Undefined()
		}
		return r.vm.ToValue(canonical)
	})
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		dn := receiver(r, &r.displayNames, c.This, "Intl.DisplayNames.prototype.resolvedOptions")
		kv := []any{"locale", dn.locale, "style", dn.style, "type", dn.typ, "fallback", dn.fallback}
		if dn.typ == "language" {
			kv = append(kv, "languageDisplay", dn.languageDisplay)
		}
		return r.orderedObject(kv...)
	})
	return ctor
}

// displayName returns the name (or "") and the canonical code used as the fallback.
func (r *realm) displayName(dn *displayNames, code string) (string, string) {
	switch dn.typ {
	case "language":
		canon, ok := canonicalizeTag(code)
		if !ok {
			r.rangeError("invalid_argument")
		}
		t, err := language.Parse(canon)
		if err != nil {
			return "", canon
		}
		if dn.languageDisplay == "standard" {
			base, _ := t.Base()
			name := display.Languages(dn.tag).Name(base)
			if reg, conf := t.Region(); conf == language.Exact && name != "" {
				name += " (" + display.Regions(dn.tag).Name(reg) + ")"
			}
			return name, canon
		}
		return display.Tags(dn.tag).Name(t), canon
	case "region":
		if !regionCode.MatchString(code) {
			r.rangeError("invalid_argument")
		}
		up := strings.ToUpper(code)
		reg, err := language.ParseRegion(up)
		if err != nil {
			return "", up
		}
		return display.Regions(dn.tag).Name(reg), up
	case "script":
		if !scriptCode.MatchString(code) {
			r.rangeError("invalid_argument")
		}
		canon := strings.ToUpper(code[:1]) + strings.ToLower(code[1:])
		s, err := language.ParseScript(canon)
		if err != nil {
			return "", canon
		}
		return display.Scripts(dn.tag).Name(s), canon
	case "currency":
		if !wellFormedCurrency.MatchString(code) {
			r.rangeError("invalid_argument")
		}
		return "", strings.ToUpper(code)
	case "calendar":
		return enCalendars[code], code
	case "dateTimeField":
		name, ok := enDateTimeFields[code]
		if !ok {
			r.rangeError("invalid_argument")
		}
		return name, code
	}
	return "", code
}
