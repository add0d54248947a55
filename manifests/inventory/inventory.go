// Package inventory lists the npm packages installed in a project: every package under
// node_modules (npm's nested and hoisted layouts, scoped names, pnpm's .pnpm store reached
// through symlinks, workspaces), with its name, version, real path, declared dependencies,
// lifecycle scripts, native addons and source files.
//
// A package is identified the way the loader identifies it: by the real path of the folder
// that holds its package.json directly under a node_modules folder. The same real folder
// reached through several links is one package, listed with every path it is installed at.
package inventory

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Package is one installed package.
type Package struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// Dir is the package's real folder relative to the project root, slash-separated.
	Dir string `json:"dir"`
	// Paths lists where the package is installed (relative, slash-separated) when that is not
	// only Dir: the symlinks of pnpm or of workspaces, sorted.
	Paths []string `json:"paths,omitempty"`
	// Dependencies are the names the package may require: its dependencies,
	// optionalDependencies and peerDependencies, sorted.
	Dependencies []string `json:"dependencies"`
	// Scripts holds the lifecycle scripts npm runs on install (preinstall, install,
	// postinstall), including the implicit "node-gyp rebuild" of a package with a binding.gyp.
	Scripts map[string]string `json:"scripts,omitempty"`
	Native  *Native           `json:"native,omitempty"`
	// Workspace is set for a workspace package of the project: its real folder is outside
	// node_modules, so at run time it is part of the app.
	Workspace bool `json:"workspace,omitempty"`

	// RealDir is the absolute real folder.
	RealDir string `json:"-"`
	// Files lists the JavaScript and TypeScript sources of the package (relative to RealDir,
	// slash-separated, sorted), without nested node_modules and declaration files.
	Files []string `json:"-"`
	// ScriptLines gives the line of each lifecycle script in package.json.
	ScriptLines map[string]int `json:"-"`
	// Bin lists the files of package.json's "bin" (relative to RealDir, cleaned, sorted):
	// executables npm links into node_modules/.bin, which require does not load.
	Bin []string `json:"-"`
	// Entries lists what require or import of the package loads: the files (or exports
	// patterns with one "*") named by "main" (default index.js), "module", "browser" and
	// "exports", relative to RealDir and cleaned, unresolved (no extension added).
	Entries []string `json:"-"`
	// ExportsMap is set when package.json has "exports", which limits deep requires to it.
	ExportsMap bool `json:"-"`

	declared   map[string]bool // Dependencies as a set
	workspaces json.RawMessage // the root package.json's "workspaces"
}

// Native describes a package's native code.
type Native struct {
	// Addons lists the compiled .node files (relative to the package folder).
	Addons []string `json:"addons,omitempty"`
	// BindingGyp is set when the package builds an addon with node-gyp on install.
	BindingGyp bool `json:"bindingGyp,omitempty"`
	// Loaders lists the declared dependencies that load or build addons (bindings,
	// node-gyp-build, prebuild-install, node-addon-api, ...).
	Loaders []string `json:"loaders,omitempty"`
}

// Declares reports whether the package may require name (a declared dependency).
func (p *Package) Declares(name string) bool { return p.declared[name] }

// Inventory is the list of packages installed in a project.
type Inventory struct {
	// Root is the project folder (absolute, symlinks resolved).
	Root string
	// App is the root package.json's package; nil when the root has none.
	App *Package
	// Packages are sorted by name, version and Dir.
	Packages []*Package
	// AppFiles lists the project's own JavaScript and TypeScript sources (relative to Root,
	// slash-separated, sorted): outside node_modules, hidden folders and workspace packages.
	AppFiles []string

	indexOnce sync.Once
	index     map[string]*Package
}

// ByDir returns the package whose real folder is dir (absolute), or nil.
func (inv *Inventory) ByDir(dir string) *Package { return inv.byRealDir(dir) }

// lifecycle are the scripts npm runs when it installs a package.
var lifecycle = []string{"preinstall", "install", "postinstall"}

