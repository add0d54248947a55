package lib

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

func TestNamesAndSources(t *testing.T) {
	want := []string{"assert", "assert/strict", "buffer", "events", "path", "path/posix", "path/win32", "punycode",
		"querystring", "stream", "stream/promises", "string_decoder", "url", "util", "util/types"}
	if got := Names(); !slices.Equal(got, want) {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	for _, n := range AllNames() {
		src, ok := Source(n)
		if !ok || src == "" {
			t.Errorf("Source(%q) missing", n)
		}
		if _, err := program(n); err != nil {
			t.Errorf("%s does not compile on goja: %v", n, err)
		}
	}
	for _, n := range []string{"", "../lib", "/util", "nope", "internal/../util", "vendor/gen"} {
		if _, ok := Source(n); ok {
			t.Errorf("Source(%q) should not exist", n)
		}
	}
	if !Internal("internal/errors") || Internal("util") {
		t.Error("Internal() misclassifies")
	}
	lic := Licenses()
	for _, b := range []string{"buffer", "events", "inspect", "stream", "url", "path", "punycode", "string_decoder"} {
		if !strings.Contains(lic[b], "Permission is hereby granted") && !strings.Contains(lic[b], "MIT") {
			t.Errorf("bundle %s has no licence text", b)
		}
	}
}

// TestEveryModuleLoadsFrozen evaluates each user-visible builtin in a compartment of a realm whose
// intrinsics are frozen, so no module may assign to an intrinsic or its prototype.
func TestEveryModuleLoadsFrozen(t *testing.T) {
	r := newRealm(t)
	for _, n := range Names() {
		c := r.newCompartment(t)
		if _, err := c.require(n); err != nil {
			t.Errorf("require(%q): %v", n, err)
		}
	}
	c := r.newCompartment(t)
	if err := c.run(`
		'use strict';
		if (Object.isFrozen(Array.prototype) !== true) throw new Error('harness did not freeze');
		try { require('internal/errors'); throw new Error('internal module reachable'); } catch (e) { if (!/Cannot find module/.test(e.message)) throw e; }
	`); err != nil {
		t.Fatal(err)
	}
}

// TestCompartmentsAreIsolated checks that patching one compartment's builtins leaves another's alone.
func TestCompartmentsAreIsolated(t *testing.T) {
	r := newRealm(t)
	a, b := r.newCompartment(t), r.newCompartment(t)
	if err := a.run(`require('events').prototype.emit = () => 'patched'; Buffer.prototype.toString = () => 'patched';`); err != nil {
		t.Fatal(err)
	}
	if err := b.run(`const E = require('events'); print(new E().emit('x'), Buffer.from('ok').toString());`); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(b.out, "\n"); got != "false ok" {
		t.Fatalf("second compartment saw the first one's patches: %q", got)
	}
}

func TestDeprecateWarnsOncePerCode(t *testing.T) {
	r := newRealm(t)
	c := r.newCompartment(t)
	err := c.run(`
		const util = require('util');
		const a = util.deprecate(() => 1, 'a is old', 'DEP_A');
		const b = util.deprecate(() => 2, 'b shares the code', 'DEP_A');
		const n = util.deprecate(() => 3, 'no code');
		a(); a(); b(); n(); n();
	`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"[DEP_A] DeprecationWarning: a is old", "DeprecationWarning: no code"}
	if !slices.Equal(c.warns, want) {
		t.Fatalf("warnings = %q, want %q", c.warns, want)
	}
}

func TestDebuglog(t *testing.T) {
	r := newRealm(t)
	c := r.newCompartment(t)
	err := c.run(`
		process.env.NODE_DEBUG = 'foo,ba*';
		process.pid = 42;
		const util = require('util');
		const foo = util.debuglog('foo'), bar = util.debuglog('bar'), other = util.debuglog('other');
		foo('hello %d', 1); bar({ a: 1 }); other('hidden');
		print(foo.enabled, bar.enabled, other.enabled);
	`)
	if err != nil {
		t.Fatal(err)
	}
	want := "FOO 42: hello 1\nBAR 42: { a: 1 }\ntrue true false"
	if got := strings.Join(c.out, "\n"); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestMaxListenersWarning(t *testing.T) {
	r := newRealm(t)
	c := r.newCompartment(t)
	if err := c.run(`const E = require('events'); const e = new E(); for (let i = 0; i < 11; i++) e.on('foo', () => {});`); err != nil {
		t.Fatal(err)
	}
	want := []string{"MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 foo listeners added to [EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit"}
	if !slices.Equal(c.warns, want) {
		t.Fatalf("warnings = %q, want %q", c.warns, want)
	}
}

// TestBindingNeverPanics calls every binding helper with hostile arguments: each must return or
// throw a JavaScript error, never let a Go panic through.
func TestBindingNeverPanics(t *testing.T) {
	r := newRealm(t)
	// The binding is not reachable from user code; call it through a privileged function.
	vm := r.vm
	fn, perr := vm.RunString(`(function (b, body) { return new Function('__b', body)(b); })`)
	if perr != nil {
		t.Fatal(perr)
	}
	call, _ := goja.AssertFunction(fn)
	body := `
		const args = [undefined, null, 0, -1, 1e300, 'str', {}, [], new Uint8Array(4), new Proxy({}, {}),
			Promise.resolve(1), () => 1, Symbol('s'), 10n, new Uint16Array(3), new ArrayBuffer(2)];
		for (const name of Object.getOwnPropertyNames(__b)) {
			for (const a of args) for (const b of [undefined, -5, 2, 1e9]) {
				try { __b[name](a, b, b); } catch (e) { if (!(e instanceof Error)) throw new Error(name + ' threw a non-error'); }
			}
		}
		return 'ok';`
	if _, err := call(goja.Undefined(), r.binding, vm.ToValue(body)); err != nil {
		t.Fatal(err)
	}
}

func TestBindingFacts(t *testing.T) {
	r := newRealm(t)
	vm := r.vm
	fn, err := vm.RunString(`(function (b) {
		const t = {}, h = {};
		const p = new Proxy(t, h);
		const rejected = Promise.reject(7); rejected.catch(() => {});
		return [
			b.promiseState(Promise.resolve(5)).join(), b.promiseState(new Promise(() => {}))[0], b.promiseState(rejected).join(),
			b.promiseState({ then() {} }) === undefined,
			b.proxyDetails(p)[0] === t && b.proxyDetails(p)[1] === h, b.proxyDetails(p, false) === t, b.proxyDetails({}) === undefined,
			b.className(new TypeError()), b.className(/x/), b.className(p), b.className(new String('')),
		].join('|');
	})`)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := goja.AssertFunction(fn)
	got, err := f(goja.Undefined(), r.binding)
	if err != nil {
		t.Fatal(err)
	}
	if want := "1,5|0|2,7|true|true|true|true|Error|RegExp||String"; got.String() != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

// TestBufferCodecsMatchBundle compares the Go codecs with the bundled JavaScript ones on random
// valid UTF-8 plus lone surrogates. (On invalid UTF-8 the bundle is not WHATWG-exact and the Go
// decoder follows Node; the buffer goldens cover those.)
func TestBufferCodecsMatchBundle(t *testing.T) {
	r := newRealm(t)
	native := r.newCompartment(t)
	pure := newPureCompartment(t, r)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 200; i++ {
		n := rng.Intn(40)
		b := make([]string, n)
		for j := range b {
			b[j] = string('0' + rune(rng.Intn(10)))
		}
		bytes := make([]string, n)
		for j := range bytes {
			bytes[j] = []string{"0x41", "0xc3,0xa9", "0xe2,0x82,0xac", "0xf0,0x9f,0x98,0x80", "0x0a", "0x7f"}[rng.Intn(6)]
		}
		code := `const b = Buffer.from([` + strings.Join(bytes, ",") + `]);
			const s = b.toString('utf8') + '\ud800' + b.toString('latin1');
			for (const enc of ['utf8', 'latin1', 'ascii', 'hex', 'base64']) {
				// feross parses hex with parseInt, which skips whitespace; Node (and the Go codec) stop.
				const input = enc === 'hex' ? b.toString('hex') : s;
				print(enc, JSON.stringify(b.toString(enc)), Buffer.from(input, enc).toString('hex'), Buffer.byteLength(input, enc));
				const w = Buffer.alloc(7); print(w.write(input, 1, enc), w.toString('hex'));
			}`
		if err := native.run(code); err != nil {
			t.Fatal(err)
		}
		if err := pure.run(code); err != nil {
			t.Fatal(err)
		}
		if g, w := strings.Join(native.out, "\n"), strings.Join(pure.out, "\n"); g != w {
			t.Fatalf("native and bundled codecs differ for %v:\n%s\n---\n%s", bytes, g, w)
		}
		native.out, pure.out = nil, nil
	}
}

// newPureCompartment is a compartment whose binding lacks the Go codecs, so buffer.js keeps the
// bundle's JavaScript ones.
func newPureCompartment(t testing.TB, r *realm) *compartment {
	pr := *r
	pr.binding = r.vm.NewObject()
	for _, k := range r.binding.Keys() {
		if !strings.Contains(k, "Encode") && !strings.Contains(k, "Decode") && k != "utf8Length" {
			_ = pr.binding.Set(k, r.binding.Get(k))
		}
	}
	for _, k := range []string{"className", "isProxy", "isPromise", "promiseState", "proxyDetails"} {
		_ = pr.binding.Set(k, r.binding.Get(k))
	}
	return pr.newCompartment(t)
}
