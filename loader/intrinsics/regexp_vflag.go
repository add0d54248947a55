package intrinsics

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The v flag (ES2024 unicodeSets) is not in goja. TranslateUnicodeSets rewrites a v-mode pattern into an
// equivalent u-mode one: every character class is evaluated here, with its nested classes, set operations
// (-- and &&), \q{...} string alternatives and properties of strings, into an explicit set of code points
// and strings, and written back as a plain class, or as (?:longest|...|[chars]) when it holds strings.
// Outside classes v-mode syntax is u-mode syntax, so the rest of the pattern is copied unchanged.
//
// Case-insensitive (i) v-mode folds every class operand before the set operations (ECMA-262
// MaybeSimpleCaseFolding) and complements only within folded characters. Here operands are closed under
// simple case folding instead (each code point with all of its unicode.SimpleFold orbit): the two agree
// for matching, since goja's i-mode then compares folded input against the closed set.
//
// Known differences from V8: lone surrogates are never class members (pkgbox's engines see code points,
// as the rest of the property support does); a negated class is rejected for strings only when its
// evaluated value holds strings (V8 also rejects some whose strings cancel out).

// vTranslations caches translated patterns: string-width and friends build theirs in hot paths.
var (
	vTranslations     sync.Map // key: flags + "\x00" + pattern; value: string
	vTranslationCount int
	vTranslationMu    sync.Mutex
)

const maxVTranslations = 512

// TranslateUnicodeSets returns the u-mode equivalent of a v-mode pattern; flags are the regexp's flags
// (i matters). Errors are V8's SyntaxError messages, e.g.
// "Invalid regular expression: /[a&&&b]/v: Invalid set operation in character class".
func TranslateUnicodeSets(pattern, flags string) (string, error) {
	key := flags + "\x00" + pattern
	if v, ok := vTranslations.Load(key); ok {
		return v.(string), nil
	}
	p := &vParser{src: pattern, flags: flags, icase: strings.ContainsRune(flags, 'i')}
	out, err := p.translate()
	if err != nil {
		return "", err
	}
	vTranslationMu.Lock()
	if vTranslationCount < maxVTranslations {
		vTranslationCount++
		vTranslations.Store(key, out)
	}
	vTranslationMu.Unlock()
	return out, nil
}

// classSet is the value of a v-mode class: code points, and strings of zero or several code points.
type classSet struct {
	chars uset
	strs  map[string]bool
}

func (c classSet) hasStrings() bool { return len(c.strs) > 0 }

func (c classSet) union(d classSet) classSet {
	out := classSet{chars: union(c.chars, d.chars)}
	for _, m := range []map[string]bool{c.strs, d.strs} {
		for s := range m {
			if out.strs == nil {
				out.strs = map[string]bool{}
			}
			out.strs[s] = true
		}
	}
	return out
}

func (c classSet) intersect(d classSet) classSet {
	out := classSet{chars: c.chars.intersect(d.chars)}
	for s := range c.strs {
		if d.strs[s] {
			if out.strs == nil {
				out.strs = map[string]bool{}
			}
			out.strs[s] = true
		}
	}
	return out
}

func (c classSet) minus(d classSet) classSet {
	out := classSet{chars: c.chars.minus(d.chars)}
	for s := range c.strs {
		if !d.strs[s] {
			if out.strs == nil {
				out.strs = map[string]bool{}
			}
			out.strs[s] = true
		}
	}
	return out
}

type vParser struct {
	src   string
	pos   int
	flags string
	icase bool
}

func (p *vParser) errorf(msg string) error {
	//lint:ignore ST1005 the message is V8's, which scripts and users see
	return fmt.Errorf("Invalid regular expression: /%s/%s: %s", p.src, p.flags, msg)
}

func (p *vParser) eof() bool { return p.pos >= len(p.src) }

func (p *vParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *vParser) peekAt(k int) byte {
	if p.pos+k < len(p.src) {
		return p.src[p.pos+k]
	}
	return 0
}

