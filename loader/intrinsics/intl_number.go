package intrinsics

import (
	"math"
	"math/big"
	"regexp"
	"strings"

	"github.com/dop251/goja"
)

// numberFormat is the Go state of an Intl.NumberFormat (its internal slots).
type numberFormat struct {
	locale          string
	numberingSystem string
	sym             *numberSymbols

	style           string
	currency        string
	currencyDisplay string
	currencySign    string
	unit            string
	unitDisplay     string
	notation        string
	compactDisplay  string
	signDisplay     string
	useGrouping     string // "auto", "always", "min2" or "false"

	minInt, minFrac, maxFrac int
	minSig, maxSig           int
	roundingType             string // "fractionDigits", "significantDigits", "morePrecision", "lessPrecision"
	roundingPriority         string
	roundingIncrement        int
	roundingMode             roundingMode
	trailingZeroDisplay      string
	hasSig, hasFrac          bool

	boundFormat *goja.Object
}

// part is one element of formatToParts.
type part struct {
	typ, value string
	source     string // formatRange's startRange/endRange/shared
	unit       string // RelativeTimeFormat's unit
}

var (
	wellFormedCurrency = regexp.MustCompile(`^[A-Za-z]{3}$`)
	numberingSysSyntax = regexp.MustCompile(`^[A-Za-z0-9]{3,8}(-[A-Za-z0-9]{3,8})*$`)
)

// sanctionedUnits are ECMA-402's simple units.
var sanctionedUnits = map[string]bool{}

func init() {
	for _, u := range strings.Fields(`acre bit byte celsius centimeter day degree fahrenheit fluid-ounce foot gallon
		gigabit gigabyte gram hectare hour inch kilobit kilobyte kilogram kilometer liter megabit megabyte meter
		microsecond mile mile-scandinavian milliliter millimeter millisecond minute month nanosecond ounce percent
		petabyte pound second stone terabit terabyte week yard year`) {
		sanctionedUnits[u] = true
	}
}

func isWellFormedUnit(u string) bool {
	if sanctionedUnits[u] {
		return true
	}
	num, den, ok := strings.Cut(u, "-per-")
	return ok && sanctionedUnits[num] && sanctionedUnits[den]
}

// newNumberFormat runs InitializeNumberFormat.
func (r *realm) newNumberFormat(locales, opts goja.Value) *numberFormat {
	req := r.canonicalizeLocaleList(locales)
	op := r.options(opts, "Intl.NumberFormat")
	nf := &numberFormat{}
	op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	nu := op.str("numberingSystem", nil, "")
	if nu != "" && !numberingSysSyntax.MatchString(nu) {
		r.rangeError("Invalid numberingSystem : %s", nu)
	}
	res := lookupLocale(req, anyKnownLanguage)
	nf.locale = res.locale
	if nu == "" {
		if e := res.ext["nu"]; e != "" {
			if _, ok := numberingSystems[e]; ok {
				nu = e
				nf.locale += "-u-nu-" + e
			}
		}
	} else if _, ok := numberingSystems[nu]; !ok {
		nu = ""
	}
	nf.sym = symbolsFor(res.locale, nu)
	nf.numberingSystem = numberingSystemOf(nf.sym.digits)

	nf.style = op.str("style", []string{"decimal", "percent", "currency", "unit"}, "decimal")
	cur := op.get("currency")
	if !isUndef(cur) {
		c := r.str(cur)
		if !wellFormedCurrency.MatchString(c) {
			r.rangeError("Invalid currency code : %s", c)
		}
		nf.currency = strings.ToUpper(c)
	}
	nf.currencyDisplay = op.str("currencyDisplay", []string{"code", "symbol", "narrowSymbol", "name"}, "symbol")
	nf.currencySign = op.str("currencySign", []string{"standard", "accounting"}, "standard")
	unit := op.get("unit")
	if !isUndef(unit) {
		u := r.str(unit)
		if !isWellFormedUnit(u) {
			r.rangeError("Invalid unit argument for Intl.NumberFormat() '%s'", u)
		}
		nf.unit = u
	}
	nf.unitDisplay = op.str("unitDisplay", []string{"short", "narrow", "long"}, "short")
	if nf.style == "currency" && nf.currency == "" {
		r.typeError("Currency code is required with currency style.")
	}
	if nf.style == "unit" && nf.unit == "" {
		r.typeError("Invalid unit argument for Intl.NumberFormat() ''")
	}

	nf.notation = op.str("notation", []string{"standard", "scientific", "engineering", "compact"}, "standard")
	mnfdDefault, mxfdDefault := 0, 3
	switch {
	case nf.style == "currency" && nf.notation == "standard":
		d := currencyMinorDigits(nf.currency)
		mnfdDefault, mxfdDefault = d, d
	case nf.style == "percent":
		mxfdDefault = 0
	}
	r.setDigitOptions(nf, op, mnfdDefault, mxfdDefault)
	nf.compactDisplay = op.str("compactDisplay", []string{"short", "long"}, "short")
	defaultGrouping := "auto"
	if nf.notation == "compact" {
		defaultGrouping = "min2"
	}
	nf.useGrouping = r.groupingOption(op, defaultGrouping)
	nf.signDisplay = op.str("signDisplay", []string{"auto", "never", "always", "exceptZero", "negative"}, "auto")
	return nf
}

