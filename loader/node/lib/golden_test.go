package lib

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from node")

type jsCase struct{ name, code string }

func parseCases(t testing.TB, file string) []jsCase {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []jsCase
	for _, line := range strings.Split(string(data), "\n") {
		if name, ok := strings.CutPrefix(line, "=== "); ok {
			cases = append(cases, jsCase{name: strings.TrimSpace(name)})
		} else if len(cases) > 0 {
			c := &cases[len(cases)-1]
			c.code += line + "\n"
		}
	}
	return cases
}

// nodeOutputs runs the case file under node, or returns nil when node is not installed.
func nodeOutputs(t testing.TB, file string) map[string]string {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil
	}
	cmd := exec.Command(node, "testdata/record.js", file)
	env := []string{"TZ=UTC", "LC_ALL=C.UTF-8", "LANG=C.UTF-8"}
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "TZ", "LC_ALL", "LANG", "NODE_DEBUG", "FORCE_COLOR", "NO_COLOR", "NODE_DISABLE_COLORS", "NODE_OPTIONS":
		default:
			env = append(env, kv)
		}
	}
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s: %v", file, err)
	}
	var m map[string]string
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("node %s: %v", file, err)
	}
	return m
}

var stackLine = regexp.MustCompile(`(?m)^ *at .*\n?`)

// normalize drops stack frames, which differ between V8 and goja by design.
func normalize(s string) string {
	return stackLine.ReplaceAllString(s, "")
}

func runCase(t *testing.T, r *realm, c jsCase) string {
	comp := r.newCompartment(t)
	code := "try {\n" + c.code + "\n} catch (e) { print('!throw', e && e.name, e && e.code, e && e.message); }"
	if err := comp.run(code); err != nil {
		t.Errorf("%s: %v", c.name, err)
	}
	return strings.Join(comp.out, "\n")
}

// TestGolden runs every testdata/cases file on goja and compares with node's output: the
// committed goldens always, and node itself when it is on PATH.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/*.js")
	if len(files) == 0 {
		t.Fatal("no case files")
	}
	for _, file := range files {
		base := strings.TrimSuffix(filepath.Base(file), ".js")
		t.Run(base, func(t *testing.T) {
			goldenPath := filepath.Join("testdata", "golden", base+".json")
			live := nodeOutputs(t, file)
			if *update {
				if live == nil {
					t.Fatal("-update needs node on PATH")
				}
				data, _ := json.MarshalIndent(live, "", " ")
				if err := os.WriteFile(goldenPath, append(data, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var golden map[string]string
			data, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("%v (record it with -update)", err)
			}
			if err := json.Unmarshal(data, &golden); err != nil {
				t.Fatal(err)
			}
			r := newRealm(t)
			for _, c := range parseCases(t, file) {
				want, ok := golden[c.name]
				if !ok {
					t.Errorf("%s: no golden output (record it with -update)", c.name)
					continue
				}
				if live != nil && normalize(live[c.name]) != normalize(want) {
					t.Errorf("%s: golden is stale: node now prints\n%s\ngolden has\n%s", c.name, live[c.name], want)
				}
				got := runCase(t, r, c)
				if normalize(got) != normalize(want) {
					t.Errorf("%s:\n--- goja\n%s\n--- node\n%s", c.name, got, want)
				}
			}
		})
	}
}
