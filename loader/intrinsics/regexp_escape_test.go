package intrinsics

import (
	"regexp"
	"strings"
	"testing"
)

func TestExpandPropertyEscapesUnchanged(t *testing.T) {
	for _, c := range []struct{ pattern, flags string }{
		{`abc`, "u"}, {`\p{L}`, ""}, {`\p{L}`, "gi"}, {`\\p{L}`, "u"}, {`[\]\\p{L}]`, "u"}, {``, "u"},
	} {
		got, err := ExpandPropertyEscapes(c.pattern, c.flags)
		if err != nil || got != c.pattern {
			t.Errorf("ExpandPropertyEscapes(%q, %q) = %q, %v; want it unchanged", c.pattern, c.flags, got, err)
		}
	}
}

func TestExpandPropertyEscapesErrors(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{`\p{Foo}`, `Invalid regular expression: /\p{Foo}/u: Invalid property name`},
		{`\p{L`, `Invalid regular expression: /\p{L/u: Invalid property name`},
		{`\p`, `Invalid regular expression: /\p/u: Invalid property name`},
		{`\P{}`, `Invalid regular expression: /\P{}/u: Invalid property name`},
		{`\p{letter}`, `Invalid regular expression: /\p{letter}/u: Invalid property name`},
		{`\p{Script=Nope}`, `Invalid regular expression: /\p{Script=Nope}/u: Invalid property name`},
		{`\p{Block=Basic_Latin}`, `Invalid regular expression: /\p{Block=Basic_Latin}/u: Invalid property name`},
		{`[a-\p{L}]`, `Invalid regular expression: /[a-\p{L}]/u: Invalid character class`},
		{`[\p{L}-z]`, `Invalid regular expression: /[\p{L}-z]/u: Invalid character class`},
	} {
		_, err := ExpandPropertyEscapes(c.pattern, "u")
		if err == nil || err.Error() != c.want {
			t.Errorf("ExpandPropertyEscapes(%q) error = %v, want %q", c.pattern, err, c.want)
		}
	}
}

// TestExpandPropertyEscapesGoRegexp checks the expansion against Go's own \p tables through Go's
// regexp engine (the one goja uses for patterns without lookaround), astral code points included.
func TestExpandPropertyEscapesGoRegexp(t *testing.T) {
	for _, c := range []struct {
		js, goClass string
	}{
		{`\p{L}`, `\pL`}, {`\p{Lu}`, `\p{Lu}`}, {`\p{Nd}`, `\p{Nd}`}, {`\p{Script=Han}`, `\p{Han}`},
		{`\p{sc=Grek}`, `\p{Greek}`}, {`\P{L}`, `\PL`}, {`[\p{N}\p{P}]`, `[\pN\pP]`}, {`[^\p{Lu}]`, `\P{Lu}`},
		{`\p{Script=Cyrl}`, `\p{Cyrillic}`}, {`\P{Cc}`, `\P{Cc}`},
	} {
		exp, err := ExpandPropertyEscapes("^"+c.js+"$", "u")
		if err != nil {
			t.Fatal(err)
		}
		// The expansion uses \xHH and \u00HH escapes for ASCII and C1 controls; Go spells them \x{..}.
		goPat := regexp.MustCompile(`\\u00([0-9A-F]{2})`).ReplaceAllString(exp, `\x{$1}`)
		mine, err := regexp.Compile(goPat)
		if err != nil {
			t.Fatalf("%s: %v", c.js, err)
		}
		ref := regexp.MustCompile("^" + c.goClass + "$")
		for cp := rune(0); cp <= 0x10FFFF; cp += 7 {
			if cp >= 0xD800 && cp <= 0xDFFF {
				continue
			}
			s := string(cp)
			if mine.MatchString(s) != ref.MatchString(s) {
				t.Errorf("%s and %s disagree on U+%04X", c.js, c.goClass, cp)
				break
			}
		}
	}
}

func TestUsetOperations(t *testing.T) {
	s := uset{0x41, 0x5A, 0x61, 0x7A}
	if !s.contains('Q') || s.contains('_') || !s.contains('a') {
		t.Fatal("contains")
	}
	c := s.complement()
	if c.contains('Q') || !c.contains('_') || c.contains(0xD800) || !c.contains(0x10FFFF) {
		t.Fatalf("complement: %v", c)
	}
	if got := union(uset{1, 3}, uset{4, 6}, uset{10, 12}); len(got) != 4 || got[1] != 6 {
		t.Fatalf("union merges adjacent ranges: %v", got)
	}
	if got := s.minus(uset{0x50, 0x62}); !got.contains('O') || got.contains('P') || got.contains('b') || !got.contains('c') {
		t.Fatalf("minus: %v", got)
	}
}

func FuzzExpandPropertyEscapes(f *testing.F) {
	for _, s := range []string{`\p{L}+`, `[\P{Nd}_]`, `\p{Script=Latin}`, `\\p{`, `[\p{Lu}-`, `\p{L`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		out, err := ExpandPropertyEscapes(p, "u")
		if err == nil && !strings.Contains(p, `\p`) && !strings.Contains(p, `\P`) && out != p {
			t.Fatalf("pattern without escapes changed: %q → %q", p, out)
		}
	})
}
