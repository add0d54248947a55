package manifests

import (
	"bytes"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Marshal renders m in pkgbox's one stable layout, so a regenerated manifest diffs only where
// a grant changed: keys in the order SPEC.md shows them (packages, app, policies), package
// names sorted, capabilities in the capability table's order, patterns sorted without
// repeats, policies as listed, two-space indentation, one item per line, a final newline.
// "app" is written only when m.App is non-nil and "policies" only when non-empty. Marshal does
// not check m; Write does.
func (m *Manifest) Marshal() []byte {
	var w jsonWriter
	w.open('{')
	w.key("packages")
	w.open('{')
	for _, name := range slices.Sorted(maps.Keys(m.Packages)) {
		w.key(name)
		w.grants(m.Packages[name])
	}
	w.close('}')
	if m.App != nil {
		w.key("app")
		w.grants(m.App)
	}
	if len(m.Policies) > 0 {
		w.key("policies")
		w.open('[')
		for _, p := range m.Policies {
			w.item()
			w.string(p)
		}
		w.close(']')
	}
	w.close('}')
	w.buf.WriteByte('\n')
	return w.buf.Bytes()
}

// capabilityOrder sorts known capabilities in table order, then anything else by name (only a
// manifest built in Go can hold those, and Write refuses it).
func capabilityOrder(g Grants) []string {
	names := capabilityNames
	var out []string
	for _, c := range names {
		if _, ok := g[c]; ok {
			out = append(out, c)
		}
	}
	var rest []string
	for c := range g {
		if !slices.Contains(names, c) {
			rest = append(rest, c)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

type jsonWriter struct {
	buf   bytes.Buffer
	items []int // items written so far in each open object or list
}

func (w *jsonWriter) open(c byte) {
	w.buf.WriteByte(c)
	w.items = append(w.items, 0)
}

func (w *jsonWriter) close(c byte) {
	n := w.items[len(w.items)-1]
	w.items = w.items[:len(w.items)-1]
	if n > 0 {
		w.newline()
	}
	w.buf.WriteByte(c)
}

// item starts the next member or element on its own line.
func (w *jsonWriter) item() {
	top := len(w.items) - 1
	if w.items[top] > 0 {
		w.buf.WriteByte(',')
	}
	w.items[top]++
	w.newline()
}

func (w *jsonWriter) newline() {
	w.buf.WriteByte('\n')
	for range len(w.items) {
		w.buf.WriteString("  ")
	}
}

func (w *jsonWriter) key(k string) {
	w.item()
	w.string(k)
	w.buf.WriteString(": ")
}

func (w *jsonWriter) grants(g Grants) {
	w.open('{')
	for _, c := range capabilityOrder(g) {
		w.key(c)
		if g[c].All {
			w.buf.WriteString("true")
			continue
		}
		w.open('[')
		for _, p := range normalPatterns(g[c].Patterns) {
			w.item()
			w.string(p)
		}
		w.close(']')
	}
	w.close('}')
}

// string writes s as a JSON string, escaping only what JSON requires (encoding/json would also
// escape <, > and &, which makes patterns harder to read). Invalid UTF-8 becomes U+FFFD; Write
// notices the change and refuses such a manifest.
func (w *jsonWriter) string(s string) {
	w.buf.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			w.buf.WriteRune(r)
			i += n
			continue
		}
		switch {
		case c == '"' || c == '\\':
			w.buf.WriteByte('\\')
			w.buf.WriteByte(c)
		case c == '\n':
			w.buf.WriteString(`\n`)
		case c == '\t':
			w.buf.WriteString(`\t`)
		case c == '\r':
			w.buf.WriteString(`\r`)
		case c < 0x20 || c == 0x7f:
			w.buf.WriteString(`\u00`)
			if c < 0x10 {
				w.buf.WriteByte('0')
			}
			w.buf.WriteString(strconv.FormatUint(uint64(c), 16))
		default:
			w.buf.WriteByte(c)
		}
		i++
	}
	w.buf.WriteByte('"')
}
