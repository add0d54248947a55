package loader

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dlclark/regexp2/v2"
	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/pkgbox/pkgbox/loader/tla"
)

// esbuildVersion is part of every cache key: a new esbuild may emit different code.
const esbuildVersion = "0.28.2"

// transformVersion changes whenever pkgbox's own esbuild options or post-processing change.
const transformVersion = "6"

// unsupported lists what goja cannot run, so esbuild lowers it (or, for top-level await, reports
// it). Regexp features become `new RegExp(...)` calls that pkgbox's RegExp handles at run time.
var unsupported = map[string]bool{
	"async-generator":                 false,
	"for-await":                       false,
	"dynamic-import":                  false,
	"top-level-await":                 false,
	"regexp-unicode-property-escapes": false,
	"regexp-match-indices":            false,
	"regexp-set-notation":             false,
	// esbuild's scan for the features above skips character classes, so /[$\p{L}]/u would stay a
	// literal that goja compiles without property escapes: have every u/y literal built at run time.
	"regexp-sticky-and-unicode-flags": false,
	"hashbang":                        false,
	// goja's lexer panics on some \u{...} escapes in strings (e.g. "\u{10FFFF}"); esbuild
	// rewrites them as surrogate pairs.
	"unicode-escapes": false,
}

// transformer converts sources goja cannot run as they are, with a disk cache keyed by content
// hash, esbuild version and options, so a second run does no transform work.
type transformer struct {
	dir string
}

func newTransformer(dir string) *transformer {
	if dir == "" {
		dir = os.Getenv("PKGBOX_CACHE_DIR")
	}
	if dir == "" {
		if base, err := os.UserCacheDir(); err == nil {
			dir = filepath.Join(base, "pkgbox")
		}
	}
	return &transformer{dir: dir}
}

type transformRequest struct {
	path     string
	src      string
	loader   api.Loader
	nodeMode bool // ESM semantics for imports of CommonJS (default import = module.exports)
}

// transform returns CommonJS code goja can run, ending in an inline source map that points at
// the original file.
func (t *transformer) transform(req transformRequest) (string, error) {
	sum := sha256.New()
	fmt.Fprintf(sum, "%s\x00%s\x00%d\x00%v\x00", esbuildVersion, transformVersion, req.loader, req.nodeMode)
	sum.Write([]byte(req.src))
	key := hex.EncodeToString(sum.Sum(nil))
	var cacheFile string
	if t.dir != "" {
		cacheFile = filepath.Join(t.dir, "transform", key[:2], key[2:]+".js")
		if data, err := os.ReadFile(cacheFile); err == nil {
			return string(data), nil
		}
	}
	sourcefile := req.path
	if req.nodeMode && !strings.HasSuffix(sourcefile, ".mjs") && !strings.HasSuffix(sourcefile, ".mts") {
		// esbuild decides Node's interop from the file extension.
		if req.loader == api.LoaderTS || req.loader == api.LoaderTSX {
			sourcefile += ".mts"
		} else {
			sourcefile += ".mjs"
		}
	}
	res := api.Transform(req.src, api.TransformOptions{
		Loader:         req.loader,
		Format:         api.FormatCommonJS,
		Platform:       api.PlatformNode,
		Target:         api.ESNext,
		Supported:      unsupported,
		Sourcefile:     sourcefile,
		Sourcemap:      api.SourceMapExternal,
		SourcesContent: api.SourcesContentExclude,
		Define:         defines(req.nodeMode),
		LogLevel:       api.LogLevelSilent,
		TsconfigRaw:    `{"compilerOptions":{"experimentalDecorators":true,"useDefineForClassFields":false}}`,
	})
	if len(res.Errors) > 0 {
		return "", transformError(req.path, res.Errors[0])
	}
	code := patchInterop(string(res.Code))
	if req.nodeMode {
		// ES modules are strict mode code; esbuild's CommonJS output does not say so.
		code = `"use strict";` + code
	}
	if len(res.Map) > 0 {
		var m map[string]any
		if err := json.Unmarshal(res.Map, &m); err == nil {
			m["sources"] = []string{req.path}
			if fixed, err := json.Marshal(m); err == nil {
				code += "//# sourceMappingURL=data:application/json;base64," + base64.StdEncoding.EncodeToString(fixed) + "\n"
			}
		}
	}
	if cacheFile != "" {
		writeCacheFile(cacheFile, code)
	}
	return code, nil
}

