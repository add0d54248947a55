package intrinsics

import (
	"math"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// dateTimeFormat is the Go state of an Intl.DateTimeFormat. Patterns are node's English ones (en-US and
// en-GB, generated into intl_dates_data.go); x/text has no date formatting, so other languages resolve
// to the default locale.
type dateTimeFormat struct {
	locale          string
	dataLocale      string // "en-US" or "en-GB": the pattern table used
	numberingSystem string
	timeZone        string
	loc             *time.Location
	hourCycle       string // "" when the pattern has no hour
	fields          map[string]string
	fsd             int
	dateStyle       string
	timeStyle       string
	pattern         []dtToken
	digits          [10]string
	boundFormat     *goja.Object
}

type dtToken struct {
	field string // "" for a literal
	style string
	lit   string
}

var dateComponents = []struct {
	name   string
	values []string
}{
	{"weekday", []string{"narrow", "short", "long"}},
	{"era", []string{"narrow", "short", "long"}},
	{"year", []string{"2-digit", "numeric"}},
	{"month", []string{"2-digit", "numeric", "narrow", "short", "long"}},
	{"day", []string{"2-digit", "numeric"}},
	{"dayPeriod", []string{"narrow", "short", "long"}},
	{"hour", []string{"2-digit", "numeric"}},
	{"minute", []string{"2-digit", "numeric"}},
	{"second", []string{"2-digit", "numeric"}},
	{"fractionalSecondDigits", nil},
	{"timeZoneName", []string{"short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"}},
}

func dtLocaleAvailable(tag string) bool { return englishOnly(tag) }

// newDateTimeFormat is CreateDateTimeFormat; required and defaults are "any"/"date" for the constructor
// and vary for Date.prototype.toLocale{,Date,Time}String.
func (r *realm) newDateTimeFormat(locales, opts goja.Value, required, defaults string) *dateTimeFormat {
	req := r.canonicalizeLocaleList(locales)
	op := r.options(opts, "Intl.DateTimeFormat")
	df := &dateTimeFormat{fields: map[string]string{}}
	op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	if cal := op.str("calendar", nil, ""); cal != "" && !numberingSysSyntax.MatchString(cal) {
		r.rangeError("Invalid calendar : %s", cal)
	}
	nu := op.str("numberingSystem", nil, "")
	if nu != "" && !numberingSysSyntax.MatchString(nu) {
		r.rangeError("Invalid numberingSystem : %s", nu)
	}
	hour12, hasHour12 := op.boolean("hour12")
	hourCycle := op.str("hourCycle", []string{"h11", "h12", "h23", "h24"}, "")
	if hasHour12 {
		hourCycle = ""
	}
	res := lookupLocale(req, dtLocaleAvailable)
	df.locale = res.locale
	df.dataLocale = "en-US"
	if strings.HasPrefix(res.locale, "en-GB") {
		df.dataLocale = "en-GB"
	}
	if nu == "" {
		if e := res.ext["nu"]; e != "" {
			if _, ok := numberingSystems[e]; ok {
				nu = e
				df.locale += "-u-nu-" + e
			}
		}
	}
	if _, ok := numberingSystems[nu]; !ok {
		nu = "latn"
	}
	df.numberingSystem = nu
	df.digits, _ = digitsOf(nu)
	if hourCycle == "" && !hasHour12 {
		if hc := res.ext["hc"]; hc == "h11" || hc == "h12" || hc == "h23" || hc == "h24" {
			hourCycle = hc
		}
	}

	tz := op.get("timeZone")
	if isUndef(tz) {
		df.timeZone = defaultTimeZone()
	} else {
		name := r.str(tz)
		z, ok := canonicalTimeZone(name)
		if !ok {
			r.rangeError("Invalid time zone specified: %s", name)
		}
		df.timeZone = z
	}
	df.loc = loadZone(df.timeZone)

	explicit := ""
	for _, c := range dateComponents {
		if c.name == "fractionalSecondDigits" {
			if n, ok := op.number("fractionalSecondDigits", 1, 3, 0); ok {
				df.fsd = n
				explicit = c.name
			}
			continue
		}
		if v := op.str(c.name, c.values, ""); v != "" {
			df.fields[c.name] = v
			explicit = c.name
		}
	}
	op.str("formatMatcher", []string{"basic", "best fit"}, "best fit")
	df.dateStyle = op.str("dateStyle", []string{"full", "long", "medium", "short"}, "")
	df.timeStyle = op.str("timeStyle", []string{"full", "long", "medium", "short"}, "")
	if df.dateStyle != "" || df.timeStyle != "" {
		if explicit != "" {
			style := "dateStyle"
			if df.dateStyle == "" {
				style = "timeStyle"
			}
			r.typeError("Can't set option %s when %s is used", explicit, style)
		}
		if required == "date" && df.dateStyle == "" {
			r.typeError("Invalid option : timeStyle")
		}
		if required == "time" && df.timeStyle == "" {
			r.typeError("Invalid option : dateStyle")
		}
	} else {
		need := true
		dateKeys := []string{"weekday", "year", "month", "day"}
		timeKeys := []string{"dayPeriod", "hour", "minute", "second"}
		check := func(keys []string) {
			for _, k := range keys {
				if df.fields[k] != "" {
					need = false
				}
			}
		}
		if required == "date" || required == "any" {
			check(dateKeys)
		}
		if required == "time" || required == "any" {
			check(timeKeys)
			if df.fsd != 0 {
				need = false
			}
		}
		if need && (defaults == "date" || defaults == "all") {
			df.fields["year"], df.fields["month"], df.fields["day"] = "numeric", "numeric", "numeric"
		}
		if need && (defaults == "time" || defaults == "all") {
			df.fields["hour"], df.fields["minute"], df.fields["second"] = "numeric", "numeric", "numeric"
		}
	}

	// Hour cycle: node 20 implements ECMA-402 2022, where hour12 picks from the locale's default cycle:
	// en-US (h12) gives h12 or h24, en-GB (h23) gives h11 or h23.
	switch {
	case hasHour12 && hour12:
		hourCycle = "h12"
		if df.dataLocale == "en-GB" {
			hourCycle = "h11"
		}
	case hasHour12:
		hourCycle = "h24"
		if df.dataLocale == "en-GB" {
			hourCycle = "h23"
		}
	case hourCycle == "":
		hourCycle = "h12"
		if df.dataLocale == "en-GB" {
			hourCycle = "h23"
		}
	}
	df.buildPattern(hourCycle)
	return df
}

func parsePattern(p string) []dtToken {
	var out []dtToken
	for len(p) > 0 {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			out = append(out, dtToken{lit: p})
			break
		}
		if i > 0 {
			out = append(out, dtToken{lit: p[:i]})
		}
		j := strings.IndexByte(p[i:], '}')
		field, style, _ := strings.Cut(p[i+1:i+j], ":")
		out = append(out, dtToken{field: field, style: style})
		p = p[i+j+1:]
	}
	return out
}

