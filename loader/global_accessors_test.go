package loader_test

import (
	"strings"
	"testing"
)

// The Node globals of a compartment's global object are accessors shared by every compartment of
// the runtime (see shared.newGlobal): they must behave like Node's for the compartment's own global
// and objects inheriting from it, and give nothing for any other receiver.
func TestGlobalAccessors(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"app.js": `
const d = Object.getOwnPropertyDescriptor(globalThis, 'process');
const shared = Function('return this')();
const checks = {
  accessor: typeof d.get === 'function' && typeof d.set === 'function' && !d.enumerable && d.configurable,
  names: d.get.name === 'get' && d.set.name === 'set',
  frozen: Object.isFrozen(d.get) && Object.isFrozen(d.set),
  inherited: Object.create(globalThis).process === process,
  foreignReceivers: [undefined, {}, shared, Object.create(null)].every((r) => d.get.call(r) === undefined),
  ownGlobal: d.get.call(globalThis) === process,
  materialized: 'value' in Object.getOwnPropertyDescriptor(globalThis, 'process'),
  setterOnShared: (d.set.call(shared, 1), shared.process === undefined),
  assign: (globalThis.Buffer = 5, globalThis.Buffer === 5 && 'value' in Object.getOwnPropertyDescriptor(globalThis, 'Buffer')),
  enumerable: Object.keys(globalThis).includes('setTimeout') && !Object.keys(globalThis).includes('process'),
  intrinsics: globalThis.Promise === Promise && !Object.keys(globalThis).includes('Promise'),
  aliases: global === globalThis && globalThis.global === globalThis,
};
console.log(Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => k).join(' ') || 'ok');
`,
	})
	got := runPkgbox(t, dir, "app.js", false)
	if strings.TrimSpace(got.stdout) != "ok" {
		t.Fatalf("failed checks: %q\n%s", got.stdout, got.stderr)
	}
}

// The global object is made when a module first names it; it then reads the values the
// compartment's modules already got.
func TestGlobalObjectMadeOnFirstUse(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"app.js": "const c = console, p = process;\nconst g = require('./g');\nconsole.log(g.console === c, g.process === p, g.global === g);\n",
		"g.js":   "module.exports = globalThis;\n",
	})
	got := runPkgbox(t, dir, "app.js", false)
	if got.stdout != "true true true\n" {
		t.Fatalf("got %q\n%s", got.stdout, got.stderr)
	}
}
