package resolve

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Mode selects require's or import's algorithm and conditions.
type Mode int

const (
	Require Mode = iota // conditions "require", "node", "default" (plus Config.Conditions)
	Import              // conditions "import", "node", "default" (plus Config.Conditions)
)

func (m Mode) String() string {
	if m == Import {
		return "import"
	}
	return "require"
}

// DefaultExtensions are tried, in order, after a file name without its
// extension: Node's three first, then the ones pkgbox also loads.
var DefaultExtensions = []string{".js", ".json", ".node", ".cjs", ".mjs", ".ts", ".tsx", ".mts", ".cts"}

// Config tunes a Resolver.
type Config struct {
	// IsBuiltin reports whether name (already stripped of "node:") is a
	// builtin module the caller provides, e.g. "fs", "fs/promises". Nil means
	// Node 20's list (Node20Builtin). "node:x" where !IsBuiltin(x) is an
	// ERR_UNKNOWN_BUILTIN_MODULE error; "test", "test/reporters", "sea" and
	// "sqlite" are builtins only with the "node:" prefix, as in Node.
	IsBuiltin func(name string) bool
	// Conditions are extra user conditions (node --conditions). Condition
	// order never matters: the order of keys in "exports" decides.
	Conditions []string
	// Extensions to try; nil means DefaultExtensions.
	Extensions []string
	// StrictESM makes Import mode exactly Node's ESM resolver: no extension
	// guessing, no folder index, no TypeScript source mapping.
	StrictESM bool
	// Addons adds Node's default "node-addons" condition. pkgbox cannot load
	// native addons, so it is off unless asked for (like node --no-addons).
	Addons bool
}

// Result is a resolved module.
type Result struct {
	Builtin string // builtin name without "node:" (e.g. "fs/promises"); empty for files
	Path    string // absolute real path of the file (all symlinks resolved): a module's identity
}

// Resolver maps specifiers to files. It is safe for concurrent use; its
// caches assume the file tree does not change (see Reset).
type Resolver struct {
	cfg          Config
	exts         []string
	requireConds map[string]bool
	importConds  map[string]bool

	fs      fsCache
	pkgs    sync.Map // dir -> pkgEntry
	owners  sync.Map // PackageOf cache
	nmPaths sync.Map // dir -> []string
	results sync.Map // resolution cache, successes only
}

// New makes a Resolver.
func New(cfg Config) *Resolver {
	r := &Resolver{cfg: cfg}
	if r.cfg.IsBuiltin == nil {
		r.cfg.IsBuiltin = Node20Builtin
	}
	r.exts = append([]string(nil), cfg.Extensions...)
	if cfg.Extensions == nil {
		r.exts = append([]string(nil), DefaultExtensions...)
	}
	r.requireConds = conditionSet(cfg, "require")
	r.importConds = conditionSet(cfg, "import")
	return r
}

func conditionSet(cfg Config, kind string) map[string]bool {
	m := map[string]bool{kind: true, "node": true}
	if cfg.Addons {
		m["node-addons"] = true
	}
	for _, c := range cfg.Conditions {
		m[c] = true
	}
	return m
}

// Reset forgets everything cached (stat, realpath, package.json, results),
// for when the file tree has changed.
func (r *Resolver) Reset() {
	r.fs.reset()
	for _, m := range []*sync.Map{&r.pkgs, &r.owners, &r.nmPaths, &r.results} {
		m.Range(func(k, _ any) bool { m.Delete(k); return true })
	}
}

// Resolve resolves spec as required (Require) or imported (Import) from the
// file `from` (absolute; a path ending in "/" means "a file in that folder",
// as for the entry point or createRequire of a folder). Every failure is an
// *Error carrying Node's code and message.
func (r *Resolver) Resolve(spec, from string, mode Mode) (Result, error) {
	from = absFrom(from)
	key := cacheKey(spec, from, mode)
	if v, ok := r.results.Load(key); ok {
		return v.(Result), nil
	}
	var res Result
	var err *Error
	if mode == Import {
		res, err = r.importResolve(spec, from)
	} else {
		res, err = r.require(spec, from, r.requireConds)
	}
	if err != nil {
		return Result{}, withContext(err, spec, from)
	}
	r.results.Store(key, res)
	return res, nil
}

