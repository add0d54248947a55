package policy

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	// doublestar is a glob matcher made for slash-separated paths: `*` stays inside one segment,
	// `**` spans any depth (zero segments included), with character classes and {a,b}
	// alternatives; path.Match has no `**` and OPA's glob.match treats `**` as "any characters",
	// so "/a/**/b" would not match "/a/b" there.
	"github.com/bmatcuk/doublestar/v4"
)

// Expected-forms, quoted in every pattern error so a user sees what to write.
const (
	expectPath     = `expected a path pattern ("./logs/**", "/etc/hosts")`
	expectHostPort = `expected a host:port pattern ("api.example.com:443", "*.example.com:*", "[::1]:8080", "unix:./app.sock")`
	expectHost     = `expected a host pattern ("api.example.com", "*.example.com", "10.0.0.1")`
	expectCommand  = `expected a program name or an absolute path ("git", "/usr/bin/git")`
	expectEnv      = `expected a variable name, optionally ending in * ("HOME", "npm_config_*")`
)

// specialRoots are the kernel's pseudo-filesystems: a path below one of them is matched only by
// a pattern that itself starts with that root, so "/**" never grants /proc/self/environ.
var specialRoots = [...]string{"/proc", "/sys", "/dev"}

func specialRoot(p string) string {
	for _, r := range specialRoots {
		if p == r || strings.HasPrefix(p, r+"/") {
			return r
		}
	}
	return ""
}

// ValidatePattern checks one resource pattern of a pkgbox.json grant for capability, without
// touching the filesystem or PATH. The error says what was expected.
func ValidatePattern(capability, pattern string) error {
	c, ok := CapabilityOf(capability)
	if !ok {
		return fmt.Errorf("unknown capability %q: expected one of %s", capability, strings.Join(CapabilityNames(), ", "))
	}
	switch c.Resource {
	case ResourceNone:
		return fmt.Errorf("%s takes no resource: expected true, not a list of patterns", capability)
	case ResourcePath:
		return validatePathPattern(pattern, expectPath)
	case ResourceHostPort:
		if rest, ok := strings.CutPrefix(pattern, "unix:"); ok {
			return validatePathPattern(rest, expectHostPort)
		}
		_, _, err := parseHostPortPattern(pattern)
		return err
	case ResourceHost:
		_, err := parseHostPattern(pattern, expectHost)
		return err
	case ResourceCommand:
		return validateCommandPattern(pattern)
	case ResourceEnv:
		return validateEnvPattern(pattern)
	}
	return fmt.Errorf("capability %q has resource kind %q that has no pattern syntax", capability, c.Resource)
}

func badPattern(expect, pattern, why string) error {
	if why == "" {
		return fmt.Errorf("%s, got %q", expect, pattern)
	}
	return fmt.Errorf("%s, got %q: %s", expect, pattern, why)
}

func validatePathPattern(p, expect string) error {
	switch {
	case p == "":
		return badPattern(expect, p, "empty")
	case strings.ContainsRune(p, 0):
		return badPattern(expect, p, "contains a NUL byte")
	case strings.HasPrefix(p, "~"):
		return badPattern(expect, p, "~ is not expanded; write the absolute path")
	case strings.Contains(p, "://") || strings.HasPrefix(p, "file:"):
		return badPattern(expect, p, "a URL; write the path")
	case !doublestar.ValidatePattern(p):
		return badPattern(expect, p, "unbalanced [ ] or { }, or a trailing \\")
	}
	return nil
}

// parseHostPortPattern splits "host:port"; the host comes back normalised, the port as written.
func parseHostPortPattern(p string) (host, port string, err error) {
	if p == "" {
		return "", "", badPattern(expectHostPort, p, "empty")
	}
	if strings.Contains(p, "://") {
		return "", "", badPattern(expectHostPort, p, "a URL; write host:port")
	}
	var h string
	if strings.HasPrefix(p, "[") {
		end := strings.IndexByte(p, ']')
		if end < 0 {
			return "", "", badPattern(expectHostPort, p, "missing ]")
		}
		h, port = p[:end+1], p[end+1:]
		if !strings.HasPrefix(port, ":") {
			return "", "", badPattern(expectHostPort, p, "missing :port after ]")
		}
		port = port[1:]
	} else {
		i := strings.LastIndexByte(p, ':')
		if i < 0 {
			return "", "", badPattern(expectHostPort, p, "missing :port (use :* for any port)")
		}
		h, port = p[:i], p[i+1:]
		if strings.Contains(h, ":") {
			return "", "", badPattern(expectHostPort, p, "an IPv6 address needs brackets: [::1]:443")
		}
	}
	if port != "*" {
		n, perr := strconv.Atoi(port)
		if perr != nil || n < 0 || n > 65535 || port[0] == '+' || port[0] == '-' {
			return "", "", badPattern(expectHostPort, p, "the port must be a number 0-65535 or *")
		}
		port = strconv.Itoa(n)
	}
	host, err = parseHostPattern(h, expectHostPort)
	if err != nil {
		return "", "", badPattern(expectHostPort, p, strings.TrimPrefix(err.Error(), expectHostPort+", got "+strconv.Quote(h)+": "))
	}
	return host, port, nil
}

