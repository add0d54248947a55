package web

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// urlRecord is the URL Standard's URL record. It lives only for the length of one call from
// JavaScript: the JavaScript URL object keeps the serialization and its component offsets.
type urlRecord struct {
	scheme     string
	username   string
	password   string
	host       string
	hasHost    bool
	port       int // -1 is null
	path       []string
	opaque     bool // path is an opaque path, kept in opaquePath
	opaquePath string
	query      string
	hasQuery   bool
	fragment   string
	hasFrag    bool
}

type parseState int

const (
	noOverride parseState = iota
	schemeStartState
	schemeState
	noSchemeState
	specialRelativeOrAuthorityState
	pathOrAuthorityState
	relativeState
	relativeSlashState
	specialAuthoritySlashesState
	specialAuthorityIgnoreSlashesState
	authorityState
	hostState
	hostnameState
	portState
	fileState
	fileSlashState
	fileHostState
	pathStartState
	pathState
	opaquePathState
	queryState
	fragmentState
)

const eof = -1

func specialPort(scheme string) (port int, special bool) {
	switch scheme {
	case "http", "ws":
		return 80, true
	case "https", "wss":
		return 443, true
	case "ftp":
		return 21, true
	case "file":
		return -1, true
	}
	return -1, false
}

func isSpecialScheme(s string) bool {
	_, ok := specialPort(s)
	return ok
}

func (u *urlRecord) special() bool { return isSpecialScheme(u.scheme) }

func (u *urlRecord) includesCredentials() bool { return u.username != "" || u.password != "" }

func (u *urlRecord) cannotHaveCredentialsOrPort() bool {
	return !u.hasHost || u.host == "" || u.scheme == "file"
}

func (u *urlRecord) shortenPath() {
	if u.scheme == "file" && len(u.path) == 1 && isNormalizedDriveLetter(u.path[0]) {
		return
	}
	if len(u.path) > 0 {
		u.path = u.path[:len(u.path)-1]
	}
}

func isASCIIAlpha(c rune) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isDriveLetter(s string) bool {
	return len(s) == 2 && isASCIIAlpha(rune(s[0])) && (s[1] == ':' || s[1] == '|')
}

func isNormalizedDriveLetter(s string) bool { return isDriveLetter(s) && s[1] == ':' }

func startsWithDriveLetter(r []rune) bool {
	if len(r) < 2 || !isASCIIAlpha(r[0]) || (r[1] != ':' && r[1] != '|') {
		return false
	}
	if len(r) == 2 {
		return true
	}
	switch r[2] {
	case '/', '\\', '?', '#':
		return true
	}
	return false
}

func isSingleDot(s string) bool { return s == "." || strings.EqualFold(s, "%2e") }

func isDoubleDot(s string) bool {
	switch strings.ToLower(s) {
	case "..", ".%2e", "%2e.", "%2e%2e":
		return true
	}
	return false
}

// prepareInput strips what the URL Standard strips before parsing: leading and trailing C0
// controls and spaces (fresh parses only) and every tab and newline.
func prepareInput(input string, trim bool) []rune {
	if trim {
		input = strings.TrimFunc(input, func(r rune) bool { return r <= 0x20 })
	}
	out := make([]rune, 0, len(input))
	for _, r := range input {
		if r != '\t' && r != '\n' && r != '\r' {
			out = append(out, r)
		}
	}
	return out
}

