package loader_test

import (
	"strings"
	"testing"

	"github.com/pkgbox/pkgbox/policy"
)

// Listeners for uncaught errors decide whether the app survives its own fatal error, and receive
// that error: a package needs process.control to install one (fixtures/attacks/process-uncaught-swallow).
func TestUncaughtErrorListenersNeedProcessControl(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"package.json":                    `{"name":"app","version":"1.0.0","dependencies":{"guard":"1.0.0"}}`,
		"node_modules/guard/package.json": `{"name":"guard","version":"1.0.0"}`,
		"node_modules/guard/index.js": `for (const ev of ['uncaughtException', 'unhandledRejection']) {
  try { process.on(ev, (e) => console.log('guard caught', e.message)); console.log(ev, 'ok'); } catch (e) { console.log(ev, e.code); }
}`,
		"app.js": `require('guard');
setTimeout(() => { throw new Error('app failure'); }, 1);
setTimeout(() => console.log('app still running'), 50);`,
	})
	run := func(grants map[string]map[string]policy.Grant) (string, string, int) {
		t.Helper()
		r := runUnderPolicy(t, dir, "app.js", policy.Config{Packages: grants})
		return r.stdout, r.stderr, r.code
	}

	out, stderr, code := run(nil)
	if !strings.Contains(out, "uncaughtException ERR_PKGBOX_DENIED") || !strings.Contains(out, "unhandledRejection ERR_PKGBOX_DENIED") {
		t.Errorf("ungranted package installed error listeners:\n%s", out)
	}
	if code != 1 || strings.Contains(out, "app still running") || strings.Contains(out, "guard caught") || !strings.Contains(stderr, "app failure") {
		t.Errorf("the app's fatal error must end the run (exit %d):\n%s\n%s", code, out, stderr)
	}
	if !strings.Contains(stderr, `process.control (process.on("uncaughtException"))`) {
		t.Errorf("stderr lacks the denial:\n%s", stderr)
	}

	out, stderr, code = run(map[string]map[string]policy.Grant{"guard": {"process.control": {All: true}}})
	if code != 0 || !strings.Contains(out, "guard caught app failure") || !strings.Contains(out, "app still running") {
		t.Errorf("a package granted process.control keeps its listener (exit %d):\n%s\n%s", code, out, stderr)
	}
}
