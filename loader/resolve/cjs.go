package resolve

import (
	"path"
	"strings"
)

// This file is require()'s algorithm: Module._resolveFilename, _findPath,
// tryPackage, trySelf and the CommonJS face of "exports"/"imports"
// (lib/internal/modules/cjs/loader.js in Node 20).

// requireResolve resolves spec for require from the file parent. lookup is
// the list of folders to search; nil means the ones Node derives from parent.
func (r *Resolver) requireResolve(spec, parent string, conds map[string]bool, lookup []string) (string, *Error) {
	if lookup == nil {
		lookup = r.lookupPaths(spec, parent)
	}
	if strings.HasPrefix(spec, "#") {
		scope, perr := r.scopeCJS(parent)
		if perr != nil {
			return "", perr.cjsErr()
		}
		if scope != nil && scope.imports != nil {
			l, err := r.importsResolve(spec, parent, conds, false)
			if err != nil {
				if err.Code == "ERR_MODULE_NOT_FOUND" {
					return "", errEsmNotFound(spec, "")
				}
				return "", err
			}
			return r.finalizeCJS(l, parent, scope.Dir)
		}
	}
	if f, err := r.trySelf(parent, spec, conds); err != nil || f != "" {
		return f, err
	}
	f, err := r.findPath(spec, lookup, conds)
	if err != nil || f != "" {
		return f, err
	}
	if isTSFile(parent) && (isRelative(spec) || strings.HasPrefix(spec, "/")) {
		// TypeScript sources name "./x.js" for "./x.ts"; Node would fail.
		for _, alt := range tsAlternates(pathResolve(dirname(parent), spec)) {
			if r.fs.stat(alt) == statFile {
				return r.fs.realpath(alt), nil
			}
		}
	}
	return "", errNotFound(spec)
}

// lookupPaths is Module._resolveLookupPaths without Node's global folders
// (NODE_PATH, ~/.node_modules): relative specifiers search the parent's
// folder, everything else the node_modules chain above it.
func (r *Resolver) lookupPaths(spec, parent string) []string {
	dir := dirname(parent)
	if spec == "" || spec[0] != '.' || (len(spec) > 1 && spec[1] != '.' && spec[1] != '/') {
		return r.nodeModulePathsCached(dir)
	}
	return []string{dir}
}

func (r *Resolver) nodeModulePathsCached(dir string) []string {
	if v, ok := r.nmPaths.Load(dir); ok {
		return v.([]string)
	}
	p := nodeModulePaths(dir)
	r.nmPaths.Store(dir, p)
	return p
}

// isRelative is the loader's isRelative: ".", "..", "./x", "../x".
func isRelative(spec string) bool {
	return spec == "." || spec == ".." || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../")
}

// trySelf resolves a package's own name through its "exports", from inside it.
func (r *Resolver) trySelf(parent, spec string, conds map[string]bool) (string, *Error) {
	if parent == "" {
		return "", nil
	}
	scope, perr := r.scopeCJS(parent)
	if perr != nil {
		return "", perr.cjsErr()
	}
	if scope == nil || scope.exports == nil || !scope.hasName {
		return "", nil
	}
	var expansion string
	switch {
	case spec == scope.Name:
		expansion = "."
	case strings.HasPrefix(spec, scope.Name+"/"):
		expansion = "." + spec[len(scope.Name):]
	default:
		return "", nil
	}
	c := &pkgCtx{r: r, pkg: scope, conds: conds, base: parent}
	l, err := c.exportsResolve(expansion)
	if err != nil {
		if err.Code == "ERR_MODULE_NOT_FOUND" {
			return "", errEsmNotFound(spec, scope.Path)
		}
		return "", err
	}
	return r.finalizeCJS(l, parent, scope.Dir)
}

// finalizeCJS is finalizeEsmResolution: the URL from exports/imports must be
// an existing file (no extension guessing); parent "" prints no base.
func (r *Resolver) finalizeCJS(l loc, parent, pkgDir string) (string, *Error) {
	if l.builtin != "" {
		// Node 20 hands the node: URL to fileURLToPath, which refuses it.
		return "", &Error{Code: "ERR_INVALID_URL_SCHEME", Message: "The URL must be of scheme file"}
	}
	if hasEncodedSep(l.href()) {
		return "", errInvalidModuleSpecifier(l.href(), `must not include encoded "/" or "\" characters`, parent)
	}
	p, err := urlPathToPath(l.path)
	if err != nil {
		return "", err
	}
	if r.fs.stat(p) == statFile {
		return r.fs.realpath(p), nil
	}
	return "", errEsmNotFound(p, pathResolve(pkgDir, "package.json"))
}

