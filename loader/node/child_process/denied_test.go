package child_process_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// deniedPkg is a package (no process.spawn grant) that tries every entry point and logs how each
// failure reached it, in order.
const deniedPkg = `
const cp = require('child_process');
const log = (...a) => console.log(JSON.stringify(a));
const denied = (e) => e && e.code === 'ERR_PKGBOX_DENIED' ? 'DENIED ' + e.message : 'NOT DENIED ' + (e && e.message);
try { cp.spawnSync('echo', ['x']); log('spawnSync returned'); } catch (e) { log('spawnSync', denied(e)); }
try { cp.execSync('echo x'); log('execSync returned'); } catch (e) { log('execSync', denied(e)); }
try { cp.execFileSync('echo', ['x']); log('execFileSync returned'); } catch (e) { log('execFileSync', denied(e)); }
const c = cp.spawn('echo', ['x']);
c.on('error', (e) => log('spawn error event', denied(e)));
c.on('close', (code) => log('spawn close', code));
c.on('spawn', () => log('spawn event'));
cp.spawn('echo', ['x'], { shell: true }).on('error', (e) => log('shell error event', denied(e)));
cp.exec('echo hi', (err, stdout, stderr) => log('exec callback', denied(err), stdout, stderr));
cp.execFile('echo', ['hi'], (err) => log('execFile callback', denied(err)));
log('sync code finished first', typeof c.pid);
`

func TestDeniedPackageGetsNodeShapedErrors(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"package.json":                     `{"name":"app","version":"1.0.0","dependencies":{"victim":"1.0.0"}}`,
		"app.js":                           `require('victim');`,
		"node_modules/victim/package.json": `{"name":"victim","version":"1.0.0"}`,
		"node_modules/victim/index.js":     deniedPkg,
	})
	got := runPkgbox(t, dir, "app.js")
	sh, err := filepath.EvalSymlinks("/bin/sh")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(got.stdout), "\n")
	want := []struct{ prefix, contains string }{
		{`["spawnSync","DENIED `, "child_process.spawnSync"},
		{`["execSync","DENIED `, sh}, // exec forms are checked as the shell
		{`["execFileSync","DENIED `, "child_process.execFileSync"},
		{`["sync code finished first","undefined"]`, ""}, // async denials arrive later
		{`["spawn error event","DENIED `, "child_process.spawn)"},
		{`["spawn close",-1]`, ""},
		{`["shell error event","DENIED `, sh},
		{`["exec callback","DENIED `, "child_process.exec)"},
		{`["execFile callback","DENIED `, "child_process.execFile)"},
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s\nstderr:\n%s", len(lines), len(want), got.stdout, got.stderr)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w.prefix) || !strings.Contains(lines[i], w.contains) {
			t.Errorf("line %d: got %s\nwant prefix %s containing %q", i+1, lines[i], w.prefix, w.contains)
		}
	}
	if strings.Contains(got.stdout, "spawn event") || strings.Contains(got.stdout, "returned") {
		t.Errorf("a denied start ran:\n%s", got.stdout)
	}
}
