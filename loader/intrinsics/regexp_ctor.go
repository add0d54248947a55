package intrinsics

import (
	"strings"

	"github.com/dop251/goja"
)

// installRegExp replaces the global RegExp with a native constructor that expands \p{...} before handing
// the pattern to goja's own constructor. Everything else is the original's: the same RegExp.prototype
// (whose constructor now points here), the same instances, new.target honoured for subclasses.
//
// RegExp[Symbol.species] deliberately answers goja's original constructor rather than the wrapper: goja's
// String.prototype.split keeps its fast path only when the species constructor is its own RegExp, and
// without it every split by a regexp would compile a new one. Install freezes that original so it carries
// no state a script could use (it is reachable only through that getter).
func (r *realm) installRegExp() error {
	vm := r.vm
	orig, ok := vm.Get("RegExp").(*goja.Object)
	if !ok {
		return errorf("RegExp: expected the global RegExp to be a constructor")
	}
	construct, ok := goja.AssertConstructor(orig)
	if !ok {
		return errorf("RegExp: expected the global RegExp to be a constructor")
	}
	proto, ok := orig.Get("prototype").(*goja.Object)
	if !ok {
		return errorf("RegExp: expected RegExp.prototype to be an object")
	}

	var wrapper *goja.Object
	build := func(args []goja.Value, newTarget *goja.Object) *goja.Object {
		args, info := r.prepareArgs(args)
		if info != nil && (newTarget == nil || newTarget.SameAs(wrapper)) {
			// A rewritten pattern is a large class that takes goja ~0.2 ms to compile, and esbuild turns
			// such literals into constructor calls evaluated each time: clone a cached compiled regexp.
			if obj := r.cachedRegExp(construct, args); obj != nil {
				r.regexps.put(obj, info)
				return obj
			}
		}
		obj, err := construct(newTarget, args...)
		if err != nil {
			panic(err)
		}
		if info != nil {
			r.regexps.put(obj, info)
		}
		return obj
	}
	call := func(_ goja.Value, args []goja.Value) goja.Value {
		// RegExp(re) returns re itself when it is a regexp whose constructor is RegExp (ECMA-262 22.2.4.1).
		if p, ok := argAt(args, 0).(*goja.Object); ok && isUndef(argAt(args, 1)) && isRegExpObject(p) {
			if c := p.Get("constructor"); c != nil && c.SameAs(wrapper) {
				return p
			}
		}
		return build(args, wrapper)
	}
	wrapper = r.newCtor("RegExp", 2, call, build)
	if err := wrapper.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := proto.DefineDataProperty("constructor", wrapper, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	speciesGetter := r.fn("get [Symbol.species]", 0, func(goja.FunctionCall) goja.Value { return orig })
	if err := wrapper.DefineAccessorPropertySymbol(goja.SymSpecies, speciesGetter, nil, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	// compile() re-parses a pattern; route it through the expansion too.
	if compile, ok := goja.AssertFunction(proto.Get("compile")); ok {
		r.method(proto, "compile", 2, func(c goja.FunctionCall) goja.Value {
			args, info := r.prepareArgs(c.Arguments)
			v, err := compile(c.This, args...)
			if err != nil {
				panic(err)
			}
			if o, ok := c.This.(*goja.Object); ok {
				if info != nil {
					r.regexps.put(o, info)
				} else {
					r.regexps.remove(o)
				}
			}
			return v
		})
	}
	if err := r.installRegExpAccessors(proto, construct); err != nil {
		return err
	}
	if err := vm.GlobalObject().DefineDataProperty("RegExp", wrapper, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	return freezeShallow(vm, orig)
}

// regexpInfo is what pkgbox remembers of a regexp whose pattern it rewrote before goja compiled it: the
// pattern and flags as written (ECMA-262 [[OriginalSource]] and [[OriginalFlags]]), which source, flags,
// toString and new RegExp(re, flags) answer instead of the rewritten ones.
type regexpInfo struct {
	source string
	flags  string
	sets   bool // the v flag; goja holds the regexp as a u-mode one
}

// prepareArgs returns the arguments to hand goja's constructor (or compile): a regexp made by pkgbox
// stands for its original pattern and flags, a u-mode pattern has its \p{...} expanded and a v-mode
// one is translated to u-mode. info is nil when goja sees the arguments as given.
func (r *realm) prepareArgs(args []goja.Value) ([]goja.Value, *regexpInfo) {
	pattern, flags := argAt(args, 0), argAt(args, 1)
	replaced := false
	if po, ok := pattern.(*goja.Object); ok {
		info := r.regexps.get(po)
		if info == nil {
			return args, nil
		}
		pattern, replaced = r.vm.ToValue(info.source), true
		if isUndef(flags) {
			flags = r.vm.ToValue(info.flags)
		}
	}
	if isUndef(flags) {
		return args, nil
	}
	if _, isSym := flags.(*goja.Symbol); isSym {
		return args, nil
	}
	if _, isSym := pattern.(*goja.Symbol); isSym {
		return args, nil
	}
	f := flags.String()
	p := ""
	if !isUndef(pattern) {
		p = pattern.String()
	}
	switch {
	case strings.ContainsRune(f, 'v'):
		if !validVFlags(f) {
			r.syntaxError("Invalid flags supplied to RegExp constructor '" + f + "'")
		}
		out, err := TranslateUnicodeSets(p, f)
		if err != nil {
			r.syntaxError(err.Error())
		}
		return []goja.Value{r.vm.ToValue(out), r.vm.ToValue(strings.ReplaceAll(f, "v", "u"))}, &regexpInfo{source: p, flags: f, sets: true}
	case strings.ContainsRune(f, 'u'):
		out, err := ExpandPropertyEscapes(p, f)
		if err != nil {
			r.syntaxError(err.Error())
		}
		if out == p {
			return []goja.Value{r.vm.ToValue(p), r.vm.ToValue(f)}, nil
		}
		return []goja.Value{r.vm.ToValue(out), r.vm.ToValue(f)}, &regexpInfo{source: p, flags: f}
	}
	if !replaced {
		return args, nil
	}
	return []goja.Value{pattern, flags}, nil
}

// validVFlags reports whether flags holding v are otherwise valid: known letters, none twice, no u.
func validVFlags(f string) bool {
	seen := map[rune]bool{}
	for _, c := range f {
		if !strings.ContainsRune("dgimsvy", c) || seen[c] {
			return false
		}
		seen[c] = true
	}
	return true
}

// installRegExpAccessors replaces RegExp.prototype's source and flags getters and toString with ones that
// answer a rewritten regexp's original pattern and flags. The getters goja guards for its fast paths
// (exec, global, multiline, ignoreCase, unicode, sticky) are left alone, so unicode stays true for a
// v-flag regexp (V8 answers false); flags leaves the u out for them.
func (r *realm) installRegExpAccessors(proto *goja.Object, construct goja.Constructor) error {
	vm := r.vm
	origSource, ok := r.accessorGetter(proto, "source")
	if !ok {
		return errorf("RegExp.prototype.source: expected an accessor")
	}
	r.getter(proto, "source", func(c goja.FunctionCall) goja.Value {
		if info := r.regexps.get(c.This); info != nil {
			return vm.ToValue(escapeRegExpSource(info.source))
		}
		v, err := origSource(c.This)
		if err != nil {
			panic(err)
		}
		return v
	})
	r.getter(proto, "flags", func(c goja.FunctionCall) goja.Value {
		o, ok := c.This.(*goja.Object)
		if !ok {
			r.typeError("RegExp.prototype.flags getter called on non-object %s", r.describe(c.This))
		}
		sets := false
		if info := r.regexps.get(o); info != nil {
			sets = info.sets
		}
		var b strings.Builder
		for _, f := range []struct {
			name string
			c    byte
		}{
			{"hasIndices", 'd'}, {"global", 'g'}, {"ignoreCase", 'i'}, {"multiline", 'm'}, {"dotAll", 's'},
			{"unicode", 'u'}, {"unicodeSets", 'v'}, {"sticky", 'y'},
		} {
			if f.c == 'u' && sets {
				continue
			}
			if v := o.Get(f.name); v != nil && v.ToBoolean() {
				b.WriteByte(f.c)
			}
		}
		return vm.ToValue(b.String())
	})
	// split and matchAll construct a new regexp from this one's flags through RegExp[Symbol.species], which
	// is goja's own constructor and refuses v. For a v-flag regexp they run on a u-flag twin instead: a
	// clone sharing the compiled (translated) pattern, whose matching is the same.
	for _, sym := range []*goja.Symbol{goja.SymSplit, goja.SymMatchAll} {
		orig, ok := goja.AssertFunction(proto.GetSymbol(sym))
		if !ok {
			return errorf("RegExp.prototype[%s]: expected a function", sym)
		}
		name := strings.TrimSuffix(strings.TrimPrefix(sym.String(), "Symbol("), ")")
		f := r.fn("["+name+"]", orig2Length(sym), func(c goja.FunctionCall) goja.Value {
			this := c.This
			if o, ok := this.(*goja.Object); ok {
				if info := r.regexps.get(o); info != nil && info.sets {
					twin, err := construct(nil, o)
					if err != nil {
						panic(err)
					}
					if err := twin.Set("lastIndex", o.Get("lastIndex")); err != nil {
						panic(err)
					}
					this = twin
				}
			}
			v, err := orig(this, c.Arguments...)
			if err != nil {
				panic(err)
			}
			return v
		})
		if err := proto.DefineDataPropertySymbol(sym, f, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
			return err
		}
	}
	r.method(proto, "toString", 0, func(c goja.FunctionCall) goja.Value {
		o, ok := c.This.(*goja.Object)
		if !ok {
			r.typeError("RegExp.prototype.toString requires that 'this' be an Object")
		}
		return vm.ToValue("/" + r.str(o.Get("source")) + "/" + r.str(o.Get("flags")))
	})
	return nil
}

// accessorGetter returns the getter of an accessor property of o as a callable.
func (r *realm) accessorGetter(o *goja.Object, name string) (goja.Callable, bool) {
	getOwn, ok := goja.AssertFunction(r.vm.Get("Object").(*goja.Object).Get("getOwnPropertyDescriptor"))
	if !ok {
		return nil, false
	}
	d, err := getOwn(nil, o, r.vm.ToValue(name))
	if err != nil {
		return nil, false
	}
	dobj, ok := d.(*goja.Object)
	if !ok {
		return nil, false
	}
	return goja.AssertFunction(dobj.Get("get"))
}

// escapeRegExpSource escapes a pattern so that "/" + source + "/" reads back as the same regexp
// (ECMA-262 EscapeRegExpPattern), the way V8 does: "/" outside classes and line terminators.
func escapeRegExpSource(p string) string {
	if p == "" {
		return "(?:)"
	}
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			if p[i+1] == '\n' || p[i+1] == '\r' {
				b.WriteByte('\\')
				b.WriteByte("nr"[(p[i+1]-'\n')/3])
				i++
				continue
			}
			b.WriteByte(c)
			i++
			c = p[i]
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			b.WriteString(`\/`)
			continue
		case c == '\n':
			b.WriteString(`\n`)
			continue
		case c == '\r':
			b.WriteString(`\r`)
			continue
		case strings.HasPrefix(p[i:], "\u2028"):
			b.WriteString(`\u2028`)
			i += 2
			continue
		case strings.HasPrefix(p[i:], "\u2029"):
			b.WriteString(`\u2029`)
			i += 2
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isRegExpObject(o *goja.Object) bool {
	if m := o.GetSymbol(goja.SymMatch); m != nil && !goja.IsUndefined(m) {
		return m.ToBoolean()
	}
	return o.ClassName() == "RegExp"
}

// freezeShallow freezes one object and the accessor functions on it, using the engine's Object.freeze.
func freezeShallow(vm *goja.Runtime, o *goja.Object) error {
	freeze, ok := goja.AssertFunction(vm.Get("Object").(*goja.Object).Get("freeze"))
	if !ok {
		return errorf("Object.freeze: expected a function")
	}
	getOwn, _ := goja.AssertFunction(vm.Get("Object").(*goja.Object).Get("getOwnPropertyDescriptor"))
	for _, sym := range o.Symbols() {
		d, err := getOwn(nil, o, sym)
		if err != nil {
			return err
		}
		if dobj, ok := d.(*goja.Object); ok {
			for _, k := range []string{"get", "set"} {
				if fo, ok := dobj.Get(k).(*goja.Object); ok {
					if _, err := freeze(nil, fo); err != nil {
						return err
					}
				}
			}
		}
	}
	_, err := freeze(nil, o)
	return err
}

func orig2Length(sym *goja.Symbol) int {
	if sym == goja.SymSplit {
		return 2
	}
	return 1
}

// maxRegExpTemplates bounds the compiled regexps a realm keeps for cachedRegExp.
const maxRegExpTemplates = 256

// cachedRegExp returns a fresh regexp for rewritten (string) arguments, cloned from a compiled template
// kept per realm (goja's RegExp(re) shares re's compiled program). The templates never reach scripts.
// It returns nil when the template cannot be used (RegExp.prototype[Symbol.match] was tampered with, so
// goja would not treat the template as a regexp).
func (r *realm) cachedRegExp(construct goja.Constructor, args []goja.Value) *goja.Object {
	key := args[0].String() + "/" + args[1].String()
	tpl, ok := r.reTemplates[key]
	if !ok {
		var err error
		tpl, err = construct(nil, args...)
		if err != nil {
			panic(err)
		}
		if len(r.reTemplates) < maxRegExpTemplates {
			if r.reTemplates == nil {
				r.reTemplates = map[string]*goja.Object{}
			}
			r.reTemplates[key] = tpl
		} else {
			return tpl // used once, not kept: hand it out itself
		}
	}
	if !isRegExpObject(tpl) {
		return nil
	}
	obj, err := construct(nil, tpl)
	if err != nil {
		panic(err)
	}
	return obj
}
