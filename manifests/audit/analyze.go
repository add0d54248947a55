package audit

import (
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
	"github.com/dop251/goja/token"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/go-sourcemap/sourcemap"

	"github.com/pkgbox/pkgbox/loader/resolve"
	"github.com/pkgbox/pkgbox/loader/tla"
	"github.com/pkgbox/pkgbox/policy"
)

// Parsing. A file is read by goja's parser, the one the runtime compiles with, so the audit
// looks at the code pkgbox would run; its AST keeps an offset on every node (file:line of each
// finding), which tdewolff/parse's AST, the other Go parser fit for the job, does not. goja's
// parser does not read ES modules, TypeScript or the newest syntax: such files are first
// converted by esbuild to CommonJS (imports become require calls, `import {x} from 'fs'` becomes
// `import_fs.x`), as the loader does, and positions are mapped back through esbuild's source map.

// unsupported is what esbuild lowers so that goja's parser reads the output (the loader's list;
// dynamic import() becomes a require the analyser sees).
var unsupported = map[string]bool{
	"async-generator": false, "for-await": false, "dynamic-import": false, "top-level-await": false,
	"regexp-unicode-property-escapes": false, "regexp-match-indices": false,
	"regexp-set-notation": false, "hashbang": false, "unicode-escapes": false,
}

// fileInput is one source file to analyse.
type fileInput struct {
	rel     string // path shown in findings: relative to the project root
	abs     string // absolute real path
	dirRel  string // the file's folder relative to the project root (for __dirname)
	src     string
	pkgName string
	// declares reports whether the package declares a dependency (nil: none); a require of
	// a declared one needs no position.
	declares func(string) bool
}

// fileResult is what one file asks for.
type fileResult struct {
	file     string // as shown in findings
	findings []Finding
	requires []reqSite // requires of packages with a literal specifier
	// locals are the literal specifiers of the file's requires of files: "./x", "../y",
	// "/abs" or dirToken + a path from the project root.
	locals []string
	// dynLocal is set when the file may load files of its package that no literal names: a
	// computed specifier built from a relative path or __dirname, or require passed on.
	dynLocal bool
	// dynBare is set when the file may load packages no literal names: a computed specifier
	// that is not a path, or require passed on.
	dynBare bool
	// specs are other specifiers the file loads or names: requires of "#name" (package.json
	// "imports"), require.resolve of a package.
	specs []string
	// targets are the files its requires of packages load (absolute real paths), resolved as
	// the loader resolves them (reach.go).
	targets []string
	err     *FileError
}

type reqSite struct {
	name      string
	sub       string // the subpath after the package name ("lib/x" of "pkg/lib/x"), or ""
	line, col int
}

// parse returns the program for src, converting it with esbuild first when goja's parser
// cannot read it as it is; srcMap is then esbuild's source map, which the caller parses only
// when it needs a position (most files have no finding).
func parse(in *fileInput) (prog *ast.Program, srcMap []byte, err error) {
	ext := path.Ext(in.rel)
	// A .js file that starts a line with import or export is an ES module: goja's parser would
	// fail on it, often late in the file, so it goes to esbuild at once. (Other .js files of a
	// "type": "module" package, scripts and UMD bundles, still go to goja: through esbuild the
	// positions in a minified file would be coarser.)
	if ext == ".js" && !looksESM(in.src) || ext == ".cjs" || ext == "" {
		if prog, err := parser.ParseFile(nil, in.rel, in.src, 0, parser.WithDisableSourceMaps); err == nil {
			return prog, nil, nil
		}
	}
	loader := api.LoaderJS
	switch ext {
	case ".ts", ".mts", ".cts":
		loader = api.LoaderTS
	case ".tsx":
		loader = api.LoaderTSX
	case ".jsx":
		loader = api.LoaderJSX
	}
	code, srcMap, ferr := convert(in, loader)
	if ferr != nil && strings.Contains(ferr.Message, "Top-level await") {
		// The loader runs a module with top-level await that exports nothing inside an
		// async function (loader/tla); so does the audit. Lines stay where they were.
		if wrapped, ok := tla.Wrap(in.src); ok {
			w := *in
			w.src = wrapped
			code, srcMap, ferr = convert(&w, loader)
		}
	}
	if ferr != nil {
		return nil, nil, ferr
	}
	prog, err = parser.ParseFile(nil, in.rel, code, 0, parser.WithDisableSourceMaps)
	if err != nil {
		return nil, nil, &FileError{File: in.rel, Message: "after conversion by esbuild: " + err.Error()}
	}
	return prog, srcMap, nil
}

// looksESM reports whether a line of src starts with an import or export statement.
func looksESM(src string) bool {
	for _, kw := range []string{"import", "export"} {
		for i := 0; ; {
			j := strings.Index(src[i:], kw)
			if j < 0 {
				break
			}
			j += i
			if (j == 0 || src[j-1] == '\n') && j+len(kw) < len(src) && strings.IndexByte(" {*\"'", src[j+len(kw)]) >= 0 {
				return true
			}
			i = j + len(kw)
		}
	}
	return false
}

