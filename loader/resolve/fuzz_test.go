package resolve

import (
	"strings"
	"testing"
)

// FuzzExports feeds arbitrary package.json text and specifiers through the
// exports/imports machinery and whole resolutions (self-reference makes the
// fuzzed package.json the one consulted). Nothing may panic.
func FuzzExports(f *testing.F) {
	seeds := []struct{ pkg, spec string }{
		{`{"name":"p","exports":"./main.js"}`, "p"},
		{`{"name":"p","exports":{".":{"node":{"import":"./a.mjs","require":"./a.js"}},"./*":"./lib/*.js","./x/*":null}}`, "p/x/y"},
		{`{"name":"p","exports":{"./a":["bad",{"worker":"./w.js"},"./a.js"],"./b/*.js":"./b/*/*.js"}}`, "p/b/c.js"},
		{`{"name":"p","exports":{".":"./a","import":"./b"}}`, "p"},
		{`{"name":"p","exports":{".":{"0":"./a"}}}`, "p"},
		{`{"name":"p","imports":{"#a":"dep/x","#b/*":"./src/*.js","#c":{"require":null,"default":"./c.js"}}}`, "#b/../x"},
		{`{"name":"p","imports":{"#a":["node:fs","fs"]},"exports":{"./%2e%2e/*":"./*"}}`, "#a"},
		{`{"name":"p","exports":{"./q":"./a.js?x#y","./e":"./a%2Fb","./n":1e400}}`, "p/e"},
		{`[1,2]`, "p"},
		{`{"name":"p","exports":{"./*":"./*"},"imports":"#x"}`, "p/\u2028x"},
	}
	for _, s := range seeds {
		f.Add(s.pkg, s.spec, false)
		f.Add(s.pkg, s.spec, true)
	}
	f.Fuzz(func(t *testing.T, pkgJSON, spec string, importMode bool) {
		const dir = "/nonexistent-pkgbox-fuzz/pkg"
		r := New(Config{Conditions: []string{"worker"}})
		pkg, perr := parsePackageJSON(dir, dir+"/package.json", []byte(pkgJSON))
		if perr != nil {
			_ = perr.cjsErr().Error()
			_ = perr.esmErr("x").Error()
			return
		}
		r.pkgs.Store(dir, pkgEntry{pkg: pkg})
		from := dir + "/src/index.js"
		conds := r.requireConds
		if importMode {
			conds = r.importConds
		}
		if pkg.exports != nil {
			c := &pkgCtx{r: r, pkg: pkg, conds: conds, base: from}
			_, _ = c.exportsResolve("./" + strings.TrimPrefix(spec, "./"))
			_, _ = c.exportsResolve(".")
		}
		_, _ = r.importsResolve("#"+strings.TrimPrefix(spec, "#"), from, conds, importMode)
		// Keep whole resolutions inside the fake package: no absolute or
		// parent paths that would read arbitrary files of this machine.
		if strings.Contains(spec, "..") || strings.Contains(spec, "%") || strings.HasPrefix(spec, "/") || strings.Contains(spec, ":") {
			return
		}
		mode := Require
		if importMode {
			mode = Import
		}
		if res, err := r.Resolve(spec, from, mode); err == nil && res.Path == "" && res.Builtin == "" {
			t.Errorf("Resolve(%q) returned neither a path nor a builtin, and no error", spec)
		}
		_ = r.PackageOf(dir + "/node_modules/" + spec)
		_ = r.LookupPaths(spec, from)
	})
}
