package audit

import (
	"net"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/dop251/goja/ast"

	"github.com/pkgbox/pkgbox/manifests/inventory"
	"github.com/pkgbox/pkgbox/policy"
)

func inventoryName(spec string) string { return inventory.PackageName(spec) }

// apiUse records the capabilities of one use of a table API: a call (with its arguments), a
// construction, or a reference that passes the function on (its resources are then unknown).
func (a *analyzer) apiUse(n ast.Node, name string, args []ast.Expression, m mode) {
	api, ok := policy.Lookup(name)
	if !ok {
		return
	}
	called := m == modeCallee || m == modeNew
	for _, c := range api.Checks {
		if c.Kind == policy.ArgFD || c.Kind == policy.ArgHandle {
			continue // covered by the open that made the descriptor
		}
		if !a.applies(c, api, args, called, m) {
			continue
		}
		res, computed, skip := a.resourceOf(c, api, args, called)
		if skip {
			continue
		}
		var msg string
		switch {
		case m == modeTarget:
			msg = "sets " + name
		case !called:
			msg = name + " is passed on; its arguments are not known"
		case computed:
			msg = name + " with a computed " + string(kindNoun(c.Kind))
		case res != "":
			msg = name + " " + strconv.Quote(res)
		default:
			msg = name
		}
		a.add(n, c.Capability, name, res, computed, msg)
	}
}

func kindNoun(k policy.ArgKind) string {
	switch k {
	case policy.ArgPath, policy.ArgPathOrFD, policy.ArgLinkTarget:
		return "path"
	case policy.ArgAddress, policy.ArgURL:
		return "address"
	case policy.ArgHostname:
		return "host name"
	case policy.ArgCommand, policy.ArgShell, policy.ArgModule:
		return "command"
	case policy.ArgEnv:
		return "variable name"
	}
	return "resource"
}

// applies evaluates a check's condition (capabilities.tsv's WHEN column) on the call.
func (a *analyzer) applies(c policy.Check, api policy.API, args []ast.Expression, called bool, m mode) bool {
	if c.When == "" {
		return true
	}
	k, nStr, _ := strings.Cut(c.When, ":")
	idx, _ := strconv.Atoi(nStr)
	switch k {
	case "set":
		if api.Form == "property" {
			return m == modeTarget
		}
		return called && len(args) > 0
	case "get":
		return m != modeTarget
	case "signal":
		if !called || idx >= len(args) {
			return false
		}
		if v, ok := a.fold(args[idx]); ok {
			return strings.HasPrefix(v, "SIG")
		}
		return true
	case "flags-read", "flags-write":
		if !called {
			return true
		}
		flags := "r"
		if idx < len(args) {
			switch x := args[idx].(type) {
			case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
			case *ast.NumberLiteral:
				flags = "?"
			default:
				v, ok := a.fold(x)
				if !ok {
					flags = "?"
				} else {
					flags = v
				}
			}
		}
		if flags == "?" {
			return true
		}
		read, write := flagsRW(flags)
		if k == "flags-read" {
			return read
		}
		return write
	case "native":
		return false // require of a .node file is found where require is handled
	}
	return true
}

// flagsRW says whether fs open flags read and write ("r", "r+", "w", "a+", "wx"...).
func flagsRW(flags string) (read, write bool) {
	switch {
	case strings.Contains(flags, "+"):
		return true, true
	case strings.HasPrefix(flags, "r"):
		return true, false
	case strings.HasPrefix(flags, "w"), strings.HasPrefix(flags, "a"):
		return false, true
	}
	return true, true
}

