package policy

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// The table is data, not code (DESIGN.md "One capability table"): the gate, the audit, the docs
// and the tests read the same rows, so a new API is one line in capabilities.tsv.
//
//go:embed capabilities.tsv
var capabilityTSV string

// ResourceKind names what a capability's resource is.
type ResourceKind string

const (
	ResourceNone     ResourceKind = ""
	ResourcePath     ResourceKind = "path"
	ResourceHostPort ResourceKind = "host:port"
	ResourceHost     ResourceKind = "host"
	ResourceCommand  ResourceKind = "command"
	ResourceEnv      ResourceKind = "variable name"
)

// Capability is one entry of SPEC.md's capability vocabulary.
type Capability struct {
	Name        string
	Resource    ResourceKind
	Description string
}

var capabilities = []Capability{
	{"fs.read", ResourcePath, "every fs API that reads data or metadata (read, stat, readdir, access, realpath, watch, open for reading, createReadStream, fs/promises)"},
	{"fs.write", ResourcePath, "every fs API that creates, changes or removes (write, append, mkdir, rm, rename (both paths), symlink, link, chmod, utimes, truncate, copyFile, open for writing)"},
	{"net.connect", ResourceHostPort, "outgoing TCP/TLS/HTTP(S)/fetch/WebSocket connections; unix sockets as unix:PATH"},
	{"net.listen", ResourceHostPort, "servers (net/http/https createServer().listen)"},
	{"net.resolve", ResourceHost, "DNS look-ups (dns.*); a connect by host name implies its own look-up"},
	{"process.spawn", ResourceCommand, "child_process (spawn, exec, execFile, fork, and their Sync forms)"},
	{"env.read", ResourceEnv, "reading process.env; a package without it sees an empty process.env"},
	{"env.write", ResourceEnv, "writing process.env"},
	{"process.control", ResourceNone, "process.exit, process.kill, process.chdir, process.umask, signal handlers, process.abort"},
	{"sys.info", ResourceNone, "os.hostname, os.userInfo, os.networkInterfaces, os.homedir and similar fingerprinting"},
	{"native.load", ResourcePath, "loading a .node addon (never possible in pkgbox; the audit still reports it)"},
}

var capabilityByName = func() map[string]Capability {
	m := make(map[string]Capability, len(capabilities))
	for _, c := range capabilities {
		m[c.Name] = c
	}
	return m
}()

// Capabilities lists the capability vocabulary in SPEC.md's order.
func Capabilities() []Capability { return append([]Capability(nil), capabilities...) }

// IsCapability reports whether name is a capability of the vocabulary.
func IsCapability(name string) bool {
	_, ok := capabilityByName[name]
	return ok
}

// CapabilityOf returns the capability called name.
func CapabilityOf(name string) (Capability, bool) {
	c, ok := capabilityByName[name]
	return c, ok
}

// ArgKind says how an API argument becomes a resource. The builtin that implements the API does
// the conversion; the table tells it (and the audit) which argument to look at.
type ArgKind string

const (
	ArgNone       ArgKind = "none"        // the capability has no resource
	ArgPath       ArgKind = "path"        // string, Buffer, Uint8Array or file: URL
	ArgPathOrFD   ArgKind = "path-or-fd"  // a path, or a descriptor/FileHandle (then its rights)
	ArgFD         ArgKind = "fd"          // a descriptor: checked against the rights it was opened with
	ArgHandle     ArgKind = "handle"      // the FileHandle or Dir itself (this): its rights
	ArgLinkTarget ArgKind = "link-target" // a symlink target, resolved against the link's folder
	ArgAddress    ArgKind = "address"     // port/host, options, or unix path, as the API reads them
	ArgURL        ArgKind = "url"         // a URL string/object or request options
	ArgHostname   ArgKind = "hostname"    // a host name or address to look up
	ArgCommand    ArgKind = "command"     // a program (resolved on PATH) and its args
	ArgShell      ArgKind = "shell"       // a command string run by the shell: the shell is the command
	ArgModule     ArgKind = "module"      // fork: the runtime executable running a module
	ArgEnv        ArgKind = "env"         // an environment variable name
)

