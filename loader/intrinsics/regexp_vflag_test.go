package intrinsics

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

func TestTranslateUnicodeSetsErrors(t *testing.T) {
	// Messages as node 20 prints them for the same patterns.
	for _, c := range []struct{ pattern, want string }{
		{`[a&&&b]`, "Invalid character in character class"},
		{`[a&&b--c]`, "Invalid set operation in character class"},
		{`[(]`, "Invalid character in character class"},
		{`[a-]`, "Invalid character in character class"},
		{`[a`, "Unterminated character class"},
		{`[^\p{RGI_Emoji}]`, "Negated character class may contain strings"},
		{`\P{RGI_Emoji}`, "Invalid property name"},
		{`[\P{RGI_Emoji}]`, "Invalid property name in character class"},
		{`[z-a]`, "Range out of order in character class"},
		{`[\d-z]`, "Invalid character class"},
		{`[a--]`, "Invalid character in character class"},
		{`[a!!b]`, "Invalid set operation in character class"},
		{`\q{a}`, "Invalid escape"},
		{`[\z]`, "Invalid escape"},
	} {
		_, err := TranslateUnicodeSets(c.pattern, "v")
		want := "Invalid regular expression: /" + c.pattern + "/v: " + c.want
		if err == nil || err.Error() != want {
			t.Errorf("TranslateUnicodeSets(%q) error = %v, want %q", c.pattern, err, want)
		}
	}
}

// TestTranslateUnicodeSetsGoRegexp checks set operations against Go's own \p tables through Go's regexp
// engine, astral code points included.
func TestTranslateUnicodeSetsGoRegexp(t *testing.T) {
	for _, c := range []struct {
		js   string
		want func(rune) bool
	}{
		{`[\p{L}--\p{Lu}]`, func(r rune) bool { return unicode.IsLetter(r) && !unicode.IsUpper(r) }},
		{`[\p{L}&&\p{Script=Greek}]`, func(r rune) bool { return unicode.IsLetter(r) && unicode.Is(unicode.Greek, r) }},
		{`[[\p{N}\p{P}]--[0-9]]`, func(r rune) bool { return (unicode.IsNumber(r) || unicode.IsPunct(r)) && (r < '0' || r > '9') }},
		{`[^\p{L}\d]`, func(r rune) bool { return !unicode.IsLetter(r) && (r < '0' || r > '9') }},
		{`[\p{Nd}&&[^\p{ASCII}]]`, func(r rune) bool { return unicode.IsDigit(r) && r > 0x7F }},
	} {
		exp, err := TranslateUnicodeSets("^"+c.js+"$", "v")
		if err != nil {
			t.Fatal(err)
		}
		goPat := regexp.MustCompile(`\\u00([0-9A-F]{2})`).ReplaceAllString(exp, `\x{$1}`)
		re, err := regexp.Compile(goPat)
		if err != nil {
			t.Fatalf("%s: %v", c.js, err)
		}
		for cp := rune(0); cp <= 0x10FFFF; cp += 3 {
			if cp >= 0xD800 && cp <= 0xDFFF {
				continue
			}
			if re.MatchString(string(cp)) != c.want(cp) {
				t.Errorf("%s disagrees with Go's tables on U+%04X", c.js, cp)
				break
			}
		}
	}
}

func TestTranslateUnicodeSetsStrings(t *testing.T) {
	out, err := TranslateUnicodeSets(`^[\q{ab|abc|}x]$`, "v")
	if err != nil {
		t.Fatal(err)
	}
	// Longest string first, then the characters, then the empty string.
	if want := `^(?:abc|ab|[x]|)$`; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
	rgi, ok := lookupStringProperty("RGI_Emoji")
	if !ok || len(rgi.strings) < 2000 || !rgi.chars.contains(0x1F600) || rgi.chars.contains('a') {
		t.Fatalf("RGI_Emoji: %d strings, has U+1F600 %v", len(rgi.strings), rgi.chars.contains(0x1F600))
	}
	if _, ok := lookupStringProperty("RGI_Emojis"); ok {
		t.Error("an unknown property of strings was accepted")
	}
}

func TestCaseClose(t *testing.T) {
	s := caseClose(uset{'k', 'k'})
	for _, c := range []uint32{'k', 'K', 0x212A} {
		if !s.contains(c) {
			t.Errorf("closure of k lacks U+%04X", c)
		}
	}
	if s.contains('j') {
		t.Error("closure of k holds j")
	}
}

func FuzzTranslateUnicodeSets(f *testing.F) {
	for _, s := range []string{`[\p{L}--[a-z]]`, `[\q{ab|c}&&\q{c}]`, `[[a-z]&&[^q]]+`, `\p{RGI_Emoji}`, `[a-\u{10FFFF}]`, `[\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		out, err := TranslateUnicodeSets(p, "v")
		if err == nil && !strings.ContainsAny(p, `[\`) && out != p {
			t.Fatalf("pattern without classes or escapes changed: %q → %q", p, out)
		}
	})
}