// parseHostPattern accepts "*", "*.suffix", an IP literal (IPv6 in brackets or bare) or a host
// name, and returns it normalised.
func parseHostPattern(h, expect string) (string, error) {
	if h == "" {
		return "", badPattern(expect, h, "empty host")
	}
	if h == "*" {
		return "*", nil
	}
	if rest, ok := strings.CutPrefix(h, "*."); ok {
		if strings.Contains(rest, "*") || !validHostName(strings.TrimSuffix(rest, ".")) {
			return "", badPattern(expect, h, "after *. expected a domain name")
		}
		return "*." + NormalizeHost(rest), nil
	}
	if strings.Contains(h, "*") {
		return "", badPattern(expect, h, "* is allowed only as the whole host or as a leading *.")
	}
	if strings.HasPrefix(h, "[") {
		if !strings.HasSuffix(h, "]") || !isIPv6Literal(h[1:len(h)-1]) {
			return "", badPattern(expect, h, "expected an IPv6 address inside [ ]")
		}
		return NormalizeHost(h), nil
	}
	if isIPv6Literal(h) {
		return NormalizeHost(h), nil
	}
	if !validHostName(strings.TrimSuffix(h, ".")) {
		return "", badPattern(expect, h, "not a host name (letters, digits, -, _ and dots) or an IP address")
	}
	return NormalizeHost(h), nil
}

