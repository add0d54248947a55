package audit

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pkgbox/pkgbox/loader/resolve"
	"github.com/pkgbox/pkgbox/manifests/inventory"
)

// Options tune an audit.
type Options struct {
	// Workers is the number of files analysed at once; 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, is called (from any goroutine) after each file with the number of
	// files done and the total.
	Progress func(done, total int)
	// LoadedOnly reads only the files the app may load (reach.go): what init and check need.
	// The others are counted in Summary.Skipped, their findings unknown.
	LoadedOnly bool
}

// maxFileSize bounds what one file may cost; larger files are reported as errors.
const maxFileSize = 32 << 20

// Audit lists the packages of the project at root and audits them.
func Audit(root string, opts Options) (*Report, *inventory.Inventory, error) {
	inv, err := inventory.Load(root)
	if err != nil {
		return nil, nil, err
	}
	return Run(inv, opts), inv, nil
}

// Run audits the packages of an inventory, in parallel over files. The app's own sources are
// read too, for what they require (reach.go), and report nothing: the app holds every right.
// With opts.LoadedOnly files are read in rounds, from the app's roots to what they reach, and
// the rest is skipped.
func Run(inv *inventory.Inventory, opts Options) *Report {
	pkgs := make([]*Package, len(inv.Packages))
	all := append(slices.Clone(inv.Packages), appPackage(inv))
	app := len(inv.Packages)
	total := 0
	for i, p := range all {
		if i < app {
			pkgs[i] = &Package{Package: *p, pkg: p, Files: len(p.Files), Findings: []Finding{}, Requires: []string{}, Capabilities: []string{}}
		}
		total += len(p.Files)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	res := resolve.New(resolve.Config{})
	results := make(map[fileRef]*fileResult, total)
	var done atomic.Int64
	analyse := func(files []fileRef) {
		out := make([]fileResult, len(files))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(workers, len(files)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= len(files) {
						return
					}
					out[i] = auditFile(res, all[files[i].pkg], files[i].rel)
					if opts.Progress != nil {
						opts.Progress(int(done.Add(1)), total)
					}
				}
			}()
		}
		wg.Wait()
		for i, f := range files {
			results[f] = &out[i]
		}
	}

	var everything []fileRef
	for i, p := range all {
		for _, f := range p.Files {
			everything = append(everything, fileRef{i, f})
		}
	}
	if !opts.LoadedOnly {
		analyse(everything) // at once: rounds would leave a core idle between them
	}
	rc := newReacher(inv, all)
	for files := rc.roots(); len(files) > 0; {
		var todo []fileRef
		for _, f := range files {
			if results[f] == nil {
				todo = append(todo, f)
			}
		}
		analyse(todo)
		files = rc.expand(files, results)
	}
	skipped := 0
	for _, f := range everything {
		switch {
		case rc.reached[f]:
		case results[f] == nil:
			skipped++
		default:
			rc.add(f, results[f]) // for the bin files' reach
		}
	}
	if skipped > 0 && opts.Progress != nil {
		opts.Progress(total, total)
	}
	bin := rc.binFiles()

	type site struct {
		file                 string
		line, col            int
		test, bin, unreached bool
	}
	firstRequire := make([]map[string]site, len(pkgs))
	for i := range firstRequire {
		firstRequire[i] = map[string]site{}
	}
	for i, ip := range all[:app] {
		for _, rel := range ip.Files {
			ref := fileRef{i, rel}
			r := results[ref]
			if r == nil {
				continue
			}
			p := pkgs[i]
			test, unreached := IsTestFile(rel), !rc.reached[ref] && !p.Workspace
			for _, f := range r.findings {
				f.Test, f.Bin, f.Unreached = test, bin[ref], unreached
				p.Findings = append(p.Findings, f)
			}
			if r.err != nil {
				p.Errors = append(p.Errors, *r.err)
			}
			for _, req := range r.requires {
				// the first site the app may load, else the first one
				if s, seen := firstRequire[i][req.name]; !seen || (s.test || s.unreached) && !test && !unreached {
					firstRequire[i][req.name] = site{r.file, req.line, req.col, test, bin[ref], unreached}
				}
			}
		}
	}
	for i, p := range pkgs {
		ip := inv.Packages[i]
		for name, s := range firstRequire[i] {
			if name == p.Name {
				continue // self-reference
			}
			p.Requires = append(p.Requires, name)
			if !ip.Declares(name) {
				p.Findings = append(p.Findings, Finding{Kind: KindUndeclared, API: "require", Resource: name,
					File: s.file, Line: s.line, Column: s.col, Test: s.test, Bin: s.bin, Unreached: s.unreached,
					Message: fmt.Sprintf("requires %q, which its package.json does not declare", name)})
			}
		}
		slices.Sort(p.Requires)
		for script, cmd := range ip.Scripts {
			file, line := p.Dir+"/package.json", ip.ScriptLines[script]
			if line == 0 {
				file, line = p.Dir+"/binding.gyp", 1
			}
			p.Findings = append(p.Findings, Finding{Kind: KindInstall, API: script, Resource: cmd, File: file,
				Line: line, Column: 1, Message: fmt.Sprintf("npm runs %s on install: %s", script, cmd)})
		}
		if ip.Native != nil {
			for _, addon := range ip.Native.Addons {
				p.Findings = append(p.Findings, Finding{Kind: "native.load", Resource: "./" + path.Join(p.Dir, addon),
					File: path.Join(p.Dir, addon), Line: 1, Column: 1, Message: "compiled native addon"})
			}
		}
		p.Findings = dedupe(p.Findings)
		sortFindings(p.Findings)
		slices.SortFunc(p.Errors, func(a, b FileError) int { return strings.Compare(a.File, b.File) })
		for _, f := range p.Findings {
			if IsCapability(f.Kind) && f.Loaded() && !slices.Contains(p.Capabilities, f.Kind) {
				p.Capabilities = append(p.Capabilities, f.Kind)
			}
		}
		slices.SortFunc(p.Capabilities, func(a, b string) int { return Power(a) - Power(b) })
	}
	reach(inv, pkgs)

	r := &Report{Schema: Schema, Packages: pkgs, Summary: Summary{Packages: len(pkgs), Skipped: skipped, ByKind: map[string]int{}}}
	for _, p := range pkgs {
		r.Summary.Files += p.Files
		r.Summary.Findings += len(p.Findings)
		r.Summary.Errors += len(p.Errors)
		for _, f := range p.Findings {
			r.Summary.ByKind[f.Kind]++
		}
	}
	return r
}

