package web

import (
	"strconv"
	"strings"

	// x/net/idna implements UTS #46 with the flags the URL Standard's "domain to ASCII" needs
	// (non-transitional, CheckBidi, CheckJoiners, no STD3 rules, no DNS length check); writing
	// our own would mean carrying the Unicode mapping tables ourselves.
	"golang.org/x/net/idna"
)

var (
	idnaLookup = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.Transitional(false),
		idna.CheckHyphens(false), idna.CheckJoiners(true), idna.StrictDomainName(false),
		idna.VerifyDNSLength(false))
)

func isForbiddenHostByte(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\r', ' ', '#', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|':
		return true
	}
	return false
}

func isForbiddenDomainByte(c byte) bool {
	return isForbiddenHostByte(c) || c <= 0x1f || c == '%' || c == 0x7f
}

// parseHost is the URL Standard's host parser; it returns the serialized host.
func parseHost(input string, notSpecial bool) (string, bool) {
	if strings.HasPrefix(input, "[") {
		if !strings.HasSuffix(input, "]") {
			return "", false
		}
		addr, ok := parseIPv6(input[1 : len(input)-1])
		if !ok {
			return "", false
		}
		return "[" + serializeIPv6(addr) + "]", true
	}
	if notSpecial {
		return parseOpaqueHost(input)
	}
	domain := decodeUTF8(percentDecode(input))
	ascii, ok := domainToASCII(domain)
	if !ok {
		return "", false
	}
	if endsInANumber(ascii) {
		v, ok := parseIPv4(ascii)
		if !ok {
			return "", false
		}
		return serializeIPv4(v), true
	}
	return ascii, true
}

// domainToASCII is the URL Standard's "domain to ASCII" with beStrict false.
func domainToASCII(domain string) (string, bool) {
	if fast, ok := asciiFastPath(domain); ok {
		return fast, true
	}
	out, err := idnaLookup.ToASCII(domain)
	if err != nil || out == "" {
		return "", false
	}
	for i := 0; i < len(out); i++ {
		if isForbiddenDomainByte(out[i]) || out[i] >= 0x80 {
			return "", false
		}
	}
	return out, true
}

// asciiFastPath handles the common all-ASCII domain without punycode labels: UTS #46 only
// lower-cases it, and the forbidden-code-point check decides the rest.
func asciiFastPath(domain string) (string, bool) {
	if domain == "" {
		return "", false
	}
	lower := true
	for i := 0; i < len(domain); i++ {
		c := domain[i]
		if c >= 0x80 || isForbiddenDomainByte(c) {
			return "", false
		}
		if 'A' <= c && c <= 'Z' {
			lower = false
		}
	}
	if !lower {
		domain = strings.ToLower(domain)
	}
	for label := range strings.SplitSeq(domain, ".") {
		if strings.HasPrefix(label, "xn--") {
			return "", false
		}
	}
	return domain, true
}

func parseOpaqueHost(input string) (string, bool) {
	for i := 0; i < len(input); i++ {
		if isForbiddenHostByte(input[i]) {
			return "", false
		}
	}
	return percentEncode(input, c0ControlSet), true
}

// endsInANumber decides whether a domain is to be read as an IPv4 address.
func endsInANumber(s string) bool {
	parts := strings.Split(s, ".")
	if parts[len(parts)-1] == "" {
		if len(parts) == 1 {
			return false
		}
		parts = parts[:len(parts)-1]
	}
	last := parts[len(parts)-1]
	if last != "" {
		digits := true
		for i := 0; i < len(last); i++ {
			if last[i] < '0' || last[i] > '9' {
				digits = false
				break
			}
		}
		if digits {
			return true
		}
	}
	_, ok := parseIPv4Number(last)
	return ok
}

// parseIPv4Number returns the value, saturated above 2^32 so that overlong input cannot overflow.
func parseIPv4Number(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	radix := uint64(10)
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s, radix = s[2:], 16
	} else if len(s) >= 2 && s[0] == '0' {
		s, radix = s[1:], 8
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		d, ok := hexVal(s[i])
		if !ok || uint64(d) >= radix {
			return 0, false
		}
		if v < 1<<33 {
			v = v*radix + uint64(d)
		}
	}
	return v, true
}