func (df *dateTimeFormat) buildPattern(hourCycle string) {
	twelve := hourCycle == "h11" || hourCycle == "h12"
	h12 := "false"
	if twelve {
		h12 = "true"
	}
	var pattern string
	if df.dateStyle != "" || df.timeStyle != "" {
		pattern = enStylePatterns[df.dataLocale+"|"+h12+"|"+df.dateStyle+"|"+df.timeStyle]
	} else {
		f := df.fields
		hasDate := f["weekday"] != "" || f["era"] != "" || f["year"] != "" || f["month"] != "" || f["day"] != ""
		hasTime := f["hour"] != "" || f["minute"] != "" || f["second"] != "" || f["dayPeriod"] != ""
		var datePart, glue, timePart string
		if hasDate {
			v := enDatePatterns[strings.Join([]string{df.dataLocale, f["weekday"], f["era"], f["year"], f["month"], f["day"]}, "|")]
			datePart, glue, _ = strings.Cut(v, "\x00")
			if strings.HasPrefix(glue, "\x01") {
				glue = ", "
			}
		}
		if hasTime {
			timePart = enTimePatterns[strings.Join([]string{df.dataLocale, h12, f["hour"], f["minute"], f["second"], f["dayPeriod"]}, "|")]
		}
		if df.fsd > 0 {
			frac := "{fractionalSecond:" + formatIntString(df.fsd) + "}"
			if strings.Contains(timePart, "{second:") {
				i := strings.Index(timePart, "{second:")
				j := i + strings.IndexByte(timePart[i:], '}') + 1
				timePart = timePart[:j] + "." + frac + timePart[j:]
			} else {
				timePart += frac
			}
			hasTime = true
		}
		switch {
		case hasDate && hasTime:
			pattern = datePart + glue + timePart
		case hasDate:
			pattern = datePart
		default:
			pattern = timePart
		}
		if tzn := f["timeZoneName"]; tzn != "" {
			sep := " "
			if !hasTime {
				sep = ", "
			}
			pattern += sep + "{timeZoneName:" + tzn + "}"
		}
	}
	df.pattern = parsePattern(pattern)
	df.hourCycle = ""
	for i, t := range df.pattern {
		if t.field == "hour" {
			df.hourCycle = hourCycle
		}
		if t.field == "dayPeriod" && !twelve && strings.HasPrefix(t.style, "a") {
			df.pattern[i] = dtToken{lit: ""}
		}
	}
	// Resolved widths are the pattern's.
	if df.dateStyle == "" && df.timeStyle == "" {
		for _, t := range df.pattern {
			if t.field == "" || t.field == "fractionalSecond" {
				continue
			}
			if t.field == "dayPeriod" {
				if df.fields["dayPeriod"] != "" {
					df.fields["dayPeriod"] = strings.TrimPrefix(t.style, "B:")
				}
				continue
			}
			df.fields[t.field] = t.style
		}
	}
}