// groupingOption is GetBooleanOrStringNumberFormatOption for useGrouping.
func (r *realm) groupingOption(op options, fallback string) string {
	v := op.get("useGrouping")
	if isUndef(v) {
		return fallback
	}
	if b, ok := v.Export().(bool); ok {
		if b {
			return "always"
		}
		return "false"
	}
	if !v.ToBoolean() {
		return "false"
	}
	s := r.str(v)
	switch s {
	case "min2", "auto", "always":
		return s
	case "true", "false":
		return fallback
	}
	r.rangeError("Value %s out of range for Intl.NumberFormat options property useGrouping", s)
	return ""
}

// setDigitOptions is SetNumberFormatDigitOptions (ECMA-402 2023).
func (r *realm) setDigitOptions(nf *numberFormat, op options, mnfdDefault, mxfdDefault int) {
	nf.minInt, _ = op.number("minimumIntegerDigits", 1, 21, 1)
	mnfdV, mxfdV := op.get("minimumFractionDigits"), op.get("maximumFractionDigits")
	mnsdV, mxsdV := op.get("minimumSignificantDigits"), op.get("maximumSignificantDigits")
	nf.roundingIncrement, _ = op.number("roundingIncrement", 1, 5000, 1)
	switch nf.roundingIncrement {
	case 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000:
	default:
		r.rangeError("roundingIncrement value is out of range.")
	}
	mode := op.str("roundingMode", roundingModeNames, "halfExpand")
	for i, n := range roundingModeNames {
		if n == mode {
			nf.roundingMode = roundingMode(i)
		}
	}
	nf.roundingPriority = op.str("roundingPriority", []string{"auto", "morePrecision", "lessPrecision"}, "auto")
	nf.trailingZeroDisplay = op.str("trailingZeroDisplay", []string{"auto", "stripIfInteger"}, "auto")
	if nf.roundingIncrement != 1 {
		mxfdDefault = mnfdDefault
	}
	nf.hasSig = !isUndef(mnsdV) || !isUndef(mxsdV)
	nf.hasFrac = !isUndef(mnfdV) || !isUndef(mxfdV)
	needSd, needFd := true, true
	if nf.roundingPriority == "auto" {
		needSd = nf.hasSig
		if needSd || !nf.hasFrac && nf.notation == "compact" {
			needFd = false
		}
	}
	if needSd {
		if nf.hasSig {
			nf.minSig = r.defaultNumber(mnsdV, "minimumSignificantDigits", 1, 21, 1)
			nf.maxSig = r.defaultNumber(mxsdV, "maximumSignificantDigits", nf.minSig, 21, 21)
		} else {
			nf.minSig, nf.maxSig = 1, 21
		}
	}
	if needFd {
		if nf.hasFrac {
			mnfd := r.defaultNumber(mnfdV, "minimumFractionDigits", 0, 100, -1)
			mxfd := r.defaultNumber(mxfdV, "maximumFractionDigits", 0, 100, -1)
			switch {
			case mnfd == -1:
				mnfd = min(mnfdDefault, mxfd)
			case mxfd == -1:
				mxfd = max(mxfdDefault, mnfd)
			case mnfd > mxfd:
				r.rangeError("maximumFractionDigits value is out of range.")
			}
			nf.minFrac, nf.maxFrac = mnfd, mxfd
		} else {
			nf.minFrac, nf.maxFrac = mnfdDefault, mxfdDefault
		}
	}
	switch {
	case !needSd && !needFd:
		nf.minFrac, nf.maxFrac, nf.minSig, nf.maxSig = 0, 0, 1, 2
		nf.roundingType = "morePrecision"
		nf.roundingPriority = "morePrecision"
	case nf.roundingPriority == "morePrecision" || nf.roundingPriority == "lessPrecision":
		nf.roundingType = nf.roundingPriority
	case nf.hasSig:
		nf.roundingType = "significantDigits"
	default:
		nf.roundingType = "fractionDigits"
	}
	if nf.roundingIncrement != 1 && (nf.roundingType != "fractionDigits" || nf.maxFrac != nf.minFrac) {
		r.rangeError("maximumFractionDigits value is out of range.")
	}
}

