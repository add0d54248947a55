//go:build ignore

// gen turns the npm packages pinned in package-lock.json into the CommonJS bundles that lib embeds
// (vendor/<name>.js, each with vendor/<name>.LICENSES.txt). It runs `npm ci` first, so the output
// depends only on the lock file; the bundles are committed so that building pkgbox never needs npm.
//
// Run it with `go generate ./loader/node/lib/...`.
//
// Why each package (DESIGN.md prefers bundling Node's own code over rewriting it):
//   - buffer@6 (feross): the Buffer used by browserify/webpack for a decade, API-complete for Node 20
//     except a few late additions that buffer.js adds.
//   - events@3.3.0: Node's EventEmitter as published by browserify; events.js adds Node 20's extras.
//   - string_decoder@1.3.0: Node's own string_decoder.js (from Node 8) made standalone.
//   - punycode@2.3.1: the library Node itself vendors as its punycode module.
//   - readable-stream@4.7.0: Node 18's lib/internal/streams, kept in sync by the Node streams team.
//     Its errors and inspect helpers are pointed at ours so that stream errors are Node's classes.
//   - node-inspect-extracted@3.0.0: Node 20.3's lib/internal/util/inspect.js (later versions track
//     Node 22/24, whose output differs) with only the requires
//     changed. Its stand-ins for V8 internals (promise state, proxies, Map/Set previews, types)
//     guess from the outside; we patch them to read the goja-native binding instead (patches below).
//   - url@0.11.4: Node's legacy url.js (parse/format/resolve); its query parser is pointed at our
//     querystring (Node's url.parse uses querystring, not qs).
//   - querystring: not bundled. querystring-es3 is Node 0.x's (plain-object results, throws on bad
//     escapes) and no maintained package tracks Node 20's, so querystring.js is our own.
//   - path-browserify@1.0.1: Node's posix path module (Node 10.3, unchanged in behaviour since).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// bundle is one embedded asset: entry is the CommonJS body esbuild starts from.
type bundle struct {
	name  string
	entry string
	// external maps a required name to the builtin it must stay a require() of.
	external map[string]string
	// virtual maps a required name to the source of a stand-in module.
	virtual map[string]string
	// patches rewrite a package file (matched by its path suffix) before bundling.
	patches map[string][]patch
}

// patch replaces old by new in a file; it must match exactly once, so a version bump that moves
// the code fails the generator instead of silently shipping an unpatched copy.
type patch struct{ old, new string }

