package loader_test

import (
	"strings"
	"testing"
)

// exportsViewApp is an app with a trusted package "lib" (a function, a class hierarchy, an
// ES5-style class, config data) and a package "plug" that declares lib as a dependency; plug's
// index.js and the app's app.js are given by each test.
func exportsViewApp(t *testing.T, app, plug string, extra map[string]string) string {
	t.Helper()
	files := map[string]string{
		"package.json":                   `{"name":"app","version":"1.0.0","dependencies":{"lib":"1.0.0","plug":"1.0.0"}}`,
		"node_modules/lib/package.json":  `{"name":"lib","version":"1.0.0","main":"index.js"}`,
		"node_modules/plug/package.json": `{"name":"plug","version":"1.0.0","main":"index.js","dependencies":{"lib":"1.0.0"}}`,
		"node_modules/plug/index.js":     plug,
		"app.js":                         app,
		"node_modules/lib/index.js": `'use strict';
class Base {
  constructor(name) { this.name = name; }
  hello() { return 'hello ' + this.name; }
  static create(name) { return new this(name); }
}
class Client extends Base {
  prepare(path, headers) { return this.name + path + ' ' + JSON.stringify(headers); }
  chain() { return this; }
}
function Legacy(x) { this.x = x; }
Legacy.prototype.get = function () { return this.x; };
let calls = 0;
exports.sign = (secret) => { calls++; return 'sig:' + secret.length; };
exports.calls = () => calls;
exports.Base = Base;
exports.Client = Client;
exports.Legacy = Legacy;
exports.defaults = { timeout: 1 };
exports.level = 'info';
exports.setLevel = function (l) { this.level = l; return this; };
exports.bump = () => { exports.version = (exports.version || 0) + 1; };
`,
	}
	for k, v := range extra {
		files[k] = v
	}
	return writeApp(t, files)
}

func runExportsView(t *testing.T, app, plug string, extra map[string]string) string {
	t.Helper()
	dir := exportsViewApp(t, app, plug, extra)
	got := runPkgbox(t, dir, "app.js", false)
	if got.code != 0 {
		t.Fatalf("exit %d\n--- stdout\n%s\n--- stderr\n%s", got.code, got.stdout, got.stderr)
	}
	return got.stdout
}

func wantLines(t *testing.T, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w+"\n") {
			t.Errorf("missing line %q in output:\n%s", w, got)
		}
	}
}

func TestExportsViewPackageCannotReplaceFunctions(t *testing.T) {
	plug := `'use strict';
const lib = require('lib');
function attempt(what, fn) { try { fn(); console.log(what, 'done'); } catch (e) { console.log(what, 'refused', e instanceof TypeError); } }
attempt('assign', () => { lib.sign = (s) => 'stolen ' + s; });
attempt('define', () => Object.defineProperty(lib, 'sign', { value: (s) => 'stolen ' + s }));
attempt('delete', () => { delete lib.sign; });
attempt('add', () => { lib.extra = 1; });
attempt('setPrototypeOf', () => Object.setPrototypeOf(lib, { sign: (s) => 'stolen ' + s }));
attempt('preventExtensions', () => Object.preventExtensions(lib));
attempt('assign on function', () => { lib.sign.hook = 1; });
attempt('reflect.set', () => { if (Reflect.set(lib, 'sign', null)) throw new Error('set'); });
console.log('plug sees', typeof lib.sign, lib.sign('x'), lib.extra, lib.sign.hook, Object.keys(lib).includes('extra'));
`
	app := `require('plug');
const lib = require('lib');
console.log('app', lib.sign('secret'), 'extra' in lib, Object.isExtensible(lib), lib.sign.hook);
`
	got := runExportsView(t, app, plug, nil)
	wantLines(t, got,
		"assign refused true", "define refused true", "delete refused true",
		"setPrototypeOf refused true", "preventExtensions refused true", "reflect.set done",
		// A property the real object lacks may be added: the adding package alone sees it.
		"add done", "assign on function done", "plug sees function sig:1 1 1 true",
		"app sig:6 false true undefined")
}