// parseURL is the basic URL parser. With override it changes url in place for a setter and the
// boolean only says whether the setter's state machine ran to completion.
func parseURL(input string, base *urlRecord, url *urlRecord, override parseState) (*urlRecord, bool) {
	if url == nil {
		url = &urlRecord{port: -1}
	}
	in := prepareInput(input, override == noOverride)
	state := override
	if state == noOverride {
		state = schemeStartState
	}
	var buf []rune
	atSignSeen, insideBrackets, passwordTokenSeen := false, false, false

	for p := 0; p <= len(in); p++ {
		c := rune(eof)
		if p < len(in) {
			c = in[p]
		}
		switch state {
		case schemeStartState:
			if isASCIIAlpha(c) {
				buf = append(buf, toLowerASCII(c))
				state = schemeState
			} else if override == noOverride {
				state = noSchemeState
				p--
			} else {
				return nil, false
			}

		case schemeState:
			if isASCIIAlpha(c) || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.' {
				buf = append(buf, toLowerASCII(c))
			} else if c == ':' {
				scheme := string(buf)
				if override != noOverride {
					if url.special() != isSpecialScheme(scheme) {
						return nil, false
					}
					if (url.includesCredentials() || url.port >= 0) && scheme == "file" {
						return nil, false
					}
					if url.scheme == "file" && url.hasHost && url.host == "" {
						return nil, false
					}
				}
				url.scheme = scheme
				if override != noOverride {
					if def, _ := specialPort(scheme); def >= 0 && url.port == def {
						url.port = -1
					}
					return url, true
				}
				buf = buf[:0]
				rem := in[min(p+1, len(in)):]
				switch {
				case url.scheme == "file":
					state = fileState
				case url.special() && base != nil && base.scheme == url.scheme:
					state = specialRelativeOrAuthorityState
				case url.special():
					state = specialAuthoritySlashesState
				case len(rem) > 0 && rem[0] == '/':
					state = pathOrAuthorityState
					p++
				default:
					url.opaque = true
					url.opaquePath = ""
					state = opaquePathState
				}
			} else if override == noOverride {
				buf = buf[:0]
				state = noSchemeState
				p = -1
			} else {
				return nil, false
			}

		case noSchemeState:
			switch {
			case base == nil || base.opaque && c != '#':
				return nil, false
			case base.opaque && c == '#':
				url.scheme = base.scheme
				url.opaque, url.opaquePath = true, base.opaquePath
				url.query, url.hasQuery = base.query, base.hasQuery
				url.fragment, url.hasFrag = "", true
				state = fragmentState
			case base.scheme != "file":
				state = relativeState
				p--
			default:
				state = fileState
				p--
			}

		case specialRelativeOrAuthorityState:
			if rem := in[min(p+1, len(in)):]; c == '/' && len(rem) > 0 && rem[0] == '/' {
				state = specialAuthorityIgnoreSlashesState
				p++
			} else {
				state = relativeState
				p--
			}

		case pathOrAuthorityState:
			if c == '/' {
				state = authorityState
			} else {
				state = pathState
				p--
			}

		case relativeState:
			url.scheme = base.scheme
			if c == '/' || url.special() && c == '\\' {
				state = relativeSlashState
			} else {
				url.username, url.password = base.username, base.password
				url.host, url.hasHost, url.port = base.host, base.hasHost, base.port
				url.path = append([]string(nil), base.path...)
				url.query, url.hasQuery = base.query, base.hasQuery
				switch c {
				case '?':
					url.query, url.hasQuery = "", true
					state = queryState
				case '#':
					url.fragment, url.hasFrag = "", true
					state = fragmentState
				case eof:
				default:
					url.query, url.hasQuery = "", false
					url.shortenPath()
					state = pathState
					p--
				}
			}

		case relativeSlashState:
			if url.special() && (c == '/' || c == '\\') {
				state = specialAuthorityIgnoreSlashesState
			} else if c == '/' {
				state = authorityState
			} else {
				url.username, url.password = base.username, base.password
				url.host, url.hasHost, url.port = base.host, base.hasHost, base.port
				state = pathState
				p--
			}

		case specialAuthoritySlashesState:
			if rem := in[min(p+1, len(in)):]; c == '/' && len(rem) > 0 && rem[0] == '/' {
				p++
			} else {
				p--
			}
			state = specialAuthorityIgnoreSlashesState

		case specialAuthorityIgnoreSlashesState:
			if c != '/' && c != '\\' {
				state = authorityState
				p--
			}

		case authorityState:
			if c == '@' {
				if atSignSeen {
					buf = append([]rune("%40"), buf...)
				}
				atSignSeen = true
				user, pass := string(buf), ""
				if i := strings.IndexByte(user, ':'); i >= 0 && !passwordTokenSeen {
					user, pass = user[:i], user[i+1:]
					passwordTokenSeen = true
				} else if passwordTokenSeen {
					user, pass = "", user
				}
				url.username += percentEncode(user, userinfoSet)
				url.password += percentEncode(pass, userinfoSet)
				buf = buf[:0]
			} else if c == eof || c == '/' || c == '?' || c == '#' || url.special() && c == '\\' {
				if atSignSeen && len(buf) == 0 {
					return nil, false
				}
				p -= len(buf) + 1
				buf = buf[:0]
				state = hostState
			} else {
				buf = append(buf, c)
			}

		case hostState, hostnameState:
			if override != noOverride && url.scheme == "file" {
				p--
				state = fileHostState
			} else if c == ':' && !insideBrackets {
				if len(buf) == 0 || override == hostnameState {
					return nil, false
				}
				host, ok := parseHost(string(buf), !url.special())
				if !ok {
					return nil, false
				}
				url.host, url.hasHost = host, true
				buf = buf[:0]
				state = portState
			} else if c == eof || c == '/' || c == '?' || c == '#' || url.special() && c == '\\' {
				p--
				if url.special() && len(buf) == 0 {
					return nil, false
				}
				if override != noOverride && len(buf) == 0 && (url.includesCredentials() || url.port >= 0) {
					return nil, false
				}
				host, ok := parseHost(string(buf), !url.special())
				if !ok {
					return nil, false
				}
				url.host, url.hasHost = host, true
				buf = buf[:0]
				state = pathStartState
				if override != noOverride {
					return url, true
				}
			} else {
				if c == '[' {
					insideBrackets = true
				} else if c == ']' {
					insideBrackets = false
				}
				buf = append(buf, c)
			}

		case portState:
			if '0' <= c && c <= '9' {
				buf = append(buf, c)
			} else if c == eof || c == '/' || c == '?' || c == '#' || url.special() && c == '\\' || override != noOverride {
				if len(buf) > 0 {
					digits := strings.TrimLeft(string(buf), "0")
					port := 0
					if len(digits) > 5 {
						return nil, false
					}
					if digits != "" {
						port, _ = strconv.Atoi(digits)
					}
					if port > 65535 {
						return nil, false
					}
					if def, _ := specialPort(url.scheme); def == port {
						url.port = -1
					} else {
						url.port = port
					}
					buf = buf[:0]
					if override != noOverride {
						return url, true
					}
				}
				if override != noOverride {
					return nil, false
				}
				state = pathStartState
				p--
			} else {
				return nil, false
			}

		case fileState:
			url.scheme = "file"
			url.host, url.hasHost = "", true
			if c == '/' || c == '\\' {
				state = fileSlashState
			} else if base != nil && base.scheme == "file" {
				url.host, url.hasHost = base.host, base.hasHost
				url.path = append([]string(nil), base.path...)
				url.query, url.hasQuery = base.query, base.hasQuery
				switch c {
				case '?':
					url.query, url.hasQuery = "", true
					state = queryState
				case '#':
					url.fragment, url.hasFrag = "", true
					state = fragmentState
				case eof:
				default:
					url.query, url.hasQuery = "", false
					if !startsWithDriveLetter(in[p:]) {
						url.shortenPath()
					} else {
						url.path = url.path[:0]
					}
					state = pathState
					p--
				}
			} else {
				state = pathState
				p--
			}

		case fileSlashState:
			if c == '/' || c == '\\' {
				state = fileHostState
			} else {
				if base != nil && base.scheme == "file" {
					url.host, url.hasHost = base.host, base.hasHost
					if !startsWithDriveLetter(in[p:]) && len(base.path) > 0 && isNormalizedDriveLetter(base.path[0]) {
						url.path = append(url.path, base.path[0])
					}
				}
				state = pathState
				p--
			}

		case fileHostState:
			if c == eof || c == '/' || c == '\\' || c == '?' || c == '#' {
				p--
				if override == noOverride && isDriveLetter(string(buf)) {
					state = pathState
				} else if len(buf) == 0 {
					url.host, url.hasHost = "", true
					if override != noOverride {
						return url, true
					}
					state = pathStartState
				} else {
					host, ok := parseHost(string(buf), !url.special())
					if !ok {
						return nil, false
					}
					if host == "localhost" {
						host = ""
					}
					url.host, url.hasHost = host, true
					if override != noOverride {
						return url, true
					}
					buf = buf[:0]
					state = pathStartState
				}
			} else {
				buf = append(buf, c)
			}

		case pathStartState:
			switch {
			case url.special():
				state = pathState
				if c != '/' && c != '\\' {
					p--
				}
			case override == noOverride && c == '?':
				url.query, url.hasQuery = "", true
				state = queryState
			case override == noOverride && c == '#':
				url.fragment, url.hasFrag = "", true
				state = fragmentState
			case c != eof:
				state = pathState
				if c != '/' {
					p--
				}
			case override != noOverride && !url.hasHost:
				url.path = append(url.path, "")
			}

		case pathState:
			slash := c == '/' || url.special() && c == '\\'
			if c == eof || slash || override == noOverride && (c == '?' || c == '#') {
				seg := string(buf)
				switch {
				case isDoubleDot(seg):
					url.shortenPath()
					if !slash {
						url.path = append(url.path, "")
					}
				case isSingleDot(seg):
					if !slash {
						url.path = append(url.path, "")
					}
				default:
					if url.scheme == "file" && len(url.path) == 0 && isDriveLetter(seg) {
						seg = seg[:1] + ":"
					}
					url.path = append(url.path, seg)
				}
				buf = buf[:0]
				if c == '?' {
					url.query, url.hasQuery = "", true
					state = queryState
				} else if c == '#' {
					url.fragment, url.hasFrag = "", true
					state = fragmentState
				}
			} else {
				buf = appendEncodedRune(buf, c, pathSet)
			}

		case opaquePathState:
			switch c {
			case '?':
				url.query, url.hasQuery = "", true
				state = queryState
			case '#':
				url.fragment, url.hasFrag = "", true
				state = fragmentState
			case eof:
			default:
				end := p
				for end < len(in) && in[end] != '?' && in[end] != '#' {
					end++
				}
				url.opaquePath += percentEncode(string(in[p:end]), c0ControlSet)
				p = end - 1
			}

		case queryState:
			if override == noOverride && c == '#' || c == eof {
				set := querySet
				if url.special() {
					set = specialQuerySet
				}
				url.query = string(appendPercentEncoded([]byte(url.query), string(buf), set, false))
				url.hasQuery = true
				buf = buf[:0]
				if c == '#' {
					url.fragment, url.hasFrag = "", true
					state = fragmentState
				}
			} else if c != eof {
				buf = append(buf, c)
			}

		case fragmentState:
			if c != eof {
				url.fragment += percentEncode(string(in[p:]), fragmentSet)
				p = len(in)
			}
		}
	}
	return url, true
}

func toLowerASCII(c rune) rune {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// appendEncodedRune appends c to a path buffer, percent-encoded as the set says.
func appendEncodedRune(buf []rune, c rune, set *encodeSet) []rune {
	if c < 0x80 && !set[c] {
		return append(buf, c)
	}
	var tmp [4]byte
	n := encodeRuneUTF8(tmp[:], c)
	for _, b := range tmp[:n] {
		buf = append(buf, '%', rune(upperHex[b>>4]), rune(upperHex[b&15]))
	}
	return buf
}

func encodeRuneUTF8(dst []byte, r rune) int { return utf8.EncodeRune(dst, r) }
