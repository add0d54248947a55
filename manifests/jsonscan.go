package manifests

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A small JSON parser that keeps the byte offset of every key and value, so each problem in
// a manifest can be reported at its line and column. encoding/json was tried first and
// rejected for this: its syntax errors point sometimes at the bad byte and sometimes a few
// bytes before or after it, Decoder.Token reports a truncated document as a clean io.EOF, and
// it silently turns invalid UTF-8 and lone surrogates into U+FFFD. FuzzParse checks that this
// parser accepts exactly the documents encoding/json accepts (apart from the stricter rules
// marked with strictOnly) and decodes strings the same way.

type jsonKind uint8

const (
	jsonObject jsonKind = iota + 1
	jsonArray
	jsonString
	jsonNumber
	jsonBool
	jsonNull
)

// maxDepth bounds nesting; a manifest needs four levels, so anything deeper is a mistake,
// and the bound keeps the recursive parser's stack small whatever the input.
const maxDepth = 64

type jsonValue struct {
	kind    jsonKind
	off     int    // byte offset of the value's first byte
	str     string // jsonString: the decoded text; jsonNumber: the literal as written
	boolean bool
	members []jsonMember // jsonObject, in document order, duplicates kept
	elems   []*jsonValue // jsonArray
}

type jsonMember struct {
	key    string
	keyOff int // offset of the key's opening quote
	value  *jsonValue
}

// syntaxError is a document that is not JSON (or not JSON this parser takes).
type syntaxError struct {
	off int
	msg string
	// strictOnly marks documents encoding/json accepts but a manifest may not contain: invalid
	// UTF-8, lone surrogate escapes and nesting beyond maxDepth.
	strictOnly bool
}

func (e *syntaxError) Error() string { return e.msg }

type jsonParser struct {
	data  []byte
	pos   int
	depth int
}

func parseJSON(data []byte) (*jsonValue, *syntaxError) {
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		return nil, &syntaxError{off: 0, msg: "the file starts with a byte order mark; save it as UTF-8 without one"}
	}
	if off := invalidUTF8(data); off >= 0 {
		return nil, &syntaxError{off: off, msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02x); save the file as UTF-8", data[off]), strictOnly: true}
	}
	p := &jsonParser{data: data}
	p.skipSpace()
	if p.pos == len(data) {
		return nil, &syntaxError{off: p.pos, msg: `the file is empty; expected an object such as {"packages": {}}`}
	}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(data) {
		if err := p.commentError(); err != nil {
			return nil, err
		}
		return nil, p.errorf("unexpected %s after the end of the top-level value", p.describe())
	}
	return v, nil
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

func (p *jsonParser) errorf(format string, args ...any) *syntaxError {
	return &syntaxError{off: p.pos, msg: "invalid JSON: " + fmt.Sprintf(format, args...)}
}

// describe names the byte at the current position for an error message.
func (p *jsonParser) describe() string {
	if p.pos >= len(p.data) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.data[p.pos:])
	return "character " + strconv.QuoteRune(r)
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// commentError explains the usual reason a JSON file fails: a comment copied from a JSONC file.
func (p *jsonParser) commentError() *syntaxError {
	if p.pos+1 < len(p.data) && p.data[p.pos] == '/' && (p.data[p.pos+1] == '/' || p.data[p.pos+1] == '*') {
		return p.errorf("comments are not allowed in JSON")
	}
	return nil
}

func (p *jsonParser) value() (*jsonValue, *syntaxError) {
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of file; expected a value")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		off := p.pos
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		return &jsonValue{kind: jsonString, off: off, str: s}, nil
	case c == '-' || ('0' <= c && c <= '9'):
		return p.number()
	case isLetter(c):
		return p.word()
	case c == '\'':
		return nil, p.errorf("strings must be in double quotes, not single quotes")
	default:
		if err := p.commentError(); err != nil {
			return nil, err
		}
		return nil, p.errorf("unexpected %s; expected a value", p.describe())
	}
}