var argKinds = map[ArgKind]bool{ArgNone: true, ArgPath: true, ArgPathOrFD: true, ArgFD: true,
	ArgHandle: true, ArgLinkTarget: true, ArgAddress: true, ArgURL: true, ArgHostname: true,
	ArgCommand: true, ArgShell: true, ArgModule: true, ArgEnv: true}

// Check is one capability an API needs.
type Check struct {
	Capability string
	Kind       ArgKind
	// Where is the argument index as text ("0", "1"), or "this", "key" (the property name),
	// "*" (from the arguments as the API defines them) or "-" (no argument).
	Where string
	// When is empty when the check always applies; otherwise one of flags-read:N, flags-write:N,
	// signal:N, set, get, native (see capabilities.tsv).
	When string
}

// Arg is Where as an argument index, or -1 when Where is not an index.
func (c Check) Arg() int {
	n, err := strconv.Atoi(c.Where)
	if err != nil {
		return -1
	}
	return n
}

func (c Check) String() string {
	s := c.Capability + "(" + string(c.Kind) + ":" + c.Where + ")"
	if c.When != "" {
		s += "[" + c.When + "]"
	}
	return s
}

// API is one row of the capability table.
type API struct {
	Name   string // as denial messages and the audit name it, e.g. "fs.readFileSync"
	Module string // the require() specifier, "-" for globals
	Form   string // sync, callback, promise, method, constructor, function, property, event, global, require
	Checks []Check
	Note   string
}

// Capabilities lists the distinct capabilities the API may need, in table order.
func (a API) Capabilities() []string {
	var out []string
	for _, c := range a.Checks {
		dup := false
		for _, o := range out {
			dup = dup || o == c.Capability
		}
		if !dup {
			out = append(out, c.Capability)
		}
	}
	return out
}

var apiForms = map[string]bool{"sync": true, "callback": true, "promise": true, "method": true,
	"constructor": true, "function": true, "property": true, "event": true, "global": true, "require": true}

var apis, apiByName = func() ([]API, map[string]int) {
	list, err := parseCapabilityTable(capabilityTSV)
	if err != nil {
		// The table is embedded and checked by the tests, so this is a build defect.
		panic("policy: capabilities.tsv: " + err.Error())
	}
	idx := make(map[string]int, len(list))
	for i, a := range list {
		idx[a.Name] = i
	}
	return list, idx
}()

// Lookup returns the table row of an API by its name ("fs.readFileSync", "FileHandle.read").
func Lookup(api string) (API, bool) {
	i, ok := apiByName[api]
	if !ok {
		return API{}, false
	}
	return cloneAPI(apis[i]), true
}

// APIs lists every row of the table in table order.
func APIs() []API {
	out := make([]API, len(apis))
	for i, a := range apis {
		out[i] = cloneAPI(a)
	}
	return out
}

func cloneAPI(a API) API {
	a.Checks = append([]Check(nil), a.Checks...)
	return a
}

