package web

import (
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	// htmlindex is the Encoding Standard's label table and legacy decoders; Node 20 decodes
	// the same encodings through ICU.
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
)

// errInvalidData is a decoding error in fatal mode.
var errInvalidData = errors.New("invalid encoded data")

// lookupEncoding maps a label (already trimmed of ASCII whitespace and lower-cased) to the
// Encoding Standard's name; supported says whether Node 20 can decode it.
func lookupEncoding(label string) (name string, supported bool) {
	if label == "" || strings.TrimSpace(label) != label {
		return "", false
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return "", false
	}
	name, err = htmlindex.Name(enc)
	if err != nil {
		return "", false
	}
	switch name {
	case "replacement", "x-user-defined", "iso-8859-16":
		// Node 20's ICU has no converter for these.
		return name, false
	}
	return name, true
}

// textDecoder is the Go state behind one TextDecoder: the Encoding Standard's decode with the
// BOM rules, streaming and fatal mode.
type textDecoder struct {
	name      string
	fatal     bool
	ignoreBOM bool
	bomSeen   bool

	utf8    utf8Decoder
	utf16   utf16Decoder
	single  *[256]rune
	legacy  transform.Transformer
	pending []byte
}

func newTextDecoder(name string, fatal, ignoreBOM bool) *textDecoder {
	d := &textDecoder{name: name, fatal: fatal, ignoreBOM: ignoreBOM}
	switch name {
	case "utf-8":
	case "utf-16le", "utf-16be":
		d.utf16.bigEndian = name == "utf-16be"
	default:
		if t, ok := singleByteTables[name]; ok {
			d.single = t
			break
		}
		enc, err := htmlindex.Get(name)
		if err != nil {
			enc = encoding.Nop
		}
		d.legacy = enc.NewDecoder()
	}
	return d
}

func (d *textDecoder) reset() {
	d.bomSeen = false
	d.utf8.reset()
	d.utf16.reset()
	d.pending = nil
	if d.legacy != nil {
		d.legacy.Reset()
	}
}

// decodeUTF8 returns the decoded text as UTF-8.
func (d *textDecoder) decodeUTF8(in []byte, flush bool) (string, error) {
	out, bad := d.utf8.decode(make([]byte, 0, len(in)), in, flush)
	if bad && d.fatal {
		d.reset()
		return "", errInvalidData
	}
	out = d.stripBOM(out)
	if flush {
		d.reset()
	}
	return string(out), nil
}

func (d *textDecoder) stripBOM(out []byte) []byte {
	if d.ignoreBOM || d.bomSeen || len(out) == 0 {
		return out
	}
	d.bomSeen = true
	if len(out) >= 3 && out[0] == 0xEF && out[1] == 0xBB && out[2] == 0xBF {
		return out[3:]
	}
	return out
}

func (d *textDecoder) decodeUTF16(in []byte, flush bool) ([]uint16, error) {
	out, bad := d.utf16.decode(make([]uint16, 0, len(in)/2+1), in, flush)
	if bad && d.fatal {
		d.reset()
		return nil, errInvalidData
	}
	if !d.ignoreBOM && !d.bomSeen && len(out) > 0 {
		d.bomSeen = true
		if out[0] == 0xFEFF {
			out = out[1:]
		}
	}
	if flush {
		d.reset()
	}
	return out, nil
}

// decodeLegacy runs an x/text decoder (the multi-byte CJK encodings), keeping a sequence cut at the end of a chunk for the next.
func (d *textDecoder) decodeLegacy(in []byte, flush bool) (string, error) {
	src := in
	if len(d.pending) > 0 {
		src = append(d.pending, in...)
		d.pending = nil
	}
	out := make([]byte, 0, len(src)+len(src)/2+8)
	buf := make([]byte, 4096)
	for {
		nDst, nSrc, err := d.legacy.Transform(buf, src, flush)
		out = append(out, buf[:nDst]...)
		src = src[nSrc:]
		if err == transform.ErrShortDst {
			continue
		}
		if err == transform.ErrShortSrc && !flush {
			d.pending = append([]byte(nil), src...)
		}
		break
	}
	if flush {
		d.reset()
	}
	// No legacy encoding maps a byte sequence to U+FFFD, so one in the output is an error.
	if d.fatal && strings.Contains(string(out), "\uFFFD") {
		d.reset()
		return "", errInvalidData
	}
	return string(out), nil
}

// decodeSingleByte maps bytes through the table recorded from Node (sbcs_tables.go).
func (d *textDecoder) decodeSingleByte(in []byte) (string, error) {
	out := make([]byte, 0, len(in)+len(in)/2)
	for _, b := range in {
		r := d.single[b]
		if r == utf8.RuneError && d.fatal {
			return "", errInvalidData
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out), nil
}

// decodeLatin1 is Node 20's windows-1252 fast path: each byte is the code point of the same
// value (so 0x80-0x9F are C1 controls, not windows-1252's characters).
func decodeLatin1(in []byte) string {
	ascii := true
	for _, b := range in {
		if b >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return string(in)
	}
	out := make([]byte, 0, len(in)*2)
	for _, b := range in {
		out = utf8.AppendRune(out, rune(b))
	}
	return string(out)
}

// utf16Decoder is the Encoding Standard's shared UTF-16 decoder.
type utf16Decoder struct {
	bigEndian     bool
	leadByte      int // -1 when none
	leadSurrogate int // -1 when none
	started       bool
}

func (d *utf16Decoder) reset() {
	d.leadByte, d.leadSurrogate, d.started = -1, -1, true
}

func (d *utf16Decoder) decode(out []uint16, in []byte, flush bool) ([]uint16, bool) {
	if !d.started {
		d.reset()
	}
	bad := false
	for _, b := range in {
		if d.leadByte < 0 {
			d.leadByte = int(b)
			continue
		}
		var cu int
		if d.bigEndian {
			cu = d.leadByte<<8 | int(b)
		} else {
			cu = int(b)<<8 | d.leadByte
		}
		d.leadByte = -1
		if d.leadSurrogate >= 0 {
			lead := d.leadSurrogate
			d.leadSurrogate = -1
			if 0xDC00 <= cu && cu <= 0xDFFF {
				out = append(out, uint16(lead), uint16(cu))
				continue
			}
			out, bad = append(out, 0xFFFD), true
		}
		switch {
		case 0xD800 <= cu && cu <= 0xDBFF:
			d.leadSurrogate = cu
		case 0xDC00 <= cu && cu <= 0xDFFF:
			out, bad = append(out, 0xFFFD), true
		default:
			out = append(out, uint16(cu))
		}
	}
	if flush && (d.leadByte >= 0 || d.leadSurrogate >= 0) {
		d.reset()
		out, bad = append(out, 0xFFFD), true
	}
	return out, bad
}

// encodeInto writes the UTF-8 of s into dst as far as whole characters fit, returning UTF-16
// code units read and bytes written. s came from a JavaScript string whose lone surrogates Go
// already turned into U+FFFD, which is also what TextEncoder writes for them.
func encodeInto(s string, dst []byte) (read, written int) {
	for _, r := range s {
		n := utf8.RuneLen(r)
		if written+n > len(dst) {
			break
		}
		utf8.EncodeRune(dst[written:], r)
		written += n
		if r >= 0x10000 {
			read += 2
		} else {
			read++
		}
	}
	return read, written
}
