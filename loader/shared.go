package loader

import (
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

// builtinParams is the wrapper parameter list of builtin sources (see host.Builtin).
var builtinParams = []string{
	"exports", "require", "module", "__filename", "__dirname", "global", "process", "Buffer",
	"setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate",
	"queueMicrotask", "binding",
}

// App and package modules are wrapped twice: an outer function whose parameters are the
// compartment's globals (plus the hooks for import() and import.meta), returning Node's own
// wrapper function with its five parameters. Globals are therefore closure variables, which the
// module may shadow with `const process = ...` or `let URL`, exactly as with real globals; they
// could not be parameters of the same function as the module body.
var (
	nodeParams   = []string{"exports", "require", "module", "__filename", "__dirname"}
	outerParams  = append(append([]string{}, globalNames...), "__pkgbox_import", "__pkgbox_import_meta")
	moduleParams = append(append([]string{}, nodeParams...), outerParams...)

	modulePrefix    = "(function (" + strings.Join(outerParams, ", ") + ") { return function (" + strings.Join(nodeParams, ", ") + ") {"
	esmModulePrefix = "(function (" + strings.Join(outerParams, ", ") + ") { return function (" + strings.Join(nodeParams[:3], ", ") + ") {"
	builtinPrefix   = "(function (" + strings.Join(builtinParams, ", ") + ") {"
)

const (
	wrapperSuffix = "\n})"
	// moduleSuffix closes both functions on one line: goja looks for a source map comment only
	// after lines that are empty or exactly "})", so the map comment is moved after it.
	moduleSuffix = "\n}})"
)

// builtinPrograms holds compiled builtin sources; goja programs are immutable and can be shared by
// every runtime in the process.
var builtinPrograms sync.Map // name → *compiledBuiltin

type compiledBuiltin struct {
	prg       *goja.Program
	mentioned map[string]bool
	err       error
}

// shared holds what one runtime prepares once for all its compartments.
type shared struct {
	rt         *Runtime
	trampoline goja.Callable
	// runMacrotask is the native function the trampoline calls: it runs rt.macrotask.
	runMacrotask goja.Value
	intrinsics   []string     // own property names of the frozen global object
	intrinsicVal []goja.Value // their values (the global object is frozen: they never change)
	builtinFns   map[string]goja.Callable

	// globalGet and globalSet are the accessor pair of each Node global (by index in
	// globalNames), made once per runtime and shared by every compartment's global object. They
	// find their compartment from the receiver through owners, so they are frozen and do nothing
	// for a receiver that is not (and does not inherit from) a global object of this run.
	globalGet, globalSet []*goja.Object
	owners               map[*goja.Object]*Compartment // compartment global → its compartment
}

var trampolineProgram = goja.MustCompile("node:internal/loop", `(function (f) { return f(); })`, true)

func newShared(rt *Runtime) (*shared, error) {
	sh := &shared{rt: rt, builtinFns: map[string]goja.Callable{}}
	v, err := rt.vm.RunProgram(trampolineProgram)
	if err != nil {
		return nil, err
	}
	sh.trampoline, _ = goja.AssertFunction(v)
	sh.runMacrotask = rt.nativeFunc("processTicksAndRejections", 0, func(goja.FunctionCall) goja.Value {
		fn := rt.macrotask
		rt.macrotask = nil
		fn()
		return goja.Undefined()
	})
	names, err := rt.vm.RunString("Object.getOwnPropertyNames(globalThis)")
	if err != nil {
		return nil, err
	}
	real := rt.vm.GlobalObject()
	for _, n := range names.Export().([]any) {
		s := n.(string)
		if s == "globalThis" {
			continue
		}
		sh.intrinsics = append(sh.intrinsics, s)
		sh.intrinsicVal = append(sh.intrinsicVal, real.Get(s))
	}
	return sh, nil
}

// newGlobal builds a compartment's global object: own copies of the intrinsic bindings (so that
// `global.Promise = X` only changes this compartment) and lazy accessors for the Node globals.
func (sh *shared) newGlobal(c *Compartment) *goja.Object {
	if sh.globalGet == nil {
		sh.makeGlobalAccessors()
	}
	g := sh.rt.vm.NewObject()
	for i, name := range sh.intrinsics {
		_ = g.DefineDataProperty(name, sh.intrinsicVal[i], goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	for i, name := range globalNames {
		_ = g.DefineAccessorProperty(name, sh.globalGet[i], sh.globalSet[i], goja.FLAG_TRUE, globalEnumerable[i])
	}
	if sh.owners == nil {
		sh.owners = map[*goja.Object]*Compartment{}
	}
	sh.owners[g] = c
	return g
}

// forgetGlobals drops the compartments of a finished run or call: the accessors of their globals
// then return undefined, even if some object of theirs survived.
func (sh *shared) forgetGlobals() { sh.owners = nil }

// globalEnumerable is enumerableGlobals by index in globalNames.
var globalEnumerable = func() []goja.Flag {
	out := make([]goja.Flag, len(globalNames))
	for i, name := range globalNames {
		out[i] = goja.FLAG_FALSE
		if enumerableGlobals[name] {
			out[i] = goja.FLAG_TRUE
		}
	}
	return out
}()

// maxGlobalLookup bounds the prototype walk from a receiver to a compartment global.
const maxGlobalLookup = 16

// ownerOf finds the compartment whose global object is this or one of its first prototypes: a
// getter reached through `Object.create(globalThis)` works as in Node. Anything else, the frozen
// shared global included, has no owner.
func (sh *shared) ownerOf(this goja.Value) *Compartment {
	o, _ := this.(*goja.Object)
	for i := 0; o != nil && i < maxGlobalLookup; i++ {
		if c := sh.owners[o]; c != nil {
			return c
		}
		o = o.Prototype()
	}
	return nil
}

// makeGlobalAccessors builds the shared accessor pairs of the Node globals. A getter
// materialises the compartment's value and replaces itself by a data property, as a setter does
// with the assigned value.
func (sh *shared) makeGlobalAccessors() {
	rt := sh.rt
	freeze, _ := goja.AssertFunction(rt.vm.GlobalObject().Get("Object").(*goja.Object).Get("freeze"))
	sh.globalGet = make([]*goja.Object, len(globalNames))
	sh.globalSet = make([]*goja.Object, len(globalNames))
	for i, name := range globalNames {
		enumerable := globalEnumerable[i]
		get := rt.nativeFunc("get", 0, func(call goja.FunctionCall) goja.Value {
			c := sh.ownerOf(call.This)
			if c == nil {
				return goja.Undefined()
			}
			v := c.globalValue(name)
			_ = c.global.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, enumerable)
			return v
		})
		set := rt.nativeFunc("set", 1, func(call goja.FunctionCall) goja.Value {
			if c := sh.ownerOf(call.This); c != nil {
				_ = c.global.DefineDataProperty(name, call.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, enumerable)
			}
			return goja.Undefined()
		})
		for _, f := range []*goja.Object{get, set} {
			if _, err := freeze(goja.Undefined(), f); err != nil {
				panic(err)
			}
		}
		sh.globalGet[i], sh.globalSet[i] = get, set
	}
}

// builtinFunction returns the wrapper function of a builtin (compiled once per process, evaluated
// once per runtime) and the set of wrapper parameters its source mentions.
func (sh *shared) builtinFunction(name string, def *builtinDef) (goja.Callable, map[string]bool) {
	cbAny, _ := builtinPrograms.Load(name)
	cb, _ := cbAny.(*compiledBuiltin)
	if cb == nil {
		cb = &compiledBuiltin{}
		src := builtinPrefix + def.source + wrapperSuffix
		ast, err := goja.Parse("node:"+name, src, parser.WithDisableSourceMaps)
		if err == nil {
			cb.prg, err = goja.CompileAST(ast, false)
		}
		cb.err = err
		cb.mentioned = mentionedNames(stripLiterals(def.source), builtinParams)
		builtinPrograms.Store(name, cb)
	}
	if cb.err != nil {
		panic(sh.rt.vm.NewTypeError("pkgbox: builtin %s does not compile: %v", name, cb.err))
	}
	if fn, ok := sh.builtinFns[name]; ok {
		return fn, cb.mentioned
	}
	v, err := sh.rt.vm.RunProgram(cb.prg)
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(v)
	sh.builtinFns[name] = fn
	return fn, cb.mentioned
}

// mentionedNames reports which of names occur as identifiers in src. It is a conservative lexical
// scan (a name inside a string or comment counts), used to skip creating globals a module never
// refers to.
func mentionedNames(src string, names []string) map[string]bool {
	want := make(map[string]bool, len(names))
	for _, n := range names {
		want[n] = true
	}
	found := map[string]bool{}
	i := 0
	for i < len(src) {
		ch := src[i]
		if isIdentStart(ch) {
			j := i + 1
			for j < len(src) && isIdentPart(src[j]) {
				j++
			}
			if j-i <= 20 {
				if w := src[i:j]; want[w] {
					found[w] = true
				}
			}
			i = j
			continue
		}
		i++
	}
	return found
}

// stripLiterals blanks out comments and the text of string, template and regexp literals, so that
// a name in a message ("Buffer size must be...") does not count as a use. It is a small lexer for
// pkgbox's own builtin sources, which keep to ordinary syntax; user code is scanned without it.
func stripLiterals(src string) string {
	b := []byte(src)
	prev := byte('(') // last significant character, to tell a regexp from a division
	var braces []int  // open-brace counts of the template substitutions we are inside
	depth := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for i < len(b) && b[i] != '\n' {
				b[i] = ' '
				i++
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			for i < len(b) && !(b[i] == '*' && i+1 < len(b) && b[i+1] == '/') {
				if b[i] != '\n' {
					b[i] = ' '
				}
				i++
			}
			if i+1 < len(b) {
				b[i], b[i+1] = ' ', ' '
				i++
			}
		case c == '}' && len(braces) > 0 && depth == braces[len(braces)-1]:
			// The end of a template substitution: back to template text.
			braces = braces[:len(braces)-1]
			i = skipTemplate(b, i+1, &braces, depth)
			prev = 'a'
		case c == '`':
			i = skipTemplate(b, i+1, &braces, depth)
			prev = 'a'
		case c == '\'' || c == '"' || (c == '/' && strings.IndexByte("(,=:[!&|?{};+-*%<>~^", prev) >= 0):
			quote := c
			inClass := false
			for i++; i < len(b); i++ {
				if b[i] == '\\' {
					b[i] = ' '
					if i+1 < len(b) && b[i+1] != '\n' {
						i++
						b[i] = ' '
					}
					continue
				}
				if b[i] == '\n' {
					break
				}
				if quote == '/' {
					if b[i] == '[' {
						inClass = true
					} else if b[i] == ']' {
						inClass = false
					} else if b[i] == '/' && !inClass {
						break
					}
				} else if b[i] == quote {
					break
				}
				b[i] = ' '
			}
			prev = 'a'
		case c == '{':
			depth++
			prev = c
		case c == '}':
			depth--
			prev = c
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			prev = c
		}
	}
	return string(b)
}

// skipTemplate blanks template text from i up to the closing backtick (returning its index) or
// up to a substitution "${" (returning the index of the "{", with the substitution recorded).
func skipTemplate(b []byte, i int, braces *[]int, depth int) int {
	for ; i < len(b); i++ {
		switch {
		case b[i] == '\\':
			b[i] = ' '
			if i+1 < len(b) && b[i+1] != '\n' {
				i++
				b[i] = ' '
			}
		case b[i] == '`':
			return i
		case b[i] == '$' && i+1 < len(b) && b[i+1] == '{':
			b[i] = ' '
			*braces = append(*braces, depth)
			return i + 1 // the caller's loop continues after the '{' without counting it
		case b[i] != '\n':
			b[i] = ' '
		}
	}
	return i
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || (c >= '0' && c <= '9')
}