// defines maps import.meta to the wrapper's parameter, and in ES modules makes the CommonJS-only
// names undefined, as they are in Node's ES modules (esbuild's own generated require/module
// references are not affected).
func defines(esm bool) map[string]string {
	d := map[string]string{"import.meta": "__pkgbox_import_meta"}
	if esm {
		for _, n := range []string{"require", "module", "exports", "__filename", "__dirname"} {
			d[n] = "undefined"
		}
	}
	return d
}

// interopPatches adjust esbuild's CommonJS interop helpers (esbuild v0.28's exact text) for
// modules converted one file at a time:
//   - esbuild's Node mode makes a default import the whole module.exports, which is right for
//     CommonJS but wrong for another converted ES module, whose exports are marked pkgbox.esm;
//   - a dynamic import() is lowered to require(), which would resolve with the "require"
//     condition; it calls __pkgbox_import, the "import"-mode require, instead.
//
// Changing esbuild means checking these strings again (transform_test.go does).
var interopPatches = []struct{ old, new string }{
	{`isNodeMode || !mod || !mod.__esModule ?`, `isNodeMode && !(mod && mod[Symbol.for("pkgbox.esm")]) || !mod || !mod.__esModule ?`},
	{`__defProp({}, "__esModule", { value: true })`, `__defProp(__defProp({}, Symbol.for("pkgbox.esm"), { value: true }), "__esModule", { value: true })`},
	{`Promise.resolve().then(() => __toESM(require(`, `Promise.resolve().then(() => __pkgbox_import((`},
	{`Promise.resolve().then(() => require(`, `Promise.resolve().then(() => __pkgbox_import(`},
}

func patchInterop(code string) string {
	for _, p := range interopPatches {
		code = strings.ReplaceAll(code, p.old, p.new)
	}
	return code
}

// writeCacheFile writes atomically; a cache that cannot be written only costs speed.
func writeCacheFile(path, data string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	if _, err := tmp.WriteString(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
	}
}

// sourceError is a JavaScript SyntaxError about a file, with Node's "file:line / code / caret"
// header.
type sourceError struct {
	file      string
	line, col int
	msg       string
}

func (e *sourceError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.file, e.line, e.col, e.msg)
}

func transformError(path string, m api.Message) error {
	e := &sourceError{file: path, msg: m.Text}
	if m.Location != nil {
		e.line, e.col = m.Location.Line, m.Location.Column+1
	}
	if strings.Contains(m.Text, "Top-level await") {
		e.msg = topLevelAwaitMessage
	}
	return e
}

const topLevelAwaitMessage = "top-level await is supported only in ES modules that export nothing (pkgbox runs ES modules as CommonJS); move the await into an async function"

func isTopLevelAwait(err error) bool {
	var se *sourceError
	return errors.As(err, &se) && se.msg == topLevelAwaitMessage
}

// esmSyntax spots static import/export statements (import() alone does not make a module ESM).
var esmSyntax = regexp.MustCompile(`(?m)^\s*(import\s*[\w{*'"]|export\s+|export\s*[{*])`)