// resourceOf finds a check's resource among the call's arguments when they are constant.
// skip is set when the argument shows the check does not apply (a descriptor for a
// path-or-descriptor argument).
func (a *analyzer) resourceOf(c policy.Check, api policy.API, args []ast.Expression, called bool) (res string, computed, skip bool) {
	if c.Kind == policy.ArgNone {
		return "", false, false
	}
	if !called {
		return "", true, false
	}
	idx := c.Arg()
	var arg ast.Expression
	if idx >= 0 && idx < len(args) {
		arg = args[idx]
	}
	switch c.Kind {
	case policy.ArgPath, policy.ArgPathOrFD, policy.ArgLinkTarget:
		if _, isNum := arg.(*ast.NumberLiteral); isNum && c.Kind == policy.ArgPathOrFD {
			return "", false, true
		}
		if arg == nil {
			return "", true, false
		}
		if v, ok := a.fold(arg); ok {
			return a.pathResource(v), false, false
		}
	case policy.ArgShell:
		if sh := a.shellOption(args); sh != "" {
			return sh, false, false
		}
		return "sh", false, false
	case policy.ArgCommand:
		if sh := a.shellOption(args); sh != "" {
			return sh, false, false
		}
		if arg != nil {
			if v, ok := a.fold(arg); ok && v != "" {
				return v, false, false
			}
		}
	case policy.ArgHostname:
		if arg != nil {
			if v, ok := a.fold(arg); ok && v != "" {
				return v, false, false
			}
		}
	case policy.ArgURL:
		if arg != nil {
			if v, ok := a.fold(arg); ok {
				if hp, ok := urlHostPort(v); ok {
					return hp, false, false
				}
			} else if obj, ok := arg.(*ast.ObjectLiteral); ok {
				if hp, ok := a.objectHostPort(obj, defaultPort(api.Module)); ok {
					return hp, false, false
				}
			}
		}
	case policy.ArgAddress:
		if hp, ok := a.addressOf(api, args); ok {
			return hp, false, false
		}
	}
	return "", true, false
}

// shellOption is the shell a literal options object asks for ({shell: true} is sh).
func (a *analyzer) shellOption(args []ast.Expression) string {
	for _, arg := range args {
		obj, ok := arg.(*ast.ObjectLiteral)
		if !ok {
			continue
		}
		for _, p := range obj.Value {
			kp, ok := p.(*ast.PropertyKeyed)
			if !ok {
				continue
			}
			if k, _ := a.propKey(kp); k != "shell" {
				continue
			}
			switch v := kp.Value.(type) {
			case *ast.BooleanLiteral:
				if v.Value {
					return "sh"
				}
			default:
				if s, ok := a.fold(v); ok && s != "" {
					return s
				}
				return "sh"
			}
		}
	}
	return ""
}

func defaultPort(module string) int {
	if module == "https" || module == "http2" || module == "tls" {
		return 443
	}
	return 80
}

// objectHostPort reads {host|hostname, port, protocol} from an object literal.
func (a *analyzer) objectHostPort(obj *ast.ObjectLiteral, port int) (string, bool) {
	host := "localhost"
	for _, p := range obj.Value {
		kp, ok := p.(*ast.PropertyKeyed)
		if !ok {
			if _, short := p.(*ast.PropertyShort); short {
				return "", false // {host} from a variable
			}
			continue
		}
		k, _ := a.propKey(kp)
		switch k {
		case "host", "hostname":
			v, ok := a.fold(kp.Value)
			if !ok {
				return "", false
			}
			host = strings.TrimSuffix(v, ":")
			if h, p, err := net.SplitHostPort(v); err == nil && k == "host" {
				host = h
				if n, err := strconv.Atoi(p); err == nil {
					port = n
				}
			}
		case "port":
			v, ok := a.fold(kp.Value)
			n, err := strconv.Atoi(v)
			if !ok || err != nil {
				return "", false
			}
			port = n
		case "protocol":
			if v, ok := a.fold(kp.Value); ok && strings.HasPrefix(v, "https") {
				port = 443
			}
		case "socketPath", "path":
			if k == "socketPath" {
				v, ok := a.fold(kp.Value)
				if !ok {
					return "", false
				}
				return "unix:" + v, true
			}
		}
	}
	return net.JoinHostPort(host, strconv.Itoa(port)), true
}