// nativeLoaders are packages whose presence among the dependencies means native code.
var nativeLoaders = map[string]bool{"bindings": true, "node-gyp-build": true, "prebuild-install": true,
	"node-pre-gyp": true, "@mapbox/node-pre-gyp": true, "node-addon-api": true, "nan": true,
	"cmake-js": true, "prebuildify": true, "node-gyp-build-optional-packages": true}

// sourceExts are the files the loader runs as JavaScript (or converts to it).
var sourceExts = map[string]bool{".js": true, ".cjs": true, ".mjs": true, ".jsx": true,
	".ts": true, ".cts": true, ".mts": true, ".tsx": true}

// Load lists the packages installed under root.
func Load(root string) (*Inventory, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("project folder %s: %w", root, err)
	}
	if fi, err := os.Stat(real); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder; expected a project folder", root)
	}
	w := &walker{root: real, byReal: map[string]*Package{}}
	inv := &Inventory{Root: real}
	if app, err := readPackage(real); err == nil {
		inv.App = app
		app.Dir = "."
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	w.scanNodeModules(filepath.Join(real, "node_modules"))
	for _, ws := range workspaceDirs(real, inv.App) {
		w.addPackage(ws, true)
	}
	if w.err != nil {
		return nil, w.err
	}
	for _, p := range w.byReal {
		inv.Packages = append(inv.Packages, p)
	}
	listFiles(inv.Packages)
	inv.AppFiles = appFiles(real, inv.Packages)
	for _, p := range inv.Packages {
		if p.Native != nil && p.Native.BindingGyp && p.Scripts["install"] == "" && p.Scripts["preinstall"] == "" {
			// npm runs node-gyp for a package with a binding.gyp and no install script.
			if p.Scripts == nil {
				p.Scripts = map[string]string{}
			}
			p.Scripts["install"] = "node-gyp rebuild"
		}
		slices.Sort(p.Paths)
		p.Paths = slices.Compact(p.Paths)
		if len(p.Paths) == 1 && p.Paths[0] == p.Dir {
			p.Paths = nil
		}
	}
	slices.SortFunc(inv.Packages, func(a, b *Package) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Version, b.Version), cmp.Compare(a.Dir, b.Dir))
	})
	return inv, nil
}

type walker struct {
	root   string
	byReal map[string]*Package
	err    error
}

func (w *walker) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// scanNodeModules adds every package of one node_modules folder, then their own nested ones.
func (w *walker) scanNodeModules(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && w.err == nil {
			w.err = fmt.Errorf("reading %s: %w", dir, err)
		}
		return
	}
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		switch {
		case name == ".pnpm":
			// pnpm's store: .pnpm/NAME@VERSION/node_modules holds the package and links to
			// its dependencies. Packages reached only through links are found here too.
			store, _ := os.ReadDir(p)
			for _, s := range store {
				if s.IsDir() && s.Name() != "node_modules" {
					w.scanNodeModules(filepath.Join(p, s.Name(), "node_modules"))
				}
			}
		case strings.HasPrefix(name, "."):
			// .bin, .cache, .package-lock.json, .modules.yaml
		case strings.HasPrefix(name, "@"):
			scoped, _ := os.ReadDir(p)
			for _, s := range scoped {
				w.addPackage(filepath.Join(p, s.Name()), false)
			}
		default:
			w.addPackage(p, false)
		}
	}
}

// addPackage records the package installed at path (a folder or a link to one).
func (w *walker) addPackage(path string, workspace bool) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return // a dangling link: nothing is installed there
	}
	if p, ok := w.byReal[real]; ok {
		p.Paths = append(p.Paths, w.rel(path))
		return
	}
	fi, err := os.Stat(real)
	if err != nil || !fi.IsDir() {
		return
	}
	p, err := readPackage(real)
	if errors.Is(err, fs.ErrNotExist) {
		return // a folder without package.json is not a package (npm leaves such behind)
	}
	if err != nil {
		if w.err == nil {
			w.err = err
		}
		return
	}
	if p.Name == "" {
		p.Name = nameFromPath(path)
	}
	p.Dir = w.rel(real)
	p.Paths = []string{w.rel(path)}
	p.Workspace = workspace || !strings.Contains(p.Dir+"/", "node_modules/")
	w.byReal[real] = p
	w.scanNodeModules(filepath.Join(real, "node_modules"))
}