// compileModule returns the compiled wrapper of rec's file and the globals its code mentions.
func (rt *Runtime) compileModule(rec *moduleRecord) (*goja.Program, map[string]bool, *goja.Object) {
	data, err := os.ReadFile(rec.path)
	if err != nil {
		return nil, nil, rt.plainError(fmt.Sprintf("Cannot read %s: %v", rec.path, err))
	}
	src := strings.TrimPrefix(string(data), "\uFEFF")
	if strings.HasPrefix(src, "#!") {
		// Keep line numbers: the hashbang line becomes a comment.
		src = "//" + src[2:]
	}
	key := programKey(rec.path, rec.esm, src)
	if p, ok := programs.get(key); ok {
		return p.prg, p.mentioned, nil
	}
	prg, mentioned, jsErr := rt.compileSource(rec, src)
	if jsErr == nil {
		programs.put(key, compiledModule{prg, mentioned})
	}
	return prg, mentioned, jsErr
}

// compiledModule is a module's compiled wrapper and the globals it mentions. A goja Program is
// immutable and may run in any number of runtimes, so one compilation serves every runtime of
// the process (a pool of sandboxes calls the same files again and again).
type compiledModule struct {
	prg       *goja.Program
	mentioned map[string]bool
}

// programCache maps (path, module kind, source) to its compiled wrapper; bounded, it starts over
// when full.
type programCache struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte]compiledModule
}

const maxCachedPrograms = 4096

var programs = &programCache{m: map[[sha256.Size]byte]compiledModule{}}

func programKey(path string, esm bool, src string) [sha256.Size]byte {
	h := sha256.New()
	// Regexp literals are compiled with the match time bound in force (BoundRegexpMatch): a
	// program compiled under a longer bound must not serve a run with a shorter one.
	regexpMatchMu.Lock()
	bound := regexp2.DefaultMatchTimeout
	regexpMatchMu.Unlock()
	h.Write([]byte(strconv.FormatInt(int64(bound), 10)))
	h.Write([]byte{0})
	h.Write([]byte(path))
	if esm {
		h.Write([]byte{0, 1})
	} else {
		h.Write([]byte{0, 0})
	}
	h.Write([]byte(src))
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

func (c *programCache) get(k [sha256.Size]byte) (compiledModule, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[k]
	return p, ok
}

func (c *programCache) put(k [sha256.Size]byte, p compiledModule) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedPrograms {
		clear(c.m)
	}
	c.m[k] = p
}

// compileSource compiles a module's source: directly when goja can run it, through esbuild
// (cached on disk) when it needs a transform.
func (rt *Runtime) compileSource(rec *moduleRecord, src string) (*goja.Program, map[string]bool, *goja.Object) {
	ext := strings.ToLower(filepath.Ext(rec.path))
	loader := api.LoaderJS
	switch ext {
	case ".ts", ".mts", ".cts":
		loader = api.LoaderTS
	case ".tsx":
		loader = api.LoaderTSX
	case ".jsx":
		loader = api.LoaderJSX
	}
	needs := loader != api.LoaderJS || rec.esm || strings.Contains(src, `\p{`) || strings.Contains(src, `\P{`) || strings.Contains(src, `\u{`)
	if !needs {
		prg, perr := compileWrapped(rec.path, src, false, false)
		if perr == nil {
			return prg, mentionedNames(src, moduleParams), nil
		}
		// Syntax goja does not have (ESM in a .js file, async generators, ...): let esbuild try.
		code, terr := rt.xform.transform(transformRequest{path: rec.path, src: src, loader: loader, nodeMode: esmSyntax.MatchString(src)})
		if terr != nil {
			return nil, nil, rt.syntaxError(perr)
		}
		prg, err := compileWrapped(rec.path, code, true, esmSyntax.MatchString(src))
		if err != nil {
			return nil, nil, rt.syntaxError(err)
		}
		return prg, mentionedNames(code, moduleParams), nil
	}
	code, err := rt.xform.transform(transformRequest{path: rec.path, src: src, loader: loader, nodeMode: rec.esm})
	if err != nil && rec.esm && isTopLevelAwait(err) {
		if wrapped, ok := tla.Wrap(src); ok {
			code, err = rt.xform.transform(transformRequest{path: rec.path, src: wrapped, loader: loader, nodeMode: true})
		}
	}
	if err != nil {
		return nil, nil, rt.syntaxError(err)
	}
	prg, err := compileWrapped(rec.path, code, true, rec.esm)
	if err != nil {
		return nil, nil, rt.syntaxError(err)
	}
	return prg, mentionedNames(code, moduleParams), nil
}