func parseIPv4(s string) (uint32, bool) {
	parts := strings.Split(s, ".")
	if parts[len(parts)-1] == "" && len(parts) > 1 {
		parts = parts[:len(parts)-1]
	}
	if len(parts) > 4 {
		return 0, false
	}
	nums := make([]uint64, len(parts))
	for i, p := range parts {
		n, ok := parseIPv4Number(p)
		if !ok {
			return 0, false
		}
		nums[i] = n
	}
	for _, n := range nums[:len(nums)-1] {
		if n > 255 {
			return 0, false
		}
	}
	last := nums[len(nums)-1]
	if last >= uint64(1)<<(8*(5-len(nums))) {
		return 0, false
	}
	v := last
	for i, n := range nums[:len(nums)-1] {
		v += n << (8 * (3 - i))
	}
	return uint32(v), true
}

func serializeIPv4(v uint32) string {
	b := make([]byte, 0, 15)
	for i := 3; i >= 0; i-- {
		b = strconv.AppendUint(b, uint64(v>>(8*i)&0xff), 10)
		if i > 0 {
			b = append(b, '.')
		}
	}
	return string(b)
}

func parseIPv6(s string) ([8]uint16, bool) {
	var addr [8]uint16
	piece, compress := 0, -1
	i := 0
	at := func(k int) int {
		if k < len(s) {
			return int(s[k])
		}
		return -1
	}
	if at(0) == ':' {
		if at(1) != ':' {
			return addr, false
		}
		i += 2
		piece++
		compress = piece
	}
	for at(i) != -1 {
		if piece == 8 {
			return addr, false
		}
		if at(i) == ':' {
			if compress != -1 {
				return addr, false
			}
			i++
			piece++
			compress = piece
			continue
		}
		value, length := 0, 0
		for length < 4 && at(i) != -1 {
			d, ok := hexVal(byte(at(i)))
			if !ok {
				break
			}
			value = value*16 + int(d)
			i++
			length++
		}
		if at(i) == '.' {
			if length == 0 {
				return addr, false
			}
			i -= length
			if piece > 6 {
				return addr, false
			}
			seen := 0
			for at(i) != -1 {
				ipv4Piece := -1
				if seen > 0 {
					if at(i) == '.' && seen < 4 {
						i++
					} else {
						return addr, false
					}
				}
				if c := at(i); c < '0' || c > '9' {
					return addr, false
				}
				for c := at(i); c >= '0' && c <= '9'; c = at(i) {
					n := c - '0'
					switch ipv4Piece {
					case -1:
						ipv4Piece = n
					case 0:
						return addr, false
					default:
						ipv4Piece = ipv4Piece*10 + n
					}
					if ipv4Piece > 255 {
						return addr, false
					}
					i++
				}
				addr[piece] = addr[piece]*0x100 + uint16(ipv4Piece)
				seen++
				if seen == 2 || seen == 4 {
					piece++
				}
			}
			if seen != 4 {
				return addr, false
			}
			break
		} else if at(i) == ':' {
			i++
			if at(i) == -1 {
				return addr, false
			}
		} else if at(i) != -1 {
			return addr, false
		}
		addr[piece] = uint16(value)
		piece++
	}
	if compress != -1 {
		swaps := piece - compress
		piece = 7
		for piece != 0 && swaps > 0 {
			addr[piece], addr[compress+swaps-1] = addr[compress+swaps-1], addr[piece]
			piece--
			swaps--
		}
	} else if piece != 8 {
		return addr, false
	}
	return addr, true
}

func serializeIPv6(addr [8]uint16) string {
	// The first longest run of two or more zero pieces is compressed to "::".
	best, bestLen := -1, 1
	for i := 0; i < 8; {
		if addr[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && addr[j] == 0 {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		i = j
	}
	b := make([]byte, 0, 39)
	for i := 0; i < 8; i++ {
		if i == best {
			if i == 0 {
				b = append(b, ':')
			}
			b = append(b, ':')
			i += bestLen - 1
			continue
		}
		b = strconv.AppendUint(b, uint64(addr[i]), 16)
		if i < 7 {
			b = append(b, ':')
		}
	}
	return string(b)
}
