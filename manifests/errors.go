package manifests

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a manifest that could not be accepted: every problem found in it, in document
// order. A JSON syntax error is always the only problem, since nothing after it can be read.
type Error struct {
	File     string
	Problems []Problem
}

// Problem is one thing wrong with a manifest.
type Problem struct {
	Line, Column int    // 1-based; Column counts characters. 0 when the place is unknown.
	Path         string // JSON path of the key or value, e.g. packages.axios."net.connect"[0]; "" for the document
	Message      string // what is wrong and what was expected
}

// Error renders one line per problem, compiler style, so editors can jump to each one:
//
//	pkgbox.json:4:15: packages.axios."net.conect": unknown capability (did you mean "net.connect"?)
func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.format(e.File)
	}
	return strings.Join(lines, "\n")
}

func (p Problem) format(file string) string {
	var b strings.Builder
	b.WriteString(file)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Column)
	}
	b.WriteString(": ")
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// ErrExists is returned (wrapped, with the path) by WriteNew when the file is already there.
var ErrExists = errors.New("already exists; not overwriting it (review and edit it, or pass --force to replace it)")

// maxProblems keeps the report of a badly broken file readable; the first ones are the ones to fix.
const maxProblems = 50

// lineCol turns a byte offset into a 1-based line and a 1-based column counted in characters,
// which is what a person counts in an editor. "\r\n" ends a line like "\n".
func lineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if data[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf8.RuneCount(data[start:off]) + 1
}

// jsonPath is a path in a manifest, rendered the way a reader would write it in JavaScript:
// bare identifiers joined by dots, anything else quoted, list indexes in brackets.
type jsonPath string

func (p jsonPath) key(k string) jsonPath {
	seg := k
	if !isPlainKey(k) {
		seg = strconv.Quote(k)
	}
	if p == "" {
		return jsonPath(seg)
	}
	return jsonPath(string(p) + "." + seg)
}

func (p jsonPath) index(i int) jsonPath {
	return jsonPath(string(p) + "[" + strconv.Itoa(i) + "]")
}

// isPlainKey allows package names like left-pad bare; dots, slashes, spaces and the rest
// need quotes or the path would read as a different path.
func isPlainKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '$' || c == '-') {
			return false
		}
	}
	return true
}