func (r *realm) defaultNumber(v goja.Value, name string, lo, hi, fallback int) int {
	if isUndef(v) {
		return fallback
	}
	f := v.ToFloat()
	if f != f || f < float64(lo) || f > float64(hi) {
		r.rangeError("%s value is out of range.", name)
	}
	return int(math.Floor(f))
}

func currencyMinorDigits(code string) int {
	if d, ok := currencyDigits[code]; ok {
		return d
	}
	return 2
}

// plainNumberFormat is the default decimal format, for services that format numbers internally.
func plainNumberFormat(sym *numberSymbols) *numberFormat {
	return &numberFormat{style: "decimal", notation: "standard", useGrouping: "auto", signDisplay: "auto",
		minInt: 1, maxFrac: 3, roundingType: "fractionDigits", roundingIncrement: 1, sym: sym,
		trailingZeroDisplay: "auto", roundingPriority: "auto"}
}

// numericValue is what format() was given, after ToIntlMathematicalValue.
type numericValue struct {
	d        decimal
	neg      bool
	nan, inf bool
}

func (r *realm) toIntlMathematicalValue(v goja.Value) numericValue {
	if o, ok := v.(*goja.Object); ok {
		v = toPrimitiveNumber(r, o)
	}
	switch x := v.Export().(type) {
	case *big.Int:
		return numericValue{d: decimalFromBig(x), neg: x.Sign() < 0}
	case string:
		if d, neg, ok := decimalFromString(x); ok && !strings.ContainsAny(strings.ToLower(x), "xob") {
			return numericValue{d: d, neg: neg}
		}
		return floatValue(v.ToFloat())
	}
	return floatValue(v.ToFloat())
}

// toPrimitiveNumber keeps a BigInt or string result of an object's valueOf, as ToPrimitive does.
func toPrimitiveNumber(r *realm, o *goja.Object) goja.Value {
	for _, name := range []string{"valueOf", "toString"} {
		if f, ok := goja.AssertFunction(o.Get(name)); ok {
			v, err := f(o)
			if err != nil {
				panic(err)
			}
			if _, isObj := v.(*goja.Object); !isObj {
				return v
			}
		}
	}
	r.typeError("Cannot convert object to primitive value")
	return nil
}