// addressOf reads the address of net.connect-style arguments: (port[, host]), (options) or
// (path) for a unix socket. Listening without a host is on every address ("*").
func (a *analyzer) addressOf(api policy.API, args []ast.Expression) (string, bool) {
	if len(args) == 0 {
		return "", false
	}
	listen := strings.HasSuffix(api.Name, ".listen") || strings.HasSuffix(api.Name, ".bind")
	defHost := "localhost"
	if listen {
		defHost = "*"
	}
	switch x := args[0].(type) {
	case *ast.NumberLiteral:
		host := defHost
		if len(args) > 1 {
			if _, isFn := args[1].(*ast.FunctionLiteral); !isFn {
				if _, isArrow := args[1].(*ast.ArrowFunctionLiteral); !isArrow {
					v, ok := a.fold(args[1])
					if !ok {
						if _, isNum := args[1].(*ast.NumberLiteral); !isNum {
							return "", false
						}
					} else {
						host = v
					}
				}
			}
		}
		port := numberText(x)
		if port == "0" && listen {
			return net.JoinHostPort(host, "*"), true
		}
		return net.JoinHostPort(host, port), true
	case *ast.ObjectLiteral:
		hp, ok := a.objectHostPort(x, 0)
		if ok && strings.HasSuffix(hp, ":0") {
			if !listen {
				return "", false
			}
			hp = strings.TrimSuffix(hp, ":0") + ":*"
		}
		if ok && listen && strings.HasPrefix(hp, "localhost:") {
			hp = "*" + strings.TrimPrefix(hp, "localhost")
		}
		return hp, ok
	default:
		if v, ok := a.fold(x); ok {
			if _, err := strconv.Atoi(v); err == nil {
				return net.JoinHostPort(defHost, v), true
			}
			return "unix:" + a.pathResource(v), true
		}
	}
	return "", false
}

// pathResource writes a constant path as a manifest would: paths built from __dirname
// relative to the project root ("./node_modules/x/data.json"), others as written.
func (a *analyzer) pathResource(v string) string {
	if rest, ok := strings.CutPrefix(v, dirToken); ok {
		return "./" + strings.TrimPrefix(path.Clean("/" + rest)[1:], "/")
	}
	if strings.HasPrefix(v, "file://") {
		if u, err := url.Parse(v); err == nil {
			v = u.Path
		}
	}
	if path.IsAbs(v) {
		return path.Clean(v)
	}
	c := path.Clean(v)
	if strings.HasPrefix(c, "../") || c == ".." {
		return c
	}
	if c == "." {
		return "."
	}
	return "./" + c
}

// urlHostPort is the host:port a URL connects to.
func urlHostPort(s string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return "", false
	}
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "https", "wss":
			port = "443"
		case "http", "ws":
			port = "80"
		case "ftp":
			port = "21"
		default:
			return "", false
		}
	}
	return net.JoinHostPort(u.Hostname(), port), true
}

// namespaceHosts name XML and JSON-schema namespaces: URLs that identify, not connect.
var namespaceHosts = map[string]bool{"www.w3.org": true, "w3.org": true, "purl.org": true,
	"schemas.xmlsoap.org": true, "schemas.microsoft.com": true, "ns.adobe.com": true,
	"json-schema.org": true, "xmlns.com": true, "www.w3c.org": true}

// urlHost finds a URL in a string literal that is nothing but a URL (or starts a template):
// a host the code may connect to. Prose that mentions a URL ("see https://...") is not one.
func urlHost(s string) (string, bool) {
	if len(s) < 8 || len(s) > 2048 || strings.ContainsAny(s, " \t\n\"'<>") {
		return "", false
	}
	i := strings.Index(s, "://")
	if i <= 0 {
		return "", false
	}
	switch strings.ToLower(s[:i]) {
	case "http", "https", "ws", "wss", "ftp":
	default:
		return "", false
	}
	hp, ok := urlHostPort(s)
	if !ok {
		return "", false
	}
	host, _, _ := net.SplitHostPort(hp)
	if namespaceHosts[strings.ToLower(host)] || strings.ContainsAny(host, "${}*") {
		return "", false
	}
	if !strings.Contains(host, ".") && host != "localhost" && net.ParseIP(host) == nil {
		return "", false
	}
	return hp, true
}
