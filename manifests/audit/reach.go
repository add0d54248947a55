package audit

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/pkgbox/pkgbox/manifests/inventory"
)

// Reachability. The app does not load every file npm installs: tests, examples, a package's
// executables, the other builds of a dual package, whole packages only a tool needs. What the
// app cannot load grants nothing: such findings are listed, marked, and ignored by init and
// check. Reach is followed the way the loader loads:
//
//   - roots: the app's own sources (not its tests) and every file of a workspace package; a
//     project without sources of its own starts from the entry points of the dependencies its
//     package.json declares, and one without those from the entry points of every package;
//   - a require or import of a package: the file the loader's resolver finds for it, as
//     required and as imported (both, since a file's module kind is not always known);
//   - a require of a file of the same package: that file (localGraph.resolve);
//   - a file whose requires may load files no literal names (a computed specifier built from
//     a path or __dirname, require passed on, a relative require that names no file, a file
//     that could not be parsed): every file of its package but its tests and its "bin"
//     executables (a program is not loaded by a computed require; what they require is);
//   - a file that may load packages no literal names (a computed specifier, require passed
//     on): the entry points of every dependency its package declares.
//
// This over-approximates: a file counts as loaded as soon as anything loaded names it.
// Reachability only decides what init grants and what check asks for; at run time every use
// is checked against the grants, so a file the audit thought unreachable gains nothing.
//
// Executables. The files of package.json's "bin" are what npm links into node_modules/.bin; the
// ones the app does not load, and the files only they reach, are marked bin.

// localGraph is one package's require edges between its own files.
type localGraph struct {
	p     *inventory.Package
	files map[string]bool
	edges map[string][]string // file -> files it requires (package-relative)
	// loose lists the files whose requires may load files no literal names.
	loose map[string]bool
	// bins are the package's "bin" files.
	bins map[string]bool
}

func newLocalGraph(p *inventory.Package) *localGraph {
	g := &localGraph{p: p, files: make(map[string]bool, len(p.Files)), edges: map[string][]string{}, loose: map[string]bool{}}
	for _, f := range p.Files {
		g.files[f] = true
	}
	g.bins = map[string]bool{}
	for _, b := range p.Bin {
		if f, ok := g.resolve(b); ok && f != "" {
			g.bins[f] = true
		}
	}
	return g
}

// tryExts are what a require of a file without its extension may find: Node's own, then the
// TypeScript sources and ES modules the loader converts.
var tryExts = []string{".js", ".json", ".node", ".cjs", ".mjs", ".ts", ".tsx", ".cts", ".mts", ".jsx"}

// resolve finds the package file that a require of rel (package-relative, cleaned) loads.
// ok is false when rel names nothing the package holds; file is "" when what it names is not
// a source file (a .json, a .node, an asset).
func (g *localGraph) resolve(rel string) (file string, ok bool) {
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", true // outside the package
	}
	if g.files[rel] {
		return rel, true
	}
	ext := path.Ext(rel)
	if ext != "" && !sourceLike[ext] {
		return "", true // package.json, data, an addon: no code to follow
	}
	// TypeScript sources import "./x.js" for ./x.ts.
	if alt, has := tsFor[ext]; has {
		base := strings.TrimSuffix(rel, ext)
		for _, e := range alt {
			if g.files[base+e] {
				return base + e, true
			}
		}
	}
	for _, e := range tryExts {
		if g.files[rel+e] {
			return rel + e, true
		}
	}
	for _, e := range tryExts {
		if g.files[path.Join(rel, "index"+e)] {
			return path.Join(rel, "index"+e), true
		}
	}
	return "", false
}

var sourceLike = map[string]bool{".js": true, ".cjs": true, ".mjs": true, ".jsx": true, ".ts": true,
	".cts": true, ".mts": true, ".tsx": true}

var tsFor = map[string][]string{".js": {".ts", ".tsx"}, ".mjs": {".mts"}, ".cjs": {".cts"}, ".jsx": {".tsx"}}

// addFile records the requires of one analysed file (rel is package-relative): its relative
// requires and its requires of the package by its own name.
func (g *localGraph) addFile(rel string, r *fileResult) {
	if r.dynLocal {
		g.loose[rel] = true
	}
	dir := path.Dir(rel)
	pkgDir := g.p.Dir + "/"
	for _, spec := range r.locals {
		var target string
		switch {
		case strings.HasPrefix(spec, dirToken):
			// a path from the project root: it must be in this package
			full := path.Clean(strings.TrimPrefix(spec, dirToken))
			t, in := strings.CutPrefix(full, pkgDir)
			if !in {
				if full+"/" == pkgDir {
					t = "."
				} else {
					continue
				}
			}
			target = t
		case strings.HasPrefix(spec, "/"):
			continue // absolute: not a file the package ships, as far as the audit knows
		default:
			target = path.Join(dir, spec)
		}
		g.edge(rel, target)
	}
	for _, req := range r.requires {
		if req.name != g.p.Name {
			continue
		}
		if req.sub == "" {
			g.edges[rel] = append(g.edges[rel], g.entryFiles()...)
			continue
		}
		g.edge(rel, req.sub)
	}
}

func (g *localGraph) edge(from, target string) {
	if target == "." || target == "" {
		g.edges[from] = append(g.edges[from], g.entryFiles()...)
		return
	}
	f, ok := g.resolve(target)
	if !ok {
		g.loose[from] = true
		return
	}
	if f != "" {
		g.edges[from] = append(g.edges[from], f)
	}
}

