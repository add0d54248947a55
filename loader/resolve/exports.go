package resolve

import (
	"strings"
)

// This file is the package.json "exports"/"imports" machinery that Node's
// CommonJS and ESM loaders share (lib/internal/modules/esm/resolve.js):
// conditions, subpath patterns, arrays of fallbacks, null targets, and the
// target validations with Node's exact errors.

// loc is a resolved URL: a builtin ("node:x" target of an imports bare
// specifier) or a file: URL kept as URL path plus dropped query/fragment.
type loc struct {
	builtin string
	path    string // percent-encoded URL path
	tail    string // "?query#frag" as written, ignored when loading
	// guess: a plain file path (not an exports/imports target), which
	// lenient Import mode may complete CommonJS-style when it is missing.
	guess bool
}

func (l loc) href() string {
	if l.builtin != "" {
		return "node:" + l.builtin
	}
	return "file://" + l.path + l.tail
}

// targetState is resolvePackageTarget's three-way result: undefined (no
// condition matched: try the next alternative), null (blocked) or found.
type targetState int

const (
	tUndefined targetState = iota
	tNull
	tFound
)

// pkgCtx carries what Node threads through every exports/imports call.
type pkgCtx struct {
	r     *Resolver
	pkg   *Package
	conds map[string]bool
	base  string // importing file as a path, "" when Node passes none
	// lenient: Import mode without StrictESM, where a bare target's package
	// main may fall back to CommonJS-style lookup.
	lenient bool
}

func (c *pkgCtx) pkgDir() string       { return c.pkg.Dir + "/" }
func (c *pkgCtx) pjsonURLPath() string { return pathToURLPath(c.pkg.Path) }

// baseHref is how Node prints base in ERR_INVALID_PACKAGE_CONFIG: the URL.
func (c *pkgCtx) baseHref() string {
	if c.base == "" {
		return ""
	}
	return fileHref(c.base)
}

func (c *pkgCtx) invalidTarget(key, target string, internal bool) *Error {
	return errInvalidPackageTarget(c.pkgDir(), key, target, internal, c.base)
}

// isConditionalSugar: is "exports" a main-only shorthand (string, array, or
// an object of condition names)? Mixed keys are an error.
func (c *pkgCtx) isConditionalSugar(exports *jval) (bool, *Error) {
	switch exports.kind {
	case jString, jArray:
		return true, nil
	case jObject:
	default:
		return false, nil
	}
	sugar := false
	for i, k := range exports.ownKeys() {
		cur := k == "" || k[0] != '.'
		if i == 0 {
			sugar = cur
		} else if sugar != cur {
			return false, errInvalidPackageConfig(c.pkg.Path, c.baseHref(),
				`"exports" cannot contain some keys starting with '.' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.`)
		}
	}
	return sugar, nil
}

// exportsResolve is packageExportsResolve: subpath is "." or "./x".
func (c *pkgCtx) exportsResolve(subpath string) (loc, *Error) {
	exports := c.pkg.exports
	sugar, err := c.isConditionalSugar(exports)
	if err != nil {
		return loc{}, err
	}
	var exact *jval
	var hasExact bool
	if sugar {
		exact, hasExact = exports, subpath == "."
	} else {
		exact, hasExact = exports.get(subpath)
	}
	if hasExact && !strings.Contains(subpath, "*") && !strings.HasSuffix(subpath, "/") {
		l, st, err := c.resolveTarget(exact, "", subpath, false, false, false)
		if err != nil {
			return loc{}, err
		}
		if st != tFound {
			return loc{}, errPathNotExported(c.pkgDir(), subpath, c.base)
		}
		return l, nil
	}
	var keys []string
	if !sugar {
		keys = exports.ownKeys()
	}
	best, bestSub := bestPatternMatch(keys, subpath)
	if best != "" {
		target, _ := exports.get(best)
		l, st, err := c.resolveTarget(target, bestSub, best, true, false, strings.HasSuffix(subpath, "/"))
		if err != nil {
			return loc{}, err
		}
		if st != tFound {
			return loc{}, errPathNotExported(c.pkgDir(), subpath, c.base)
		}
		return l, nil
	}
	return loc{}, errPathNotExported(c.pkgDir(), subpath, c.base)
}