var (
	enWeekdays    = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	enMonths      = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	enMonthsShort = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// toDateValue is the Date argument handling of format(): undefined is now, others ToNumber + TimeClip.
func (r *realm) toDateValue(v goja.Value) float64 {
	if isUndef(v) {
		return float64(time.Now().UnixMilli())
	}
	var f float64
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Date" {
		f = o.ToFloat()
	} else {
		f = v.ToFloat()
	}
	if math.IsNaN(f) || math.Abs(f) > 8.64e15 {
		r.rangeError("Invalid time value")
	}
	return math.Trunc(f) + 0
}

func (df *dateTimeFormat) num(n int, twoDigit bool) string {
	s := formatIntString(n)
	if twoDigit && n < 10 && n >= 0 {
		s = "0" + s
	}
	if df.digits[0] != "0" && df.digits[0] != "" {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if c := s[i]; c >= '0' && c <= '9' {
				b.WriteString(df.digits[c-'0'])
			} else {
				b.WriteByte(c)
			}
		}
		return b.String()
	}
	return s
}

func (df *dateTimeFormat) formatToParts(ms float64) []part {
	t := time.UnixMilli(int64(ms)).In(df.loc)
	var out []part
	for _, tok := range df.pattern {
		if tok.field == "" {
			if tok.lit != "" {
				out = append(out, part{typ: "literal", value: tok.lit})
			}
			continue
		}
		out = append(out, part{typ: tok.field, value: df.fieldValue(t, tok)})
	}
	// Merge adjacent literals (left by a removed day period) and trim a trailing space.
	merged := out[:0]
	for _, p := range out {
		if p.typ == "literal" && len(merged) > 0 && merged[len(merged)-1].typ == "literal" {
			merged[len(merged)-1].value += p.value
			continue
		}
		merged = append(merged, p)
	}
	if n := len(merged); n > 0 && merged[n-1].typ == "literal" {
		merged[n-1].value = strings.TrimRight(merged[n-1].value, " ")
		if merged[n-1].value == "" {
			merged = merged[:n-1]
		}
	}
	return merged
}

func (df *dateTimeFormat) fieldValue(t time.Time, tok dtToken) string {
	two := tok.style == "2-digit"
	switch tok.field {
	case "weekday":
		w := enWeekdays[t.Weekday()]
		switch tok.style {
		case "short":
			return w[:3]
		case "narrow":
			return w[:1]
		}
		return w
	case "era":
		ad := t.Year() > 0
		switch tok.style {
		case "long":
			if ad {
				return "Anno Domini"
			}
			return "Before Christ"
		case "narrow":
			if ad {
				return "A"
			}
			return "B"
		}
		if ad {
			return "AD"
		}
		return "BC"
	case "year":
		y := t.Year()
		if df.fields["era"] != "" && y <= 0 {
			y = 1 - y
		}
		if two {
			return df.num(((y%100)+100)%100, true)
		}
		return df.num(y, false)
	case "month":
		m := int(t.Month())
		switch tok.style {
		case "long":
			return enMonths[m-1]
		case "short":
			return enMonthsShort[m-1]
		case "narrow":
			return enMonths[m-1][:1]
		}
		return df.num(m, two)
	case "day":
		return df.num(t.Day(), two)
	case "hour":
		h := t.Hour()
		switch df.hourCycle {
		case "h12":
			h %= 12
			if h == 0 {
				h = 12
			}
		case "h11":
			h %= 12
		case "h24":
			if h == 0 {
				h = 24
			}
		}
		return df.num(h, two)
	case "minute":
		return df.num(t.Minute(), two)
	case "second":
		return df.num(t.Second(), two)
	case "fractionalSecond":
		ms := formatIntString(t.Nanosecond()/1e6 + 1000)[1:]
		n := int(tok.style[0] - '0')
		return df.num0(ms[:n])
	case "dayPeriod":
		return dayPeriodName(t, tok.style)
	case "timeZoneName":
		return zoneName(df.timeZone, t, tok.style, df.dataLocale == "en-GB")
	}
	return ""
}

func (df *dateTimeFormat) num0(s string) string {
	if df.digits[0] == "0" || df.digits[0] == "" {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteString(df.digits[s[i]-'0'])
	}
	return b.String()
}