// cacheKey: a resolution depends on the folder of `from` only (and, in
// Require mode, on whether `from` is TypeScript, which allows "./x.js" to
// mean "./x.ts"), so sibling files share entries.
func cacheKey(spec, from string, mode Mode) string {
	tag := "r"
	switch {
	case mode == Import:
		tag = "i"
	case isTSFile(from):
		tag = "t"
	}
	dir := from
	if !strings.HasSuffix(from, "/") {
		dir = from[:strings.LastIndexByte(from, '/')+1]
	}
	return tag + dir + "\x00" + spec
}

func (r *Resolver) require(spec, from string, conds map[string]bool) (Result, *Error) {
	if name, ok := r.requirableBuiltin(spec); ok {
		return Result{Builtin: name}, nil
	}
	if strings.HasPrefix(spec, "node:") {
		return Result{}, errUnknownBuiltin(spec)
	}
	if spec == "" {
		return Result{}, &Error{Code: "ERR_INVALID_ARG_VALUE", Message: "The argument 'id' must be a non-empty string. Received ''"}
	}
	p, err := r.requireResolve(spec, parentFile(from), conds, nil)
	if err != nil {
		return Result{}, err
	}
	return Result{Path: p}, nil
}

// ResolvePaths implements require.resolve(spec, {paths}) from the file
// `from`: a relative spec is tried in each path; any other starts a
// node_modules walk at each path (Node's global folders are not searched).
// mode selects the condition set; the algorithm is require's.
func (r *Resolver) ResolvePaths(spec string, paths []string, from string, mode Mode) (Result, error) {
	from = absFrom(from)
	conds := r.requireConds
	if mode == Import {
		conds = r.importConds
	}
	if name, ok := r.requirableBuiltin(spec); ok {
		return Result{Builtin: name}, nil
	}
	if strings.HasPrefix(spec, "node:") {
		return Result{}, withContext(errUnknownBuiltin(spec), spec, from)
	}
	lookup := []string{}
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			lookup = append(lookup, p)
		}
	}
	for _, p := range paths {
		switch {
		case isRelative(spec):
			add(absDir(p))
		case spec != "" && spec[0] == '.' && (len(spec) == 1 || spec[1] == '.' || spec[1] == '/'):
			// "..x": Node's lookup for a parent without a file name is ".".
			add(absDir("."))
		default:
			for _, nm := range nodeModulePaths(absDir(p)) {
				add(nm)
			}
		}
	}
	p, err := r.requireResolve(spec, parentFile(from), conds, lookup)
	if err != nil {
		return Result{}, withContext(err, spec, from)
	}
	return Result{Path: p}, nil
}

// LookupPaths returns what require.resolve.paths(spec) returns from `from`,
// without Node's global folders: nil for a builtin, the folder of `from`
// for a relative spec, else the node_modules folders from there up.
func (r *Resolver) LookupPaths(spec, from string) []string {
	if _, ok := r.requirableBuiltin(spec); ok {
		return nil
	}
	p := r.lookupPaths(spec, parentFile(absFrom(from)))
	return append([]string(nil), p...)
}

// parentFile is the file name Node gives a module made by createRequire:
// for a folder ("dir/"), a file inside it.
func parentFile(from string) string {
	if strings.HasSuffix(from, "/") {
		return filepath.Join(from, "noop.js")
	}
	return from
}

func absFrom(from string) string {
	if filepath.IsAbs(from) {
		return from
	}
	slash := strings.HasSuffix(from, "/")
	a := absDir(from)
	if slash && a != "/" {
		a += "/"
	}
	return a
}

func absDir(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		wd, _ := os.Getwd()
		return filepath.Join(wd, p)
	}
	return a
}

func withContext(err *Error, spec, from string) error {
	if err.Spec == "" {
		err.Spec = spec
	}
	if err.From == "" {
		err.From = from
	}
	return err
}