// bestPatternMatch picks the "*" key that matches name, most specific first
// by Node's patternKeyCompare, and returns it with the text "*" stands for.
func bestPatternMatch(keys []string, name string) (best, sub string) {
	for _, key := range keys {
		star := strings.IndexByte(key, '*')
		if star < 0 || !strings.HasPrefix(name, key[:star]) {
			continue
		}
		trailer := key[star+1:]
		if len(name) >= len(key) && strings.HasSuffix(name, trailer) &&
			patternKeyCompare(best, key) == 1 && strings.LastIndexByte(key, '*') == star {
			best = key
			sub = name[star : len(name)-len(trailer)]
		}
	}
	return best, sub
}

// patternKeyCompare orders keys: longer prefix before "*" first, then a key
// with "*" before one without, then the longer key.
func patternKeyCompare(a, b string) int {
	ai, bi := strings.IndexByte(a, '*'), strings.IndexByte(b, '*')
	baseA, baseB := len(a), len(b)
	if ai >= 0 {
		baseA = ai + 1
	}
	if bi >= 0 {
		baseB = bi + 1
	}
	switch {
	case baseA > baseB:
		return -1
	case baseB > baseA:
		return 1
	case ai < 0:
		return 1
	case bi < 0:
		return -1
	case len(a) > len(b):
		return -1
	case len(b) > len(a):
		return 1
	}
	return 0
}

// importsResolve is packageImportsResolve for a "#name" specifier from c.base;
// c.pkg is the scope package (nil when there is none).
func (r *Resolver) importsResolve(name, base string, conds map[string]bool, lenient bool) (loc, *Error) {
	if name == "#" || strings.HasPrefix(name, "#/") || strings.HasSuffix(name, "/") {
		return loc{}, errInvalidModuleSpecifier(name, "is not a valid internal imports specifier name", base)
	}
	scope, perr := r.scopeESM(base)
	if perr != nil {
		return loc{}, perr.esmErr(base)
	}
	pkgDir := ""
	if scope != nil {
		pkgDir = scope.Dir + "/"
		c := &pkgCtx{r: r, pkg: scope, conds: conds, base: base, lenient: lenient}
		if imports := scope.imports; truthy(imports) {
			if target, ok := imports.get(name); ok && !strings.Contains(name, "*") {
				l, st, err := c.resolveTarget(target, "", name, false, true, false)
				if err != nil {
					return loc{}, err
				}
				if st == tFound {
					return l, nil
				}
			} else if best, sub := bestPatternMatch(imports.ownKeys(), name); best != "" {
				target, _ := imports.get(best)
				l, st, err := c.resolveTarget(target, sub, best, true, true, false)
				if err != nil {
					return loc{}, err
				}
				if st == tFound {
					return l, nil
				}
			}
		}
	}
	return loc{}, errImportNotDefined(name, pkgDir, base)
}

// truthy is JavaScript truthiness for a JSON value (nil: absent).
func truthy(v *jval) bool {
	if v == nil {
		return false
	}
	switch v.kind {
	case jNull:
		return false
	case jBool:
		return v.b
	case jNumber:
		return v.s != "0" && v.s != "NaN"
	case jString:
		return v.s != ""
	}
	return true
}

// resolveTarget is resolvePackageTarget.
func (c *pkgCtx) resolveTarget(target *jval, subpath, key string, pattern, internal, isPathMap bool) (loc, targetState, *Error) {
	switch target.kind {
	case jString:
		l, err := c.resolveTargetString(target.s, subpath, key, pattern, internal)
		if err != nil {
			return loc{}, tUndefined, err
		}
		return l, tFound, nil
	case jArray:
		if len(target.arr) == 0 {
			return loc{}, tNull, nil
		}
		var last *Error
		lastNull := false
		for _, item := range target.arr {
			l, st, err := c.resolveTarget(item, subpath, key, pattern, internal, isPathMap)
			if err != nil {
				if err.Code == "ERR_INVALID_PACKAGE_TARGET" {
					last, lastNull = err, false
					continue
				}
				return loc{}, tUndefined, err
			}
			switch st {
			case tUndefined:
				continue
			case tNull:
				last, lastNull = nil, true
				continue
			}
			return l, tFound, nil
		}
		if last != nil {
			return loc{}, tUndefined, last
		}
		if lastNull {
			return loc{}, tNull, nil
		}
		return loc{}, tUndefined, nil
	case jObject:
		keys := target.ownKeys()
		for _, k := range keys {
			if isNodeArrayIndex(k) {
				return loc{}, tUndefined, errInvalidPackageConfig(c.pkg.Path, c.baseHref(),
					`"exports" cannot contain numeric property keys.`)
			}
		}
		for _, k := range keys {
			if k == "default" || c.conds[k] {
				v, _ := target.get(k)
				l, st, err := c.resolveTarget(v, subpath, key, pattern, internal, isPathMap)
				if err != nil {
					return loc{}, tUndefined, err
				}
				if st == tUndefined {
					continue
				}
				return l, st, nil
			}
		}
		return loc{}, tUndefined, nil
	case jNull:
		return loc{}, tNull, nil
	}
	return loc{}, tUndefined, c.invalidTarget(key, target.jsString(), internal)
}

