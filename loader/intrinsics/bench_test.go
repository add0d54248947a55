package intrinsics

import (
	"testing"

	"github.com/dop251/goja"
)

// BenchmarkInstall measures what every pkgbox start pays: goja.New plus Install.
func BenchmarkInstall(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		vm := goja.New()
		if err := Install(vm); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInstallBaseline materialises the goja intrinsics Install touches (goja builds them lazily,
// and lockdown will touch them all anyway), so Install's own share is the difference.
func BenchmarkInstallBaseline(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		vm := goja.New()
		if _, err := vm.RunString(`[Object.prototype, Array.prototype[Symbol.iterator], Date.prototype, String.prototype,
			Number.prototype, BigInt.prototype, Symbol.iterator, RegExp.prototype.compile, RangeError, SyntaxError, Proxy,
			Object.freeze, Object.getOwnPropertyDescriptor, Object.defineProperty]`); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGojaNew is the baseline Install adds to.
func BenchmarkGojaNew(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = goja.New()
	}
}

func jsFunc(b *testing.B, vm *goja.Runtime, src string) goja.Callable {
	b.Helper()
	v, err := vm.RunString(src)
	if err != nil {
		b.Fatal(err)
	}
	f, ok := goja.AssertFunction(v)
	if !ok {
		b.Fatalf("%s is not a function", src)
	}
	return f
}

func runJS(b *testing.B, f goja.Callable) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f(goja.Undefined()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRegExp compares new RegExp("a+") through the wrapper with goja's own constructor.
func BenchmarkNewRegExp(b *testing.B) {
	b.Run("goja", func(b *testing.B) {
		runJS(b, jsFunc(b, goja.New(), `(function () { return new RegExp("a+"); })`))
	})
	b.Run("wrapped", func(b *testing.B) {
		vm := goja.New()
		_ = Install(vm)
		runJS(b, jsFunc(b, vm, `(function () { return new RegExp("a+"); })`))
	})
	b.Run("wrapped-property-escape", func(b *testing.B) {
		vm := goja.New()
		_ = Install(vm)
		runJS(b, jsFunc(b, vm, `(function () { return new RegExp("\\p{L}+", "u"); })`))
	})
}

// BenchmarkSplitByRegExp checks that split keeps goja's fast path after the RegExp swap.
func BenchmarkSplitByRegExp(b *testing.B) {
	src := `(function () { return "a,b;c,d;e".split(/[,;]/); })`
	b.Run("goja", func(b *testing.B) { runJS(b, jsFunc(b, goja.New(), src)) })
	b.Run("installed", func(b *testing.B) {
		vm := goja.New()
		_ = Install(vm)
		runJS(b, jsFunc(b, vm, src))
	})
}

func BenchmarkNumberFormat(b *testing.B) {
	vm := goja.New()
	_ = Install(vm)
	b.Run("format", func(b *testing.B) {
		runJS(b, jsFunc(b, vm, `(function () { var nf = new Intl.NumberFormat("en-US", {maximumFractionDigits: 2}); return function () { return nf.format(1234567.891); }; })()`))
	})
	b.Run("currency", func(b *testing.B) {
		runJS(b, jsFunc(b, vm, `(function () { var nf = new Intl.NumberFormat("en-US", {style: "currency", currency: "EUR"}); return function () { return nf.format(-1234.5); }; })()`))
	})
	b.Run("toLocaleString", func(b *testing.B) {
		runJS(b, jsFunc(b, vm, `(function () { return (1234567.891).toLocaleString(); })`))
	})
	b.Run("construct", func(b *testing.B) {
		runJS(b, jsFunc(b, vm, `(function () { return new Intl.NumberFormat("de-DE", {style: "percent"}); })`))
	})
}

func BenchmarkDateTimeFormat(b *testing.B) {
	vm := goja.New()
	_ = Install(vm)
	runJS(b, jsFunc(b, vm, `(function () { var f = new Intl.DateTimeFormat("en-US", {dateStyle: "medium", timeStyle: "short", timeZone: "America/New_York"}); return function () { return f.format(1732370767089); }; })()`))
}

func BenchmarkSegmenterGraphemes(b *testing.B) {
	vm := goja.New()
	_ = Install(vm)
	runJS(b, jsFunc(b, vm, `(function () { var s = new Intl.Segmenter(); return function () { var n = 0; for (var x of s.segment("héllo wörld 👨‍👩‍👧 日本語")) n++; return n; }; })()`))
}

func BenchmarkLocaleCompareSort(b *testing.B) {
	vm := goja.New()
	_ = Install(vm)
	runJS(b, jsFunc(b, vm, `(function () { var words = "delta alpha Charlie bravo echo Foxtrot golf hotel India juliet".split(" "); return function () { return words.slice().sort(function (a, b) { return a.localeCompare(b); }); }; })()`))
}