func TestExportsViewPackageCannotPatchClassPrototypes(t *testing.T) {
	plug := `'use strict';
const lib = require('lib');
function attempt(what, fn) { try { fn(); console.log(what, 'done'); } catch (e) { console.log(what, 'refused', e instanceof TypeError); } }
const spy = function () { return 'stolen'; };
attempt('prototype method', () => { lib.Client.prototype.prepare = spy; });
attempt('inherited method', () => { lib.Base.prototype.hello = spy; });
attempt('parent via chain', () => { Object.getPrototypeOf(lib.Client.prototype).hello = spy; });
attempt('shadow inherited', () => { lib.Client.prototype.hello = spy; });
attempt('instance proto', () => { Object.getPrototypeOf(new lib.Client('p')).prepare = spy; });
attempt('constructor.prototype', () => { new lib.Client('p').constructor.prototype.prepare = spy; });
attempt('redefine', () => Object.defineProperty(lib.Client.prototype, 'prepare', { value: spy }));
attempt('swap proto', () => Object.setPrototypeOf(lib.Client.prototype, { prepare: spy }));
attempt('static via constructor', () => { new lib.Client('p').constructor.__proto__.create = spy; });
attempt('shadow static', () => { new lib.Client('p').constructor.create = spy; });
attempt('shadow Function.prototype', () => { new lib.Client('p').constructor.call = spy; });
attempt('static via parent', () => { Object.getPrototypeOf(new lib.Client('p').constructor).create = spy; });
attempt('legacy method', () => { lib.Legacy.prototype.get = spy; });
attempt('legacy replace prototype', () => { new lib.Legacy(1).constructor.prototype = { get: spy }; });
`
	app := `require('plug');
const { Client, Base, Legacy } = require('lib');
const c = new Client('api');
console.log('app', c.prepare('/me', { auth: 'token' }), c.hello(), Client.create('x').hello(), new Legacy(7).get());
console.log('app', Base.create('b').hello());
`
	got := runExportsView(t, app, plug, nil)
	for _, what := range []string{"prototype method", "inherited method", "parent via chain", "shadow inherited",
		"instance proto", "constructor.prototype", "redefine", "swap proto", "static via constructor",
		"static via parent", "legacy method", "legacy replace prototype"} {
		wantLines(t, got, what+" refused true")
	}
	wantLines(t, got, `app api/me {"auth":"token"} hello api hello x 7`, "app hello b")
	if strings.Contains(got, "stolen") {
		t.Errorf("a patch reached the app:\n%s", got)
	}
}

func TestExportsViewOwnerAndAppKeepNodeBehaviour(t *testing.T) {
	plug := `const lib = require('lib');
module.exports = () => [lib.level, lib.version, lib.defaults.timeout, lib.calls()].join(' ');
`
	app := `'use strict';
const lib = require('lib');
const plug = require('plug');
lib.level = 'debug';               // the app configures the package
lib.defaults.timeout = 5;
lib.extra = 'app';
lib.bump(); lib.bump();            // the package mutates its own exports
lib.sign('a');
console.log('app', lib.level, lib.version, lib.extra, lib.defaults.timeout);
console.log('plug sees', plug());
class Mine extends lib.Client {}
lib.Client.prototype.appHelper = 1; // before any other package read the prototype: allowed
console.log('app', new Mine('m').prepare('/x', {}), new Mine('m').appHelper);
lib.sign = (s) => 'app wrapper ' + s;
console.log('app', lib.sign('z'));
`
	app += `const re = require('reexport');
console.log('app re-export', re === lib);
`
	extra := map[string]string{
		"node_modules/reexport/package.json": `{"name":"reexport","version":"1.0.0","dependencies":{"lib":"1.0.0"}}`,
		"node_modules/reexport/index.js":     "module.exports = require('lib');\n",
	}
	got := runExportsView(t, app, plug, extra)
	wantLines(t, got, "app debug 2 app 5", "plug sees debug 2 5 1", "app m/x {} 1", "app app wrapper z",
		"app re-export true")
}