// testDirs are the folders of a package that hold its tests, examples and benchmarks.
var testDirs = map[string]bool{"test": true, "tests": true, "__tests__": true, "__mocks__": true,
	"example": true, "examples": true, "benchmark": true, "benchmarks": true}

// IsTestFile reports whether rel (a file's path inside its package, slash-separated) is test,
// example or benchmark code: under one of testDirs at any depth, or named *.test.* or *.spec.*
// (foo.test.js, foo.spec.ts). npm installs such files, but a program that uses the package
// does not load them, so what they ask for is not what the package needs.
func IsTestFile(rel string) bool {
	dir, name := path.Split(rel)
	for _, part := range strings.Split(strings.Trim(dir, "/"), "/") {
		if testDirs[part] {
			return true
		}
	}
	base := strings.TrimSuffix(name, path.Ext(name))
	return strings.HasSuffix(base, ".test") || strings.HasSuffix(base, ".spec")
}

func dedupe(fs []Finding) []Finding {
	type key struct {
		kind, api, res, file string
		line, col            int
	}
	seen := map[key]bool{}
	out := fs[:0]
	for _, f := range fs {
		k := key{f.Kind, f.API, f.Resource, f.File, f.Line, f.Column}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

// auditFile reads and analyses one file of a package.
func auditFile(res *resolve.Resolver, p *inventory.Package, rel string) fileResult {
	abs := filepath.Join(p.RealDir, filepath.FromSlash(rel))
	shown := path.Join(p.Dir, rel)
	fi, err := os.Stat(abs)
	if err != nil {
		return fileResult{file: shown, err: &FileError{File: shown, Message: err.Error()}}
	}
	if fi.Size() > maxFileSize {
		return fileResult{file: shown, err: &FileError{File: shown, Message: fmt.Sprintf("skipped: %d bytes, more than the %d the audit reads", fi.Size(), maxFileSize)}}
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return fileResult{file: shown, err: &FileError{File: shown, Message: err.Error()}}
	}
	r := analyzeFile(&fileInput{rel: shown, abs: abs, dirRel: path.Dir(shown), src: string(data), pkgName: p.Name,
		declares: p.Declares})
	r.file = shown
	r.targets = resolveTargets(res, abs, &r)
	return r
}

// resolveTargets resolves a file's requires of packages and its other specifiers with the loader's
// resolver, as required and as imported; what does not resolve loads nothing.
func resolveTargets(res *resolve.Resolver, from string, r *fileResult) []string {
	var out []string
	seen := map[string]bool{}
	try := func(spec string) {
		if seen[spec] {
			return
		}
		seen[spec] = true
		for _, mode := range []resolve.Mode{resolve.Require, resolve.Import} {
			if t, err := res.Resolve(spec, from, mode); err == nil && t.Builtin == "" && !slices.Contains(out, t.Path) {
				out = append(out, t.Path)
			}
		}
	}
	for _, req := range r.requires {
		if req.sub == "" {
			try(req.name)
		} else {
			try(req.name + "/" + req.sub)
		}
	}
	for _, spec := range r.specs {
		try(spec)
	}
	return out
}

// appPackage is the project itself as the audit reads it: the root package.json's package (or
// an unnamed one) with the project's own sources.
func appPackage(inv *inventory.Inventory) *inventory.Package {
	app := &inventory.Package{}
	if inv.App != nil {
		c := *inv.App
		app = &c
	}
	app.Dir, app.RealDir, app.Files = ".", inv.Root, inv.AppFiles
	return app
}

// reach fills each package's Reaches: the capabilities held by the packages its code
// requires, directly or through others, resolved from its folder as Node would.
func reach(inv *inventory.Inventory, pkgs []*Package) {
	index := map[*inventory.Package]int{}
	for i, p := range inv.Packages {
		index[p] = i
	}
	edges := make([][]int, len(pkgs))
	for i, p := range pkgs {
		for _, name := range p.Requires {
			if t := inv.Resolve(inv.Packages[i], name); t != nil && index[t] != i {
				edges[i] = append(edges[i], index[t])
			}
		}
	}
	for i, p := range pkgs {
		seen := map[int]bool{i: true}
		stack := slices.Clone(edges[i])
		reaches := map[string][]string{}
		for len(stack) > 0 {
			j := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[j] {
				continue
			}
			seen[j] = true
			for _, c := range pkgs[j].Capabilities {
				if !slices.Contains(reaches[c], pkgs[j].Name) {
					reaches[c] = append(reaches[c], pkgs[j].Name)
				}
			}
			stack = append(stack, edges[j]...)
		}
		for c := range reaches {
			slices.Sort(reaches[c])
		}
		if len(reaches) > 0 {
			p.Reaches = reaches
		}
	}
}