func parseCapabilityTable(src string) ([]API, error) {
	var out []API
	seen := map[string]int{}
	for n, line := range strings.Split(src, "\n") {
		lineNo := n + 1
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 4 || len(cols) > 5 {
			return nil, fmt.Errorf("line %d: expected 4 or 5 tab-separated columns (api, module, form, checks, note), found %d", lineNo, len(cols))
		}
		a := API{Name: cols[0], Module: cols[1], Form: cols[2]}
		if len(cols) == 5 {
			a.Note = cols[4]
		}
		if a.Name == "" || strings.ContainsAny(a.Name, " \t") {
			return nil, fmt.Errorf("line %d: api name %q: expected a non-empty name without spaces", lineNo, a.Name)
		}
		if prev, dup := seen[a.Name]; dup {
			return nil, fmt.Errorf("line %d: api %q already defined on line %d", lineNo, a.Name, prev)
		}
		seen[a.Name] = lineNo
		if a.Module == "" {
			return nil, fmt.Errorf("line %d: api %q: expected a module (or - for globals)", lineNo, a.Name)
		}
		if !apiForms[a.Form] {
			return nil, fmt.Errorf("line %d: api %q: form %q is not one of sync, callback, promise, method, constructor, function, property, event, global, require", lineNo, a.Name, a.Form)
		}
		if cols[3] != "-" {
			for _, f := range strings.Fields(cols[3]) {
				c, err := parseCheck(f)
				if err != nil {
					return nil, fmt.Errorf("line %d: api %q: %w", lineNo, a.Name, err)
				}
				a.Checks = append(a.Checks, c)
			}
			if len(a.Checks) == 0 {
				return nil, fmt.Errorf("line %d: api %q: expected checks or -", lineNo, a.Name)
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// parseCheck reads CAPABILITY(KIND:WHERE) with an optional [WHEN].
func parseCheck(s string) (Check, error) {
	open := strings.IndexByte(s, '(')
	closeIdx := strings.IndexByte(s, ')')
	if open <= 0 || closeIdx < open {
		return Check{}, fmt.Errorf("check %q: expected CAPABILITY(KIND:WHERE)[WHEN]", s)
	}
	c := Check{Capability: s[:open]}
	if !IsCapability(c.Capability) {
		return Check{}, fmt.Errorf("check %q: unknown capability %q", s, c.Capability)
	}
	kind, where, ok := strings.Cut(s[open+1:closeIdx], ":")
	if !ok || where == "" {
		return Check{}, fmt.Errorf("check %q: expected KIND:WHERE inside the parentheses", s)
	}
	c.Kind, c.Where = ArgKind(kind), where
	if !argKinds[c.Kind] {
		return Check{}, fmt.Errorf("check %q: unknown resource kind %q", s, kind)
	}
	if _, err := strconv.Atoi(where); err != nil && where != "this" && where != "key" && where != "*" && where != "-" {
		return Check{}, fmt.Errorf("check %q: where %q is not an argument index, this, key, * or -", s, where)
	}
	wantResource := capabilityByName[c.Capability].Resource != ResourceNone
	if wantResource == (c.Kind == ArgNone) {
		return Check{}, fmt.Errorf("check %q: capability %s takes %s, not kind %q", s, c.Capability, resourceWord(capabilityByName[c.Capability].Resource), kind)
	}
	rest := s[closeIdx+1:]
	if rest != "" {
		if !strings.HasPrefix(rest, "[") || !strings.HasSuffix(rest, "]") {
			return Check{}, fmt.Errorf("check %q: expected [WHEN] after the parentheses", s)
		}
		c.When = rest[1 : len(rest)-1]
		if !validWhen(c.When) {
			return Check{}, fmt.Errorf("check %q: condition %q is not flags-read:N, flags-write:N, signal:N, set, get or native", s, c.When)
		}
	}
	return c, nil
}

func validWhen(w string) bool {
	switch w {
	case "set", "get", "native":
		return true
	}
	k, n, ok := strings.Cut(w, ":")
	if !ok {
		return false
	}
	if _, err := strconv.Atoi(n); err != nil {
		return false
	}
	return k == "flags-read" || k == "flags-write" || k == "signal"
}

func resourceWord(k ResourceKind) string {
	if k == ResourceNone {
		return "no resource"
	}
	return "a " + string(k)
}

// Suggest returns the capability closest to a misspelt name ("fs.reed" → "fs.read"), or "" when
// nothing is close enough to be a likely typo.
func Suggest(name string) string {
	best, bestDist := "", 0
	lower := strings.ToLower(strings.TrimSpace(name))
	for _, c := range capabilities {
		if lower == c.Name {
			return c.Name
		}
		d := editDistance(lower, c.Name)
		if best == "" || d < bestDist {
			best, bestDist = c.Name, d
		}
	}
	// Transposed or swapped halves ("read.fs", "write") are common too.
	if bestDist > 3 {
		for _, c := range capabilities {
			a, b, _ := strings.Cut(c.Name, ".")
			if lower == b+"."+a || lower == b || lower == strings.ReplaceAll(c.Name, ".", "") ||
				lower == strings.ReplaceAll(c.Name, ".", "_") || lower == strings.ReplaceAll(c.Name, ".", ":") {
				return c.Name
			}
		}
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance over bytes (capability names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// CapabilityNames lists the capability names sorted, for messages that enumerate them.
func CapabilityNames() []string {
	out := make([]string, len(capabilities))
	for i, c := range capabilities {
		out[i] = c.Name
	}
	sort.Strings(out)
	return out
}