func floatValue(f float64) numericValue {
	switch {
	case math.IsNaN(f):
		return numericValue{nan: true}
	case math.IsInf(f, 0):
		return numericValue{inf: true, neg: f < 0}
	}
	return numericValue{d: decimalFromFloat(f), neg: math.Signbit(f)}
}

// roundNumber applies the format's rounding to a magnitude already scaled for notation.
func (nf *numberFormat) roundNumber(d decimal, neg bool) decimal {
	bySig := func() decimal {
		if d.isZero() {
			return d
		}
		return d.roundAt(d.exp-nf.maxSig, nf.roundingMode, neg)
	}
	byFrac := func() decimal {
		if nf.roundingIncrement != 1 {
			return roundToIncrement(d, nf.roundingIncrement, nf.maxFrac, nf.roundingMode, neg)
		}
		return d.roundAt(-nf.maxFrac, nf.roundingMode, neg)
	}
	switch nf.roundingType {
	case "significantDigits":
		return bySig()
	case "fractionDigits":
		return byFrac()
	}
	a, b := bySig(), byFrac()
	// The result with more precision is the one rounded at the lower position.
	aPos, bPos := d.exp-nf.maxSig, -nf.maxFrac
	if nf.roundingType == "morePrecision" {
		if aPos <= bPos {
			return a
		}
		return b
	}
	if aPos >= bPos {
		return a
	}
	return b
}

// usedSig reports whether formatting pads by significant digits (for minimum digit counts).
func (nf *numberFormat) usedSig(d decimal) bool {
	switch nf.roundingType {
	case "significantDigits":
		return true
	case "fractionDigits":
		return false
	}
	aPos, bPos := d.exp-nf.maxSig, -nf.maxFrac
	if nf.roundingType == "morePrecision" {
		return aPos <= bPos
	}
	return aPos >= bPos
}

func roundToIncrement(d decimal, inc, maxFrac int, mode roundingMode, neg bool) decimal {
	// Round d / (inc × 10^-maxFrac) to an integer, then scale back.
	scaled := new(big.Float).SetPrec(256)
	ip, fp := d.intAndFrac()
	scaled.SetString(ip + "." + fp + "0")
	unit := new(big.Float).SetPrec(256).Quo(big.NewFloat(float64(inc)), new(big.Float).SetPrec(256).SetFloat64(math.Pow10(maxFrac)))
	q := new(big.Float).SetPrec(256).Quo(scaled, unit)
	qs := q.Text('f', 40)
	qd, _, _ := decimalFromString(qs)
	qd = qd.roundAt(0, mode, neg)
	qi, _ := qd.intAndFrac()
	n, _ := new(big.Int).SetString(qi, 10)
	n.Mul(n, big.NewInt(int64(inc)))
	res := decimalFromBig(n)
	return res.shift(-maxFrac)
}

