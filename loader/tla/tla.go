// Package tla runs ES modules that use top-level await. pkgbox runs ES modules as CommonJS,
// which has no top-level await; a module that exports nothing (a script) can still run, its
// body inside an async function. The loader and the audit (which reads what the loader runs)
// both convert such modules this way.
package tla

import (
	"regexp"
	"strings"
)

var (
	exportStatement = regexp.MustCompile(`(?m)^\s*export\b`)
	importEnd       = regexp.MustCompile(`(?:from\s*|^\s*import\s*)(?:'[^']*'|"[^"]*")(?:\s*(?:with|assert)\s*\{[^}]*\})?\s*;?\s*$`)
)

// Wrap runs the body of an ES module that uses top-level await and exports nothing
// (a script) inside an async function, keeping its imports at the top level. Line numbers are
// kept: the function starts on the first line of the body. A module with exports, or with imports
// after other statements, is left alone (ok is false).
func Wrap(src string) (string, bool) {
	if exportStatement.MatchString(src) {
		return "", false
	}
	lines := strings.SplitAfter(src, "\n")
	i := 0
	inImport, inComment := false, false
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		switch {
		case inComment:
			if strings.Contains(t, "*/") {
				inComment = false
			}
			continue
		case inImport:
			if importEnd.MatchString(t) {
				inImport = false
			}
			continue
		case t == "" || strings.HasPrefix(t, "//"):
			continue
		case strings.HasPrefix(t, "/*"):
			inComment = !strings.Contains(t, "*/")
			continue
		case t == "'use strict';" || t == `"use strict";`:
			continue
		case strings.HasPrefix(t, "import ") || strings.HasPrefix(t, "import{") || strings.HasPrefix(t, "import*"):
			if strings.HasPrefix(t, "import(") {
				break
			}
			inImport = !importEnd.MatchString(t)
			continue
		}
		break
	}
	if inImport || i == len(lines) {
		return "", false
	}
	head := strings.Join(lines[:i], "")
	body := strings.Join(lines[i:], "")
	return head + "(async () => {" + body + "\n})();\n", true
}
