package child_process_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pkgbox/pkgbox/loader"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from node's output")

// scenarioEnv is the environment both pkgbox and node run the scenarios with.
var scenarioEnv = []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C", "HOME=/nonexistent", "TZ=UTC"}

// writeApp makes an app folder holding files (name → content) and a package.json.
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

type result struct {
	stdout, stderr string
	code           int
}

// runPkgbox runs dir/entry in-process with the loader; the app has every capability.
func runPkgbox(t *testing.T, dir, entry string) result {
	t.Helper()
	var out, errb bytes.Buffer
	rt, err := loader.New(loader.Options{
		Env: scenarioEnv, Cwd: dir, Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		CacheDir: t.TempDir(),
	})
	if err != nil {
		t.Fatalf("loader.New: %v", err)
	}
	stop := rt.SetTimeout(30 * time.Second)
	defer stop()
	code, err := rt.Run(filepath.Join(dir, entry))
	if err != nil {
		t.Fatalf("run %s: %v", entry, err)
	}
	return result{out.String(), errb.String(), code}
}

// runNode runs dir/entry with node 20, or reports false when node is not on PATH.
func runNode(t *testing.T, dir, entry string) (result, bool) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		return result{}, false
	}
	cmd := exec.Command(node, entry)
	cmd.Dir, cmd.Env = dir, scenarioEnv
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("node %s: %v", entry, err)
	}
	return result{out.String(), errb.String(), code}, true
}

// compareLines reports, line by line, where got differs from want; each scenario line is one
// labelled case.
func compareLines(t *testing.T, against, want, got string) {
	t.Helper()
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			t.Errorf("line %d differs from %s:\nwant %s\ngot  %s", i+1, against, w, g)
		}
	}
}

// TestScenarios runs testdata/scenarios/*.js under pkgbox and compares their output with the
// committed golden files and, when node is on PATH, with node's own output.
func TestScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/scenarios/*.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios in testdata/scenarios (%v)", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".js")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := writeApp(t, map[string]string{"app.js": string(src)})
			golden := filepath.Join("testdata", "golden", name+".out")
			live, haveNode := runNode(t, dir, "app.js")
			if haveNode && live.code != 0 {
				t.Fatalf("node exited %d:\n%s", live.code, live.stderr)
			}
			if *update {
				if !haveNode {
					t.Fatal("-update needs node on PATH")
				}
				if err := os.WriteFile(golden, []byte(live.stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got := runPkgbox(t, dir, "app.js")
			if got.code != 0 || got.stderr != "" {
				t.Errorf("pkgbox exited %d, stderr:\n%s", got.code, got.stderr)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("golden %s: %v (run go test -update with node on PATH)", golden, err)
			}
			compareLines(t, "golden "+golden, string(want), got.stdout)
			if haveNode {
				compareLines(t, "node", live.stdout, got.stdout)
			} else {
				t.Log("node not on PATH: compared with the golden file only")
			}
		})
	}
}
