package zlib

import (
	"os"
	"testing"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/crypto"
	"github.com/pkgbox/pkgbox/loader/node/crypto/testhost"
)

// newHost has zlib and what it requires (internal/pkgbox/errors from crypto, the stream stand-in).
func newHost() *testhost.Host { return testhost.New(crypto.Builtins(), Builtins()) }

// jsFunc evaluates src (a function expression) with zlib in scope and returns it callable.
func jsFunc(t testing.TB, h *testhost.Host, src string) goja.Callable {
	t.Helper()
	vm := h.VM()
	if err := vm.Set("zlib", h.Require("zlib")); err != nil {
		t.Fatal(err)
	}
	v, err := vm.RunString("(" + src + ")")
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		t.Fatalf("not a function: %s", src)
	}
	return fn
}

// testInputs evaluates testdata/inputs.js in h and returns its inputs as Go bytes and as values.
func testInputs(t testing.TB, h *testhost.Host) (map[string][]byte, map[string]goja.Value) {
	t.Helper()
	src, err := os.ReadFile("testdata/inputs.js")
	if err != nil {
		t.Fatal(err)
	}
	fn := jsFunc(t, h, string(src))
	v, err := fn(goja.Undefined())
	if err != nil {
		t.Fatal(err)
	}
	obj := v.(*goja.Object)
	raw := map[string][]byte{}
	vals := map[string]goja.Value{}
	for _, k := range obj.Keys() {
		var b []byte
		if err := h.VM().ExportTo(obj.Get(k), &b); err != nil {
			t.Fatal(err)
		}
		raw[k] = append([]byte(nil), b...)
		vals[k] = obj.Get(k)
	}
	return raw, vals
}

func bytesOf(t testing.TB, h *testhost.Host, v goja.Value) []byte {
	t.Helper()
	var b []byte
	if err := h.VM().ExportTo(v, &b); err != nil {
		t.Fatalf("not bytes: %v", v)
	}
	return append([]byte(nil), b...)
}