// convert has esbuild turn a file into CommonJS that goja's parser reads, with a source map
// back to the file; conversions are cached on disk by content (cache.go).
func convert(in *fileInput, loader api.Loader) (code string, srcMap []byte, ferr *FileError) {
	key := cacheKey(loader, in.src)
	if code, srcMap, ok := cacheGet(key); ok {
		return code, srcMap, nil
	}
	res := api.Transform(in.src, api.TransformOptions{
		Loader:         loader,
		Format:         api.FormatCommonJS,
		Platform:       api.PlatformNode,
		Target:         api.ESNext,
		Supported:      unsupported,
		Sourcefile:     in.rel,
		Sourcemap:      api.SourceMapExternal,
		SourcesContent: api.SourcesContentExclude,
		LogLevel:       api.LogLevelSilent,
		TsconfigRaw:    `{"compilerOptions":{"experimentalDecorators":true}}`,
	})
	if len(res.Errors) > 0 {
		e := res.Errors[0]
		if e.Location != nil {
			return "", nil, &FileError{File: in.rel, Line: e.Location.Line, Message: e.Text}
		}
		return "", nil, &FileError{File: in.rel, Message: e.Text}
	}
	cachePut(key, res.Code, res.Map)
	return string(res.Code), res.Map, nil
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return e.File + ": " + e.Message
}

// analyzeFile parses one file and finds what it asks for.
func analyzeFile(in *fileInput) fileResult {
	prog, srcMap, err := parse(in)
	if err != nil {
		fe, ok := err.(*FileError)
		if !ok {
			fe = &FileError{File: in.rel, Message: err.Error()}
			if el, ok := err.(parser.ErrorList); ok && len(el) > 0 {
				fe.Line, fe.Message = el[0].Position.Line, el[0].Message
			}
		}
		return fileResult{err: fe}
	}
	a := &analyzer{in: in, file: prog.File, binds: map[string][]string{}, consts: map[string]string{},
		declared: map[string]bool{}, constCount: map[string]int{}, srcMap: srcMap, memberNames: map[string]bool{}}
	a.collect(prog)
	a.visitNode(prog)
	return fileResult{findings: a.findings, requires: a.requires, locals: a.locals, dynLocal: a.dynLocal, dynBare: a.dynBare,
		specs: a.specs}
}

// analyzer walks one program. It is flow- and scope-insensitive on purpose: a name bound to
// require('fs') anywhere in the file is taken to be fs everywhere, which over-reports rather
// than misses.
type analyzer struct {
	in   *fileInput
	file *file.File
	// binds maps a name to the dotted paths it may hold ("fs", "fs.readFileSync",
	// "process.env", "@require").
	binds      map[string][]string
	consts     map[string]string // names bound once to a constant string
	constCount map[string]int
	declared   map[string]bool // names declared anywhere in the file (shadowing globals)
	mapped     bool            // positions go through esbuild's source map
	srcMap     []byte          // esbuild's source map, until a position needs it
	// memberNames are the last names of the member chains bound (memberKey), so that the
	// chains of every other member expression need not be spelled out.
	memberNames map[string]bool
	findings    []Finding
	requires    []reqSite
	locals      []string
	dynLocal    bool
	dynBare     bool
	specs       []string
}

// ---- pass 1: bindings

func (a *analyzer) collect(prog *ast.Program) {
	// The nodes of interest are gathered once, then bindings repeat over them so chains (a = require('fs'); b = a.promises;
	// c = b.readFile) settle.
	var nodes []ast.Node
	walk(prog, func(n ast.Node) {
		switch n.(type) {
		case *ast.Binding, *ast.AssignExpression, *ast.FunctionLiteral, *ast.ClassLiteral:
			nodes = append(nodes, n)
		}
	})
	for range 3 {
		before := a.bindCount()
		for _, n := range nodes {
			switch n := n.(type) {
			case *ast.Binding:
				if n.Initializer != nil {
					a.bindTarget(n.Target, a.symOf(n.Initializer))
					if id, ok := n.Target.(*ast.Identifier); ok {
						a.bindConst(string(id.Name), n.Initializer)
					}
				} else {
					a.bindTarget(n.Target, nil)
				}
			case *ast.AssignExpression:
				if id, ok := n.Left.(*ast.Identifier); ok && n.Operator == token.ASSIGN {
					a.declared[string(id.Name)] = true
					a.addBind(string(id.Name), a.symOf(n.Right))
					a.constCount[string(id.Name)] += 2 // reassigned: not a constant
				} else if d, ok := n.Left.(*ast.DotExpression); ok && n.Operator == token.ASSIGN {
					// Only modules and the objects they return: require, eval and the global
					// object stored on a property are too often a bundler's runtime.
					for _, sym := range a.symOf(n.Right) {
						if key := memberKey(d); sym[0] != '@' && key != "" {
							a.memberNames[string(d.Identifier.Name)] = true
							a.addBind(key, []string{sym})
						}
					}
				}
			case *ast.FunctionLiteral:
				if n.Name != nil {
					a.declared[string(n.Name.Name)] = true
				}
			case *ast.ClassLiteral:
				if n.Name != nil {
					a.declared[string(n.Name.Name)] = true
				}
			}
		}
		if a.bindCount() == before {
			break
		}
	}
}

func (a *analyzer) bindCount() int {
	n := 0
	for _, v := range a.binds {
		n += len(v)
	}
	return n + len(a.consts)
}