// nameFromPath is the package name a node_modules path implies: "@scope/name" or "name".
func nameFromPath(path string) string {
	base := filepath.Base(path)
	parent := filepath.Base(filepath.Dir(path))
	if strings.HasPrefix(parent, "@") {
		return parent + "/" + base
	}
	return base
}

type packageJSON struct {
	Name                 string          `json:"name"`
	Version              string          `json:"version"`
	Dependencies         map[string]any  `json:"dependencies"`
	OptionalDependencies map[string]any  `json:"optionalDependencies"`
	PeerDependencies     map[string]any  `json:"peerDependencies"`
	Scripts              map[string]any  `json:"scripts"`
	Workspaces           json.RawMessage `json:"workspaces"`
	Gypfile              *bool           `json:"gypfile"`
	Bin                  json.RawMessage `json:"bin"`
	Main                 json.RawMessage `json:"main"`
	Module               json.RawMessage `json:"module"`
	Browser              json.RawMessage `json:"browser"`
	Exports              json.RawMessage `json:"exports"`
}

func readPackage(dir string) (*Package, error) {
	file := filepath.Join(dir, "package.json")
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var pj packageJSON
	if err := json.Unmarshal(data, &pj); err != nil {
		return nil, fmt.Errorf("%s: %w; expected a package.json object", file, err)
	}
	p := &Package{Name: pj.Name, Version: pj.Version, RealDir: dir, declared: map[string]bool{}}
	for _, deps := range []map[string]any{pj.Dependencies, pj.OptionalDependencies, pj.PeerDependencies} {
		for name := range deps {
			p.declared[name] = true
		}
	}
	p.Dependencies = slices.Sorted(func(yield func(string) bool) {
		for n := range p.declared {
			if !yield(n) {
				return
			}
		}
	})
	if p.Dependencies == nil {
		p.Dependencies = []string{}
	}
	for _, s := range lifecycle {
		if cmd, ok := pj.Scripts[s].(string); ok && strings.TrimSpace(cmd) != "" {
			if p.Scripts == nil {
				p.Scripts = map[string]string{}
				p.ScriptLines = map[string]int{}
			}
			p.Scripts[s] = cmd
			p.ScriptLines[s] = keyLine(data, s)
		}
	}
	for _, d := range p.Dependencies {
		if nativeLoaders[d] {
			p.native().Loaders = append(p.native().Loaders, d)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "binding.gyp")); err == nil && (pj.Gypfile == nil || *pj.Gypfile) {
		p.native().BindingGyp = true
	}
	p.workspaces = pj.Workspaces
	p.readEntries(&pj)
	return p, nil
}

func (p *Package) native() *Native {
	if p.Native == nil {
		p.Native = &Native{}
	}
	return p.Native
}

// keyLine finds the line of the first "key": in a JSON text (1 when not found).
func keyLine(data []byte, key string) int {
	i := strings.Index(string(data), `"`+key+`"`)
	if i < 0 {
		return 1
	}
	return 1 + strings.Count(string(data[:i]), "\n")
}