func validHostName(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

func validateCommandPattern(p string) error {
	switch {
	case p == "":
		return badPattern(expectCommand, p, "empty")
	case strings.ContainsRune(p, 0):
		return badPattern(expectCommand, p, "contains a NUL byte")
	case filepath.IsAbs(p):
		return nil
	case strings.Contains(p, "/"):
		return badPattern(expectCommand, p, "a relative path; write the program name or its absolute path")
	case strings.ContainsAny(p, " \t\n"):
		return badPattern(expectCommand, p, "contains spaces; grant the program only, without arguments")
	case strings.ContainsAny(p, "*?["):
		return badPattern(expectCommand, p, "wildcards are not allowed in commands")
	}
	return nil
}

func validateEnvPattern(p string) error {
	body := strings.TrimSuffix(p, "*")
	switch {
	case p == "":
		return badPattern(expectEnv, p, "empty")
	case strings.ContainsAny(body, "*"):
		return badPattern(expectEnv, p, "* is allowed only at the end")
	case strings.ContainsAny(p, "=\x00"):
		return badPattern(expectEnv, p, "contains = or a NUL byte")
	case strings.TrimSpace(p) != p:
		return badPattern(expectEnv, p, "leading or trailing spaces")
	}
	return nil
}

// PatternEnv is what turning a pattern into a matcher needs from the run.
type PatternEnv struct {
	AppRoot string // absolute; relative path patterns are relative to it
	PathEnv string // PATH for command names, looked up when the pattern is compiled
}

// Pattern is a compiled grant pattern of one capability.
type Pattern struct {
	Capability string
	Source     string // as written in pkgbox.json
	// Compiled is what Match compares against: the absolute, symlink-resolved path glob, the
	// normalised host pattern, the resolved program, or the variable name (prefix).
	Compiled string
	// Unresolved is set when a command name was not found on PATH: the pattern matches nothing.
	Unresolved error

	kind    ResourceKind
	unix    bool   // net.* pattern "unix:PATH"
	special string // /proc, /sys or /dev when the path glob starts there
	host    string // net.*: "*", "*.suffix" or an exact host
	port    int    // -1 for *
	prefix  bool   // env: NAME*
}

// CompilePattern validates pattern and turns it into a matcher for capability.
func CompilePattern(capability, pattern string, env PatternEnv) (*Pattern, error) {
	if err := ValidatePattern(capability, pattern); err != nil {
		return nil, err
	}
	c, _ := CapabilityOf(capability)
	p := &Pattern{Capability: capability, Source: pattern, kind: c.Resource, port: -1}
	switch c.Resource {
	case ResourcePath:
		p.Compiled = compilePathGlob(pattern, env.AppRoot)
		p.special = specialRoot(p.Compiled)
	case ResourceHostPort:
		if rest, ok := strings.CutPrefix(pattern, "unix:"); ok {
			p.unix = true
			p.Compiled = compilePathGlob(rest, env.AppRoot)
			p.special = specialRoot(p.Compiled)
			break
		}
		host, port, _ := parseHostPortPattern(pattern)
		p.host = host
		if port != "*" {
			p.port, _ = strconv.Atoi(port)
		}
		p.Compiled = host + ":" + port
		if strings.Contains(host, ":") {
			p.Compiled = "[" + host + "]:" + port
		}
	case ResourceHost:
		p.host, _ = parseHostPattern(pattern, expectHost)
		p.Compiled = p.host
	case ResourceCommand:
		if filepath.IsAbs(pattern) {
			p.Compiled = filepath.Clean(pattern)
			if real, err := RealPath("/", p.Compiled); err == nil {
				p.Compiled = real
			}
			break
		}
		abs, err := ResolveCommand(pattern, env.PathEnv, env.AppRoot)
		if err != nil {
			p.Unresolved = fmt.Errorf("command %q not found on PATH: %w", pattern, err)
			break
		}
		p.Compiled = abs
	case ResourceEnv:
		p.prefix = strings.HasSuffix(pattern, "*")
		p.Compiled = strings.TrimSuffix(pattern, "*")
	}
	return p, nil
}

// compilePathGlob makes a path glob absolute against root, cleans it, and resolves symlinks in
// its literal leading part, so it is comparable with resources, which are real paths.
func compilePathGlob(pattern, root string) string {
	abs := pattern
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(root, abs)
	}
	abs = filepath.Clean(abs)
	if strings.Contains(abs, `\`) {
		return abs // escapes in the literal part: leave it as written rather than guess
	}
	base, rest := abs, ""
	if hasGlobMeta(abs) {
		base, rest = doublestar.SplitPattern(abs)
	}
	real, err := RealPath("/", base)
	if err != nil {
		return abs
	}
	real = escapeGlobMeta(real)
	if rest == "" {
		return real
	}
	if real == "/" {
		return "/" + rest
	}
	return real + "/" + rest
}

func hasGlobMeta(s string) bool { return strings.ContainsAny(s, `*?[{\`) }

func escapeGlobMeta(s string) string {
	if !strings.ContainsAny(s, `*?[]{}\`) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]{}\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Match reports whether the pattern grants r. r is expected as the engine normalises it: paths
// absolute, cleaned and symlink-resolved, hosts normalised, commands absolute.
func (p *Pattern) Match(r Resource) bool {
	switch p.kind {
	case ResourcePath:
		return p.matchPath(r.Path)
	case ResourceHostPort:
		if p.unix {
			return r.Unix != "" && p.matchPath(r.Unix)
		}
		if r.Unix != "" || r.Host == "" {
			return false
		}
		return (p.port < 0 || p.port == r.Port) && p.matchHost(r.Host)
	case ResourceHost:
		return r.Host != "" && p.matchHost(r.Host)
	case ResourceCommand:
		return p.Unresolved == nil && r.Command != "" && r.Command == p.Compiled
	case ResourceEnv:
		if p.prefix {
			return strings.HasPrefix(r.Name, p.Compiled) && r.Name != ""
		}
		return r.Name == p.Compiled && r.Name != ""
	}
	return false
}

func (p *Pattern) matchPath(path string) bool {
	if path == "" || path[0] != '/' {
		return false
	}
	if root := specialRoot(path); root != "" && root != p.special {
		return false
	}
	return doublestar.MatchUnvalidated(p.Compiled, path)
}

func (p *Pattern) matchHost(h string) bool {
	switch {
	case p.host == "*":
		return true
	case strings.HasPrefix(p.host, "*."):
		return strings.HasSuffix(h, p.host[1:]) && len(h) > len(p.host)-1
	}
	return h == p.host
}