func (a *analyzer) addBind(name string, syms []string) {
	for _, s := range syms {
		if strings.HasPrefix(s, "process.env.") {
			continue // a variable's value, read where the binding is made
		}
		if !contains(a.binds[name], s) {
			a.binds[name] = append(a.binds[name], s)
		}
	}
}

func (a *analyzer) bindConst(name string, init ast.Expression) {
	if _, seen := a.consts[name]; seen {
		return
	}
	a.constCount[name]++
	if v, ok := a.fold(init); ok && a.constCount[name] == 1 {
		a.consts[name] = v
	}
}

// bindTarget binds the names of a declaration target to what its initializer holds.
func (a *analyzer) bindTarget(t ast.Expression, syms []string) {
	switch t := t.(type) {
	case *ast.Identifier:
		a.declared[string(t.Name)] = true
		a.addBind(string(t.Name), syms)
	case *ast.ObjectPattern:
		for _, p := range t.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				a.declared[string(p.Name.Name)] = true
				a.addBind(string(p.Name.Name), a.members(syms, string(p.Name.Name)))
			case *ast.PropertyKeyed:
				key, ok := a.propKey(p)
				var sub []string
				if ok {
					sub = a.members(syms, key)
				}
				a.bindTarget(p.Value, sub)
			}
		}
		if t.Rest != nil {
			a.bindTarget(t.Rest, nil)
		}
	case *ast.ArrayPattern:
		for _, e := range t.Elements {
			a.bindTarget(e, nil)
		}
		if t.Rest != nil {
			a.bindTarget(t.Rest, nil)
		}
	case *ast.AssignExpression: // a default value: {x = 1}
		a.bindTarget(t.Left, syms)
	case *ast.Binding:
		a.bindTarget(t.Target, syms)
	}
}

// members is the paths reached by reading member name of each path in syms. process.env's
// members are not followed: reading one is the use.
func (a *analyzer) members(syms []string, name string) []string {
	var out []string
	for _, s := range syms {
		if s == "process.env" {
			continue
		}
		if m := member(s, name); m != "" {
			out = append(out, m)
		}
	}
	return out
}

