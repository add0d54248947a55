package web

import (
	"testing"

	"github.com/dop251/goja"
)

// benchJS runs body (a function of n) once with n = b.N in a harness with the globals in scope.
func benchJS(b *testing.B, setup, body string) {
	h := newHarness(b)
	names, vals := h.globals()
	src := "(function (" + joinNames(names) + ") {" + setup + "\nreturn function (n) {" + body + "}; })"
	fnVal, err := h.vm.RunString(src)
	if err != nil {
		b.Fatal(err)
	}
	outer, _ := goja.AssertFunction(fnVal)
	inner, err := outer(goja.Undefined(), vals...)
	if err != nil {
		b.Fatal(err)
	}
	run, _ := goja.AssertFunction(inner)
	b.ResetTimer()
	if _, err := run(goja.Undefined(), h.vm.ToValue(b.N)); err != nil {
		b.Fatal(err)
	}
}

func joinNames(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}

func BenchmarkNewURL(b *testing.B) {
	benchJS(b, `const s = 'https://user:pw@example.com:8080/a/b/c?q=1&r=2#frag';`,
		`for (let i = 0; i < n; i++) new URL(s);`)
}

func BenchmarkURLHref(b *testing.B) {
	benchJS(b, `const u = new URL('https://example.com/a/b?q=1'); let x;`,
		`for (let i = 0; i < n; i++) x = u.href;`)
}

func BenchmarkURLPathname(b *testing.B) {
	benchJS(b, `const u = new URL('https://example.com/a/b?q=1'); let x;`,
		`for (let i = 0; i < n; i++) x = u.pathname;`)
}

func BenchmarkSearchParamsGet(b *testing.B) {
	benchJS(b, `const p = new URL('https://example.com/?a=1&b=2&c=3&d=4&e=5').searchParams; let x;`,
		`for (let i = 0; i < n; i++) x = p.get('d');`)
}

func BenchmarkTextDecoder1MBASCII(b *testing.B) {
	b.SetBytes(1 << 20)
	benchJS(b, `const d = new TextDecoder(); const buf = new Uint8Array(1 << 20).fill(0x61);`,
		`for (let i = 0; i < n; i++) d.decode(buf);`)
}

func BenchmarkTextDecoder1MBUTF8(b *testing.B) {
	b.SetBytes(1 << 20)
	benchJS(b, `const d = new TextDecoder(); const buf = new Uint8Array(1 << 20);
		const pat = new TextEncoder().encode('héllo wörld ✓ 😀 ');
		for (let i = 0; i + pat.length <= buf.length; i += pat.length) buf.set(pat, i);`,
		`for (let i = 0; i < n; i++) d.decode(buf);`)
}

func BenchmarkTextEncoder1MB(b *testing.B) {
	b.SetBytes(1 << 20)
	benchJS(b, `const e = new TextEncoder(); const s = 'a'.repeat(1 << 20);`,
		`for (let i = 0; i < n; i++) e.encode(s);`)
}

func BenchmarkStructuredClone1000Keys(b *testing.B) {
	benchJS(b, `const o = {}; for (let i = 0; i < 1000; i++) o['k' + i] = i;`,
		`for (let i = 0; i < n; i++) structuredClone(o);`)
}

func BenchmarkParseURLGo(b *testing.B) {
	for i := 0; i < b.N; i++ {
		parseURL("https://user:pw@example.com:8080/a/b/c?q=1&r=2#frag", nil, nil, noOverride)
	}
}
