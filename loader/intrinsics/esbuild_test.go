package intrinsics

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
)

// TestEsbuildLowersPropertyEscapes checks the lead's plan: with "regexp-unicode-property-escapes"
// marked unsupported, esbuild turns /\p{...}/u literals into new RegExp(...) calls, which the wrapped
// constructor expands.
func TestEsbuildLowersPropertyEscapes(t *testing.T) {
	src := `const re = /^\p{Lu}\p{Ll}+$/u; const emoji = /\p{Extended_Pictographic}/gu;
module.exports = [re.test("Hello"), re.test("hello"), "a😀b".replace(emoji, "*"), /\P{L}+/u.exec("ab12cd")[0]];`
	res := api.Transform(src, api.TransformOptions{
		Loader:    api.LoaderJS,
		Format:    api.FormatCommonJS,
		Supported: map[string]bool{"regexp-unicode-property-escapes": false},
	})
	if len(res.Errors) > 0 {
		t.Fatalf("esbuild: %v", res.Errors)
	}
	out := string(res.Code)
	if strings.Contains(out, `/^\p{Lu}`) || !strings.Contains(out, "new RegExp(") {
		t.Fatalf("expected the literals lowered to new RegExp calls, got:\n%s", out)
	}
	vm := goja.New()
	if err := Install(vm); err != nil {
		t.Fatal(err)
	}
	module := vm.NewObject()
	_ = vm.Set("module", module)
	if _, err := vm.RunString(out); err != nil {
		t.Fatalf("running esbuild output: %v\n%s", err, out)
	}
	got, err := vm.RunString(`JSON.stringify(module.exports)`)
	if err != nil {
		t.Fatal(err)
	}
	if want := `[true,false,"a*b","12"]`; got.String() != want {
		t.Fatalf("got %s, want %s\nesbuild output:\n%s", got, want, out)
	}
}
