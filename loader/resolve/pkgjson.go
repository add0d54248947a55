package resolve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// Package is what the loader needs to know about a package.json. Packages
// are cached and shared: treat them as read-only.
type Package struct {
	// Dir is the folder holding package.json: a real path when it comes from
	// PackageOf (whose argument is a real path); as asked for ReadPackage.
	Dir     string
	Path    string          // Dir + "/package.json"
	Name    string          // "name" when it is a string
	Version string          // "version" when it is a string
	Type    string          // "module", "commonjs" or "" (anything else is ignored, as Node does)
	Main    string          // "main" when it is a string
	Deps    map[string]bool // names in dependencies ∪ optionalDependencies ∪ peerDependencies
	// Synthetic is true for a package PackageOf made up because the folder
	// inside node_modules has no readable package.json.
	Synthetic bool

	hasName bool
	hasMain bool  // "main" is a string, possibly empty
	exports *jval // nil when absent or null: Node tests `exports != null`
	imports *jval
}

// HasExports reports whether the package.json has a non-null "exports".
func (p *Package) HasExports() bool { return p != nil && p.exports != nil }

// pkgEntry is one cached read of dir/package.json: pkg nil and err nil means
// there is none (Node: exists === false).
type pkgEntry struct {
	pkg *Package
	err *pkgError
}

// pkgError is an unreadable or unparsable package.json. Node words it
// differently for require ("Error parsing ...") and import (ERR_INVALID_PACKAGE_CONFIG),
// so the rendering is left to the caller.
type pkgError struct {
	path   string
	detail string
}

// cjsErr renders a parse failure as require does; Node sets no code there
// (it rethrows JSON.parse's SyntaxError), we set ERR_INVALID_PACKAGE_CONFIG
// so callers can tell it from other failures.
func (e *pkgError) cjsErr() *Error {
	return &Error{Code: "ERR_INVALID_PACKAGE_CONFIG", Message: "Error parsing " + e.path + ": " + e.detail, Path: e.path}
}

// esmErr renders it as the ESM resolver does; while is Node's base text.
func (e *pkgError) esmErr(while string) *Error {
	return errInvalidPackageConfig(e.path, while, e.detail)
}

// readPkg reads dir/package.json through the cache.
func (r *Resolver) readPkg(dir string) pkgEntry {
	if v, ok := r.pkgs.Load(dir); ok {
		return v.(pkgEntry)
	}
	e := loadPkg(dir)
	v, _ := r.pkgs.LoadOrStore(dir, e)
	return v.(pkgEntry)
}

// ReadPackage returns the parsed dir/package.json (cached). A missing file is
// an error wrapping fs.ErrNotExist; an unparsable one is an *Error naming the
// file and the JSON problem.
func (r *Resolver) ReadPackage(dir string) (*Package, error) {
	e := r.readPkg(strings.TrimRight(dir, "/"))
	if e.err != nil {
		return nil, e.err.cjsErr()
	}
	if e.pkg == nil {
		return nil, fmt.Errorf("read %s/package.json: %w", strings.TrimRight(dir, "/"), fs.ErrNotExist)
	}
	return e.pkg, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func loadPkg(dir string) pkgEntry {
	if dir == "" {
		dir = "/"
	}
	path := dir + "/package.json"
	if dir == "/" {
		path = "/package.json"
	}
	data, err := os.ReadFile(path)
	if err != nil {
		// Node treats any failure to read (missing, a directory, no
		// permission) as "no package.json here".
		return pkgEntry{}
	}
	pkg, perr := parsePackageJSON(dir, path, data)
	if perr != nil {
		return pkgEntry{err: perr}
	}
	return pkgEntry{pkg: pkg}
}

// parsePackageJSON keeps what resolution needs, with Node's leniency: fields of
// the wrong type are ignored, a JSON value that is not an object is a package
// with no fields.
func parsePackageJSON(dir, path string, data []byte) (*Package, *pkgError) {
	data = bytes.TrimPrefix(data, utf8BOM)
	pkg := &Package{Dir: dir, Path: path}
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		detail := "invalid JSON"
		if err != nil {
			detail = err.Error()
		}
		return nil, &pkgError{path: path, detail: detail}
	}
	trimmed := bytes.TrimSpace(data)
	if bytes.Equal(trimmed, []byte("null")) {
		return nil, &pkgError{path: path, detail: "expected a JSON object, got null"}
	}
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return pkg, nil
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, &pkgError{path: path, detail: err.Error()}
	}
	if s, ok := rawString(top["name"]); ok {
		pkg.Name, pkg.hasName = s, true
	}
	pkg.Version, _ = rawString(top["version"])
	pkg.Main, pkg.hasMain = rawString(top["main"])
	if t, _ := rawString(top["type"]); t == "module" || t == "commonjs" {
		pkg.Type = t
	}
	for _, field := range [...]string{"exports", "imports"} {
		raw, ok := top[field]
		if !ok {
			continue
		}
		v, err := parseJval(raw)
		if err != nil {
			return nil, &pkgError{path: path, detail: err.Error()}
		}
		if v.kind == jNull {
			continue
		}
		if field == "exports" {
			pkg.exports = v
		} else {
			pkg.imports = v
		}
	}
	pkg.Deps = map[string]bool{}
	for _, field := range [...]string{"dependencies", "optionalDependencies", "peerDependencies"} {
		var m map[string]json.RawMessage
		if raw, ok := top[field]; ok && json.Unmarshal(raw, &m) == nil {
			for name := range m {
				pkg.Deps[name] = true
			}
		}
	}
	return pkg, nil
}