var bundles = []bundle{
	{name: "buffer", entry: `module.exports = require("buffer/");`,
		patches: map[string][]patch{
			// Assigning Buffer.prototype.toString etc. would hit the frozen Uint8Array.prototype
			// methods (the override mistake) and throw; own placeholders make the assignments land.
			"node_modules/buffer/index.js": append([]patch{{
				"Object.setPrototypeOf(Buffer.prototype, Uint8Array.prototype)\n",
				"Object.setPrototypeOf(Buffer.prototype, Uint8Array.prototype)\n" +
					"for (const k of ['toString', 'toLocaleString', 'includes', 'indexOf', 'lastIndexOf', 'slice', 'fill']) " +
					"Object.defineProperty(Buffer.prototype, k, { value: undefined, writable: true, configurable: true, enumerable: true })\n",
			}, {
				// A codec buffer.js may install: the byte-at-a-time loops (and string += in them)
				// are what makes the bundled Buffer slow on goja.
				"exports.kMaxLength = K_MAX_LENGTH\n",
				"exports.kMaxLength = K_MAX_LENGTH\nlet codec\nexports.setCodec = function (c) { codec = c }\n",
			}, {
				"      case 'utf-8':\n        return utf8ToBytes(string).length\n",
				"      case 'utf-8':\n        return codec !== undefined ? codec.utf8Length(string) : utf8ToBytes(string).length\n",
			}}, codecHooks(
				"utf8Slice (buf, start, end)", "asciiSlice (buf, start, end)", "latin1Slice (buf, start, end)",
				"hexSlice (buf, start, end)", "base64Slice (buf, start, end)",
				"utf8Write (buf, string, offset, length)", "asciiWrite (buf, string, offset, length)",
				"hexWrite (buf, string, offset, length)", "base64Write (buf, string, offset, length)")...),
		}},
	{name: "events", entry: `module.exports = require("events/");`,
		patches: map[string][]patch{
			// Node 20's errors, warning text and constructor options; events.js replaces emit and
			// init and adds the rest of Node 20's API.
			"node_modules/events/events.js": {
				{"function ProcessEmitWarning(warning) {\n  if (console && console.warn) console.warn(warning);\n}",
					"function ProcessEmitWarning(warning) {\n  process.emitWarning(warning);\n}"},
				{"function EventEmitter() {\n  EventEmitter.init.call(this);\n}",
					"function EventEmitter(opts) {\n  EventEmitter.init.call(this, opts);\n}"},
				{`throw new TypeError('The "listener" argument must be of type Function. Received type ' + typeof listener);`,
					`throw new (require("internal/errors").codes.ERR_INVALID_ARG_TYPE)('listener', 'Function', listener);`},
				{`throw new RangeError('The value of "defaultMaxListeners" is out of range. It must be a non-negative number. Received ' + arg + '.');`,
					`throw new (require("internal/errors").codes.ERR_OUT_OF_RANGE)('defaultMaxListeners', 'a non-negative number', arg);`},
				{`throw new RangeError('The value of "n" is out of range. It must be a non-negative number. Received ' + n + '.');`,
					`require("internal/validators").validateNumber(n, 'setMaxListeners', 0);`},
				{"var w = new Error('Possible EventEmitter memory leak detected. ' +\n" +
					"                          existing.length + ' ' + String(type) + ' listeners ' +\n" +
					"                          'added. Use emitter.setMaxListeners() to ' +\n" +
					"                          'increase limit');",
					"var w = new Error('Possible EventEmitter memory leak detected. ' +\n" +
						"                          existing.length + ' ' + String(type) + ' listeners ' +\n" +
						"                          'added to ' + require(\"internal/util/inspect\").inspect(target, { depth: -1 }) +\n" +
						"                          '. MaxListeners is ' + m + '. Use emitter.setMaxListeners() to ' +\n" +
						"                          'increase limit');"},
			},
		}},
	{name: "string_decoder", entry: `module.exports = require("string_decoder/");`,
		external: map[string]string{"safe-buffer": "buffer"}},
	{name: "punycode", entry: `module.exports = require("punycode/");`},
	{name: "path", entry: `module.exports = require("path-browserify/");`},
	{name: "url", entry: `module.exports = require("url/");`,
		external: map[string]string{"punycode/": "punycode", "qs": "querystring"},
		patches: map[string][]patch{
			// qs.stringify takes options where querystring.stringify takes a separator.
			"node_modules/url/url.js": {{"querystring.stringify(this.query, {\n      arrayFormat: 'repeat',\n      addQueryPrefix: false\n    })", "querystring.stringify(this.query)"}},
		}},
	{name: "stream", entry: `module.exports = require("readable-stream/lib/stream.js");`,
		external: map[string]string{
			"buffer":          "buffer",
			"events":          "events",
			"string_decoder/": "string_decoder",
			"stream":          "stream",
			// Node's errors and inspect, so stream errors have Node's classes and messages.
			"../../ours/errors":    "internal/errors",
			"../ours/errors":       "internal/errors",
			"./ours/errors":        "internal/errors",
			"./errors":             "internal/errors",
			"./util/inspect":       "internal/util/inspect",
			"../ours/util/inspect": "internal/util/inspect",
		},
		patches: map[string][]patch{
			// goja has no Symbol.asyncIterator; esbuild's lowered async generators use
			// Symbol.for("Symbol.asyncIterator") then, and the streams must agree with them.
			"node_modules/readable-stream/lib/ours/primordials.js": {{
				"SymbolAsyncIterator: Symbol.asyncIterator,",
				`SymbolAsyncIterator: Symbol.asyncIterator || Symbol.for("Symbol.asyncIterator"),`,
			}, {
				// Shared with events.addAbortListener, whose disposer the streams call.
				"SymbolDispose: Symbol.dispose || Symbol('Symbol.dispose'),",
				"SymbolDispose: Symbol.dispose || Symbol.for('nodejs.dispose'),",
			}, {
				"SymbolAsyncDispose: Symbol.asyncDispose || Symbol('Symbol.asyncDispose'),",
				"SymbolAsyncDispose: Symbol.asyncDispose || Symbol.for('nodejs.asyncDispose'),",
			}},
		},
		virtual: map[string]string{
			// The compartment's process is a wrapper parameter, not a module.
			"process/": `module.exports = process;`,
			// Never reached (the globals exist) but must not pull the polyfill in.
			"abort-controller": `module.exports = { AbortController: global.AbortController, AbortSignal: global.AbortSignal };`,
		}},
	{name: "inspect", entry: `module.exports = require("node-inspect-extracted");`,
		patches: map[string][]patch{
			"node-inspect-extracted/dist/inspect.js": {
				// The util shim (promise details, proxies, previews, constructor names) and the
				// util.types shim become our goja-aware versions.
				{",364:(t,e,r)=>{", `,364:(t,e,r)=>{t.exports=require("internal/util/inspect_hooks").util;return;`},
				{",581:(t,e,r)=>{", `,581:(t,e,r)=>{t.exports=require("internal/util/inspect_hooks").types;return;`},
				// inspect reads intrinsics' "constructor" through property descriptors; lockdown turns
				// those into accessors, which the hooks' primordials see through.
				// goja has no __lookupGetter__.
				{"Function.prototype.call.bind(t.prototype.__lookupGetter__(e))", "Function.prototype.call.bind(Object.getOwnPropertyDescriptor(t.prototype,e).get)"},
				{`t.constructor.prototype.__lookupGetter__("length").call(t)`, `Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype),"length").get.call(t)`},
				// goja writes frames as "\tat f (file:1:2(3))"; inspect recognises Node's "    at f (file:1:2)"
				// (without it, an error prints as "[Error: msg ...]").
				{"function Mr(t){return t.stack?At(t.stack):I(t)}", `function Mr(t){return t.stack?require("internal/errors").nodeStack(At(t.stack)):I(t)}`},
				// goja gives async and generator methods Function.prototype, so their constructor reads
				// "Function"; Node's would be AsyncFunction/GeneratorFunction and print no suffix.
				{`e!==a&&null!==e&&(c+=" ".concat(e))`, `e!==a&&null!==e&&!(e==="Function"&&a!=="Function")&&(c+=" ".concat(e))`},
				{"var u,p,f=r(541),y=f.internalBinding", `var u,p,f=require("internal/util/inspect_hooks").primordials(r(541)),y=f.internalBinding`},
			},
		}},
}