// dayPeriodName renders "a" (AM/PM) or CLDR's English flexible day periods ("in the afternoon").
func dayPeriodName(t time.Time, style string) string {
	h := t.Hour()
	switch style {
	case "a":
		if h < 12 {
			return "AM"
		}
		return "PM"
	case "a-lower":
		if h < 12 {
			return "am"
		}
		return "pm"
	}
	width := strings.TrimPrefix(style, "B:")
	switch {
	case h == 12:
		if width == "narrow" {
			return "n"
		}
		return "noon"
	case h < 12:
		return "in the morning"
	case h >= 12 && h < 18:
		return "in the afternoon"
	case h >= 18 && h < 21:
		return "in the evening"
	}
	return "at night"
}

// format joins the parts; V8 turns ICU's narrow no-break spaces (before AM/PM since CLDR 42) back into
// spaces in format() and toLocaleString() for web compatibility, but not in formatToParts().
func (df *dateTimeFormat) format(ms float64) string {
	return strings.ReplaceAll(joinParts(df.formatToParts(ms)), "\u202f", " ")
}

// formatRangeToParts formats both ends and shares what is equal in the simplest way node does it: the
// whole text when both ends format the same, otherwise start – end.
func (df *dateTimeFormat) formatRangeToParts(a, b float64) []part {
	pa, pb := df.formatToParts(a), df.formatToParts(b)
	if joinParts(pa) == joinParts(pb) {
		for i := range pa {
			pa[i].source = "shared"
		}
		return pa
	}
	var out []part
	for _, p := range pa {
		p.source = "startRange"
		out = append(out, p)
	}
	out = append(out, part{typ: "literal", value: " – ", source: "shared"})
	for _, p := range pb {
		p.source = "endRange"
		out = append(out, p)
	}
	return out
}

func (r *realm) installDateTimeFormat() *goja.Object {
	ctor, proto := r.newClass(classDef{
		name: "Intl.DateTimeFormat", short: "DateTimeFormat", length: 0,
		init: func(this *goja.Object, args []goja.Value) {
			r.dateFormats.put(this, r.newDateTimeFormat(argAt(args, 0), argAt(args, 1), "any", "date"))
		},
	})
	r.supportedLocalesOf(ctor, dtLocaleAvailable)
	const svc = "Intl.DateTimeFormat.prototype."
	boundGetter(r, proto, "format", "UnwrapDateTimeFormat", true, &r.dateFormats,
		func(df *dateTimeFormat) **goja.Object { return &df.boundFormat },
		func(df *dateTimeFormat, c goja.FunctionCall) goja.Value {
			return r.vm.ToValue(df.format(r.toDateValue(c.Argument(0))))
		}, 1)
	r.method(proto, "formatToParts", 1, func(c goja.FunctionCall) goja.Value {
		df := receiver(r, &r.dateFormats, c.This, svc+"formatToParts")
		return r.partsArray(df.formatToParts(r.toDateValue(c.Argument(0))))
	})
	rangeArgs := func(c goja.FunctionCall) (float64, float64) {
		if isUndef(c.Argument(0)) || isUndef(c.Argument(1)) {
			r.typeError("startDate or endDate is undefined")
		}
		return r.toDateValue(c.Argument(0)), r.toDateValue(c.Argument(1))
	}
	r.method(proto, "formatRange", 2, func(c goja.FunctionCall) goja.Value {
		df := receiver(r, &r.dateFormats, c.This, svc+"formatRange")
		a, b := rangeArgs(c)
		return r.vm.ToValue(strings.ReplaceAll(joinParts(df.formatRangeToParts(a, b)), "\u202f", " "))
	})
	r.method(proto, "formatRangeToParts", 2, func(c goja.FunctionCall) goja.Value {
		df := receiver(r, &r.dateFormats, c.This, svc+"formatRangeToParts")
		a, b := rangeArgs(c)
		return r.partsArray(df.formatRangeToParts(a, b))
	})
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		df := receiver(r, &r.dateFormats, c.This, svc+"resolvedOptions")
		kv := []any{"locale", df.locale, "calendar", "gregory", "numberingSystem", df.numberingSystem, "timeZone", df.timeZone}
		if df.hourCycle != "" {
			kv = append(kv, "hourCycle", df.hourCycle, "hour12", df.hourCycle == "h11" || df.hourCycle == "h12")
		}
		if df.dateStyle == "" && df.timeStyle == "" {
			for _, comp := range dateComponents {
				if comp.name == "fractionalSecondDigits" {
					if df.fsd > 0 {
						kv = append(kv, comp.name, df.fsd)
					}
					continue
				}
				if v := df.fields[comp.name]; v != "" {
					kv = append(kv, comp.name, v)
				}
			}
		} else {
			if df.dateStyle != "" {
				kv = append(kv, "dateStyle", df.dateStyle)
			}
			if df.timeStyle != "" {
				kv = append(kv, "timeStyle", df.timeStyle)
			}
		}
		return r.orderedObject(kv...)
	})
	return ctor
}
