package lib

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// defineBufferNatives adds the encoders and decoders buffer.js installs on its Buffer: the bundled
// Buffer does them byte by byte in JavaScript, which on goja is far slower than Go (see
// BenchmarkBufferRoundTrip). Encoders return an ArrayBuffer that JavaScript wraps without copying;
// decoders read the bytes of a Uint8Array in place.
func defineBufferNatives(vm *goja.Runtime, def func(string, func(goja.FunctionCall) goja.Value)) {
	encoder := func(enc func(goja.Value) []byte) func(goja.FunctionCall) goja.Value {
		return func(c goja.FunctionCall) goja.Value {
			return vm.ToValue(vm.NewArrayBuffer(enc(c.Argument(0))))
		}
	}
	decoder := func(dec func([]byte) goja.Value) func(goja.FunctionCall) goja.Value {
		return func(c goja.FunctionCall) goja.Value {
			b := bytesArg(vm, c)
			return dec(b)
		}
	}

	def("utf8Encode", encoder(func(v goja.Value) []byte { return []byte(v.String()) }))
	def("utf8Length", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(utf8Length(c.Argument(0)))
	})
	def("latin1Encode", encoder(func(v goja.Value) []byte {
		s := jsString(v)
		out := make([]byte, s.Length())
		for i := range out {
			out[i] = byte(s.CharAt(i))
		}
		return out
	}))
	// fillByte(buf, start, end, byte) sets buf[start:end] to byte in place: the bundled fill
	// assigns one element per loop turn (a 1 MB Buffer.alloc(n, 0) took 0.36 s).
	def("fillByte", func(c goja.FunctionCall) goja.Value {
		b := bytesArg(vm, c)
		v := byte(c.Argument(3).ToInteger())
		for i := range b {
			b[i] = v
		}
		return goja.Undefined()
	})
	def("hexEncode", encoder(hexBytes))
	def("base64Encode", encoder(base64Bytes))

	def("utf8Decode", decoder(func(b []byte) goja.Value { return vm.ToValue(decodeUTF8(b)) }))
	def("latin1Decode", decoder(func(b []byte) goja.Value {
		u := make([]uint16, len(b))
		for i, c := range b {
			u[i] = uint16(c)
		}
		return goja.StringFromUTF16(u)
	}))
	def("asciiDecode", decoder(func(b []byte) goja.Value {
		out := make([]byte, len(b))
		for i, c := range b {
			out[i] = c & 0x7f
		}
		return vm.ToValue(string(out))
	}))
	def("hexDecode", decoder(func(b []byte) goja.Value { return vm.ToValue(hex.EncodeToString(b)) }))
	def("base64Decode", decoder(func(b []byte) goja.Value {
		return vm.ToValue(base64.StdEncoding.EncodeToString(b))
	}))
	def("base64urlDecode", decoder(func(b []byte) goja.Value {
		return vm.ToValue(base64.RawURLEncoding.EncodeToString(b))
	}))
}

// bytesArg returns the bytes of a Uint8Array argument between optional start and end indexes,
// clamped the way Buffer's slice methods clamp them.
func bytesArg(vm *goja.Runtime, c goja.FunctionCall) []byte {
	o, ok := c.Argument(0).(*goja.Object)
	if !ok {
		panic(vm.NewTypeError("buffer decode: argument must be a Uint8Array"))
	}
	b, ok := o.Export().([]byte)
	if !ok {
		panic(vm.NewTypeError("buffer decode: argument must be a Uint8Array"))
	}
	start, end := 0, len(b)
	if v := c.Argument(1); !goja.IsUndefined(v) {
		start = clamp(v.ToInteger(), len(b))
	}
	if v := c.Argument(2); !goja.IsUndefined(v) {
		end = clamp(v.ToInteger(), len(b))
	}
	if end < start {
		return nil
	}
	return b[start:end]
}

func clamp(i int64, n int) int {
	if i < 0 {
		return 0
	}
	if i > int64(n) {
		return n
	}
	return int(i)
}

func jsString(v goja.Value) goja.String {
	if s, ok := v.(goja.String); ok {
		return s
	}
	return goja.StringFromUTF16(utf16.Encode([]rune(v.String())))
}

// utf8Length counts the UTF-8 bytes of a string as Node encodes it: a lone surrogate becomes
// U+FFFD (3 bytes).
func utf8Length(v goja.Value) int {
	s := jsString(v)
	n, l := 0, s.Length()
	for i := 0; i < l; i++ {
		c := s.CharAt(i)
		switch {
		case c < 0x80:
			n++
		case c < 0x800:
			n += 2
		case c >= 0xD800 && c <= 0xDBFF && i+1 < l && s.CharAt(i+1) >= 0xDC00 && s.CharAt(i+1) <= 0xDFFF:
			n += 4
			i++
		default:
			n += 3
		}
	}
	return n
}

// decodeUTF8 decodes as the WHATWG decoder (and so Node) does: each maximal invalid subpart of a
// sequence becomes one U+FFFD, which differs from Go's one-per-byte replacement.
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			sb.WriteByte(c)
			i++
			continue
		}
		var need int
		lower, upper := byte(0x80), byte(0xBF)
		switch {
		case c >= 0xC2 && c <= 0xDF:
			need = 1
		case c >= 0xE0 && c <= 0xEF:
			need = 2
			if c == 0xE0 {
				lower = 0xA0
			} else if c == 0xED {
				upper = 0x9F
			}
		case c >= 0xF0 && c <= 0xF4:
			need = 3
			if c == 0xF0 {
				lower = 0x90
			} else if c == 0xF4 {
				upper = 0x8F
			}
		default:
			sb.WriteRune(utf8.RuneError)
			i++
			continue
		}
		j := i + 1
		ok := true
		for k := 0; k < need; k++ {
			if j >= len(b) || b[j] < lower || b[j] > upper {
				ok = false
				break
			}
			lower, upper = 0x80, 0xBF
			j++
		}
		if !ok {
			sb.WriteRune(utf8.RuneError)
			i = j
			continue
		}
		sb.Write(b[i:j])
		i = j
	}
	return sb.String()
}

// hexBytes decodes pairs of hex digits until the first pair that is not one, as Node does.
func hexBytes(v goja.Value) []byte {
	s := v.String()
	out := make([]byte, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		hi, ok1 := unhex(s[i])
		lo, ok2 := unhex(s[i+1])
		if !ok1 || !ok2 {
			break
		}
		out = append(out, hi<<4|lo)
	}
	return out
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// base64Bytes decodes base64 and base64url leniently, like Node: characters outside both
// alphabets are skipped and decoding stops at the first '='.
func base64Bytes(v goja.Value) []byte {
	s := v.String()
	out := make([]byte, 0, len(s)*3/4)
	var acc uint32
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d byte
		switch {
		case c >= 'A' && c <= 'Z':
			d = c - 'A'
		case c >= 'a' && c <= 'z':
			d = c - 'a' + 26
		case c >= '0' && c <= '9':
			d = c - '0' + 52
		case c == '+' || c == '-':
			d = 62
		case c == '/' || c == '_':
			d = 63
		case c == '=':
			i = len(s)
			continue
		default:
			continue
		}
		acc = acc<<6 | uint32(d)
		n++
		if n == 4 {
			out = append(out, byte(acc>>16), byte(acc>>8), byte(acc))
			acc, n = 0, 0
		}
	}
	switch n {
	case 2:
		out = append(out, byte(acc>>4))
	case 3:
		out = append(out, byte(acc>>10), byte(acc>>2))
	}
	return out
}
