package audit

import (
	"path"
	"strings"

	"github.com/pkgbox/pkgbox/manifests/inventory"
)

// Executables. The files of package.json's "bin" are what npm links into node_modules/.bin:
// a program that requires the package does not load them, nor the files only they require.
// Their findings are marked bin, like test code: listed, granting nothing.
//
// Which files are bin-only comes from the require edges with literal specifiers:
//
//	B = the "bin" files and what they require, transitively, inside the package
//	N = what the package's other files (each may be loaded by a deep require), its entry
//	    points ("main", "module", "browser", "exports") and the deep requires of it by other
//	    packages require, transitively
//	bin-only = B minus N
//
// A file of N that may load files no literal names (a computed specifier built from a
// relative path or __dirname, require passed on, or a relative require that names no file),
// or a deep require by another package that names no file, could load any file of B: then
// only the "bin" files themselves, when N does not reach them, are bin-only.

// localGraph is one package's require edges between its own files.
type localGraph struct {
	p     *inventory.Package
	files map[string]bool
	edges map[string][]string // file -> files it requires (package-relative)
	// loose lists the files whose requires may load files no literal names.
	loose map[string]bool
}

func newLocalGraph(p *inventory.Package) *localGraph {
	g := &localGraph{p: p, files: make(map[string]bool, len(p.Files)), edges: map[string][]string{}, loose: map[string]bool{}}
	for _, f := range p.Files {
		g.files[f] = true
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

// binOnly returns the files only the package's "bin" reaches. external lists the files other
// packages require deeply (a require of "name/sub"); externalLoose is set when one such require
// names no file.
func (g *localGraph) binOnly(external []string, externalLoose bool) map[string]bool {
	var bins []string
	for _, b := range g.p.Bin {
		if f, ok := g.resolve(b); ok && f != "" {
			bins = append(bins, f)
		}
	}
	if len(bins) == 0 {
		return nil
	}
	b := g.closure(bins)
	roots := append(g.entryFiles(), external...)
	for _, f := range g.p.Files {
		if !b[f] {
			roots = append(roots, f)
		}
	}
	n := g.closure(roots)
	loose := externalLoose
	for f := range n {
		loose = loose || g.loose[f]
	}
	if loose {
		b = map[string]bool{}
		for _, f := range bins {
			b[f] = true
		}
	}
	out := map[string]bool{}
	for f := range b {
		if !n[f] {
			out[f] = true
		}
	}
	return out
}