func memberAll(syms []string, name string) []string {
	var out []string
	for _, s := range syms {
		if m := member(s, name); m != "" && !contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// member is path s's member name, when the analyser follows it.
func member(s, name string) string {
	switch {
	case s == "@global":
		switch name {
		case "process", "global", "globalThis":
			if name == "process" {
				return "process"
			}
			return "@global"
		case "eval":
			return "@eval"
		case "Function":
			return "@Function"
		}
		if table.globals[name] {
			return name
		}
		return ""
	case s == "@require" || s == "@eval" || s == "@Function" || strings.HasPrefix(s, "process.env."):
		return ""
	case s == "process.env":
		return s + "." + name
	case name == "default" && (table.modules[s] || s == "path" || s == "vm"):
		return s // the default import of a builtin is the module itself
	}
	p := s + "." + name
	if known(p) {
		return p
	}
	return ""
}

// Results of globalSym, shared: callers only append to them, which copies (len == cap).
var (
	symRequire  = []string{"@require"}
	symProcess  = []string{"process"}
	symGlobal   = []string{"@global"}
	symEval     = []string{"@eval"}
	symFunction = []string{"@Function"}
)

// globalSym is what a free identifier means.
func (a *analyzer) globalSym(name string) []string {
	var out []string
	switch name {
	case "require":
		return symRequire
	case "process":
		return symProcess
	case "global", "globalThis", "window", "self":
		out = symGlobal
	case "eval":
		out = symEval
	case "Function":
		out = symFunction
	case "setTimeout", "setInterval":
		out = []string{name}
	default:
		if !table.globals[name] {
			return nil
		}
		out = []string{name}
	}
	if a.declared[name] {
		return nil
	}
	return out
}

// interopHelpers wrap a require() in compiled code (esbuild, TypeScript, Babel) without
// changing which module it is.
var interopHelpers = map[string]bool{"__toESM": true, "__toCommonJS": true, "__importDefault": true,
	"__importStar": true, "_interopRequireDefault": true, "_interopRequireWildcard": true, "__require": true}

// symOf is the set of dotted paths an expression may evaluate to.
func (a *analyzer) symOf(e ast.Expression) []string {
	switch e := e.(type) {
	case *ast.Identifier:
		name := string(e.Name)
		if s, ok := a.binds[name]; ok {
			if name == "require" || name == "process" {
				return append(slicesClone(s), a.globalSym(name)...)
			}
			return s
		}
		return a.globalSym(name)
	case *ast.DotExpression:
		if out := memberAll(a.symOf(e.Left), string(e.Identifier.Name)); len(out) > 0 {
			return out
		}
		if a.memberNames[string(e.Identifier.Name)] {
			return a.binds[memberKey(e)]
		}
		return nil
	case *ast.BracketExpression:
		if k, ok := a.fold(e.Member); ok {
			return memberAll(a.symOf(e.Left), k)
		}
	case *ast.CallExpression:
		callee := unwrapSeq(e.Callee)
		if id, ok := callee.(*ast.Identifier); ok && interopHelpers[string(id.Name)] && len(e.ArgumentList) > 0 {
			return a.symOf(e.ArgumentList[0])
		}
		var out []string
		for _, s := range a.symOf(callee) {
			if s == "@require" {
				if len(e.ArgumentList) > 0 {
					if spec, ok := a.fold(e.ArgumentList[0]); ok {
						if m := moduleSym(spec); m != "" {
							out = append(out, m)
						}
					}
				}
				continue
			}
			switch r := returns[s]; r {
			case "":
			case "@same":
				if len(e.ArgumentList) > 0 {
					out = append(out, a.symOf(e.ArgumentList[0])...)
				}
			default:
				out = append(out, r)
			}
		}
		return out
	case *ast.NewExpression:
		var out []string
		for _, s := range a.symOf(e.Callee) {
			if r := returns[s]; r != "" && r[0] != '@' {
				out = append(out, r)
			}
		}
		return out
	case *ast.AssignExpression:
		if e.Operator == token.ASSIGN {
			return a.symOf(e.Right)
		}
	case *ast.SequenceExpression:
		if len(e.Sequence) > 0 {
			return a.symOf(e.Sequence[len(e.Sequence)-1])
		}
	case *ast.ConditionalExpression:
		return append(a.symOf(e.Consequent), a.symOf(e.Alternate)...)
	case *ast.BinaryExpression:
		if e.Operator == token.LOGICAL_OR || e.Operator == token.LOGICAL_AND || e.Operator == token.COALESCE {
			return append(a.symOf(e.Left), a.symOf(e.Right)...)
		}
	case *ast.OptionalChain:
		return a.symOf(e.Expression)
	case *ast.Optional:
		return a.symOf(e.Expression)
	case *ast.AwaitExpression:
		return a.symOf(e.Argument)
	}
	return nil
}

// memberKey names a property by the member chain that reaches it, "this._server" or
// "self.conn.socket", so that what `this._server = http.createServer()` stores is found where
// `this._server.listen()` uses it. Like names, such keys are flow-insensitive: every
// assignment to the chain in the file counts. The leading "." keeps them apart from names.
func memberKey(e ast.Expression) string {
	var parts []string
	for {
		switch x := e.(type) {
		case *ast.DotExpression:
			parts = append(parts, string(x.Identifier.Name))
			e = x.Left
			continue
		case *ast.ThisExpression:
			parts = append(parts, "this")
		case *ast.Identifier:
			parts = append(parts, string(x.Name))
		default:
			return ""
		}
		break
	}
	if len(parts) < 2 {
		return ""
	}
	slices.Reverse(parts)
	return "." + strings.Join(parts, ".")
}

// moduleSym is the path a require of spec gives, when the analyser follows that module.
func moduleSym(spec string) string {
	if !isBuiltin(spec) {
		return ""
	}
	ns := namespaceOf(spec)
	switch {
	case ns == "process":
		return "process"
	case table.modules[ns] || table.prefixes[ns]:
		return ns
	case ns == "path" || ns == "path.posix" || ns == "vm" || ns == "module" || ns == "util":
		return ns
	}
	return ""
}

func isBuiltin(spec string) bool {
	if s, ok := strings.CutPrefix(spec, "node:"); ok {
		return resolve.Node20Builtin(s) || s == "sqlite"
	}
	return resolve.Node20Builtin(spec) && spec != "test" && spec != "sea" && spec != "test/reporters"
}

func unwrapSeq(e ast.Expression) ast.Expression {
	for {
		switch s := e.(type) {
		case *ast.SequenceExpression:
			if len(s.Sequence) == 0 {
				return e
			}
			e = s.Sequence[len(s.Sequence)-1]
		case *ast.OptionalChain:
			e = s.Expression
		case *ast.Optional:
			e = s.Expression
		default:
			return e
		}
	}
}

// fold evaluates a constant string expression: literals, templates without substitutions,
// concatenation, constants, __dirname/__filename and path.join/resolve of those.
func (a *analyzer) fold(e ast.Expression) (string, bool) {
	switch e := e.(type) {
	case *ast.StringLiteral:
		return string(e.Value), true
	case *ast.NumberLiteral:
		return numberText(e), true
	case *ast.TemplateLiteral:
		if e.Tag != nil {
			return "", false
		}
		var b strings.Builder
		for i, el := range e.Elements {
			b.WriteString(string(el.Parsed))
			if i < len(e.Expressions) {
				v, ok := a.fold(e.Expressions[i])
				if !ok {
					return "", false
				}
				b.WriteString(v)
			}
		}
		return b.String(), true
	case *ast.BinaryExpression:
		if e.Operator != token.PLUS {
			return "", false
		}
		l, ok := a.fold(e.Left)
		if !ok {
			return "", false
		}
		r, ok := a.fold(e.Right)
		return l + r, ok
	case *ast.Identifier:
		switch string(e.Name) {
		case "__dirname":
			if !a.declared["__dirname"] {
				return dirToken + a.in.dirRel, true
			}
		case "__filename":
			if !a.declared["__filename"] {
				return dirToken + a.in.rel, true
			}
		}
		v, ok := a.consts[string(e.Name)]
		return v, ok
	case *ast.CallExpression:
		var join, res bool
		for _, s := range a.symOf(e.Callee) {
			join = join || s == "path.join" || s == "path.posix.join"
			res = res || s == "path.resolve" || s == "path.posix.resolve"
		}
		if !join && !res || len(e.ArgumentList) == 0 {
			return "", false
		}
		var parts []string
		for _, arg := range e.ArgumentList {
			v, ok := a.fold(arg)
			if !ok {
				return "", false
			}
			if res && (strings.HasPrefix(v, "/") || strings.HasPrefix(v, dirToken)) {
				parts = parts[:0]
			}
			parts = append(parts, v)
		}
		joined := path.Join(parts...)
		if res && !strings.HasPrefix(joined, "/") && !strings.HasPrefix(joined, dirToken) {
			return "", false // relative to the working folder, unknown here
		}
		return joined, true
	}
	return "", false
}

// numberText is a number as JavaScript's String() writes it, not as the source spells it:
// esbuild prints 9000 as 9e3 and code may write 0x1f90, but a port is "9000".
func numberText(e *ast.NumberLiteral) string {
	switch v := e.Value.(type) {
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e21 {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return e.Literal
}

// isLocalSpec reports whether a folded specifier names a file (relative, absolute, or from
// __dirname) rather than a package.
func isLocalSpec(spec string) bool {
	return strings.HasPrefix(spec, dirToken) || strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/")
}

// dirToken starts a folded path that is relative to the project root (from __dirname).
const dirToken = "\x00root/"

// ---- pass 2: uses

// mode says how the value of an expression is used.
type mode int

const (
	modeValue  mode = iota // passed on, stored, returned: the object escapes
	modeAlias              // bound to a name that pass 1 follows
	modeCallee             // called
	modeNew                // constructed
	modeTarget             // assigned to or deleted
	modeTest               // typeof or a truth test: not a use
	modeMember             // a member the analyser does not follow is read from it
)

func (a *analyzer) visitNode(n ast.Node) {
	if n == nil || isNil(n) {
		return
	}
	switch n := n.(type) {
	case *ast.CallExpression:
		a.call(n, n.Callee, n.ArgumentList, modeCallee, modeValue)
		return
	case *ast.NewExpression:
		a.call(n, n.Callee, n.ArgumentList, modeNew, modeValue)
		return
	case *ast.Identifier, *ast.DotExpression, *ast.BracketExpression:
		a.ref(n.(ast.Expression), modeValue, nil)
		return
	case *ast.Binding:
		a.visitTarget(n.Target)
		if n.Initializer != nil {
			a.visitExpr(n.Initializer, modeAlias)
			a.destructure(n.Target, n.Initializer)
		}
		return
	case *ast.AssignExpression:
		if n.Operator == token.ASSIGN {
			if _, ok := n.Left.(*ast.Identifier); ok {
				a.visitExpr(n.Right, modeAlias)
				return
			}
			if p, ok := n.Left.(ast.Pattern); ok {
				a.visitTarget(p)
				a.visitExpr(n.Right, modeAlias)
				a.destructure(p, n.Right)
				return
			}
		}
		a.visitExpr(n.Left, modeTarget)
		a.visitNode(n.Right)
		return
	case *ast.UnaryExpression:
		switch n.Operator {
		case token.TYPEOF, token.NOT:
			a.visitExpr(n.Operand, modeTest)
			return
		case token.DELETE:
			a.visitExpr(n.Operand, modeTarget)
			return
		}
	case *ast.BinaryExpression:
		if n.Operator == token.IN {
			if k, ok := a.fold(n.Left); ok && contains(a.symOf(n.Right), "process.env") {
				a.envUse(n, k, false, "")
				return
			}
		}
		if n.Operator == token.EQUAL || n.Operator == token.STRICT_EQUAL || n.Operator == token.NOT_EQUAL || n.Operator == token.STRICT_NOT_EQUAL {
			a.visitExpr(n.Left, modeTest)
			a.visitExpr(n.Right, modeTest)
			return
		}
	case *ast.ExpressionStatement:
		a.visitExpr(n.Expression, modeTest)
		return
	// A condition only tests its value: `if (process.env && process.env.X)` reads X, it does
	// not hand process.env on.
	case *ast.IfStatement:
		a.visitExpr(n.Test, modeTest)
		a.visitNode(n.Consequent)
		a.visitNode(n.Alternate)
		return
	case *ast.WhileStatement:
		a.visitExpr(n.Test, modeTest)
		a.visitNode(n.Body)
		return
	case *ast.DoWhileStatement:
		a.visitNode(n.Body)
		a.visitExpr(n.Test, modeTest)
		return
	case *ast.ConditionalExpression:
		a.visitExpr(n.Test, modeTest)
		a.visitNode(n.Consequent)
		a.visitNode(n.Alternate)
		return
	case *ast.MethodDefinition:
		if n.Computed {
			a.visitNode(n.Key)
		}
		a.visitNode(n.Body)
		return
	case *ast.FieldDefinition:
		if n.Computed {
			a.visitNode(n.Key)
		}
		if n.Initializer != nil {
			a.visitNode(n.Initializer)
		}
		return
	case *ast.FunctionLiteral, *ast.ClassLiteral, *ast.FunctionDeclaration, *ast.ClassDeclaration:
		// names are declarations, not uses
		children(n, func(c ast.Node) {
			if _, isName := c.(*ast.Identifier); !isName {
				a.visitNode(c)
			}
		})
		return
	case *ast.StringLiteral:
		a.netLiteral(n.Idx, string(n.Value))
		return
	case *ast.TemplateLiteral:
		if len(n.Elements) > 0 && (n.Tag == nil) {
			a.netLiteral(n.Elements[0].Idx, string(n.Elements[0].Parsed))
		}
	case *ast.PropertyKeyed:
		// Object literal keys are names, not strings the code uses.
		if !n.Computed {
			a.visitNode(n.Value)
			return
		}
	}
	children(n, a.visitNode)
}

func (a *analyzer) visitExpr(e ast.Expression, m mode) {
	switch x := e.(type) {
	case *ast.Identifier, *ast.DotExpression, *ast.BracketExpression:
		a.ref(e, m, nil)
	case *ast.CallExpression:
		a.call(x, x.Callee, x.ArgumentList, modeCallee, m)
	case *ast.NewExpression:
		a.call(x, x.Callee, x.ArgumentList, modeNew, m)
	case *ast.SequenceExpression:
		for i, s := range x.Sequence {
			if i == len(x.Sequence)-1 {
				a.visitExpr(s, m)
			} else {
				a.visitNode(s)
			}
		}
	case *ast.ConditionalExpression:
		a.visitExpr(x.Test, modeTest)
		a.visitExpr(x.Consequent, m)
		a.visitExpr(x.Alternate, m)
	case *ast.BinaryExpression:
		if x.Operator == token.LOGICAL_AND {
			// `a && b` is a only when a is falsy, which no module object or API is.
			a.visitExpr(x.Left, modeTest)
			a.visitExpr(x.Right, m)
			return
		}
		if x.Operator == token.LOGICAL_OR || x.Operator == token.COALESCE {
			a.visitExpr(x.Left, m)
			a.visitExpr(x.Right, m)
			return
		}
		a.visitNode(e)
	case *ast.OptionalChain:
		a.visitExpr(x.Expression, m)
	case *ast.Optional:
		a.visitExpr(x.Expression, m)
	case *ast.AwaitExpression:
		a.visitExpr(x.Argument, m)
	default:
		a.visitNode(e)
	}
}

// visitTarget visits what a declaration target evaluates: default values and computed keys.
func (a *analyzer) visitTarget(t ast.Expression) {
	switch t := t.(type) {
	case *ast.ObjectPattern:
		for _, p := range t.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				if p.Initializer != nil {
					a.visitNode(p.Initializer)
				}
			case *ast.PropertyKeyed:
				if p.Computed {
					a.visitNode(p.Key)
				}
				a.visitTarget(p.Value)
			}
		}
	case *ast.ArrayPattern:
		for _, e := range t.Elements {
			a.visitTarget(e)
		}
	case *ast.AssignExpression:
		a.visitTarget(t.Left)
		a.visitNode(t.Right)
	case *ast.Identifier:
	case nil:
	default:
		a.visitNode(t)
	}
}

// destructure reports the uses a destructuring makes of the value it takes apart:
// `const {HOME} = process.env` reads HOME; `const {...all} = process.env` reads every
// variable; `const {readFileSync} = fs` is followed by pass 1 and used where called.
func (a *analyzer) destructure(t ast.Expression, init ast.Expression) {
	pat, ok := t.(*ast.ObjectPattern)
	if !ok {
		return
	}
	syms := a.symOf(init)
	for _, s := range syms {
		for _, p := range pat.Properties {
			var key string
			var node ast.Node = p
			switch p := p.(type) {
			case *ast.PropertyShort:
				key = string(p.Name.Name)
			case *ast.PropertyKeyed:
				k, ok := a.propKey(p)
				if !ok {
					a.escape(p, s, "a computed key")
					continue
				}
				key = k
			}
			if s == "process.env" {
				a.envUse(node, key, false, "")
			}
		}
		if pat.Rest != nil {
			a.escape(pat.Rest, s, "the rest of a destructuring")
		}
	}
}

func (a *analyzer) propKey(p *ast.PropertyKeyed) (string, bool) {
	if !p.Computed {
		switch k := p.Key.(type) {
		case *ast.Identifier:
			return string(k.Name), true
		case *ast.StringLiteral:
			return string(k.Value), true
		case *ast.NumberLiteral:
			return k.Literal, true
		}
	}
	return a.fold(p.Key)
}

// call handles a call or construction; outer is how its result is used.
func (a *analyzer) call(n ast.Node, calleeExpr ast.Expression, args []ast.Expression, how, outer mode) {
	callee := unwrapSeq(calleeExpr)
	if id, ok := callee.(*ast.Identifier); ok && interopHelpers[string(id.Name)] && len(args) > 0 {
		a.visitExpr(args[0], outer)
		for _, x := range args[1:] {
			a.visitNode(x)
		}
		return
	}
	syms := a.symOf(callee)
	if how == modeCallee && contains(syms, "@require") {
		a.require(n, args, outer)
		return
	}
	if how == modeCallee && contains(syms, "@require.resolve") && len(args) > 0 {
		// The file it names is for something: a fork, a worker, a later require. The audit
		// follows it as it follows a require.
		if spec, ok := a.fold(args[0]); ok {
			if isLocalSpec(spec) {
				a.locals = append(a.locals, strings.Clone(spec))
			} else if !isBuiltin(spec) {
				a.specs = append(a.specs, strings.Clone(spec))
			}
		}
	}
	if how == modeCallee && a.isObjectAssign(callee) && len(args) > 0 && contains(a.symOf(args[0]), "process.env") {
		a.add(n, "env.write", "Object.assign", "", true, "assigns variables of process.env")
		for _, x := range args[1:] {
			a.visitNode(x)
		}
		return
	}
	if how == modeCallee && len(args) > 0 {
		for _, s := range syms {
			if s == "setTimeout" || s == "setInterval" {
				if _, ok := args[0].(*ast.StringLiteral); ok {
					a.add(n, KindEval, s, "", false, s+" with a string of code")
				}
			}
		}
	}
	switch callee.(type) {
	case *ast.Identifier, *ast.DotExpression, *ast.BracketExpression:
		a.ref(callee, how, args)
	default:
		a.visitExpr(callee, how)
	}
	for _, x := range args {
		a.visitNode(x)
	}
}

func (a *analyzer) isObjectAssign(e ast.Expression) bool {
	d, ok := e.(*ast.DotExpression)
	if !ok || d.Identifier.Name != "assign" {
		return false
	}
	id, ok := d.Left.(*ast.Identifier)
	return ok && id.Name == "Object" && !a.declared["Object"]
}

// ref handles an identifier or member chain used as m, with the call's arguments when called.
func (a *analyzer) ref(e ast.Expression, m mode, args []ast.Expression) {
	var left ast.Expression
	keyKnown := true
	switch x := e.(type) {
	case *ast.DotExpression:
		left = x.Left
	case *ast.BracketExpression:
		left = x.Left
		if _, ok := a.fold(x.Member); !ok {
			keyKnown = false
			a.visitNode(x.Member)
		}
	}
	syms := a.symOf(e)
	if left != nil {
		leftSyms := a.symOf(left)
		switch {
		case len(leftSyms) == 0:
			// An object the analyser does not follow: its own uses are found inside it.
			a.visitExpr(left, modeTest)
			return
		case !keyKnown:
			for _, s := range leftSyms {
				switch {
				case s == "process.env":
					a.envUse(e, "", m == modeTarget, "")
				case s == "@require" || s == "@global" || s == "process" || strings.HasPrefix(s, "process.env."):
				default:
					a.escape(e, s, "a computed member")
				}
			}
			a.visitLeft(left)
			return
		case len(syms) == 0:
			// A member the analyser does not follow (fs.readFile.call, fs.constants,
			// process.env.X.split): the object is used as itself.
			a.visitExpr(left, modeMember)
			return
		}
		a.visitLeft(left)
	}
	for _, s := range syms {
		switch {
		case strings.HasPrefix(s, "process.env."):
			a.envUse(e, strings.TrimPrefix(s, "process.env."), m == modeTarget, "")
		case s == "process.env":
			switch m {
			case modeValue:
				a.envUse(e, "", false, "process.env is passed on")
			case modeTarget:
				a.envUse(e, "", true, "process.env is replaced")
			}
		case s == "@eval":
			if m == modeCallee {
				a.add(e, KindEval, "eval", "", false, "eval of a string of code")
			} else if m == modeValue {
				a.add(e, KindEval, "eval", "", false, "eval is passed on (indirect eval)")
			}
		case s == "@Function":
			if m == modeCallee || m == modeNew {
				a.add(e, KindEval, "Function", "", false, "new Function compiles a string of code")
			}
		case s == "vm" || strings.HasPrefix(s, "vm."):
			// reported where vm is required
		case s == "@require":
			if m == modeValue {
				a.add(e, KindDynamic, "require", "", true, "require is passed on; what it loads is not known")
				a.dynLocal, a.dynBare = true, true
			}
		default:
			if _, ok := policy.Lookup(s); ok {
				if m != modeTest && m != modeAlias {
					a.apiUse(e, s, args, m)
				}
			} else if m == modeValue {
				a.escape(e, s, "")
			}
		}
	}
}

// visitLeft visits the sub-expressions of a followed member chain's object (call arguments
// inside it: require('fs') or createRequire(...)) without reporting the object itself.
func (a *analyzer) visitLeft(e ast.Expression) {
	switch x := unwrapSeq(e).(type) {
	case *ast.DotExpression:
		a.visitLeft(x.Left)
	case *ast.BracketExpression:
		a.visitLeft(x.Left)
		a.visitNode(x.Member)
	case *ast.CallExpression:
		a.call(x, x.Callee, x.ArgumentList, modeCallee, modeAlias)
	case *ast.NewExpression:
		a.call(x, x.Callee, x.ArgumentList, modeNew, modeAlias)
	}
}

// escape reports an object of a capability module that leaves the analyser's sight: every
// capability of its APIs may be used.
func (a *analyzer) escape(n ast.Node, s, how string) {
	if s == "process" || s == "process.env" || s == "@global" || s == "@require" {
		if s == "process.env" {
			a.envUse(n, "", false, "process.env is used as a whole")
		}
		return
	}
	if s == "vm" || strings.HasPrefix(s, "vm.") {
		return
	}
	caps := table.capsUnder[s]
	if len(caps) == 0 {
		if api, ok := policy.Lookup(s); ok {
			a.apiUse(n, api.Name, nil, modeValue)
		}
		return
	}
	if how == "" {
		how = "the module object is passed on"
	}
	for _, c := range caps {
		a.add(n, c, s, "", true, fmt.Sprintf("%s: %s, so any of its APIs may be called", s, how))
	}
}

// require handles require(spec).
func (a *analyzer) require(n ast.Node, args []ast.Expression, outer mode) {
	if len(args) == 0 {
		return
	}
	spec, ok := a.fold(args[0])
	if !ok {
		a.add(n, KindDynamic, "require", "", true, "require with a computed specifier")
		if a.mentionsLocal(args[0]) {
			a.dynLocal = true
		} else {
			a.dynBare = true
		}
		a.visitNode(args[0])
		return
	}
	if isLocalSpec(spec) {
		a.locals = append(a.locals, strings.Clone(spec))
		if strings.HasSuffix(spec, ".node") {
			a.add(n, "native.load", "require", a.pathResource(spec), false, "loads a native addon")
		}
		return
	}
	if isBuiltin(spec) {
		ns := namespaceOf(spec)
		if ns == "vm" {
			a.add(n, KindEval, "vm", "", false, "requires vm, which compiles strings of code")
			return
		}
		if outer == modeValue {
			if s := moduleSym(spec); s != "" {
				a.escape(n, s, "")
			}
		}
		return
	}
	name := inventoryName(spec)
	if name == "" {
		if strings.HasPrefix(spec, "#") {
			a.specs = append(a.specs, strings.Clone(spec))
		}
		return
	}
	site := reqSite{name: strings.Clone(name), sub: strings.Clone(strings.TrimPrefix(strings.TrimPrefix(spec, name), "/"))}
	// Only the require of an undeclared package becomes a finding with a position.
	if name != a.in.pkgName && (a.in.declares == nil || !a.in.declares(name)) {
		pos := a.position(n.Idx0())
		site.line, site.col = pos.Line, pos.Column
	}
	a.requires = append(a.requires, site)
	if nativeLoader[name] {
		a.add(n, "native.load", "require", "", true, "loads a native addon through "+name)
	}
}

// mentionsLocal reports whether a computed specifier may name a file of the package: it holds
// a string starting with "." or "/", __dirname or __filename, or a path.join/resolve call.
func (a *analyzer) mentionsLocal(e ast.Expression) bool {
	found := false
	walk(e, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.StringLiteral:
			v := string(n.Value)
			found = found || strings.HasPrefix(v, ".") || strings.HasPrefix(v, "/")
		case *ast.TemplateElement:
			v := string(n.Parsed)
			found = found || strings.HasPrefix(v, ".") || strings.HasPrefix(v, "/")
		case *ast.Identifier:
			found = found || n.Name == "__dirname" || n.Name == "__filename"
		case *ast.CallExpression:
			for _, s := range a.symOf(n.Callee) {
				found = found || strings.HasPrefix(s, "path.")
			}
		}
	})
	return found
}

