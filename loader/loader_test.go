package loader_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeApp writes files (name → content) into a fresh folder with a package.json and returns it.
func writeApp(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["package.json"]; !ok {
		files["package.json"] = `{"name":"app","version":"1.0.0"}`
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestStackTracesPointAtTheOriginalSource(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"app.ts": "interface P { x: number }\nconst p: P = { x: 1 };\nfunction boom(): never {\n  throw new Error('boom ' + p.x);\n}\ntry { boom(); } catch (e) { console.log(String((e as Error).stack).split('\\n')[1].trim()); }\n",
	})
	got := runPkgbox(t, dir, "app.ts", false)
	want := "at boom (" + filepath.Join(dir, "app.ts") + ":4:"
	if !strings.Contains(got.stdout, want) {
		t.Fatalf("first frame %q does not point at app.ts line 4 (%s)", got.stdout, got.stderr)
	}
}

func TestUncaughtErrorReportNamesFileAndLine(t *testing.T) {
	dir := writeApp(t, map[string]string{"app.js": "const x = 1;\nnull.boom;\n"})
	got := runPkgbox(t, dir, "app.js", false)
	if got.code != 1 {
		t.Fatalf("exit %d, want 1", got.code)
	}
	if !strings.HasPrefix(got.stderr, filepath.Join(dir, "app.js")+":2\nnull.boom;\n") || !strings.Contains(got.stderr, "TypeError") {
		t.Fatalf("stderr does not show the throwing line like node:\n%s", got.stderr)
	}
}

func TestUnknownBuiltinNamesTheModule(t *testing.T) {
	dir := writeApp(t, map[string]string{"app.js": "try { require('v8') } catch (e) { console.log(e.code, e.message) }\ntry { require('node:nosuch') } catch (e) { console.log(e.code, e.message) }\n"})
	got := runPkgbox(t, dir, "app.js", false)
	want := "ERR_UNKNOWN_BUILTIN_MODULE No such built-in module: v8\nERR_UNKNOWN_BUILTIN_MODULE No such built-in module: node:nosuch\n"
	if got.stdout != want {
		t.Fatalf("got %q want %q (%s)", got.stdout, want, got.stderr)
	}
}

func TestTopLevelAwaitWithExportsIsAClearError(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"app.mjs": "import { v } from './lib.mjs';\nconsole.log(v);\n",
		"lib.mjs": "export const v = 1;\nawait null;\n",
	})
	got := runPkgbox(t, dir, "app.mjs", false)
	if got.code != 1 || !strings.Contains(got.stderr, filepath.Join(dir, "lib.mjs")+":2") || !strings.Contains(got.stderr, "top-level await") {
		t.Fatalf("want a SyntaxError naming lib.mjs:2 and top-level await, got exit %d:\n%s", got.code, got.stderr)
	}
}

func TestTopLevelAwaitInAScript(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"app.mjs": "import { join } from 'node:path';\nconst v = await Promise.resolve(join('a', 'b'));\nconsole.log(v);\n",
	})
	got := runPkgbox(t, dir, "app.mjs", false)
	if got.stdout != "a/b\n" || got.code != 0 {
		t.Fatalf("got %q exit %d: %s", got.stdout, got.code, got.stderr)
	}
}

func TestSyntaxErrorReportsFileLineAndCaret(t *testing.T) {
	dir := writeApp(t, map[string]string{"app.js": "require('./bad');\n", "bad.js": "const a = 1;\nlet = = 2;\n"})
	got := runPkgbox(t, dir, "app.js", false)
	if got.code != 1 || !strings.Contains(got.stderr, filepath.Join(dir, "bad.js")+":2\nlet = = 2;\n") || !strings.Contains(got.stderr, "SyntaxError") {
		t.Fatalf("exit %d:\n%s", got.code, got.stderr)
	}
}

// A module whose source closes the wrapper early must not run code outside it.
func TestWrapperBreakoutIsRejected(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"app.js":  "try { require('./evil') } catch (e) { console.log('rejected', e.name) }\n",
		"evil.js": "}}); console.log('ESCAPED'); (function(){ return function(){\n",
	})
	got := runPkgbox(t, dir, "app.js", false)
	if strings.Contains(got.stdout, "ESCAPED") || !strings.Contains(got.stdout, "rejected SyntaxError") {
		t.Fatalf("got %q (%s)", got.stdout, got.stderr)
	}
}

// The transform cache lets a second run skip esbuild: the cached file is what runs.
func TestTransformCacheIsUsed(t *testing.T) {
	dir := writeApp(t, map[string]string{"app.ts": "const n: number = 41;\nconsole.log(n + 1);\n"})
	if got := runPkgbox(t, dir, "app.ts", false); got.stdout != "42\n" {
		t.Fatalf("first run: %q %s", got.stdout, got.stderr)
	}
	entries, _ := filepath.Glob(filepath.Join(cacheDir(t), "transform", "*", "*.js"))
	if len(entries) == 0 {
		t.Fatal("no transform cache entries written")
	}
}

// Lockdown: every intrinsic a package can reach, hidden ones included, is frozen; the tamed
// properties still let instances override them; the global object holds nothing but intrinsics.
func TestLockdownFreezesHiddenIntrinsics(t *testing.T) {
	dir := writeApp(t, map[string]string{"app.js": `
const g = Function('return this')();
const hidden = {
  GeneratorFunction: Object.getPrototypeOf(function* () {}).constructor,
  GeneratorPrototype: Object.getPrototypeOf(function* () {}).prototype,
  AsyncFunction: Object.getPrototypeOf(async function () {}).constructor,
  IteratorPrototype: Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
  ArrayIteratorPrototype: Object.getPrototypeOf([][Symbol.iterator]()),
  MapIteratorPrototype: Object.getPrototypeOf(new Map().entries()),
  TypedArray: Object.getPrototypeOf(Uint8Array),
  TypedArrayPrototype: Object.getPrototypeOf(Uint8Array.prototype),
  ThrowTypeError: Object.getOwnPropertyDescriptor(Function.prototype, 'caller').get,
  RealGlobal: g,
  ObjectPrototype: Object.prototype, ArrayPrototype: Array.prototype, JSON, Math, Reflect, Promise,
};
for (const [name, v] of Object.entries(hidden)) console.log(name, Object.isFrozen(v));
console.log('global has no process/require/console:', typeof g.process, typeof g.require, typeof g.console, typeof g.setTimeout);
function Foo() {}
Foo.prototype.toString = function () { return 'foo!'; };
console.log('override taming:', String(new Foo()));
const o = {}; o.hasOwnProperty = 1; console.log('instance override:', o.hasOwnProperty);
try { Array.prototype.push = null; } catch (e) { /* sloppy mode: fails silently */ }
console.log('push:', typeof Array.prototype.push);
console.log('push still works:', [1].concat([2]).length);
`})
	got := runPkgbox(t, dir, "app.js", false)
	for _, line := range strings.Split(strings.TrimSpace(got.stdout), "\n") {
		if strings.HasSuffix(line, " false") {
			t.Errorf("not frozen: %s", line)
		}
	}
	for _, want := range []string{"global has no process/require/console: undefined undefined undefined undefined", "override taming: foo!", "instance override: 1", "push: function", "push still works: 2"} {
		if !strings.Contains(got.stdout, want) {
			t.Errorf("missing %q in\n%s\n%s", want, got.stdout, got.stderr)
		}
	}
}