// word reads true, false or null, and names any other bare word in the error, since a
// missing quote (or Python's True) is the usual cause.
func (p *jsonParser) word() (*jsonValue, *syntaxError) {
	start := p.pos
	end := start
	for end < len(p.data) && (isLetter(p.data[end]) || '0' <= p.data[end] && p.data[end] <= '9' || p.data[end] == '_') {
		end++
	}
	w := string(p.data[start:end])
	switch w {
	case "true", "false":
		p.pos = end
		return &jsonValue{kind: jsonBool, off: start, boolean: w == "true"}, nil
	case "null":
		p.pos = end
		return &jsonValue{kind: jsonNull, off: start}, nil
	}
	return nil, p.errorf("%s is not a JSON value; expected a string in double quotes, a number, true, false, null, a list or an object", strconv.Quote(w))
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func (p *jsonParser) enter() *syntaxError {
	p.depth++
	if p.depth > maxDepth {
		err := p.errorf("values nested more than %d levels deep", maxDepth)
		err.strictOnly = true
		return err
	}
	return nil
}

func (p *jsonParser) object() (*jsonValue, *syntaxError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	v := &jsonValue{kind: jsonObject, off: p.pos}
	p.pos++ // '{'
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	for {
		if err := p.expectKey(len(v.members) > 0); err != nil {
			return nil, err
		}
		keyOff := p.pos
		key, err := p.string()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("unexpected %s; expected ':' after the key %s", p.describe(), strconv.Quote(key))
		}
		p.pos++
		p.skipSpace()
		val, err := p.value()
		if err != nil {
			return nil, err
		}
		v.members = append(v.members, jsonMember{key: key, keyOff: keyOff, value: val})
		p.skipSpace()
		if p.pos < len(p.data) {
			switch p.data[p.pos] {
			case ',':
				p.pos++
				p.skipSpace()
				continue
			case '}':
				p.pos++
				return v, nil
			case '"':
				return nil, p.errorf("missing ',' between object members")
			}
		}
		if err := p.commentError(); err != nil {
			return nil, err
		}
		return nil, p.errorf("unexpected %s; expected ',' or '}' after an object member", p.describe())
	}
}

// expectKey checks that a key starts here, explaining the common ways one does not.
func (p *jsonParser) expectKey(afterComma bool) *syntaxError {
	if p.pos < len(p.data) && p.data[p.pos] == '"' {
		return nil
	}
	if err := p.commentError(); err != nil {
		return err
	}
	if p.pos >= len(p.data) {
		return p.errorf("unexpected end of file; expected a key in double quotes")
	}
	switch c := p.data[p.pos]; {
	case c == '}' && afterComma:
		return p.errorf("trailing comma before '}'")
	case c == '\'':
		return p.errorf("keys must be in double quotes, not single quotes")
	case c == '_' || c == '$' || c == '@' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z'):
		return p.errorf("keys must be in double quotes")
	}
	return p.errorf("unexpected %s; expected a key in double quotes", p.describe())
}

func (p *jsonParser) array() (*jsonValue, *syntaxError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	v := &jsonValue{kind: jsonArray, off: p.pos}
	p.pos++ // '['
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return v, nil
	}
	for {
		if len(v.elems) > 0 && p.pos < len(p.data) && p.data[p.pos] == ']' {
			return nil, p.errorf("trailing comma before ']'")
		}
		el, err := p.value()
		if err != nil {
			return nil, err
		}
		v.elems = append(v.elems, el)
		p.skipSpace()
		if p.pos < len(p.data) {
			switch p.data[p.pos] {
			case ',':
				p.pos++
				p.skipSpace()
				continue
			case ']':
				p.pos++
				return v, nil
			case '"':
				return nil, p.errorf("missing ',' between list items")
			}
		}
		if err := p.commentError(); err != nil {
			return nil, err
		}
		return nil, p.errorf("unexpected %s; expected ',' or ']' after a list item", p.describe())
	}
}