func (p *vParser) translate() (string, error) {
	var b strings.Builder
	b.Grow(len(p.src))
	for !p.eof() {
		c := p.src[p.pos]
		switch {
		case c == '\\' && (p.peekAt(1) == 'p' || p.peekAt(1) == 'P'):
			p.pos++
			set, err := p.propertyEscape(false)
			if err != nil {
				return "", err
			}
			p.write(&b, set)
		case c == '\\' && p.peekAt(1) == 'q':
			return "", p.errorf("Invalid escape")
		case c == '\\':
			// Copy the escape: its second character is never a bracket or another escape.
			_, size := utf8.DecodeRuneInString(p.src[p.pos+min(1, len(p.src)-p.pos-1):])
			end := min(p.pos+1+size, len(p.src))
			b.WriteString(p.src[p.pos:end])
			p.pos = end
		case c == '[':
			p.pos++
			set, err := p.classContents()
			if err != nil {
				return "", err
			}
			p.write(&b, set)
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return b.String(), nil
}

// write renders a class value as u-mode syntax.
func (p *vParser) write(b *strings.Builder, set classSet) {
	if !set.hasStrings() {
		if len(set.chars) == 0 {
			b.WriteString(emptyClass)
			return
		}
		b.WriteByte('[')
		b.WriteString(renderClass(set.chars))
		b.WriteByte(']')
		return
	}
	// Strings are tried longest first, then the single characters, then the empty string (ECMA-262
	// CompileAtom for a class with strings).
	strs := make([]string, 0, len(set.strs))
	empty := false
	for s := range set.strs {
		if s == "" {
			empty = true
			continue
		}
		strs = append(strs, s)
	}
	sort.Slice(strs, func(i, j int) bool {
		li, lj := utf8.RuneCountInString(strs[i]), utf8.RuneCountInString(strs[j])
		if li != lj {
			return li > lj
		}
		return strs[i] < strs[j]
	})
	b.WriteString("(?:")
	for i, s := range strs {
		if i > 0 {
			b.WriteByte('|')
		}
		for _, r := range s {
			writeClassChar(b, uint32(r))
		}
	}
	if len(set.chars) > 0 {
		if len(strs) > 0 {
			b.WriteByte('|')
		}
		b.WriteByte('[')
		b.WriteString(renderClass(set.chars))
		b.WriteByte(']')
	}
	if empty {
		b.WriteByte('|')
	}
	b.WriteByte(')')
}

// classContents parses after "[" up to and including the matching "]".
func (p *vParser) classContents() (classSet, error) {
	negated := false
	if p.peek() == '^' {
		negated = true
		p.pos++
	}
	set, err := p.classSetExpression()
	if err != nil {
		return classSet{}, err
	}
	if negated {
		if set.hasStrings() {
			return classSet{}, p.errorf("Negated character class may contain strings")
		}
		set = classSet{chars: set.chars.complement()}
	}
	return set, nil
}

const (
	opNone = iota
	opUnion
	opIntersect
	opSubtract
)

func (p *vParser) classSetExpression() (classSet, error) {
	var acc classSet
	mode := opNone
	first := true
	for {
		if p.eof() {
			return classSet{}, p.errorf("Unterminated character class")
		}
		if p.peek() == ']' {
			p.pos++
			return acc, nil
		}
		if !first {
			switch {
			case strings.HasPrefix(p.src[p.pos:], "&&"):
				if mode != opNone && mode != opIntersect {
					return classSet{}, p.errorf("Invalid set operation in character class")
				}
				mode = opIntersect
				p.pos += 2
				if p.peek() == '&' {
					return classSet{}, p.errorf("Invalid character in character class")
				}
			case strings.HasPrefix(p.src[p.pos:], "--"):
				if mode != opNone && mode != opSubtract {
					return classSet{}, p.errorf("Invalid set operation in character class")
				}
				mode = opSubtract
				p.pos += 2
			default:
				if mode == opIntersect || mode == opSubtract {
					return classSet{}, p.errorf("Invalid set operation in character class")
				}
				mode = opUnion
			}
			if mode != opUnion && (p.eof() || p.peek() == ']') {
				return classSet{}, p.errorf("Invalid character in character class")
			}
		}
		operand, single, ch, err := p.classSetOperand()
		if err != nil {
			return classSet{}, err
		}
		if !single && p.peek() == '-' && p.peekAt(1) != '-' {
			return classSet{}, p.errorf("Invalid character class")
		}
		// A range: ClassSetCharacter "-" ClassSetCharacter, only in a union.
		if single && p.peek() == '-' && p.peekAt(1) != '-' {
			if mode == opIntersect || mode == opSubtract {
				return classSet{}, p.errorf("Invalid set operation in character class")
			}
			p.pos++
			if p.eof() {
				return classSet{}, p.errorf("Unterminated character class")
			}
			_, single2, hi, err := p.classSetOperand()
			if err != nil {
				return classSet{}, err
			}
			if !single2 {
				return classSet{}, p.errorf("Invalid character class")
			}
			if hi < ch {
				return classSet{}, p.errorf("Range out of order in character class")
			}
			operand = classSet{chars: p.fold(uset{ch, hi})}
			if mode == opNone && p.peek() != ']' {
				mode = opUnion
			}
		}
		switch {
		case first:
			acc = operand
		case mode == opIntersect:
			acc = acc.intersect(operand)
		case mode == opSubtract:
			acc = acc.minus(operand)
		default:
			acc = acc.union(operand)
		}
		first = false
	}
}

// classSetOperand parses a nested class, a class escape, \q{...} or one character. single reports the
// last case, with the character in ch.
func (p *vParser) classSetOperand() (set classSet, single bool, ch uint32, err error) {
	c := p.peek()
	switch {
	case c == '[':
		p.pos++
		set, err = p.classContents()
		return set, false, 0, err
	case c == '\\':
		switch p.peekAt(1) {
		case 'd', 'D', 's', 'S', 'w', 'W':
			k := p.peekAt(1)
			p.pos += 2
			return classSet{chars: p.fold(classEscapeSet(k, p.icase))}, false, 0, nil
		case 'p', 'P':
			p.pos++
			set, err = p.propertyEscape(true)
			return set, false, 0, err
		case 'q':
			p.pos += 2
			set, err = p.stringDisjunction()
			return set, false, 0, err
		}
	}
	ch, err = p.classSetCharacter()
	if err != nil {
		return classSet{}, false, 0, err
	}
	return classSet{chars: p.fold(uset{ch, ch})}, true, ch, nil
}

const (
	classSetSyntax          = "()[]{}/-\\|"
	classSetReservedDouble  = "&!#$%*+,.:;<=>?@^`~"
	classSetReservedPunctor = "&-!#%,:;<=>@`~"
)

// classSetCharacter parses one ClassSetCharacter.
func (p *vParser) classSetCharacter() (uint32, error) {
	c := p.peek()
	if c == '\\' {
		p.pos++
		if p.eof() {
			return 0, p.errorf("\\ at end of pattern")
		}
		e := p.peek()
		if e == 'b' {
			p.pos++
			return '\b', nil
		}
		if strings.IndexByte(classSetReservedPunctor, e) >= 0 {
			p.pos++
			return uint32(e), nil
		}
		return p.characterEscape()
	}
	if strings.IndexByte(classSetReservedDouble, c) >= 0 && p.peekAt(1) == c {
		return 0, p.errorf("Invalid set operation in character class")
	}
	if strings.IndexByte(classSetSyntax, c) >= 0 {
		return 0, p.errorf("Invalid character in character class")
	}
	r, size := utf8.DecodeRuneInString(p.src[p.pos:])
	p.pos += size
	return uint32(r), nil
}

// characterEscape parses a u-mode CharacterEscape after the backslash.
func (p *vParser) characterEscape() (uint32, error) {
	e := p.peek()
	p.pos++
	switch e {
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'v':
		return '\v', nil
	case 'c':
		l := p.peek()
		if l >= 'a' && l <= 'z' || l >= 'A' && l <= 'Z' {
			p.pos++
			return uint32(l) % 32, nil
		}
		return 0, p.errorf("Invalid unicode escape")
	case '0':
		if d := p.peek(); d >= '0' && d <= '9' {
			return 0, p.errorf("Invalid class escape")
		}
		return 0, nil
	case 'x':
		if v, ok := p.hex(2); ok {
			return v, nil
		}
		return 0, p.errorf("Invalid escape")
	case 'u':
		v, ok := p.unicodeEscape()
		if !ok {
			return 0, p.errorf("Invalid Unicode escape")
		}
		return v, nil
	}
	if strings.IndexByte("^$\\.*+?()[]{}|/", e) >= 0 {
		return uint32(e), nil
	}
	if e >= '1' && e <= '9' {
		return 0, p.errorf("Invalid class escape")
	}
	return 0, p.errorf("Invalid escape")
}

func (p *vParser) hex(n int) (uint32, bool) {
	if p.pos+n > len(p.src) {
		return 0, false
	}
	var v uint32
	for i := 0; i < n; i++ {
		d, ok := hexVal(p.src[p.pos+i])
		if !ok {
			return 0, false
		}
		v = v<<4 | d
	}
	p.pos += n
	return v, true
}

func hexVal(c byte) (uint32, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint32(c - '0'), true
	case c >= 'a' && c <= 'f':
		return uint32(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return uint32(c-'A') + 10, true
	}
	return 0, false
}

// unicodeEscape parses after "\u": HHHH (a surrogate pair written as two escapes is one code point) or {H...}.
func (p *vParser) unicodeEscape() (uint32, bool) {
	if p.peek() == '{' {
		end := strings.IndexByte(p.src[p.pos:], '}')
		if end < 2 {
			return 0, false
		}
		var v uint32
		for i := p.pos + 1; i < p.pos+end; i++ {
			d, ok := hexVal(p.src[i])
			if !ok {
				return 0, false
			}
			v = v<<4 | d
			if v > maxRune {
				return 0, false
			}
		}
		p.pos += end + 1
		return v, true
	}
	v, ok := p.hex(4)
	if !ok {
		return 0, false
	}
	if v >= 0xD800 && v <= 0xDBFF && strings.HasPrefix(p.src[p.pos:], `\u`) {
		save := p.pos
		p.pos += 2
		if lo, ok := p.hex(4); ok && lo >= 0xDC00 && lo <= 0xDFFF {
			return 0x10000 + (v-0xD800)<<10 + (lo - 0xDC00), true
		}
		p.pos = save
	}
	return v, true
}

// stringDisjunction parses after "\q": {alt|alt|...}.
func (p *vParser) stringDisjunction() (classSet, error) {
	if p.peek() != '{' {
		return classSet{}, p.errorf("Invalid escape")
	}
	p.pos++
	var set classSet
	var cur []rune
	flush := func() {
		if len(cur) == 1 {
			set.chars = union(set.chars, p.fold(uset{uint32(cur[0]), uint32(cur[0])}))
		} else {
			if set.strs == nil {
				set.strs = map[string]bool{}
			}
			set.strs[string(cur)] = true
		}
		cur = cur[:0]
	}
	for {
		if p.eof() {
			return classSet{}, p.errorf("Unterminated character class")
		}
		switch c := p.peek(); c {
		case '}':
			p.pos++
			flush()
			return set, nil
		case '|':
			p.pos++
			flush()
		case '\\':
			p.pos++
			if p.peek() == 'b' {
				p.pos++
				cur = append(cur, '\b')
				continue
			}
			if e := p.peek(); e != 0 && strings.IndexByte(classSetReservedPunctor, e) >= 0 {
				p.pos++
				cur = append(cur, rune(e))
				continue
			}
			v, err := p.characterEscape()
			if err != nil {
				return classSet{}, err
			}
			cur = append(cur, rune(v))
		default:
			if strings.IndexByte(classSetSyntax, c) >= 0 {
				return classSet{}, p.errorf("Invalid character in character class")
			}
			if strings.IndexByte(classSetReservedDouble, c) >= 0 && p.peekAt(1) == c {
				return classSet{}, p.errorf("Invalid set operation in character class")
			}
			r, size := utf8.DecodeRuneInString(p.src[p.pos:])
			p.pos += size
			cur = append(cur, r)
		}
	}
}

// propertyEscape parses after the backslash: p{...} or P{...}.
func (p *vParser) propertyEscape(inClass bool) (classSet, error) {
	negated := p.peek() == 'P'
	p.pos++
	bad := "Invalid property name"
	if inClass {
		bad = "Invalid property name in character class"
	}
	if p.peek() != '{' {
		return classSet{}, p.errorf(bad)
	}
	end := strings.IndexByte(p.src[p.pos:], '}')
	if end < 2 {
		return classSet{}, p.errorf(bad)
	}
	expr := p.src[p.pos+1 : p.pos+end]
	p.pos += end + 1
	if sp, ok := lookupStringProperty(expr); ok {
		if negated {
			return classSet{}, p.errorf(bad)
		}
		set := classSet{chars: p.fold(sp.chars), strs: make(map[string]bool, len(sp.strings))}
		for _, s := range sp.strings {
			set.strs[s] = true
		}
		return set, nil
	}
	set, ok := resolveProperty(expr)
	if !ok {
		return classSet{}, p.errorf(bad)
	}
	set = p.fold(set)
	if negated {
		set = set.complement()
	}
	return classSet{chars: set}, nil
}

// fold closes a set under simple case folding when the pattern is case-insensitive.
func (p *vParser) fold(s uset) uset {
	if !p.icase {
		return s
	}
	return caseClose(s)
}

func caseClose(s uset) uset {
	out := append(uset(nil), s...)
	for i := 0; i < len(s); i += 2 {
		for c := s[i]; c <= s[i+1]; c++ {
			for f := unicode.SimpleFold(rune(c)); uint32(f) != c; f = unicode.SimpleFold(f) {
				out = append(out, uint32(f), uint32(f))
			}
		}
	}
	return out.normalize()
}

// classEscapeSet returns the code points of \d \D \s \S \w \W in u/v mode. With i, \w also holds the
// characters that fold into it (U+017F, U+212A), as in V8; caseClose adds them.
func classEscapeSet(k byte, icase bool) uset {
	var s uset
	switch k {
	case 'd', 'D':
		s = uset{'0', '9'}
	case 's', 'S':
		s = union(uset{0x09, 0x0D, 0x20, 0x20, 0xA0, 0xA0, 0xFEFF, 0xFEFF, 0x2028, 0x2029}, fromTable(unicode.Zs))
	case 'w', 'W':
		s = uset{'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}
		if icase {
			s = caseClose(s)
		}
	}
	if k >= 'A' && k <= 'Z' {
		return s.complement()
	}
	return s
}

// stringProperty is a property of strings: its single code points and its longer strings.
type stringProperty struct {
	chars   uset
	strings []string
}

var (
	rgiEmojiOnce sync.Once
	rgiEmoji     stringProperty
)

// lookupStringProperty returns a property of strings by name (V8 accepts no aliases for these). RGI_Emoji is
// the union of the others, as in UTS #51.
func lookupStringProperty(name string) (stringProperty, bool) {
	if name != "RGI_Emoji" {
		sp, ok := nodeStringProperties[name]
		return sp, ok
	}
	rgiEmojiOnce.Do(func() {
		var sets []uset
		for _, sp := range nodeStringProperties {
			sets = append(sets, sp.chars)
			rgiEmoji.strings = append(rgiEmoji.strings, sp.strings...)
		}
		rgiEmoji.chars = union(sets...)
	})
	return rgiEmoji, true
}
