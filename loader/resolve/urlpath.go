package resolve

import (
	"strings"
	"unicode/utf8"
)

// Node resolves "exports"/"imports" targets and ESM specifiers as file: URLs
// (new URL(target, packageJSONUrl), then fileURLToPath). Working on plain
// paths would differ for "%20", "?", "#", backslashes and "%2e%2e", so this
// file implements the small part of the WHATWG URL parser those steps use.
// A "URL path" below is the percent-encoded pathname of a file: URL.

const hexUpper = "0123456789ABCDEF"

// pathToURLPath is the pathname of pathToFileURL(p) for an absolute POSIX
// path (Node first escapes %, \, newline, CR and tab, the URL parser then
// escapes the path percent-encode set).
func pathToURLPath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '%' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || inPathEncodeSet(c) || c == '?' || c == '#' {
			b.WriteByte('%')
			b.WriteByte(hexUpper[c>>4])
			b.WriteByte(hexUpper[c&15])
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// fileHref is pathToFileURL(p).href.
func fileHref(p string) string { return "file://" + pathToURLPath(p) }

// inPathEncodeSet: the WHATWG path percent-encode set, for one byte of UTF-8.
func inPathEncodeSet(c byte) bool {
	if c <= 0x20 || c >= 0x7F {
		return true
	}
	switch c {
	case '"', '<', '>', '`', '{', '}':
		return true
	}
	return false
}

// urlInputClean strips what the URL parser ignores: leading and trailing C0
// controls and spaces, and every ASCII tab or newline.
func urlInputClean(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= 0x20 })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	return s
}

// urlJoin resolves a path-relative or path-absolute reference (not a scheme
// or "//host" one) against a base URL path, as new URL(ref, base) does for a
// file: base. It returns the new URL path and the query+fragment it dropped.
func urlJoin(basePath, ref string) (path, tail string) {
	ref = urlInputClean(ref)
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		ref, tail = ref[:i], ref[i:]
	}
	ref = strings.ReplaceAll(ref, "\\", "/")
	var segs []string
	if !strings.HasPrefix(ref, "/") {
		segs = strings.Split(strings.TrimPrefix(basePath, "/"), "/")
		segs = segs[:len(segs)-1] // drop the base's last segment (file name or "")
	} else {
		ref = ref[1:]
	}
	parts := strings.Split(ref, "/")
	for i, raw := range parts {
		seg := percentEncodePath(raw)
		last := i == len(parts)-1
		switch {
		case isDoubleDot(seg):
			if len(segs) > 0 {
				segs = segs[:len(segs)-1]
			}
			if last {
				segs = append(segs, "")
			}
		case isSingleDot(seg):
			if last {
				segs = append(segs, "")
			}
		default:
			segs = append(segs, seg)
		}
	}
	return "/" + strings.Join(segs, "/"), tail
}

func percentEncodePath(s string) string {
	for i := 0; i < len(s); i++ {
		if inPathEncodeSet(s[i]) {
			goto encode
		}
	}
	return s
encode:
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inPathEncodeSet(c) {
			b.WriteByte('%')
			b.WriteByte(hexUpper[c>>4])
			b.WriteByte(hexUpper[c&15])
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isSingleDot(s string) bool { return s == "." || strings.EqualFold(s, "%2e") }

func isDoubleDot(s string) bool {
	switch strings.ToLower(s) {
	case "..", ".%2e", "%2e.", "%2e%2e":
		return true
	}
	return false
}

// parseFileHref parses an absolute file: URL string (as produced by replacing
// "*" in a resolved target's href) into its URL path and tail. ok is false
// when it is not a file: URL with an empty or "localhost" host.
func parseFileHref(href string) (path, tail string, ok bool) {
	href = urlInputClean(href)
	if len(href) < 5 || !strings.EqualFold(href[:5], "file:") {
		return "", "", false
	}
	rest := strings.ReplaceAll(href[5:], "\\", "/")
	if strings.HasPrefix(rest, "//") {
		rest = rest[2:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		host := rest[:end]
		if host != "" && !strings.EqualFold(host, "localhost") {
			return "", "", false
		}
		rest = rest[end:]
	}
	if !strings.HasPrefix(rest, "/") {
		rest = "/" + rest
	}
	p, t := urlJoin("/", rest)
	return p, t, true
}

// hasEncodedSep is Node's encodedSepRegEx /%2F|%5C/i.
func hasEncodedSep(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '%' && s[i+1] == '2' && (s[i+2] == 'f' || s[i+2] == 'F') {
			return true
		}
		if s[i] == '%' && s[i+1] == '5' && (s[i+2] == 'c' || s[i+2] == 'C') {
			return true
		}
	}
	return false
}

// urlPathToPath is fileURLToPath for a POSIX file URL path: no encoded "/",
// then decodeURIComponent, which rejects malformed escapes and invalid UTF-8.
func urlPathToPath(p string) (string, *Error) {
	for i := 0; i+2 < len(p); i++ {
		if p[i] == '%' && p[i+1] == '2' && (p[i+2]|0x20) == 'f' {
			return "", &Error{Code: "ERR_INVALID_FILE_URL_PATH", Message: "File URL path must not include encoded / characters"}
		}
	}
	if !strings.Contains(p, "%") {
		return p, nil
	}
	var b []byte
	for i := 0; i < len(p); i++ {
		if p[i] != '%' {
			b = append(b, p[i])
			continue
		}
		if i+2 >= len(p) || unhex(p[i+1]) < 0 || unhex(p[i+2]) < 0 {
			return "", errURIMalformed()
		}
		b = append(b, byte(unhex(p[i+1])<<4|unhex(p[i+2])))
		i += 2
	}
	if !utf8.Valid(b) {
		return "", errURIMalformed()
	}
	return string(b), nil
}

// errURIMalformed is decodeURIComponent's URIError; Node gives it no code.
func errURIMalformed() *Error { return &Error{Message: "URI malformed"} }

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// urlSchemeOf returns the scheme (lower case) when s parses as an absolute
// URL (new URL(s) would not throw), approximating the parser: a scheme, and
// for the special network schemes a non-empty host.
func urlSchemeOf(s string) (string, bool) {
	s = urlInputClean(s)
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return "", false
	}
	for j := 0; j < i; j++ {
		c := s[j]
		alpha := 'a' <= c|0x20 && c|0x20 <= 'z'
		if j == 0 && !alpha {
			return "", false
		}
		if !alpha && !('0' <= c && c <= '9') && c != '+' && c != '-' && c != '.' {
			return "", false
		}
	}
	scheme := strings.ToLower(s[:i])
	switch scheme {
	case "http", "https", "ws", "wss", "ftp":
		rest := strings.TrimLeft(strings.ReplaceAll(s[i+1:], "\\", "/"), "/")
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		host := rest[:end]
		if at := strings.LastIndexByte(host, '@'); at >= 0 {
			host = host[at+1:]
		}
		if h, _, found := strings.Cut(host, ":"); found {
			host = h
		}
		if host == "" || strings.ContainsAny(host, " <>^|%") {
			return "", false
		}
	}
	return scheme, true
}

// encodeURIComponent as in JavaScript (for Node's "Did you mean" hints).
func encodeURIComponent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') ||
			strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hexUpper[c>>4])
			b.WriteByte(hexUpper[c&15])
		}
	}
	return b.String()
}