// position is where idx is in the original source. Through esbuild's source map goja gives
// the mapping's column, which source maps count from 0; findings count columns from 1.
func (a *analyzer) position(idx file.Idx) file.Position {
	if a.srcMap != nil {
		if sm, err := sourcemap.Parse(a.in.rel, a.srcMap); err == nil {
			a.file.SetSourceMap(sm)
			a.mapped = true
		}
		a.srcMap = nil
	}
	pos := a.file.Position(int(idx) - 1)
	if a.mapped {
		pos.Column++
	}
	return pos
}

// nativeLoader are packages whose job is to load a compiled addon.
var nativeLoader = map[string]bool{"bindings": true, "node-gyp-build": true,
	"node-gyp-build-optional-packages": true, "@mapbox/node-pre-gyp": true, "node-pre-gyp": true}

// add records a finding at node n.
func (a *analyzer) add(n ast.Node, kind, api, resource string, computed bool, msg string) {
	pos := a.position(n.Idx0())
	// Strings cut from the source would keep the whole file in memory for the report's life.
	a.findings = append(a.findings, Finding{Kind: kind, API: strings.Clone(api), Resource: strings.Clone(resource), Computed: computed,
		File: a.in.rel, Line: pos.Line, Column: pos.Column, Message: strings.Clone(msg)})
}

// envUse records a read or write of an environment variable (name "" when computed).
func (a *analyzer) envUse(n ast.Node, name string, write bool, msg string) {
	kind := "env.read"
	if write {
		kind = "env.write"
	}
	if msg == "" {
		if name == "" {
			msg = "process.env with a computed name"
			if write {
				msg = "writes process.env with a computed name"
			}
		} else if write {
			msg = "sets process.env." + name
		} else {
			msg = "reads process.env." + name
		}
	}
	a.add(n, kind, "process.env", name, name == "", msg)
}

func (a *analyzer) netLiteral(idx file.Idx, s string) {
	host, ok := urlHost(s)
	if !ok {
		return
	}
	pos := a.position(idx)
	msg := s
	if len(msg) > 80 {
		msg = msg[:77] + "..."
	}
	a.findings = append(a.findings, Finding{Kind: KindNetLiteral, Resource: host, File: a.in.rel,
		Line: pos.Line, Column: pos.Column, Message: "URL in the code: " + msg})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }
