package resolve

import (
	"path/filepath"
	"strings"
)

// This file is import's algorithm (Node 20's ESM moduleResolve) plus pkgbox's
// lenient fallback: pkgbox runs ESM converted to CommonJS and TypeScript
// sources, so unless Config.StrictESM is set, a file-path specifier whose
// exact file is missing may still resolve TypeScript-style ("./x.js" to
// "./x.ts") or CommonJS-style (extensions, folder index).

// importResolve resolves spec for import from base (a file, or "dir/").
func (r *Resolver) importResolve(spec, base string) (Result, *Error) {
	lenient := !r.cfg.StrictESM
	conds := r.importConds
	var l loc
	var err *Error
	switch {
	case shouldBeTreatedAsPath(spec):
		if strings.HasPrefix(spec, "//") || strings.HasPrefix(spec, "/\\") {
			p, t, ok := parseFileHref("file:" + spec)
			if !ok {
				return Result{}, errFileURLHost()
			}
			l = loc{path: p, tail: t}
		} else {
			p, t := urlJoin(pathToURLPath(base), spec)
			l = loc{path: p, tail: t}
		}
		l.guess = true
	case strings.HasPrefix(spec, "#"):
		l, err = r.importsResolve(spec, base, conds, lenient)
	default:
		if scheme, ok := urlSchemeOf(spec); ok {
			switch scheme {
			case "node":
				name := urlInputClean(spec)[len("node:"):]
				if !r.isBuiltin(name) {
					return Result{}, errUnknownBuiltin("node:" + name)
				}
				return Result{Builtin: name}, nil
			case "file":
				p, t, ok := parseFileHref(spec)
				if !ok {
					return Result{}, errFileURLHost()
				}
				l = loc{path: p, tail: t, guess: true}
			default:
				return Result{}, &Error{Code: "ERR_UNSUPPORTED_ESM_URL_SCHEME",
					Message: "Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol '" + scheme + ":'"}
			}
		} else {
			l, err = r.packageResolve(spec, base, conds, lenient)
		}
	}
	if err == nil {
		if l.builtin != "" {
			return Result{Builtin: l.builtin}, nil
		}
		var p string
		p, err = r.finalizeESM(l, base)
		if err == nil {
			if ferr := r.formatScopeCheck(p); ferr != nil {
				return Result{}, ferr
			}
			return Result{Path: p}, nil
		}
		if lenient && l.guess && (err.Code == "ERR_MODULE_NOT_FOUND" || err.Code == "ERR_UNSUPPORTED_DIR_IMPORT") {
			if exact, derr := urlPathToPath(l.path); derr == nil {
				if f := r.guessFile(exact); f != "" {
					return Result{Path: f}, nil
				}
			}
		}
	}
	if err.Code == "ERR_MODULE_NOT_FOUND" || err.Code == "ERR_UNSUPPORTED_DIR_IMPORT" {
		r.addCommonJSHint(err, spec, base)
	}
	return Result{}, err
}

// formatScopeCheck: Node's import reads the package scope of a .js or
// extensionless result to pick its format, so an unparsable package.json
// there fails the import. Doing the same keeps Import errors identical.
func (r *Resolver) formatScopeCheck(p string) *Error {
	base := p[strings.LastIndexByte(p, '/')+1:]
	if ext := filepath.Ext(base); ext != ".js" && (ext != "" || strings.HasPrefix(base, ".")) {
		return nil
	}
	if _, perr := r.scopeESM(p); perr != nil {
		return perr.esmErr(p)
	}
	return nil
}

func errFileURLHost() *Error {
	return &Error{Code: "ERR_INVALID_FILE_URL_HOST", Message: `File URL host must be "localhost" or empty on linux`}
}

// shouldBeTreatedAsPath: "/x", ".", "..", "./x", "../x".
func shouldBeTreatedAsPath(spec string) bool {
	return strings.HasPrefix(spec, "/") || isRelative(spec)
}

// guessFile is the lenient fallback for a missing exact file p: the
// TypeScript source it was compiled from, then CommonJS extension and folder
// lookup.
func (r *Resolver) guessFile(p string) string {
	for _, alt := range tsAlternates(p) {
		if r.fs.stat(alt) == statFile {
			return r.fs.realpath(alt)
		}
	}
	trailingSlash := strings.HasSuffix(p, "/")
	p = filepath.Clean(p)
	if !trailingSlash {
		if f := r.tryExtensions(p, r.exts); f != "" {
			return f
		}
	}
	if r.fs.stat(p) == statDir {
		if f, err := r.tryPackage(p, r.exts); err == nil {
			return f
		}
	}
	return ""
}

// finalizeESM is finalizeResolution: the URL must name an existing file (a
// folder is ERR_UNSUPPORTED_DIR_IMPORT); the result is its real path.
func (r *Resolver) finalizeESM(l loc, base string) (string, *Error) {
	if hasEncodedSep(l.path) {
		return "", errInvalidModuleSpecifier(l.path, `must not include encoded "/" or "\" characters`, base)
	}
	p, err := urlPathToPath(l.path)
	if err != nil {
		return "", err
	}
	// Node 20 stats path.slice(-1), i.e. "/", for a path ending in "/", so
	// any such URL is a directory import.
	st := statDir
	if !strings.HasSuffix(p, "/") {
		st = r.fs.stat(p)
	}
	switch st {
	case statDir:
		return "", errUnsupportedDirImport(p, base)
	case statFile:
		return r.fs.realpath(p), nil
	}
	return "", errModuleNotFoundESM(p, base, true)
}

// scopeESM is getPackageScopeConfig: the nearest package.json at or above
// the folder of base, not looking in or past a folder named *node_modules.
func (r *Resolver) scopeESM(base string) (*Package, *pkgError) {
	d := dirOfBase(base)
	for {
		pj := d + "/package.json"
		if d == "/" {
			pj = "/package.json"
		}
		if strings.HasSuffix(pj, "node_modules/package.json") {
			return nil, nil
		}
		e := r.readPkg(d)
		if e.err != nil {
			return nil, e.err
		}
		if e.pkg != nil {
			return e.pkg, nil
		}
		if d == "/" {
			return nil, nil
		}
		d = dirname(d)
	}
}

// dirOfBase: the folder a URL base resolves "./x" against.
func dirOfBase(base string) string {
	if strings.HasSuffix(base, "/") {
		if d := strings.TrimRight(base, "/"); d != "" {
			return d
		}
		return "/"
	}
	return dirname(base)
}

// packageResolve resolves a bare specifier with ESM rules from base (a file
// path; for an "imports" target, the package.json).
func (r *Resolver) packageResolve(spec, base string, conds map[string]bool, lenient bool) (loc, *Error) {
	if r.builtinWithoutScheme(spec) {
		return loc{builtin: spec}, nil
	}
	name, subpath, err := parsePackageName(spec, base)
	if err != nil {
		return loc{}, err
	}
	scope, perr := r.scopeESM(base)
	if perr != nil {
		return loc{}, perr.esmErr(base)
	}
	if scope != nil && scope.exports != nil && scope.hasName && scope.Name == name {
		c := &pkgCtx{r: r, pkg: scope, conds: conds, base: base, lenient: lenient}
		return c.exportsResolve(subpath)
	}
	for d := dirOfBase(base); ; d = dirname(d) {
		// Concatenated, not joined: Node builds this as a URL and prints
		// it uncleaned ("node_modules//index.js" for an empty name).
		pkgDir := d + "/node_modules/" + name
		if d == "/" {
			pkgDir = "/node_modules/" + name
		}
		if r.fs.stat(pkgDir) == statDir {
			e := r.readPkg(pkgDir)
			if e.err != nil {
				return loc{}, e.err.esmErr(`"` + spec + `" from ` + base)
			}
			pkg := e.pkg
			if pkg == nil {
				pkg = &Package{Dir: pkgDir, Path: pkgDir + "/package.json"}
			}
			if pkg.exports != nil {
				c := &pkgCtx{r: r, pkg: pkg, conds: conds, base: base, lenient: lenient}
				return c.exportsResolve(subpath)
			}
			if subpath == "." {
				return r.legacyMainResolve(pkg, base, lenient)
			}
			p, t := urlJoin(pathToURLPath(pkg.Path), subpath)
			return loc{path: p, tail: t, guess: true}, nil
		}
		if d == "/" {
			break
		}
	}
	return loc{}, errModuleNotFoundESM(name, base, false)
}