// compartmentGlobals are the names that exist only on a compartment's global object: the shared
// realm's globalThis holds nothing but the frozen ECMAScript intrinsics, so a bundle must reach them
// through the `global` wrapper parameter.
var compartmentGlobals = func() map[string]string {
	m := map[string]string{"globalThis": "global", "self": "global", "window": "global"}
	for _, n := range []string{"console", "URL", "URLSearchParams", "TextEncoder", "TextDecoder",
		"AbortController", "AbortSignal", "EventTarget", "Event", "Blob", "File", "atob", "btoa",
		"structuredClone", "performance", "DOMException"} {
		m[n] = "global." + n
	}
	return m
}()

// codecHooks makes each named function of the buffer package defer to the installed codec.
func codecHooks(sigs ...string) []patch {
	var ps []patch
	for _, sig := range sigs {
		name := sig[:strings.Index(sig, " ")]
		args := sig[strings.Index(sig, "(")+1 : len(sig)-1]
		ps = append(ps, patch{
			"function " + sig + " {\n",
			"function " + sig + " {\n  if (codec !== undefined) return codec." + name + "(" + args + ")\n",
		})
	}
	return ps
}

// target is what goja parses: everything but async generators, for-await and import().
var unsupported = map[string]bool{"async-generator": false, "for-await": false, "dynamic-import": false}