// compileWrapped compiles src inside the module wrapper. A source that closes the wrapper early
// ("}}); evil(); (function(){") is rejected: the program must be exactly one function expression.
func compileWrapped(path, src string, sourceMaps, esm bool) (*goja.Program, error) {
	opt := parser.WithDisableSourceMaps
	if sourceMaps {
		opt = parser.WithSourceMapLoader(func(string) ([]byte, error) {
			// Only inline maps (written by pkgbox) are read; a file path in a package's
			// sourceMappingURL must never make pkgbox read files.
			return nil, errors.New("pkgbox: external source maps are not loaded")
		})
	}
	mapLine := ""
	if sourceMaps {
		if i := strings.LastIndex(src, "\n//# sourceMappingURL="); i >= 0 {
			src, mapLine = src[:i], strings.TrimRight(src[i+1:], "\n")
		}
	}
	prefix := modulePrefix
	if esm {
		// ES modules have no __filename/__dirname and may declare their own.
		prefix = esmModulePrefix
	}
	text := prefix + src + moduleSuffix
	if mapLine != "" {
		text += "\n" + mapLine
	}
	ast, err := parser.ParseFile(nil, path, text, 0, opt)
	if err != nil {
		return nil, err
	}
	if len(ast.Body) != 1 {
		return nil, &sourceError{file: path, line: 1, col: 1, msg: "Unexpected token '}'"}
	}
	return goja.CompileAST(ast, false)
}

var gojaParseError = regexp.MustCompile(`^(?:SyntaxError: )?(.*?):(\d+):(\d+):? (.*)$`)

// syntaxError converts a parse or transform failure into the SyntaxError Node would throw.
func (rt *Runtime) syntaxError(err error) *goja.Object {
	var se *sourceError
	if !errors.As(err, &se) {
		var list parser.ErrorList
		var ce *goja.CompilerSyntaxError
		if errors.As(err, &list) && len(list) > 0 {
			p := list[0].Position
			se = &sourceError{file: p.Filename, line: p.Line, col: p.Column, msg: list[0].Message}
		} else if errors.As(err, &ce) && ce.File != nil {
			p := ce.File.Position(ce.Offset)
			se = &sourceError{file: p.Filename, line: p.Line, col: p.Column, msg: ce.Message}
		} else if m := gojaParseError.FindStringSubmatch(err.Error()); m != nil {
			se = &sourceError{file: m[1], line: atoi(m[2]), col: atoi(m[3]), msg: m[4]}
		} else {
			se = &sourceError{msg: err.Error()}
		}
	}
	if se.line == 1 && se.col > len(modulePrefix) {
		se.col -= len(modulePrefix)
	}
	vm := rt.vm
	obj, _ := vm.New(vm.GlobalObject().Get("SyntaxError"), vm.ToValue(se.msg))
	header := ""
	if se.file != "" && se.line > 0 {
		header = se.file + ":" + fmt.Sprint(se.line) + "\n"
		if data, err := os.ReadFile(se.file); err == nil {
			lines := strings.Split(string(data), "\n")
			if se.line <= len(lines) {
				text := strings.TrimRight(lines[se.line-1], "\r")
				col := se.col
				if col < 1 {
					col = 1
				}
				header += text + "\n" + strings.Repeat(" ", min(col-1, len(text))) + "^\n"
			}
		}
		header += "\n"
	}
	_ = obj.DefineDataProperty("stack", vm.ToValue(header+"SyntaxError: "+se.msg), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return obj
}
