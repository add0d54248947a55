package testhost

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/dop251/goja"
)

// A scenario is a JavaScript file whose body runs as function (require, done) { ... }. It calls
// done(value) once; the value, as JSON, is what gets compared between this host and node. The same
// file runs unchanged under node, so scenarios avoid Buffer methods (builtins here return plain
// Uint8Arrays) and convert bytes to hex themselves.

// RunScenario runs a scenario to completion and returns the JSON it passed to done.
func (h *Host) RunScenario(name, src string) (string, error) {
	fnv, err := h.vm.RunScript(name, "(function (require, done) {"+src+"\n})")
	if err != nil {
		return "", err
	}
	fn, _ := goja.AssertFunction(fnv)
	var out *string
	done := h.Func("done", 1, func(call goja.FunctionCall) goja.Value {
		if out != nil {
			panic(h.vm.NewTypeError("done called twice"))
		}
		stringify, _ := goja.AssertFunction(h.vm.Get("JSON").(*goja.Object).Get("stringify"))
		s, err := stringify(goja.Undefined(), call.Argument(0))
		if err != nil {
			panic(err)
		}
		str := s.String()
		out = &str
		return goja.Undefined()
	})
	req := h.Func("require", 1, func(call goja.FunctionCall) goja.Value {
		return h.Require(call.Argument(0).String())
	})
	if _, err := fn(goja.Undefined(), req, done); err != nil {
		return "", err
	}
	if err := h.Run(); err != nil {
		return "", err
	}
	if out == nil {
		return "", fmt.Errorf("%s: scenario ended without calling done", name)
	}
	return *out, nil
}

const nodeRunner = `
const fs = require('fs');
const src = fs.readFileSync(process.argv[1], 'utf8');
let called = false;
new Function('require', 'done', src)(require, (v) => {
  if (called) throw new Error('done called twice');
  called = true;
  process.stdout.write(JSON.stringify(v));
});
process.on('exit', () => { if (!called) { process.stderr.write('scenario ended without calling done'); process.exitCode = 1; } });
`

// NodeScenario runs a scenario file under node and returns its JSON; ok is false when node is not on
// PATH.
func NodeScenario(t testing.TB, path string) (out string, ok bool) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		return "", false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", nodeRunner, abs)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\n%s", path, err, stderr.String())
	}
	return stdout.String(), true
}

// CompareScenarios runs every scenario in dir (*.js) on a fresh host from newHost and compares its
// JSON with the golden file in dir/golden/NAME.json and, when node is on PATH, with node's own
// output. With update set, node's output is written as the new golden instead.
func CompareScenarios(t *testing.T, dir string, update bool, newHost func() *Host) {
	files, err := filepath.Glob(filepath.Join(dir, "*.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios in %s (%v)", dir, err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			golden := filepath.Join(dir, "golden", name[:len(name)-3]+".json")
			live, haveNode := NodeScenario(t, file)
			if update {
				if !haveNode {
					t.Fatal("-update needs node on PATH")
				}
				if err := os.WriteFile(golden, indentJSON(t, live), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got, err := newHost().RunScenario(name, string(src))
			if err != nil {
				t.Fatalf("scenario failed: %v", err)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("golden %s: %v (run go test -update with node on PATH)", golden, err)
			}
			diffJSON(t, "golden", want, []byte(got))
			if haveNode {
				diffJSON(t, "node", []byte(live), []byte(got))
			} else {
				t.Log("node not on PATH: compared with the golden file only")
			}
		})
	}
}

func indentJSON(t testing.TB, s string) []byte {
	var buf bytes.Buffer
	if err := json.Indent(&buf, []byte(s), "", "  "); err != nil {
		t.Fatalf("node output is not JSON: %v\n%s", err, s)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// diffJSON compares two JSON documents key by key so that a failure names the case that differs.
func diffJSON(t *testing.T, against string, want, got []byte) {
	t.Helper()
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("%s JSON: %v", against, err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("our JSON: %v\n%s", err, got)
	}
	wm, wok := w.(map[string]any)
	gm, gok := g.(map[string]any)
	if !wok || !gok {
		if !jsonEqual(w, g) {
			t.Errorf("differs from %s:\nwant %s\ngot  %s", against, want, got)
		}
		return
	}
	for k, wv := range wm {
		gv, ok := gm[k]
		if !ok {
			t.Errorf("%s: missing (want %s)", k, compact(wv))
			continue
		}
		if !jsonEqual(wv, gv) {
			t.Errorf("%s differs from %s:\nwant %s\ngot  %s", k, against, compact(wv), compact(gv))
		}
	}
	for k, gv := range gm {
		if _, ok := wm[k]; !ok {
			t.Errorf("%s: not in %s (got %s)", k, against, compact(gv))
		}
	}
}

func jsonEqual(a, b any) bool { return compact(a) == compact(b) }

func compact(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