// workspaceDirs expands the root package.json's workspaces (npm, yarn) and
// pnpm-workspace.yaml's packages into folders that hold a package.json.
func workspaceDirs(root string, app *Package) []string {
	var globs []string
	if app != nil && len(app.workspaces) > 0 {
		var list []string
		var obj struct {
			Packages []string `json:"packages"`
		}
		if json.Unmarshal(app.workspaces, &list) == nil {
			globs = list
		} else if json.Unmarshal(app.workspaces, &obj) == nil {
			globs = obj.Packages
		}
	}
	if data, err := os.ReadFile(filepath.Join(root, "pnpm-workspace.yaml")); err == nil {
		globs = append(globs, pnpmWorkspaceGlobs(string(data))...)
	}
	var out []string
	for _, g := range globs {
		if strings.HasPrefix(g, "!") {
			continue
		}
		g = strings.ReplaceAll(strings.TrimSuffix(g, "/"), "**", "*")
		matches, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(g)))
		for _, m := range matches {
			if strings.Contains(filepath.ToSlash(m), "/node_modules/") {
				continue
			}
			if _, err := os.Stat(filepath.Join(m, "package.json")); err == nil {
				out = append(out, m)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// pnpmWorkspaceGlobs reads the "packages:" list of a pnpm-workspace.yaml: the only key
// pnpm defines there that names folders, a flat list of quoted or bare strings.
func pnpmWorkspaceGlobs(yaml string) []string {
	var out []string
	in := false
	for _, line := range strings.Split(yaml, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "-") {
			in = strings.HasPrefix(t, "packages:")
			continue
		}
		if in && strings.HasPrefix(t, "-") {
			v := strings.TrimSpace(strings.TrimPrefix(t, "-"))
			if i := strings.Index(v, " #"); i >= 0 {
				v = strings.TrimSpace(v[:i])
			}
			out = append(out, strings.Trim(v, `"'`))
		}
	}
	return out
}

// listFiles finds each package's sources and addons, in parallel over packages.
func listFiles(pkgs []*Package) {
	jobs := make(chan *Package)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				p.listFiles()
			}
		}()
	}
	for _, p := range pkgs {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
}

func (p *Package) listFiles() {
	walkSources(p.RealDir, nil, func(rel string, addon bool) {
		if addon {
			p.native().Addons = append(p.native().Addons, rel)
		} else {
			p.Files = append(p.Files, rel)
		}
	})
	p.addBinScripts()
	slices.Sort(p.Files)
	if p.Native != nil {
		slices.Sort(p.Native.Addons)
	}
}

// walkSources calls found with each source file (and .node addon) under root, relative and
// slash-separated, skipping node_modules, hidden folders and the folders in skip.
func walkSources(root string, skip map[string]bool, found func(rel string, addon bool)) {
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "node_modules" || strings.HasPrefix(name, ".") || skip[path]) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		ext := filepath.Ext(name)
		switch {
		case ext == ".node":
			found(rel, true)
		case sourceExts[ext] && !isDeclaration(name):
			found(rel, false)
		}
		return nil
	})
}

// appFiles lists the project's own sources: the root folder without the packages in it.
func appFiles(root string, pkgs []*Package) []string {
	skip := map[string]bool{}
	for _, p := range pkgs {
		skip[p.RealDir] = true
	}
	var out []string
	walkSources(root, skip, func(rel string, addon bool) {
		if !addon {
			out = append(out, rel)
		}
	})
	slices.Sort(out)
	return out
}

func isDeclaration(name string) bool {
	return strings.HasSuffix(name, ".d.ts") || strings.HasSuffix(name, ".d.mts") || strings.HasSuffix(name, ".d.cts")
}

// PackageName is the package a bare require specifier names ("@scope/name" or "name"), or ""
// for a relative, absolute or URL specifier.
func PackageName(spec string) string {
	if spec == "" || strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") || strings.Contains(spec, ":") || strings.HasPrefix(spec, "#") {
		return ""
	}
	parts := strings.SplitN(spec, "/", 3)
	if strings.HasPrefix(spec, "@") {
		if len(parts) < 2 || parts[1] == "" {
			return ""
		}
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// Resolve returns the package that a require(name) from package from finds, walking up the
// node_modules folders from its real folder as Node does; nil when none.
func (inv *Inventory) Resolve(from *Package, name string) *Package {
	dir := from.RealDir
	for {
		if filepath.Base(dir) != "node_modules" {
			cand := filepath.Join(dir, "node_modules", filepath.FromSlash(name))
			if real, err := filepath.EvalSymlinks(cand); err == nil {
				if p := inv.byRealDir(real); p != nil {
					return p
				}
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir || !strings.HasPrefix(dir, inv.Root) {
			return nil
		}
		dir = parent
	}
}

func (inv *Inventory) byRealDir(real string) *Package {
	inv.indexOnce.Do(func() {
		inv.index = make(map[string]*Package, len(inv.Packages))
		for _, p := range inv.Packages {
			inv.index[p.RealDir] = p
		}
	})
	return inv.index[real]
}
