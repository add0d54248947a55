package intrinsics

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/dop251/goja"
)

func TestMain(m *testing.M) {
	// The golden file was made with TZ=UTC; goja's Date and the default time zone follow the process's.
	os.Setenv("TZ", "UTC")
	time.Local = time.UTC
	os.Exit(m.Run())
}

type goldenCase struct {
	Case string `json:"case"`
	Node string `json:"node"`
}

// runCasesInGoja evaluates testdata/cases.js in a fresh runtime after Install.
func runCasesInGoja(t testing.TB) (cases, results []string) {
	t.Helper()
	vm := goja.New()
	if err := Install(vm); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"run.js", "cases.js"} {
		src, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := vm.RunScript(f, string(src)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if err := vm.ExportTo(vm.Get("CASES"), &cases); err != nil {
		t.Fatal(err)
	}
	v, err := vm.RunString("runAll(CASES)")
	if err != nil {
		t.Fatal(err)
	}
	if err := vm.ExportTo(v, &results); err != nil {
		t.Fatal(err)
	}
	return cases, results
}

func loadGolden(t *testing.T, data []byte) []goldenCase {
	t.Helper()
	var g []goldenCase
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

func compareWith(t *testing.T, source string, golden []goldenCase, cases, results []string) {
	t.Helper()
	byCase := map[string]string{}
	for _, g := range golden {
		byCase[g.Case] = g.Node
	}
	failed := 0
	for i, c := range cases {
		want, ok := byCase[c]
		if !ok {
			t.Errorf("%s has no result for case %q: regenerate testdata/golden.json", source, c)
			continue
		}
		if results[i] != want {
			failed++
			t.Errorf("%s\n  case: %s\n  node: %s\n  goja: %s", source, c, want, results[i])
		}
	}
	t.Logf("%s: %d cases, %d differ", source, len(cases), failed)
}

// TestGolden compares pkgbox's results with node's recorded ones.
func TestGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	cases, results := runCasesInGoja(t)
	compareWith(t, "golden.json", loadGolden(t, data), cases, results)
}

// TestGoldenLiveNode runs the cases in the node on PATH too, so a stale golden file cannot hide a
// difference. Skipped where node is absent.
func TestGoldenLiveNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not on PATH")
	}
	cmd := exec.Command(node, filepath.Join("testdata", "golden.js"))
	cmd.Env = append(os.Environ(), "TZ=UTC", "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node testdata/golden.js: %v\n%s", err, stderr.String())
	}
	cases, results := runCasesInGoja(t)
	compareWith(t, "node (live)", loadGolden(t, out), cases, results)
}
