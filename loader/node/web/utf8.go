package web

import "unicode/utf8"

// utf8Decoder is the Encoding Standard's UTF-8 decoder: each maximal invalid subpart becomes one
// U+FFFD (Go's utf8 package gives one per byte), and a sequence cut at the end of a chunk waits
// for the next one when streaming.
type utf8Decoder struct {
	needed, seen int
	cp           rune
	lower, upper byte
}

func (d *utf8Decoder) reset() { *d = utf8Decoder{} }

// decode appends the decoded bytes of in to out as UTF-8. With flush, an unfinished sequence at
// the end becomes U+FFFD. bad reports whether any replacement happened (fatal mode fails on it).
func (d *utf8Decoder) decode(out, in []byte, flush bool) (res []byte, bad bool) {
	if d.needed == 0 && utf8.Valid(in) {
		return append(out, in...), false
	}
	if d.lower == 0 {
		d.lower, d.upper = 0x80, 0xBF
	}
	for i := 0; i < len(in); {
		b := in[i]
		if d.needed == 0 {
			if b < 0x80 {
				out = append(out, b)
				i++
				continue
			}
			if r, size := utf8.DecodeRune(in[i:]); r != utf8.RuneError || size > 1 {
				out = append(out, in[i:i+size]...)
				i += size
				continue
			}
			i++
			switch {
			case 0xC2 <= b && b <= 0xDF:
				d.needed, d.cp = 1, rune(b&0x1F)
			case 0xE0 <= b && b <= 0xEF:
				if b == 0xE0 {
					d.lower = 0xA0
				} else if b == 0xED {
					d.upper = 0x9F
				}
				d.needed, d.cp = 2, rune(b&0xF)
			case 0xF0 <= b && b <= 0xF4:
				if b == 0xF0 {
					d.lower = 0x90
				} else if b == 0xF4 {
					d.upper = 0x8F
				}
				d.needed, d.cp = 3, rune(b&0x7)
			default:
				out, bad = append(out, "\uFFFD"...), true
			}
			continue
		}
		if b < d.lower || b > d.upper {
			// The byte is not consumed: it starts whatever comes next.
			d.needed, d.seen, d.cp = 0, 0, 0
			d.lower, d.upper = 0x80, 0xBF
			out, bad = append(out, "\uFFFD"...), true
			continue
		}
		i++
		d.lower, d.upper = 0x80, 0xBF
		d.cp = d.cp<<6 | rune(b&0x3F)
		d.seen++
		if d.seen == d.needed {
			out = utf8.AppendRune(out, d.cp)
			d.needed, d.seen, d.cp = 0, 0, 0
		}
	}
	if flush && d.needed != 0 {
		d.reset()
		out, bad = append(out, "\uFFFD"...), true
	}
	return out, bad
}

// decodeUTF8 decodes a whole byte string with replacement, as URL percent-decoding needs.
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var d utf8Decoder
	out, _ := d.decode(make([]byte, 0, len(b)+8), b, true)
	return string(out)
}
