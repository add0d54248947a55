package intrinsics

import (
	"fmt"
	"strings"
)

// emptyClass matches nothing in both of goja's engines ("[]" would be rewritten by goja into a class that
// still matches code points above U+1FFFF).
const emptyClass = `[^\x00-\u{10FFFF}]`

// ExpandPropertyEscapes rewrites \p{...}/\P{...} in a u-flag pattern into explicit character classes that
// goja's regexp engines understand; returns the pattern unchanged when it has none. Errors (unknown
// property) are SyntaxError-style messages like V8's:
// "Invalid regular expression: /\p{Foo}/u: Invalid property name".
func ExpandPropertyEscapes(pattern, flags string) (string, error) {
	if !strings.ContainsRune(flags, 'u') {
		return pattern, nil // without u, \p is an identity escape for "p"
	}
	if !strings.Contains(pattern, `\p`) && !strings.Contains(pattern, `\P`) {
		return pattern, nil
	}
	var b strings.Builder
	inClass := false
	last := 0
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '\\':
			if i+1 >= len(pattern) {
				break
			}
			kind := pattern[i+1]
			if kind != 'p' && kind != 'P' {
				i++ // the escaped character is never a class bracket or another escape
				continue
			}
			end := -1
			if i+2 < len(pattern) && pattern[i+2] == '{' {
				end = strings.IndexByte(pattern[i+3:], '}')
			}
			if end <= 0 {
				return "", invalidProperty(pattern, flags)
			}
			expr := pattern[i+3 : i+3+end]
			body, ok := propertyClass(expr, kind == 'P')
			if !ok {
				if inClass {
					//lint:ignore ST1005 the message is V8's, which scripts and users see
					return "", fmt.Errorf("Invalid regular expression: /%s/%s: Invalid property name in character class", pattern, flags)
				}
				return "", invalidProperty(pattern, flags)
			}
			if inClass && classRangeAround(pattern, i, i+4+end) {
				//lint:ignore ST1005 the message is V8's, which scripts and users see
				return "", fmt.Errorf("Invalid regular expression: /%s/%s: Invalid character class", pattern, flags)
			}
			if b.Len() == 0 {
				b.Grow(len(pattern) + len(body) + 2)
			}
			b.WriteString(pattern[last:i])
			switch {
			case inClass:
				b.WriteString(body) // an empty set adds nothing to the enclosing class
			case body == "":
				b.WriteString(emptyClass)
			default:
				b.WriteByte('[')
				b.WriteString(body)
				b.WriteByte(']')
			}
			i += 3 + end
			last = i + 1
		}
	}
	if last == 0 {
		return pattern, nil
	}
	b.WriteString(pattern[last:])
	return b.String(), nil
}

// classRangeAround reports whether the escape at pattern[start:end] is an end of a range ("a-\p{L}" or
// "\p{L}-z"), which the u flag forbids for class escapes.
func classRangeAround(pattern string, start, end int) bool {
	if end+1 < len(pattern) && pattern[end] == '-' && pattern[end+1] != ']' {
		return true
	}
	if start >= 2 && pattern[start-1] == '-' && !escaped(pattern, start-1) {
		prev := pattern[start-2]
		if prev != '[' && !(prev == '^' && start >= 3 && pattern[start-3] == '[') {
			return true
		}
	}
	return false
}

func invalidProperty(pattern, flags string) error {
	//lint:ignore ST1005 the message is V8's, which scripts and users see
	return fmt.Errorf("Invalid regular expression: /%s/%s: Invalid property name", pattern, flags)
}

// escaped reports whether pattern[i] is preceded by an odd number of backslashes.
func escaped(pattern string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && pattern[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}
