package intrinsics

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// decimal is an exact non-negative decimal: 0.d[0]d[1]... × 10^exp, digits without leading or trailing
// zeros (zero has no digits). ECMA-402 formats the mathematical value of a Number, which for ICU is the
// shortest round-trip decimal, so 1.005 rounds to "1.01" where toFixed gives "1.00".
type decimal struct {
	digits []byte // ASCII '0'..'9'
	exp    int
}

func decimalFromFloat(f float64) decimal {
	f = math.Abs(f)
	if f == 0 {
		return decimal{}
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // d.ddddde±xx
	mant, expStr, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(expStr)
	ds := []byte(strings.Replace(mant, ".", "", 1))
	return decimal{digits: ds, exp: e + 1}.trim()
}

func decimalFromBig(b *big.Int) decimal {
	s := new(big.Int).Abs(b).String()
	if s == "0" {
		return decimal{}
	}
	return decimal{digits: []byte(s), exp: len(s)}.trim()
}

// decimalFromString parses an ECMAScript StringNumericLiteral's decimal form exactly ("1234.5678e-2");
// ok is false for anything else, which the caller treats as NaN or converts through Number.
func decimalFromString(s string) (d decimal, neg, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return decimal{}, false, true
	}
	switch s[0] {
	case '-':
		neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	mant, expPart, hasExp := strings.Cut(strings.ToLower(s), "e")
	e := 0
	if hasExp {
		v, err := strconv.Atoi(expPart)
		if err != nil {
			return decimal{}, false, false
		}
		e = v
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart == "" && frac == "" {
		return decimal{}, false, false
	}
	all := intPart + frac
	for i := 0; i < len(all); i++ {
		if all[i] < '0' || all[i] > '9' {
			return decimal{}, false, false
		}
	}
	d = decimal{digits: []byte(all), exp: len(intPart) + e}.trim()
	if d.exp > maxDecimalExp || d.exp < -maxDecimalExp {
		// "1e1000000000" would render a billion digits; such strings go through Number instead.
		return decimal{}, false, false
	}
	return d, neg, true
}

// maxDecimalExp bounds the exponent of decimal strings formatted exactly (V8 rejects far smaller
// strings' digits than this anyway; the bound only keeps allocation sane).
const maxDecimalExp = 1000

func (d decimal) trim() decimal {
	i := 0
	for i < len(d.digits) && d.digits[i] == '0' {
		i++
	}
	d.digits = d.digits[i:]
	d.exp -= i
	j := len(d.digits)
	for j > 0 && d.digits[j-1] == '0' {
		j--
	}
	d.digits = d.digits[:j]
	if len(d.digits) == 0 {
		return decimal{}
	}
	return d
}

func (d decimal) isZero() bool { return len(d.digits) == 0 }

// magnitude is the exponent of the leading digit (floor(log10)); meaningless for zero.
func (d decimal) magnitude() int { return d.exp - 1 }

func (d decimal) shift(n int) decimal {
	if d.isZero() {
		return d
	}
	d.exp += n
	return d
}

// roundingMode is ECMA-402's roundingMode option.
type roundingMode int

const (
	roundHalfExpand roundingMode = iota
	roundCeil
	roundFloor
	roundExpand
	roundTrunc
	roundHalfCeil
	roundHalfFloor
	roundHalfTrunc
	roundHalfEven
)

var roundingModeNames = []string{"halfExpand", "ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfTrunc", "halfEven"}

// roundAt keeps the digits above 10^pos (pos = -2 keeps two fraction digits), rounding by mode; neg says
// whether the value being rounded is negative, which the directed modes need.
func (d decimal) roundAt(pos int, mode roundingMode, neg bool) decimal {
	if d.isZero() {
		return d
	}
	keep := d.exp - pos // number of leading digits kept
	if keep >= len(d.digits) {
		return d
	}
	var kept []byte
	if keep > 0 {
		kept = append([]byte(nil), d.digits[:keep]...)
	}
	// Classify the discarded part against one half unit.
	var first byte = '0'
	rest := false
	if keep >= 0 {
		first = d.digits[keep]
		rest = keep+1 < len(d.digits)
	} else {
		rest = true // all digits lie below the first discarded position
	}
	half := 0 // -1 below half, 0 exactly half, 1 above half
	switch {
	case keep < 0:
		half = -1
	case first > '5' || first == '5' && rest:
		half = 1
	case first == '5':
		half = 0
	default:
		half = -1
	}
	lastOdd := len(kept) > 0 && (kept[len(kept)-1]-'0')%2 == 1
	up := false
	switch mode {
	case roundCeil:
		up = !neg
	case roundFloor:
		up = neg
	case roundExpand:
		up = true
	case roundTrunc:
		up = false
	case roundHalfExpand:
		up = half >= 0
	case roundHalfTrunc:
		up = half > 0
	case roundHalfCeil:
		up = half > 0 || half == 0 && !neg
	case roundHalfFloor:
		up = half > 0 || half == 0 && neg
	case roundHalfEven:
		up = half > 0 || half == 0 && lastOdd
	}
	if keep < 0 {
		keep = 0
	}
	res := decimal{digits: kept, exp: d.exp}
	if keep == 0 {
		res = decimal{exp: pos}
	}
	if up {
		res = res.addUnit(pos)
	}
	return res.trim()
}

// addUnit adds 10^pos to d, whose digits all lie at or above 10^pos.
func (d decimal) addUnit(pos int) decimal {
	if d.isZero() {
		return decimal{digits: []byte{'1'}, exp: pos + 1}
	}
	n := d.exp - pos // digits down to 10^pos
	ds := make([]byte, n)
	copy(ds, d.digits)
	for i := len(d.digits); i < n; i++ {
		ds[i] = '0'
	}
	i := n - 1
	for ; i >= 0; i-- {
		if ds[i] == '9' {
			ds[i] = '0'
			continue
		}
		ds[i]++
		break
	}
	exp := d.exp
	if i < 0 {
		ds = append([]byte{'1'}, ds...)
		exp++
	}
	return decimal{digits: ds, exp: exp}
}

// intAndFrac renders the digits around the decimal point without grouping or padding.
func (d decimal) intAndFrac() (intPart, frac string) {
	if d.isZero() {
		return "0", ""
	}
	if d.exp <= 0 {
		return "0", strings.Repeat("0", -d.exp) + string(d.digits)
	}
	if d.exp >= len(d.digits) {
		return string(d.digits) + strings.Repeat("0", d.exp-len(d.digits)), ""
	}
	return string(d.digits[:d.exp]), string(d.digits[d.exp:])
}

// fracDigits is the number of digits after the decimal point.
func (d decimal) fracDigits() int {
	if n := len(d.digits) - d.exp; n > 0 {
		return n
	}
	return 0
}
