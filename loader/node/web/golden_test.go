package web

import (
	"github.com/dop251/goja"

	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGolden runs every testdata/*.test.js in the harness and compares what it prints with the
// golden file recorded from node (gen_golden.sh). Where node is on PATH it also runs the script
// under node and compares live, so a stale golden file shows up.
func TestGolden(t *testing.T) {
	scripts, err := filepath.Glob("testdata/*.test.js")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no test scripts: %v", err)
	}
	helpers := readFile(t, "testdata/helpers.js")
	miniInspect := readFile(t, "testdata/mini_inspect.js")
	nodePath, _ := exec.LookPath("node")
	for _, script := range scripts {
		name := strings.TrimSuffix(filepath.Base(script), ".test.js")
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			got := h.runScriptWith(script, helpers+"\n"+miniInspect+"\n"+readFile(t, script), map[string]goja.Value{
				"internalURL": h.Require("internal/url"),
			})
			want := readFile(t, strings.TrimSuffix(script, ".test.js")+".golden")
			if got != want {
				t.Errorf("output differs from %s.golden:\n%s", name, lineDiff(want, got))
			}
			if nodePath == "" {
				return
			}
			cmd := exec.Command(nodePath, "testdata/run_node.js", script)
			cmd.Env = append(os.Environ(), "TZ=UTC", "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
			live, err := cmd.Output()
			if err != nil {
				t.Fatalf("node %s: %v", script, err)
			}
			if string(live) != want {
				t.Errorf("%s.golden is stale (run testdata/gen_golden.sh):\n%s", name, lineDiff(string(live), want))
			}
		})
	}
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// lineDiff lists the lines that differ, enough to see what broke.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := max(len(w), len(g))
	shown := 0
	for i := 0; i < n && shown < 40; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("  line " + strconv.Itoa(i+1) + ":\n    want: " + wl + "\n    got:  " + gl + "\n")
			shown++
		}
	}
	return b.String()
}
