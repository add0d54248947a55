package web

// encodeSet is a WHATWG percent-encode set over ASCII; every non-ASCII byte is always encoded.
type encodeSet [128]bool

func newEncodeSet(base *encodeSet, extra string) *encodeSet {
	var s encodeSet
	if base != nil {
		s = *base
	} else {
		for c := 0; c < 0x20; c++ {
			s[c] = true
		}
		s[0x7f] = true
	}
	for i := 0; i < len(extra); i++ {
		s[extra[i]] = true
	}
	return &s
}

// The sets nest exactly as the URL Standard defines them (each is the previous one plus a few
// characters); Node 20's ada has the path set of September 2024, before "^" joined it.
var (
	c0ControlSet    = newEncodeSet(nil, "")
	fragmentSet     = newEncodeSet(c0ControlSet, " \"<>`")
	querySet        = newEncodeSet(c0ControlSet, " \"#<>")
	specialQuerySet = newEncodeSet(querySet, "'")
	pathSet         = newEncodeSet(querySet, "?`{}")
	userinfoSet     = newEncodeSet(pathSet, "/:;=@[\\]^|")
	componentSet    = newEncodeSet(userinfoSet, "$%&+,")
	formSet         = newEncodeSet(componentSet, "!'()~")
)

const upperHex = "0123456789ABCDEF"

// appendPercentEncoded appends s (UTF-8) to dst, percent-encoding the bytes in set and every
// non-ASCII byte. With spaceAsPlus, U+0020 becomes "+" (application/x-www-form-urlencoded).
func appendPercentEncoded(dst []byte, s string, set *encodeSet, spaceAsPlus bool) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case spaceAsPlus && c == ' ':
			dst = append(dst, '+')
		case c >= 0x80 || set[c]:
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

func percentEncode(s string, set *encodeSet) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || set[c] {
			return string(appendPercentEncoded([]byte(s[:i]), s[i:], set, false))
		}
	}
	return s
}

func hexVal(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// percentDecode turns every %XX into its byte and leaves malformed escapes as they are.
func percentDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			h, ok1 := hexVal(s[i+1])
			l, ok2 := hexVal(s[i+2])
			if ok1 && ok2 {
				out = append(out, h<<4|l)
				i += 2
				continue
			}
		}
		out = append(out, c)
	}
	return out
}