// formatToParts produces the parts for one value.
func (nf *numberFormat) formatToParts(v numericValue) []part {
	var parts []part
	var numParts []part
	neg := v.neg
	isZero := false
	exponent := 0
	compactSuffix := ""
	switch {
	case v.nan:
		numParts = []part{{typ: "nan", value: "NaN"}}
		neg = false
	case v.inf:
		numParts = []part{{typ: "infinity", value: "∞"}}
	default:
		d := v.d
		if nf.style == "percent" {
			d = d.shift(2)
		}
		d, exponent, compactSuffix = nf.applyNotation(d, neg)
		isZero = d.isZero()
		numParts = nf.digitParts(d, neg)
	}

	// Sign.
	sign := ""
	switch nf.signDisplay {
	case "auto":
		if neg {
			sign = "-"
		}
	case "always":
		sign = "+"
		if neg {
			sign = "-"
		}
	case "exceptZero":
		if !isZero && !v.nan {
			sign = "+"
			if neg {
				sign = "-"
			}
		}
	case "negative":
		if neg && !isZero {
			sign = "-"
		}
	}
	accounting := nf.style == "currency" && nf.currencySign == "accounting" && sign == "-"
	signPart := func() {
		switch {
		case accounting:
			parts = append(parts, part{typ: "literal", value: "("})
		case sign == "-":
			parts = append(parts, part{typ: "minusSign", value: nf.sym.minus})
		case sign == "+":
			parts = append(parts, part{typ: "plusSign", value: nf.sym.plus})
		}
	}
	closeAccounting := func() {
		if accounting {
			parts = append(parts, part{typ: "literal", value: ")"})
		}
	}

	// Exponent or compact suffix belong to the number.
	if nf.notation == "scientific" || nf.notation == "engineering" {
		if !v.nan && !v.inf {
			numParts = append(numParts, part{typ: "exponentSeparator", value: "E"})
			if exponent < 0 {
				numParts = append(numParts, part{typ: "exponentMinusSign", value: nf.sym.minus})
				exponent = -exponent
			}
			numParts = append(numParts, part{typ: "exponentInteger", value: nf.localDigits(formatIntString(exponent))})
		}
	}
	if compactSuffix != "" {
		if nf.compactDisplay == "long" {
			numParts = append(numParts, part{typ: "literal", value: " "}, part{typ: "compact", value: compactSuffix})
		} else {
			numParts = append(numParts, part{typ: "compact", value: compactSuffix})
		}
	}

	switch nf.style {
	case "percent":
		signPart()
		if nf.sym.percentPre != "" {
			parts = append(parts, affixParts(nf.sym.percentPre, nf.sym.percentSign, "percentSign")...)
		}
		parts = append(parts, numParts...)
		parts = append(parts, affixParts(nf.sym.percentPost, nf.sym.percentSign, "percentSign")...)
	case "currency":
		nf.currencyParts(&parts, numParts, signPart, closeAccounting, v)
	case "unit":
		signPart()
		pattern := nf.unitPattern(v)
		before, after, _ := strings.Cut(pattern, "{0}")
		parts = append(parts, unitAffix(before)...)
		parts = append(parts, numParts...)
		parts = append(parts, unitAffix(after)...)
	default:
		signPart()
		parts = append(parts, numParts...)
	}
	return parts
}

// affixParts splits a percent or currency affix into the symbol and literal spacing.
func affixParts(affix, symbol, typ string) []part {
	if affix == "" {
		return nil
	}
	i := strings.Index(affix, symbol)
	if i < 0 {
		return []part{{typ: "literal", value: affix}}
	}
	var out []part
	if i > 0 {
		out = append(out, part{typ: "literal", value: affix[:i]})
	}
	out = append(out, part{typ: typ, value: symbol})
	if rest := affix[i+len(symbol):]; rest != "" {
		out = append(out, part{typ: "literal", value: rest})
	}
	return out
}

// unitAffix splits " km/h" into a literal space and the unit.
func unitAffix(s string) []part {
	if s == "" {
		return nil
	}
	trimmed := strings.TrimLeft(s, " \u00a0\u202f")
	lead := s[:len(s)-len(trimmed)]
	core := strings.TrimRight(trimmed, " \u00a0\u202f")
	trail := trimmed[len(core):]
	var out []part
	if lead != "" {
		out = append(out, part{typ: "literal", value: lead})
	}
	if core != "" {
		out = append(out, part{typ: "unit", value: core})
	}
	if trail != "" {
		out = append(out, part{typ: "literal", value: trail})
	}
	return out
}