// resolveTargetString is resolvePackageTargetString.
func (c *pkgCtx) resolveTargetString(target, subpath, key string, pattern, internal bool) (loc, *Error) {
	if subpath != "" && !pattern && !strings.HasSuffix(target, "/") {
		return loc{}, c.invalidTarget(key, target, internal)
	}
	if !strings.HasPrefix(target, "./") {
		if internal && !strings.HasPrefix(target, "../") && !strings.HasPrefix(target, "/") {
			if _, isURL := urlSchemeOf(target); !isURL {
				var spec string
				if pattern {
					spec = strings.ReplaceAll(target, "*", subpath)
				} else {
					spec = target + subpath
				}
				// A bare target is resolved as a package from the
				// package.json's own folder, with ESM rules.
				return c.r.packageResolve(spec, c.pkg.Path, c.conds, c.lenient)
			}
		}
		return loc{}, c.invalidTarget(key, target, internal)
	}
	if hasInvalidSegment(target[2:], false) {
		if hasInvalidSegment(target[2:], true) {
			return loc{}, c.invalidTarget(key, target, internal)
		}
		// Empty segments only draw a deprecation warning (DEP0166).
	}
	resolved, tail := urlJoin(c.pjsonURLPath(), target)
	pkgURLPath, _ := urlJoin(c.pjsonURLPath(), ".")
	if !strings.HasPrefix(resolved, pkgURLPath) {
		return loc{}, c.invalidTarget(key, target, internal)
	}
	if subpath == "" {
		return loc{path: resolved, tail: tail}, nil
	}
	if hasInvalidSegment(subpath, true) {
		request := key + subpath
		if pattern {
			request = strings.Replace(key, "*", subpath, 1)
		}
		field := "exports"
		if internal {
			field = "imports"
		}
		return loc{}, errInvalidModuleSpecifier(request,
			`request is not a valid match in pattern "`+key+`" for the "`+field+`" resolution of `+c.pkg.Path, c.base)
	}
	if pattern {
		href := strings.ReplaceAll("file://"+resolved+tail, "*", subpath)
		p, t, ok := parseFileHref(href)
		if !ok {
			return loc{}, c.invalidTarget(key, target, internal)
		}
		return loc{path: p, tail: t}, nil
	}
	p, t := urlJoin(resolved, subpath)
	return loc{path: p, tail: t}, nil
}

// hasInvalidSegment is Node's invalidSegmentRegEx (strict=false: any empty,
// ".", ".." or "node_modules" segment, percent-encoded forms included) or its
// deprecatedInvalidSegmentRegEx (strict=true: empty segments allowed).
func hasInvalidSegment(s string, strict bool) bool {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '/' && s[i] != '\\' {
			continue
		}
		seg := s[start:i]
		start = i + 1
		if seg == "" {
			if !strict {
				return true
			}
			continue
		}
		switch normalizeSegment(seg) {
		case ".", "..", "node_modules":
			return true
		}
	}
	return false
}

// normalizeSegment decodes the escapes the segment regexes accept and lower-cases.
func normalizeSegment(seg string) string {
	if len(seg) > 3*len("node_modules") {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		if c == '%' && i+2 < len(seg) && unhex(seg[i+1]) >= 0 && unhex(seg[i+2]) >= 0 {
			d := byte(unhex(seg[i+1])<<4 | unhex(seg[i+2]))
			if strings.IndexByte(".nodemulsNODEMULS_", d) >= 0 {
				c = d
				i += 2
			}
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}
