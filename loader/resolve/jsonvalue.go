package resolve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// jkind is the JSON type of a jval.
type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

// jval is a parsed JSON value that keeps object keys in document order.
// "exports" and "imports" are resolved by walking keys in the order
// JavaScript's Object.getOwnPropertyNames gives them, so a Go map (random
// order) cannot hold them.
type jval struct {
	kind jkind
	b    bool
	s    string // string value, or the number's JavaScript string form
	arr  []*jval
	keys []string
	vals []*jval
}

// get returns the value of an own key of an object.
func (v *jval) get(key string) (*jval, bool) {
	if v == nil || v.kind != jObject {
		return nil, false
	}
	for i, k := range v.keys {
		if k == key {
			return v.vals[i], true
		}
	}
	return nil, false
}

// ownKeys returns what Object.getOwnPropertyNames returns for the value as
// far as resolution cares: an object's keys with integer-like keys first (in
// ascending numeric order), then the others in document order. Strings and
// arrays have index keys, which never contain "*" nor start with ".", so
// callers that only look for such keys may treat them as empty.
func (v *jval) ownKeys() []string {
	if v == nil || v.kind != jObject {
		return nil
	}
	var idx []string
	for _, k := range v.keys {
		if isIntegerIndex(k) {
			idx = append(idx, k)
		}
	}
	if len(idx) == 0 {
		return v.keys
	}
	sortIndexKeys(idx)
	out := make([]string, 0, len(v.keys))
	out = append(out, idx...)
	for _, k := range v.keys {
		if !isIntegerIndex(k) {
			out = append(out, k)
		}
	}
	return out
}

func sortIndexKeys(keys []string) {
	// Insertion sort: objects in package.json are tiny.
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0; j-- {
			a, _ := strconv.ParseUint(keys[j-1], 10, 64)
			b, _ := strconv.ParseUint(keys[j], 10, 64)
			if a <= b {
				break
			}
			keys[j-1], keys[j] = keys[j], keys[j-1]
		}
	}
}

// isIntegerIndex reports whether JavaScript treats key as an array index
// (canonical decimal integer below 2^32-1), which orders it first among an
// object's own keys.
func isIntegerIndex(k string) bool {
	if k == "" || len(k) > 10 || (len(k) > 1 && k[0] == '0') {
		return false
	}
	n, err := strconv.ParseUint(k, 10, 64)
	return err == nil && n < math.MaxUint32
}

// isNodeArrayIndex is Node's isArrayIndex from esm/resolve: the key round-trips
// through Number and lies in [0, 2^32-1). It is broader than isIntegerIndex
// ("1.5" and "1e-7" pass), and that is what decides ERR_INVALID_PACKAGE_CONFIG.
func isNodeArrayIndex(k string) bool {
	f, ok := jsToNumber(k)
	if !ok || jsNumberString(f) != k {
		return false
	}
	return f >= 0 && f < 0xFFFF_FFFF
}

// jsToNumber approximates JavaScript's ToNumber on a string for the canonical
// numeric strings isNodeArrayIndex cares about.
func jsToNumber(s string) (float64, bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, true
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, false
	}
	return f, true
}

// jsNumberString formats f as JavaScript's Number.prototype.toString does.
func jsNumberString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	neg := f < 0
	if neg {
		f = -f
	}
	// Shortest round-tripping digits and exponent, as ECMAScript requires.
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddddde±XX
	mant, expStr, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	exp, _ := strconv.Atoi(expStr)
	k := len(digits)
	n := exp + 1 // position of the decimal point relative to the digits
	var out string
	switch {
	case k <= n && n <= 21:
		out = digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		out = digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		out = "0." + strings.Repeat("0", -n) + digits
	default:
		sign := "+"
		if n-1 < 0 {
			sign = "-"
		}
		ex := n - 1
		if ex < 0 {
			ex = -ex
		}
		if k == 1 {
			out = digits + "e" + sign + strconv.Itoa(ex)
		} else {
			out = digits[:1] + "." + digits[1:] + "e" + sign + strconv.Itoa(ex)
		}
	}
	if neg {
		return "-" + out
	}
	return out
}

// jsString is `${value}` in JavaScript for the primitive kinds a package.json
// target can hold.
func (v *jval) jsString() string {
	switch v.kind {
	case jNull:
		return "null"
	case jBool:
		if v.b {
			return "true"
		}
		return "false"
	case jNumber, jString:
		return v.s
	}
	return "[object Object]"
}

// jsonQuote is JSON.stringify of a string.
func jsonQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// parseJval decodes one JSON document into an ordered value. Duplicate keys
// keep their first position and their last value, as JSON.parse does.
func parseJval(data []byte) (*jval, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	v, err := parseJvalTok(dec, tok)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("unexpected data after the JSON value")
	}
	return v, nil
}

func parseJvalTok(dec *json.Decoder, tok json.Token) (*jval, error) {
	switch t := tok.(type) {
	case nil:
		return &jval{kind: jNull}, nil
	case bool:
		return &jval{kind: jBool, b: t}, nil
	case string:
		return &jval{kind: jString, s: t}, nil
	case json.Number:
		f, err := strconv.ParseFloat(string(t), 64)
		if err != nil && !isRangeErr(err) {
			return nil, err
		}
		return &jval{kind: jNumber, s: jsNumberString(f)}, nil
	case json.Delim:
		switch t {
		case '[':
			v := &jval{kind: jArray}
			for dec.More() {
				et, err := dec.Token()
				if err != nil {
					return nil, err
				}
				ev, err := parseJvalTok(dec, et)
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, ev)
			}
			if _, err := dec.Token(); err != nil { // ']'
				return nil, err
			}
			return v, nil
		case '{':
			v := &jval{kind: jObject}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("expected an object key, got %v", kt)
				}
				vt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				val, err := parseJvalTok(dec, vt)
				if err != nil {
					return nil, err
				}
				replaced := false
				for i, k := range v.keys {
					if k == key {
						v.vals[i] = val
						replaced = true
						break
					}
				}
				if !replaced {
					v.keys = append(v.keys, key)
					v.vals = append(v.vals, val)
				}
			}
			if _, err := dec.Token(); err != nil { // '}'
				return nil, err
			}
			return v, nil
		}
	}
	return nil, fmt.Errorf("unexpected JSON token %v", tok)
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}