func (nf *numberFormat) unitPattern(v numericValue) string {
	plural := "other"
	if !v.nan && !v.inf {
		d, _, _ := nf.applyNotation(v.d, v.neg)
		if ip, fp := d.intAndFrac(); ip == "1" && fp == "" && !nf.needsFractionPadding(d) {
			plural = "one"
		}
	}
	if p, ok := enUnitPatterns[nf.unit+"|"+nf.unitDisplay+"|"+plural]; ok {
		return p
	}
	num, den, ok := strings.Cut(nf.unit, "-per-")
	if ok {
		a := enUnitPatterns[num+"|"+nf.unitDisplay+"|"+plural]
		b := enUnitPatterns[den+"|"+nf.unitDisplay+"|one"]
		unitB := strings.TrimSpace(strings.Replace(b, "{0}", "", 1))
		if nf.unitDisplay == "long" {
			return a + " per " + unitB
		}
		return a + "/" + unitB
	}
	return "{0} " + nf.unit
}

func (nf *numberFormat) needsFractionPadding(d decimal) bool {
	if nf.usedSig(d) {
		return nf.minSig > 1
	}
	return nf.minFrac > 0
}

// currencyParts lays out a currency amount by the locale's currency pattern.
func (nf *numberFormat) currencyParts(parts *[]part, numParts []part, signPart, closeAccounting func(), v numericValue) {
	code := nf.currency
	if nf.currencyDisplay == "name" {
		plural := "other"
		if ip, fp := joinDigits(numParts); ip == "1" && fp == "" && !v.nan {
			plural = "one"
		}
		name := enCurrencyNames[code+"|"+plural]
		if name == "" {
			name = code
		}
		signPart()
		*parts = append(*parts, numParts...)
		*parts = append(*parts, part{typ: "literal", value: " "}, part{typ: "currency", value: name})
		closeAccounting()
		return
	}
	symbol := code
	switch nf.currencyDisplay {
	case "symbol":
		symbol = currencySymbol(nf.locale, code, false)
	case "narrowSymbol":
		symbol = currencySymbol(nf.locale, code, true)
	}
	layout := currencyLayoutFor(nf.locale)
	if layout == currencySuffix {
		signPart()
		*parts = append(*parts, numParts...)
		*parts = append(*parts, part{typ: "literal", value: "\u00a0"}, part{typ: "currency", value: symbol})
		closeAccounting()
		return
	}
	if !currencySignAfterSymbol(nf.locale) {
		signPart()
	}
	*parts = append(*parts, part{typ: "currency", value: symbol})
	if layout == currencyPrefixSpace || nf.currencyDisplay == "code" || endsWithLetter(symbol) {
		*parts = append(*parts, part{typ: "literal", value: "\u00a0"})
	}
	if currencySignAfterSymbol(nf.locale) {
		signPart()
	}
	*parts = append(*parts, numParts...)
	closeAccounting()
}