func (p *jsonParser) number() (*jsonValue, *syntaxError) {
	start := p.pos
	for p.pos < len(p.data) && strings.IndexByte("0123456789+-.eE", p.data[p.pos]) >= 0 {
		p.pos++
	}
	lit := string(p.data[start:p.pos])
	if !isJSONNumber(lit) {
		p.pos = start
		return nil, p.errorf("malformed number %s", strconv.Quote(lit))
	}
	return &jsonValue{kind: jsonNumber, off: start, str: lit}, nil
}

// isJSONNumber matches RFC 8259's number: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
func isJSONNumber(s string) bool {
	digits := func(i int) int {
		j := i
		for j < len(s) && '0' <= s[j] && s[j] <= '9' {
			j++
		}
		return j
	}
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		i = digits(i)
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(s)
}

// string reads a double-quoted string at p.pos (the input is already known to be UTF-8).
func (p *jsonParser) string() (string, *syntaxError) {
	p.pos++ // '"'
	var b strings.Builder
	for {
		start := p.pos
		for p.pos < len(p.data) && p.data[p.pos] != '"' && p.data[p.pos] != '\\' && p.data[p.pos] >= 0x20 {
			p.pos++
		}
		b.Write(p.data[start:p.pos])
		if p.pos >= len(p.data) {
			return "", p.errorf("unexpected end of file inside a string")
		}
		switch c := p.data[p.pos]; {
		case c == '"':
			p.pos++
			return b.String(), nil
		case c < 0x20:
			if c == '\n' {
				return "", p.errorf("line break inside a string (missing '\"'?)")
			}
			return "", p.errorf("control character U+%04X inside a string; write it as an escape", c)
		}
		r, err := p.escape()
		if err != nil {
			return "", err
		}
		b.WriteRune(r)
	}
}

func (p *jsonParser) escape() (rune, *syntaxError) {
	p.pos++ // '\\'
	if p.pos >= len(p.data) {
		return 0, p.errorf("unexpected end of file inside a string")
	}
	c := p.data[p.pos]
	if c != 'u' {
		p.pos++
		switch c {
		case '"', '\\', '/':
			return rune(c), nil
		case 'b':
			return '\b', nil
		case 'f':
			return '\f', nil
		case 'n':
			return '\n', nil
		case 'r':
			return '\r', nil
		case 't':
			return '\t', nil
		}
		p.pos -= 2
		r, _ := utf8.DecodeRune(p.data[p.pos+1:])
		return 0, p.errorf("a backslash followed by %s is not a JSON escape (a backslash is written \\\\)", strconv.QuoteRune(r))
	}
	escOff := p.pos - 1
	r, err := p.hex4()
	if err != nil {
		return 0, err
	}
	if utf16.IsSurrogate(r) {
		if r < 0xDC00 && p.pos+1 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
			save := p.pos
			p.pos++
			r2, err := p.hex4()
			if err != nil {
				return 0, err
			}
			if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
				return dec, nil
			}
			p.pos = save
		}
		p.pos = escOff
		err := p.errorf("escape %s is half of a UTF-16 surrogate pair", string(p.data[escOff:escOff+6]))
		err.strictOnly = true
		return 0, err
	}
	return r, nil
}

// hex4 reads the four hex digits after "\u" (p.pos is at the 'u').
func (p *jsonParser) hex4() (rune, *syntaxError) {
	p.pos++ // 'u'
	var r rune
	for i := 0; i < 4; i++ {
		if p.pos >= len(p.data) {
			return 0, p.errorf("unexpected end of file inside a \\u escape")
		}
		c := p.data[p.pos]
		var d byte
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case 'a' <= c && c <= 'f':
			d = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, p.errorf("unexpected %s in a \\u escape; expected four hex digits", p.describe())
		}
		r = r<<4 | rune(d)
		p.pos++
	}
	return r, nil
}