// entryFiles are the files the package's entry points resolve to, exports patterns expanded.
func (g *localGraph) entryFiles() []string {
	var out []string
	for _, e := range g.p.Entries {
		if pre, suf, pattern := strings.Cut(e, "*"); pattern {
			for _, f := range g.p.Files {
				if strings.HasPrefix(f, pre) && strings.HasSuffix(f, suf) && len(f) >= len(pre)+len(suf) {
					out = append(out, f)
				}
			}
			continue
		}
		if f, ok := g.resolve(e); ok && f != "" {
			out = append(out, f)
		}
	}
	return out
}

// closure is every file reachable from roots.
func (g *localGraph) closure(roots []string) map[string]bool {
	seen := map[string]bool{}
	stack := append([]string(nil), roots...)
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[f] {
			continue
		}
		seen[f] = true
		stack = append(stack, g.edges[f]...)
	}
	return seen
}

// fileRef names one file: the index of its package in the audit's list (the app last) and its
// path inside the package.
type fileRef struct {
	pkg int
	rel string
}

// reacher follows what the app may load as files are analysed: roots gives the first files,
// then each call of expand takes analysed files and returns the files they newly reach.
type reacher struct {
	inv     *inventory.Inventory
	pkgs    []*inventory.Package // the inventory's packages, then the app
	graphs  []*localGraph
	byDir   map[*inventory.Package]int
	byAbs   map[string]fileRef
	reached map[fileRef]bool
	next    []fileRef
	// depsPushed lists the packages whose declared dependencies' entry points are pushed.
	depsPushed map[int]bool
}

// newReacher prepares the reach over pkgs: the inventory's packages followed by the app (the
// project root with its own sources as Files).
func newReacher(inv *inventory.Inventory, pkgs []*inventory.Package) *reacher {
	r := &reacher{inv: inv, pkgs: pkgs, graphs: make([]*localGraph, len(pkgs)),
		byDir: make(map[*inventory.Package]int, len(pkgs)), byAbs: map[string]fileRef{}, reached: map[fileRef]bool{},
		depsPushed: map[int]bool{}}
	for i, p := range pkgs {
		r.graphs[i] = newLocalGraph(p)
		r.byDir[p] = i
		for _, f := range p.Files {
			r.byAbs[filepath.Join(p.RealDir, filepath.FromSlash(f))] = fileRef{i, f}
		}
	}
	return r
}

func (r *reacher) push(p int, rels ...string) {
	for _, rel := range rels {
		if f := (fileRef{p, rel}); !r.reached[f] {
			r.reached[f] = true
			r.next = append(r.next, f)
		}
	}
}

func (r *reacher) pushEntries(t *inventory.Package) {
	if k, ok := r.byDir[t]; ok {
		r.push(k, r.graphs[k].entryFiles()...)
	}
}

// pushDeps pushes the entry points of the dependencies package p declares (once).
func (r *reacher) pushDeps(p int) {
	if r.depsPushed[p] {
		return
	}
	r.depsPushed[p] = true
	for _, name := range r.pkgs[p].Dependencies {
		if t := r.inv.Resolve(r.pkgs[p], name); t != nil {
			r.pushEntries(t)
		}
	}
}

// roots returns the files the app starts from.
func (r *reacher) roots() []fileRef {
	app := len(r.pkgs) - 1
	for _, f := range r.pkgs[app].Files {
		if !IsTestFile(f) {
			r.push(app, f)
		}
	}
	for i, p := range r.pkgs[:app] {
		if p.Workspace {
			r.push(i, p.Files...)
		}
	}
	if len(r.next) == 0 {
		// Nothing of the app's own to start from.
		if len(r.pkgs[app].Dependencies) > 0 {
			r.pushDeps(app)
		} else {
			for _, p := range r.pkgs[:app] {
				r.pushEntries(p)
			}
		}
	}
	return r.take()
}

func (r *reacher) take() []fileRef {
	out := r.next
	r.next = nil
	return out
}

// add records what an analysed file requires.
func (r *reacher) add(f fileRef, res *fileResult) {
	g := r.graphs[f.pkg]
	g.addFile(f.rel, res)
	if res.err != nil {
		// What it requires is not known: any file of its package, any package it declares.
		g.loose[f.rel] = true
		res.dynBare = true
	}
}

// expand records the analysed files (reached ones) and returns the files they newly reach.
func (r *reacher) expand(files []fileRef, results map[fileRef]*fileResult) []fileRef {
	for _, f := range files {
		res := results[f]
		r.add(f, res)
		g := r.graphs[f.pkg]
		r.push(f.pkg, g.edges[f.rel]...)
		if g.loose[f.rel] {
			for _, rel := range g.p.Files {
				if !g.bins[rel] && !IsTestFile(rel) {
					r.push(f.pkg, rel)
				}
			}
		}
		for _, abs := range res.targets {
			if t, ok := r.byAbs[abs]; ok {
				r.push(t.pkg, t.rel)
			}
		}
		if res.dynBare {
			r.pushDeps(f.pkg)
		}
	}
	return r.take()
}

// binFiles returns the unreached files the packages' "bin" executables reach, through the
// requires of the files analysed (each one given to add or expand).
func (r *reacher) binFiles() map[fileRef]bool {
	bin := map[fileRef]bool{}
	for i := range r.pkgs[:len(r.pkgs)-1] {
		g := r.graphs[i]
		var bins []string
		for f := range g.bins {
			if !r.reached[fileRef{i, f}] {
				bins = append(bins, f)
			}
		}
		for f := range g.closure(bins) {
			if !r.reached[fileRef{i, f}] {
				bin[fileRef{i, f}] = true
			}
		}
	}
	return bin
}