func endsWithLetter(s string) bool {
	if s == "" {
		return false
	}
	c := s[len(s)-1]
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

func joinDigits(ps []part) (ip, fp string) {
	for _, p := range ps {
		switch p.typ {
		case "integer":
			ip += p.value
		case "fraction":
			fp += p.value
		}
	}
	return ip, fp
}

// applyNotation scales d for scientific, engineering and compact notation and rounds it, returning the
// exponent shown (scientific) or the compact suffix.
func (nf *numberFormat) applyNotation(d decimal, neg bool) (decimal, int, string) {
	switch nf.notation {
	case "scientific", "engineering":
		if d.isZero() {
			return nf.roundNumber(d, neg), 0, ""
		}
		e := d.magnitude()
		if nf.notation == "engineering" {
			e = floorDiv(e, 3) * 3
		}
		rd := nf.roundNumber(d.shift(-e), neg)
		if !rd.isZero() && (rd.magnitude() >= 1 && nf.notation == "scientific" || rd.magnitude() >= 3) {
			// Rounding carried into a new digit (9.99 → 10): move the exponent.
			step := 1
			if nf.notation == "engineering" {
				step = 3
			}
			e += step
			rd = nf.roundNumber(d.shift(-e), neg)
		}
		return rd, e, ""
	case "compact":
		if d.isZero() {
			return nf.roundNumber(d, neg), 0, ""
		}
		e := compactExponent(d.magnitude())
		rd := nf.roundNumber(d.shift(-e), neg)
		if !rd.isZero() {
			if e2 := compactExponent(rd.shift(e).magnitude()); e2 != e {
				e = e2
				rd = nf.roundNumber(d.shift(-e), neg)
			}
		}
		return rd, e, compactSuffix(e, nf.compactDisplay)
	}
	return nf.roundNumber(d, neg), 0, ""
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// compactExponent picks English compact notation's power of ten for a magnitude: thousands up to trillions.
func compactExponent(mag int) int {
	switch {
	case mag < 3:
		return 0
	case mag >= 15:
		return 12
	}
	return mag / 3 * 3
}

func compactSuffix(e int, display string) string {
	short := map[int]string{3: "K", 6: "M", 9: "B", 12: "T"}
	long := map[int]string{3: "thousand", 6: "million", 9: "billion", 12: "trillion"}
	if display == "long" {
		return long[e]
	}
	return short[e]
}

// digitParts renders a rounded magnitude as integer/group/decimal/fraction parts.
func (nf *numberFormat) digitParts(d decimal, _ bool) []part {
	ip, fp := d.intAndFrac()
	if nf.usedSig(d) {
		sig := len(strings.TrimLeft(ip, "0")) + len(fp)
		if strings.TrimLeft(ip, "0") == "" {
			sig = len(strings.TrimLeft(fp, "0"))
			if d.isZero() {
				sig = 1
			}
		}
		for sig < nf.minSig {
			fp += "0"
			sig++
		}
		if nf.roundingType != "significantDigits" {
			for len(fp) < nf.minFrac {
				fp += "0"
			}
		}
	} else {
		for len(fp) < nf.minFrac {
			fp += "0"
		}
	}
	for len(ip) < nf.minInt {
		ip = "0" + ip
	}
	if nf.trailingZeroDisplay == "stripIfInteger" && strings.Trim(fp, "0") == "" {
		fp = ""
	}
	var out []part
	groups := nf.sym.groupDigits(nf.localDigits(ip), nf.useGrouping)
	for i, g := range groups {
		if i > 0 {
			out = append(out, part{typ: "group", value: nf.sym.group})
		}
		out = append(out, part{typ: "integer", value: g})
	}
	if fp != "" {
		out = append(out, part{typ: "decimal", value: nf.sym.decimal}, part{typ: "fraction", value: nf.localDigits(fp)})
	}
	return out
}

func (nf *numberFormat) localDigits(s string) string {
	if nf.sym.digits[0] == "0" {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b.WriteString(nf.sym.digits[c-'0'])
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func formatIntString(i int) string {
	return new(big.Int).SetInt64(int64(i)).String()
}

func joinParts(ps []part) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.value)
	}
	return b.String()
}

func (nf *numberFormat) format(v numericValue) string {
	return joinParts(nf.formatToParts(v))
}

// formatRange is ECMA-402's FormatNumericRange with English range patterns: an en dash, spaced when the
// numbers carry symbols, and "~" for values that format the same.
func (nf *numberFormat) formatRangeToParts(x, y numericValue) []part {
	a, b := nf.formatToParts(x), nf.formatToParts(y)
	if joinParts(a) == joinParts(b) {
		out := []part{{typ: "approximatelySign", value: "~", source: "shared"}}
		for _, p := range a {
			p.source = "shared"
			out = append(out, p)
		}
		return out
	}
	sep := "–"
	for _, p := range append(append([]part{}, a...), b...) {
		if p.typ == "currency" || p.typ == "unit" || p.typ == "percentSign" || p.typ == "compact" {
			sep = " – "
			break
		}
	}
	var out []part
	for _, p := range a {
		p.source = "startRange"
		out = append(out, p)
	}
	out = append(out, part{typ: "literal", value: sep, source: "shared"})
	for _, p := range b {
		p.source = "endRange"
		out = append(out, p)
	}
	return out
}
