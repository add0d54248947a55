package intrinsics

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dop251/goja"
)

// TestFrozenIntrinsics runs every golden case after freezing everything reachable from the global
// object, as lockdown will: nothing Install made may write to a shared object after it returns.
func TestFrozenIntrinsics(t *testing.T) {
	vm := goja.New()
	if err := Install(vm); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"run.js", "cases.js", "freeze.js"} {
		src, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		v, err := vm.RunScript(f, string(src))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if f == "freeze.js" {
			t.Logf("froze %v objects", v)
		}
	}
	frozen, err := vm.RunString(`Object.isFrozen(Intl.NumberFormat.prototype) && Object.isFrozen(RegExp) && Object.isFrozen(String.prototype)`)
	if err != nil || !frozen.ToBoolean() {
		t.Fatalf("freeze.js did not freeze the intrinsics: %v %v", frozen, err)
	}
	var cases, results []string
	if err := vm.ExportTo(vm.Get("CASES"), &cases); err != nil {
		t.Fatal(err)
	}
	v, err := vm.RunString(`"use strict"; runAll(CASES)`)
	if err != nil {
		t.Fatal(err)
	}
	if err := vm.ExportTo(v, &results); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	compareWith(t, "golden.json (frozen realm)", loadGolden(t, data), cases, results)
}
