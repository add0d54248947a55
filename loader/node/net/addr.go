package net

import (
	"net"
	"strconv"
	"strings"
)

// normalizeHost turns the host of a connect, listen or look-up into the form the gate matches:
// IP literals in any spelling getaddrinfo accepts (2130706433, 0x7f.1, 0177.0.0.1, [::ffff:7f00:1])
// become their canonical text and are returned as ip as well; names are lowercased without a
// trailing dot and ip is nil.
//
// SPEC.md asks for this normalisation "before matching"; when policy grows a shared
// NormalizeHost this should call it instead so that the gate and the builtins cannot disagree.
func normalizeHost(s string) (string, net.IP) {
	h := strings.TrimSpace(s)
	if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		h = h[1 : len(h)-1]
	}
	if i := strings.IndexByte(h, '%'); i >= 0 && strings.Contains(h, ":") {
		h = h[:i] // an IPv6 zone names an interface, not a different address
	}
	if ip := net.ParseIP(h); ip != nil {
		if v4 := ip.To4(); v4 != nil {
			return v4.String(), v4
		}
		return ip.String(), ip
	}
	if ip := parseInetAton(h); ip != nil {
		return ip.String(), ip
	}
	return strings.TrimSuffix(strings.ToLower(h), "."), nil
}

// parseInetAton reads the legacy IPv4 forms inet_aton (and so getaddrinfo, curl and browsers)
// accepts: one to four parts, each decimal, octal (leading 0) or hex (0x), the last part filling
// the remaining bytes.
func parseInetAton(s string) net.IP {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return nil
	}
	vals := make([]uint64, len(parts))
	for i, p := range parts {
		if p == "" {
			return nil
		}
		base, digits := 10, p
		switch {
		case len(p) > 1 && (p[:2] == "0x" || p[:2] == "0X"):
			base, digits = 16, p[2:]
			if digits == "" {
				digits = "0"
			}
		case len(p) > 1 && p[0] == '0':
			base, digits = 8, p[1:]
		}
		v, err := strconv.ParseUint(digits, base, 32)
		if err != nil {
			return nil
		}
		vals[i] = v
	}
	var n uint64
	for i, v := range vals[:len(vals)-1] {
		if v > 255 {
			return nil
		}
		n |= v << (8 * (3 - i))
	}
	last := vals[len(vals)-1]
	if last >= 1<<(8*(5-len(vals))) {
		return nil
	}
	n |= last
	return net.IPv4(byte(n>>24), byte(n>>16), byte(n>>8), byte(n)).To4()
}

// dialTarget is where a connect to an IP literal really goes: the kernel sends a connect to the
// unspecified address (0.0.0.0, ::) to the loopback interface, so the gate is asked about that.
func dialTarget(ip net.IP) net.IP {
	if ip.IsUnspecified() {
		if ip.To4() != nil {
			return net.IPv4(127, 0, 0, 1).To4()
		}
		return net.IPv6loopback
	}
	return ip
}

func family(ip net.IP) string {
	if ip.To4() != nil {
		return "IPv4"
	}
	return "IPv6"
}

// splitAddr reads a net.Addr as address, family and port the way Node reports them.
func splitAddr(a net.Addr) (string, string, int) {
	switch v := a.(type) {
	case *net.TCPAddr:
		return v.IP.String(), family(v.IP), v.Port
	case *net.UnixAddr:
		return v.Name, "", 0
	}
	return "", "", 0
}