func main() {
	dir, err := os.Getwd()
	check(err)
	if filepath.Base(dir) != "vendor" {
		dir = filepath.Join(dir, "vendor")
	}
	// esbuild names inputs relative to the working directory, in the metafile and in the bundle's
	// comments; working from vendor/ keeps the output the same however the generator is started.
	check(os.Chdir(dir))
	npm := exec.Command("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
	npm.Dir, npm.Stdout, npm.Stderr = dir, os.Stderr, os.Stderr
	check(npm.Run())
	for _, b := range bundles {
		check(build(dir, b))
	}
}

func build(dir string, b bundle) error {
	res := api.Build(api.BuildOptions{
		AbsWorkingDir: dir,
		Stdin:         &api.StdinOptions{Contents: b.entry, ResolveDir: dir, Sourcefile: b.name + "-entry.js"},
		Bundle:        true,
		Format:        api.FormatCommonJS,
		Platform:      api.PlatformNeutral,
		MainFields:    []string{"main"},
		Conditions:    []string{"require"},
		Target:        api.ESNext,
		Supported:     unsupported,
		LegalComments: api.LegalCommentsNone,
		// Not minified: whitespace removal saves ~15% of stream's one-time compile (2.5 of 16 ms per
		// process, nothing per compartment) and would cost readable stack traces.
		// Bundling renames functions that collide (Buffer becomes Buffer2); inspect prints names.
		KeepNames: true,
		Metafile:  true,
		Write:     false,
		Outfile:   filepath.Join(dir, b.name+".js"),
		LogLevel:  api.LogLevelWarning,
		Define:    compartmentGlobals,
		Plugins:   []api.Plugin{mapping(b)},
	})
	if len(res.Errors) > 0 {
		return fmt.Errorf("bundle %s: %s", b.name, res.Errors[0].Text)
	}
	var out []byte
	for _, f := range res.OutputFiles {
		if strings.HasSuffix(f.Path, ".js") {
			out = f.Contents
		}
	}
	if out == nil {
		return fmt.Errorf("bundle %s: esbuild wrote no .js output", b.name)
	}
	header := fmt.Sprintf("// Code generated by vendor/gen.go from package-lock.json; DO NOT EDIT.\n// Licences: %s.LICENSES.txt\n", b.name)
	if err := os.WriteFile(filepath.Join(dir, b.name+".js"), append([]byte(header), out...), 0o644); err != nil {
		return err
	}
	lic, err := licences(dir, res.Metafile)
	if err != nil {
		return fmt.Errorf("bundle %s: %w", b.name, err)
	}
	return os.WriteFile(filepath.Join(dir, b.name+".LICENSES.txt"), lic, 0o644)
}

// mapping applies a bundle's externals, virtual modules and patches.
func mapping(b bundle) api.Plugin {
	return api.Plugin{Name: "pkgbox-map", Setup: func(pb api.PluginBuild) {
		pb.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			if to, ok := b.external[a.Path]; ok {
				return api.OnResolveResult{Path: to, External: true}, nil
			}
			if _, ok := b.virtual[a.Path]; ok {
				return api.OnResolveResult{Path: a.Path, Namespace: "pkgbox-virtual"}, nil
			}
			if strings.HasPrefix(a.Path, "internal/") {
				return api.OnResolveResult{Path: a.Path, External: true}, nil
			}
			return api.OnResolveResult{}, nil
		})
		pb.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "pkgbox-virtual"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			src := b.virtual[a.Path]
			return api.OnLoadResult{Contents: &src, Loader: api.LoaderJS}, nil
		})
		pb.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "file"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			for suffix, ps := range b.patches {
				if !strings.HasSuffix(filepath.ToSlash(a.Path), suffix) {
					continue
				}
				data, err := os.ReadFile(a.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				src := string(data)
				for _, p := range ps {
					if n := strings.Count(src, p.old); n != 1 {
						return api.OnLoadResult{}, fmt.Errorf("patch %q matches %d times in %s, want exactly 1", p.old, n, suffix)
					}
					src = strings.Replace(src, p.old, p.new, 1)
				}
				return api.OnLoadResult{Contents: &src, Loader: api.LoaderJS}, nil
			}
			return api.OnLoadResult{}, nil
		})
	}}
}

var pkgDir = regexp.MustCompile(`^node_modules/((?:@[^/]+/)?[^/]+)/`)

// licences collects the licence file of every package that contributed code to a bundle: most
// packages keep their licence in a file, not in a legal comment, so esbuild's LegalComments
// alone would lose them.
func licences(dir, metafile string) ([]byte, error) {
	var meta struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(metafile), &meta); err != nil {
		return nil, err
	}
	pkgs := map[string]bool{}
	for in := range meta.Inputs {
		if m := pkgDir.FindStringSubmatch(filepath.ToSlash(in)); m != nil {
			pkgs[m[1]] = true
		}
	}
	names := make([]string, 0, len(pkgs))
	for p := range pkgs {
		names = append(names, p)
	}
	sort.Strings(names)
	var sb strings.Builder
	for _, p := range names {
		pdir := filepath.Join(dir, "node_modules", p)
		var pj struct {
			Version string `json:"version"`
			License string `json:"license"`
		}
		if data, err := os.ReadFile(filepath.Join(pdir, "package.json")); err == nil {
			_ = json.Unmarshal(data, &pj)
		}
		text, err := licenceText(pdir)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		fmt.Fprintf(&sb, "==== %s@%s (%s) ====\n\n%s\n\n", p, pj.Version, pj.License, strings.TrimSpace(text))
	}
	return []byte(sb.String()), nil
}

func licenceText(pdir string) (string, error) {
	entries, err := os.ReadDir(pdir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		n := strings.ToUpper(e.Name())
		if strings.HasPrefix(n, "LICENSE") || strings.HasPrefix(n, "LICENCE") {
			data, err := os.ReadFile(filepath.Join(pdir, e.Name()))
			return string(data), err
		}
	}
	// Some packages (punycode, url) keep the licence only in their README or source header.
	for _, f := range []string{"README.md", "readme.md", "LICENSE-MIT.txt"} {
		if data, err := os.ReadFile(filepath.Join(pdir, f)); err == nil {
			if i := strings.Index(strings.ToLower(string(data)), "## license"); i >= 0 {
				return string(data[i:]), nil
			}
		}
	}
	return "", fmt.Errorf("no licence file found in %s", pdir)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
