package crypto

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// encoding is one of Node's Buffer encodings, as crypto's C++ layer parses them.
type encoding int

const (
	encBuffer encoding = iota
	encUTF8
	encHex
	encBase64
	encBase64URL
	encLatin1
	encASCII
	encUCS2
)

// parseEncoding maps a Node encoding name to an encoding; unknown names give def, as Node's
// ParseEncoding does (digest('nope') returns a Buffer, update(s, 'nope') reads UTF-8).
func parseEncoding(v goja.Value, def encoding) encoding {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return def
	}
	s, ok := v.Export().(string)
	if !ok {
		return def
	}
	switch strings.ToLower(s) {
	case "utf8", "utf-8":
		return encUTF8
	case "hex":
		return encHex
	case "base64":
		return encBase64
	case "base64url":
		return encBase64URL
	case "latin1", "binary":
		return encLatin1
	case "ascii":
		return encASCII
	case "ucs2", "ucs-2", "utf16le", "utf-16le":
		return encUCS2
	case "buffer":
		return encBuffer
	}
	return def
}

// decodeString turns a JavaScript string into bytes the way Buffer.from(s, enc) does.
func decodeString(s goja.String, enc encoding) []byte {
	n := s.Length()
	switch enc {
	case encLatin1, encASCII:
		out := make([]byte, n)
		for i := 0; i < n; i++ {
			out[i] = byte(s.CharAt(i))
		}
		return out
	case encUCS2:
		out := make([]byte, 2*n)
		for i := 0; i < n; i++ {
			c := s.CharAt(i)
			out[2*i], out[2*i+1] = byte(c), byte(c>>8)
		}
		return out
	case encHex:
		return decodeHex(s)
	case encBase64, encBase64URL:
		return decodeBase64(s)
	}
	return utf8Of(s)
}

// utf8Of encodes a string as UTF-8; lone surrogates become U+FFFD as in Node.
func utf8Of(s goja.String) []byte {
	n := s.Length()
	ascii := true
	for i := 0; i < n; i++ {
		if s.CharAt(i) >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		out := make([]byte, n)
		for i := 0; i < n; i++ {
			out[i] = byte(s.CharAt(i))
		}
		return out
	}
	out := make([]byte, 0, n*3)
	for i := 0; i < n; i++ {
		c := rune(s.CharAt(i))
		if utf16.IsSurrogate(c) {
			if c < 0xDC00 && i+1 < n {
				if d := rune(s.CharAt(i + 1)); d >= 0xDC00 && d <= 0xDFFF {
					out = utf8.AppendRune(out, utf16.DecodeRune(c, d))
					i++
					continue
				}
			}
			c = utf8.RuneError
		}
		out = utf8.AppendRune(out, c)
	}
	return out
}

func hexNibble(c uint16) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return byte(c - '0'), true
	case c >= 'a' && c <= 'f':
		return byte(c - 'a' + 10), true
	case c >= 'A' && c <= 'F':
		return byte(c - 'A' + 10), true
	}
	return 0, false
}

// decodeHex stops at the first pair that is not hex, as Node does.
func decodeHex(s goja.String) []byte {
	n := s.Length() / 2
	out := make([]byte, 0, n)
	for i := 0; i < n; i++ {
		hi, ok1 := hexNibble(s.CharAt(2 * i))
		lo, ok2 := hexNibble(s.CharAt(2*i + 1))
		if !ok1 || !ok2 {
			break
		}
		out = append(out, hi<<4|lo)
	}
	return out
}

func base64Value(c uint16) (byte, bool) {
	switch {
	case c >= 'A' && c <= 'Z':
		return byte(c - 'A'), true
	case c >= 'a' && c <= 'z':
		return byte(c - 'a' + 26), true
	case c >= '0' && c <= '9':
		return byte(c - '0' + 52), true
	case c == '+' || c == '-':
		return 62, true
	case c == '/' || c == '_':
		return 63, true
	}
	return 0, false
}

// decodeBase64 accepts both alphabets, skips characters outside them and stops at '=', which is
// how Node reads base64 and base64url alike.
func decodeBase64(s goja.String) []byte {
	n := s.Length()
	out := make([]byte, 0, n*3/4)
	var acc uint32
	bits := 0
	for i := 0; i < n; i++ {
		c := s.CharAt(i)
		if c == '=' {
			break
		}
		v, ok := base64Value(c)
		if !ok {
			continue
		}
		acc = acc<<6 | uint32(v)
		bits += 6
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	return out
}

// encodeBytes is buf.toString(enc) for the string encodings; callers handle encBuffer.
func encodeBytes(vm *goja.Runtime, b []byte, enc encoding) goja.Value {
	switch enc {
	case encHex:
		return vm.ToValue(hex.EncodeToString(b))
	case encBase64:
		return vm.ToValue(base64.StdEncoding.EncodeToString(b))
	case encBase64URL:
		return vm.ToValue(base64.RawURLEncoding.EncodeToString(b))
	case encLatin1:
		return latin1String(vm, b)
	case encASCII:
		u := make([]byte, len(b))
		for i, c := range b {
			u[i] = c & 0x7f
		}
		return vm.ToValue(string(u))
	case encUCS2:
		units := make([]uint16, len(b)/2)
		for i := range units {
			units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
		return goja.StringFromUTF16(units)
	}
	return vm.ToValue(utf8String(b))
}

func latin1String(vm *goja.Runtime, b []byte) goja.Value {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return vm.ToValue(string(b))
	}
	units := make([]uint16, len(b))
	for i, c := range b {
		units[i] = uint16(c)
	}
	return goja.StringFromUTF16(units)
}

// utf8String decodes UTF-8 replacing each maximal invalid subsequence with one U+FFFD, as V8 (and
// the WHATWG decoder) does; Go's own conversion replaces byte by byte instead.
func utf8String(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size != 1 {
			sb.WriteRune(r)
			i += size
			continue
		}
		sb.WriteRune(utf8.RuneError)
		i += invalidPrefix(b[i:])
	}
	return sb.String()
}

// invalidPrefix is the length of the maximal subpart of an ill-formed sequence starting at b[0]
// (Unicode's "maximal subpart" rule, at least 1).
func invalidPrefix(b []byte) int {
	c := b[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
		need = 2
	case c == 0xED:
		need, hi = 2, 0x9F
	case c == 0xF0:
		need, lo = 3, 0x90
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return 1
	}
	i := 1
	for ; i <= need && i < len(b); i++ {
		if b[i] < lo || b[i] > hi {
			return i
		}
		lo, hi = 0x80, 0xBF
	}
	return i
}