func rawString(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// scopeCJS is Node's readPackageScope: the nearest package.json above the file
// (not looking at the file's own path), stopping at a folder named
// node_modules. It returns nil when there is none.
func (r *Resolver) scopeCJS(file string) (*Package, *pkgError) {
	p := file
	for {
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return nil, nil
		}
		p = p[:i]
		if strings.HasSuffix(p, "/node_modules") {
			return nil, nil
		}
		e := r.readPkg(p)
		if e.err != nil {
			return nil, e.err
		}
		if e.pkg != nil {
			return e.pkg, nil
		}
		if i == 0 {
			return nil, nil
		}
	}
}

// Scope returns the package.json that governs realFile under Node's rules
// (the nearest one above it, not looking past a node_modules folder), or nil.
func (r *Resolver) Scope(realFile string) (*Package, error) {
	pkg, perr := r.scopeCJS(realFile)
	if perr != nil {
		return nil, perr.cjsErr()
	}
	return pkg, nil
}

// TypeScope returns the "type" of the nearest package.json above the file
// (Node's rule for whether .js is ESM or CommonJS): "module", "commonjs" or
// "" when there is none, it has no valid "type", or it cannot be parsed
// (Scope reports that error).
func (r *Resolver) TypeScope(realFile string) string {
	pkg, _ := r.scopeCJS(realFile)
	if pkg == nil {
		return ""
	}
	return pkg.Type
}

// PackageOf returns the npm package a real file path belongs to, or nil for
// app code (no "/node_modules/" segment in the real path). The package root
// is the folder right after the last "/node_modules/" (two folders for
// "@scope/name"). When that root has no package.json the nearest folder
// between the file and the root that has one is used; failing that (or when
// the package.json cannot be parsed: fail closed) a synthetic Package named
// after the path, with no dependencies.
func (r *Resolver) PackageOf(realFile string) *Package {
	const nm = "/node_modules/"
	i := strings.LastIndex(realFile, nm)
	if i < 0 {
		return nil
	}
	rest := realFile[i+len(nm):]
	seg := 1
	if strings.HasPrefix(rest, "@") {
		seg = 2
	}
	end := 0
	for n := 0; n < seg; n++ {
		j := strings.IndexByte(rest[end:], '/')
		if j < 0 {
			// The file itself sits where a package folder should be: it
			// belongs to no package.json, but it is still not app code.
			end = len(rest)
			break
		}
		end += j
		if n+1 < seg {
			end++
		}
	}
	rootDir := realFile[:i+len(nm)+end]
	name := rest[:end]
	if v, ok := r.owners.Load(rootDir + "\x00" + dirname(realFile)); ok {
		return v.(*Package)
	}
	pkg := r.packageAt(rootDir, name, realFile)
	v, _ := r.owners.LoadOrStore(rootDir+"\x00"+dirname(realFile), pkg)
	return v.(*Package)
}

func (r *Resolver) packageAt(rootDir, name, realFile string) *Package {
	if e := r.readPkg(rootDir); e.pkg != nil {
		return e.pkg
	} else if e.err != nil {
		return synthetic(rootDir, name)
	}
	for d := dirname(realFile); len(d) > len(rootDir) && strings.HasPrefix(d, rootDir+"/"); d = dirname(d) {
		e := r.readPkg(d)
		if e.err != nil {
			break
		}
		if e.pkg != nil {
			return e.pkg
		}
	}
	return synthetic(rootDir, name)
}

func synthetic(dir, name string) *Package {
	return &Package{Dir: dir, Path: dir + "/package.json", Name: name, hasName: name != "",
		Deps: map[string]bool{}, Synthetic: true}
}
