package loader

import (
	"testing"

	"github.com/pkgbox/pkgbox/loader/node/lib"
)

func TestStripLiteralsKeepsCodeAndDropsText(t *testing.T) {
	cases := []struct{ src, present, absent string }{
		{"const e = 'Buffer size'; process.x", "process", "Buffer"},
		{"// Buffer here\nglobal.x", "global", "Buffer"},
		{"/* Buffer */ global.x", "global", "Buffer"},
		{"a = `text ${Buffer.from(x)} more` + global", "global", ""},
		{"a = `text ${f({ a: 1 })} Buffer ${b}`; global.y", "global", "Buffer"},
		{"s.replace(/['\"]Buffer/g, '?'); global.z", "global", "Buffer"},
		{"x = a / b; global.w", "global", ""},
	}
	for _, c := range cases {
		got := mentionedNames(stripLiterals(c.src), []string{"Buffer", "global", "process"})
		if c.present != "" && !got[c.present] {
			t.Errorf("%q: %s should count as used", c.src, c.present)
		}
		if c.absent != "" && got[c.absent] {
			t.Errorf("%q: %s should not count as used", c.src, c.absent)
		}
	}
	if got := mentionedNames(stripLiterals("a = `${Buffer}`"), []string{"Buffer"}); !got["Buffer"] {
		t.Error("a name inside a template substitution is code")
	}
}

// Every builtin that uses a global in code must still be seen to use it after stripping: compare
// with the plain scan on the names that matter for start-up cost and correctness.
func TestStripLiteralsOnBuiltins(t *testing.T) {
	for _, name := range lib.AllNames() {
		src, _ := lib.Source(name)
		plain := mentionedNames(src, builtinParams)
		stripped := mentionedNames(stripLiterals(src), builtinParams)
		for k := range stripped {
			if !plain[k] {
				t.Errorf("%s: stripping invented a use of %s", name, k)
			}
		}
	}
}