func TestExportsViewPackageCanUseClassesAndFunctions(t *testing.T) {
	plug := `'use strict';
const lib = require('lib');
const { Client, Base, Legacy } = lib;
console.log('stable', require('lib') === lib, require('lib').sign === lib.sign, lib.Client === Client);
console.log('call', lib.sign('abc'), lib.calls());
const c = new Client('plug');
console.log('construct', c.prepare('/p', { a: 1 }), c instanceof Client, c instanceof Base, c instanceof lib.Client);
class Sub extends Client {
  prepare(path, headers) { return 'sub ' + super.prepare(path, headers); }
}
Sub.label = 'mine';                 // static field on the subclass, not on lib's class
const s = Sub.create('s');          // inherited static, this === Sub
console.log('subclass', s.prepare('/s', {}), s instanceof Sub, s instanceof Client, s instanceof Base, Sub.label, 'label' in Client);
s.prepare = () => 'own';            // override on an instance (tamed prototype accepts it)
console.log('instance override', s.prepare(), new Sub('t').prepare('/t', {}));
function Old() { Legacy.call(this, 3); }
Old.prototype = Object.create(Legacy.prototype);
Old.prototype.get = function () { return 'old ' + Legacy.prototype.get.call(this); };
console.log('es5 subclass', new Old().get(), new Old() instanceof Legacy);
console.log('chain', lib.setLevel('warn') === lib, c.chain() === c);
console.log('keys', Object.keys(lib).join(','));
console.log('spread', typeof { ...lib }.sign, JSON.stringify(lib.defaults), 'sign' in lib);
console.log('describe', typeof Object.getOwnPropertyDescriptor(lib, 'sign').value, Object.getPrototypeOf(lib) === Object.prototype);
module.exports = { make: (n) => new Client(n), sub: (n) => new Sub(n) };
`
	app := `const lib = require('lib');
const plug = require('plug');
console.log('app', plug.make('m') instanceof lib.Client, plug.sub('n') instanceof lib.Client, lib.level);
`
	got := runExportsView(t, app, plug, nil)
	wantLines(t, got,
		"stable true true true",
		"call sig:3 1",
		`construct plug/p {"a":1} true true true`,
		"subclass sub s/s {} true true true mine false",
		"instance override own sub t/t {}",
		"es5 subclass old 3 true",
		"chain true true",
		"keys sign,calls,Base,Client,Legacy,defaults,level,setLevel,bump",
		"spread function {\"timeout\":1} true",
		"describe function true",
		// lib's own method changed lib's state: calling a package's API is not tampering.
		"app true true warn")
}

func TestExportsViewESMImports(t *testing.T) {
	extra := map[string]string{
		"node_modules/plug/package.json":    `{"name":"plug","version":"1.0.0","main":"index.js","type":"module","dependencies":{"lib":"1.0.0","esm-lib":"1.0.0"}}`,
		"node_modules/esm-lib/package.json": `{"name":"esm-lib","version":"1.0.0","type":"module","exports":"./index.js"}`,
		"node_modules/esm-lib/index.js": `export class Widget { draw() { return 'widget'; } }
export function render() { return 'rendered'; }
export default { theme: 'dark' };
`,
	}
	plug := `import lib, { sign, Client } from 'lib';
import * as ns from 'lib';
import { Widget, render } from 'esm-lib';
import * as esm from 'esm-lib';
function attempt(what, fn) { try { fn(); console.log(what, 'done'); } catch (e) { console.log(what, 'refused', e instanceof TypeError); } }
console.log('named', sign('abcd'), new Client('e').prepare('/e', {}), render(), new Widget().draw());
attempt('default', () => { lib.sign = () => 'stolen'; });
attempt('ns.default', () => { ns.default.sign = () => 'stolen'; });
attempt('ns getter', () => { Object.getOwnPropertyDescriptor(ns, 'sign').get().hook = 1; });
attempt('esm ns getter', () => { Object.getOwnPropertyDescriptor(esm, 'Widget').get().prototype.draw = () => 'stolen'; });
attempt('esm class', () => { Widget.prototype.draw = () => 'stolen'; });
attempt('esm function', () => { render.hook = 1; });
import('lib').then((dyn) => attempt('dynamic import', () => { dyn.default.sign = () => 'stolen'; }));
export const done = true;
`
	app := `require('plug');
const lib = require('lib');
const { Widget, render } = require('esm-lib');
console.log('app', lib.sign('secret'), lib.sign.hook, new Widget().draw(), render.hook);
`
	extra["package.json"] = `{"name":"app","version":"1.0.0","dependencies":{"lib":"1.0.0","plug":"1.0.0","esm-lib":"1.0.0"}}`
	got := runExportsView(t, app, plug, extra)
	wantLines(t, got,
		"named sig:4 e/e {} rendered widget",
		"default refused true", "ns.default refused true", "ns getter done",
		"esm ns getter refused true", "esm class refused true", "esm function done",
		"app sig:6 undefined widget undefined")
	wantLines(t, got, "dynamic import refused true")
	if strings.Contains(got, "stolen") {
		t.Errorf("a patch reached the app:\n%s", got)
	}
}

func TestExportsViewInspectShowsTheExports(t *testing.T) {
	plug := `const lib = require('lib');
console.log(require('util').inspect(lib.defaults), require('util').inspect(lib, { depth: 0 }).includes('sign: [Function'));
console.log(require('util').format('%o', [lib.level]));
`
	got := runExportsView(t, "require('plug');\n", plug, nil)
	wantLines(t, got, "{ timeout: 1 } true", "[ 'info', [length]: 1 ]")
}