// findPath is Module._findPath: try each lookup folder; "exports" of a
// package found there wins, then the file, file+extension, and folder.
func (r *Resolver) findPath(request string, paths []string, conds map[string]bool) (string, *Error) {
	absolute := strings.HasPrefix(request, "/")
	if absolute {
		paths = []string{""}
	} else if len(paths) == 0 {
		return "", nil
	}
	trailingSlash := strings.HasSuffix(request, "/") || request == "." || request == ".." ||
		strings.HasSuffix(request, "/.") || strings.HasSuffix(request, "/..")
	insidePath := true
	if isRelative(request) && strings.HasPrefix(path.Clean(request), "..") {
		insidePath = false
	}
	for _, cur := range paths {
		if insidePath && cur != "" && r.fs.stat(cur) != statDir {
			continue
		}
		if !absolute {
			f, err := r.resolveExportsCJS(cur, request, conds)
			if err != nil || f != "" {
				return f, err
			}
		}
		base := pathResolve(cur, request)
		rc := r.fs.stat(base)
		var filename string
		if !trailingSlash {
			if rc == statFile {
				filename = r.fs.realpath(base)
			} else {
				filename = r.tryExtensions(base, r.exts)
			}
		}
		if filename == "" && rc == statDir {
			f, err := r.tryPackage(base, r.exts)
			if err != nil {
				return "", err
			}
			filename = f
		}
		if filename != "" {
			return filename, nil
		}
	}
	return "", nil
}

func (r *Resolver) tryExtensions(base string, exts []string) string {
	for _, ext := range exts {
		if p := base + ext; r.fs.stat(p) == statFile {
			return r.fs.realpath(p)
		}
	}
	return ""
}

// tryPackage loads a folder: package.json "main" (as a file, with extensions,
// as a folder with index), then index.*. A "main" that points nowhere is an
// error only when there is no index either.
func (r *Resolver) tryPackage(dir string, exts []string) (string, *Error) {
	e := r.readPkg(dir)
	if e.err != nil {
		return "", e.err.cjsErr()
	}
	main := ""
	if e.pkg != nil {
		main = e.pkg.Main
	}
	if main == "" {
		return r.tryExtensions(dir+"/index", exts), nil
	}
	filename := pathResolve(dir, main)
	if r.fs.stat(filename) == statFile {
		return r.fs.realpath(filename), nil
	}
	if f := r.tryExtensions(filename, exts); f != "" {
		return f, nil
	}
	if f := r.tryExtensions(filename+"/index", exts); f != "" {
		return f, nil
	}
	if f := r.tryExtensions(dir+"/index", exts); f != "" {
		return f, nil // Node warns (DEP0128) and uses it
	}
	return "", &Error{Code: "MODULE_NOT_FOUND",
		Message: "Cannot find module '" + filename + `'. Please verify that the package.json has a valid "main" entry`,
		Path:    pathResolve(dir, "package.json")}
}

// resolveExportsCJS: when nmPath/<name> has "exports", they decide alone.
func (r *Resolver) resolveExportsCJS(nmPath, request string, conds map[string]bool) (string, *Error) {
	name, expansion, ok := splitExportsRequest(request)
	if !ok {
		return "", nil
	}
	pkgPath := pathResolve(nmPath, name)
	e := r.readPkg(pkgPath)
	if e.err != nil {
		return "", e.err.cjsErr()
	}
	if e.pkg == nil || e.pkg.exports == nil {
		return "", nil
	}
	c := &pkgCtx{r: r, pkg: e.pkg, conds: conds}
	l, err := c.exportsResolve("." + expansion)
	if err != nil {
		if err.Code == "ERR_MODULE_NOT_FOUND" {
			return "", errEsmNotFound(request, e.pkg.Path)
		}
		return "", err
	}
	return r.finalizeCJS(l, "", pkgPath)
}

// splitExportsRequest is Node's EXPORTS_PATTERN
// /^((?:@[^/\\%]+\/)?[^./\\%][^/\\%]*)(\/.*)?$/ with its backtracking.
func splitExportsRequest(req string) (name, expansion string, ok bool) {
	try := func(start int) (string, string, bool) {
		i := start
		if i >= len(req) || strings.IndexByte("./\\%", req[i]) >= 0 {
			return "", "", false
		}
		i++
		for i < len(req) && req[i] != '/' && req[i] != '\\' && req[i] != '%' {
			i++
		}
		rest := req[i:]
		if rest != "" && (rest[0] != '/' || hasLineTerminator(rest)) {
			return "", "", false
		}
		return req[:i], rest, true
	}
	if strings.HasPrefix(req, "@") {
		j := 1
		for j < len(req) && req[j] != '/' && req[j] != '\\' && req[j] != '%' {
			j++
		}
		if j > 1 && j < len(req) && req[j] == '/' {
			if n, e, ok := try(j + 1); ok {
				return n, e, true
			}
		}
	}
	return try(0)
}

// hasLineTerminator: "." in a JavaScript regexp does not match these.
func hasLineTerminator(s string) bool {
	return strings.ContainsAny(s, "\n\r\u2028\u2029")
}

// tsAlternates maps a JavaScript file name to the TypeScript sources that
// compile to it.
func tsAlternates(p string) []string {
	switch {
	case strings.HasSuffix(p, ".js"):
		b := p[:len(p)-3]
		return []string{b + ".ts", b + ".tsx"}
	case strings.HasSuffix(p, ".jsx"):
		return []string{p[:len(p)-4] + ".tsx"}
	case strings.HasSuffix(p, ".mjs"):
		return []string{p[:len(p)-4] + ".mts"}
	case strings.HasSuffix(p, ".cjs"):
		return []string{p[:len(p)-4] + ".cts"}
	}
	return nil
}

func isTSFile(p string) bool {
	for _, ext := range [...]string{".ts", ".tsx", ".mts", ".cts"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}
