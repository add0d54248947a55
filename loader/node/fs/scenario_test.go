package fs_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pkgbox/pkgbox/loader"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from node's output")

// runOps runs testdata/NAME.js with cwd set to a fresh folder, under pkgbox or node, and returns
// its JSON with that folder written as CWD.
func runOps(t *testing.T, name string, underNode bool) string {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("testdata", name+".js"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if underNode {
		cmd := exec.Command("node", script)
		cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("node %s: %v\n%s", name, err, stderr.String())
		}
	} else {
		rt, err := loader.New(loader.Options{Cwd: dir, Stdout: &stdout, Stderr: &stderr, CacheDir: t.TempDir(), Env: []string{}})
		if err != nil {
			t.Fatal(err)
		}
		code, err := rt.Run(script)
		if err != nil || code != 0 {
			t.Fatalf("pkgbox %s: exit %d, %v\n%s", name, code, err, stderr.String())
		}
	}
	return strings.ReplaceAll(stdout.String(), dir, "CWD")
}

// TestOpsMatchNode compares every sync, callback and promise result of testdata/ops.js with the
// committed golden (node 20's output) and, when node is on PATH, with node itself.
func TestOpsMatchNode(t *testing.T) {
	golden := filepath.Join("testdata", "golden", "ops.json")
	_, err := exec.LookPath("node")
	haveNode := err == nil
	var live string
	if haveNode {
		live = runOps(t, "ops", true)
	}
	if *update {
		if !haveNode {
			t.Fatal("-update needs node on PATH")
		}
		var v any
		if err := json.Unmarshal([]byte(live), &v); err != nil {
			t.Fatalf("node output is not JSON: %v\n%s", err, live)
		}
		b, _ := json.MarshalIndent(v, "", "  ")
		if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%s: %v (run go test -update with node on PATH)", golden, err)
	}
	got := runOps(t, "ops", false)
	compareCases(t, "golden "+golden, want, []byte(got))
	if haveNode {
		compareCases(t, "node", []byte(live), []byte(got))
	}
}

func compareCases(t *testing.T, against string, want, got []byte) {
	t.Helper()
	var w, g map[string]any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("%s is not JSON: %v", against, err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("our output is not JSON: %v\n%s", err, got)
	}
	for k, wv := range w {
		wj, _ := json.Marshal(wv)
		gj, _ := json.Marshal(g[k])
		if !bytes.Equal(wj, gj) {
			t.Errorf("case %s differs from %s:\nwant %s\ngot  %s", k, against, wj, gj)
		}
	}
	for k := range g {
		if _, ok := w[k]; !ok {
			t.Errorf("case %s is not in %s", k, against)
		}
	}
}