// parsePackageName splits "name/sub" or "@scope/name/sub" into the name and
// "./sub" ("." when none), rejecting names Node rejects.
func parsePackageName(spec, base string) (name, subpath string, err *Error) {
	sep := strings.IndexByte(spec, '/')
	valid := true
	if strings.HasPrefix(spec, "@") {
		if sep < 0 {
			valid = false
		} else if j := strings.IndexByte(spec[sep+1:], '/'); j >= 0 {
			sep = sep + 1 + j
		} else {
			sep = -1
		}
	}
	name = spec
	if sep >= 0 {
		name = spec[:sep]
	}
	if strings.HasPrefix(name, ".") || strings.ContainsAny(name, "%\\") {
		valid = false
	}
	if !valid {
		return "", "", errInvalidModuleSpecifier(spec, "is not a valid package name", base)
	}
	subpath = "."
	if sep >= 0 {
		subpath = "." + spec[sep:]
	}
	return name, subpath, nil
}

// legacyMainResolve: "main", with .js/.json/.node, as a folder with index,
// then the package's index.js/.json/.node.
func (r *Resolver) legacyMainResolve(pkg *Package, base string, lenient bool) (loc, *Error) {
	var tried string
	if pkg.hasMain {
		initial := pathResolve(pkg.Dir, pkg.Main)
		tried = initial
		for _, ext := range [...]string{"", ".js", ".json", ".node", "/index.js", "/index.json", "/index.node"} {
			if r.fs.stat(initial+ext) == statFile {
				return loc{path: pathToURLPath(initial + ext)}, nil
			}
		}
	}
	index := pkg.Dir + "/index"
	for _, ext := range [...]string{".js", ".json", ".node"} {
		if r.fs.stat(index+ext) == statFile {
			return loc{path: pathToURLPath(index + ext)}, nil
		}
	}
	if lenient {
		if f, err := r.tryPackage(pkg.Dir, r.exts); err == nil && f != "" {
			return loc{path: pathToURLPath(f)}, nil
		}
	}
	if tried == "" {
		tried = index + ".js"
	}
	return loc{}, errModuleNotFoundESM(tried, base, false)
}

// addCommonJSHint appends Node's "Did you mean to import ...?" when require
// would have found something. Node resolves relative specifiers for this
// against the process's working folder, which says nothing about the
// importing file, so pkgbox gives no hint for those.
func (r *Resolver) addCommonJSHint(err *Error, spec, base string) {
	if strings.HasPrefix(spec, "file://") {
		if p, t, ok := parseFileHref(spec); ok && t == "" {
			if d, derr := urlPathToPath(p); derr == nil {
				spec = d
			}
		}
	}
	if spec == "" || (spec[0] == '.' && (len(spec) == 1 || spec[1] == '.' || spec[1] == '/')) {
		return
	}
	if _, ok := r.requirableBuiltin(spec); ok {
		return
	}
	found, ferr := r.findPath(spec, nodeModulePaths(base), r.requireConds)
	if ferr != nil || found == "" {
		return
	}
	if spec[0] != '/' && spec[0] != '.' {
		pkg := spec
		if i := strings.IndexByte(spec, '/'); i >= 0 {
			pkg = spec[:i]
		}
		needle := "/node_modules/" + pkg + "/"
		if i := strings.LastIndex(found, needle); i >= 0 {
			parts := strings.Split(found[i+len(needle):], "/")
			for j, s := range parts {
				parts[j] = encodeURIComponent(s)
			}
			found = pkg + "/" + strings.Join(parts, "/")
		} else {
			found = fileHref(found)
		}
	}
	if found != spec {
		err.Message += "\nDid you mean to import " + jsonQuote(found) + "?"
	}
}
