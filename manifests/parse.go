package manifests

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/pkgbox/pkgbox/policy"
)

// Read reads and checks the manifest at path. A missing file is reported with an error for
// which errors.Is(err, fs.ErrNotExist) holds, so a caller can run without a manifest; any
// other failure (unreadable, a directory, a dangling symbolic link, invalid content) is an
// error that must stop the caller. Invalid content is an *Error.
func Read(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if _, lerr := os.Lstat(path); lerr == nil {
				// The name exists: someone meant a manifest to be here.
				return nil, fmt.Errorf("%s: a symbolic link to a file that does not exist; expected a readable manifest", path)
			}
		}
		return nil, err
	}
	return Parse(path, data)
}

// Parse checks data as the content of the manifest file name (used in error messages and as
// the result's Path). Anything pkgbox.json does not define is an error: unknown keys and
// capabilities, values of the wrong type, malformed patterns and package names, duplicate
// keys, repeated patterns and data after the closing brace. The error is an *Error listing
// every problem with its line, column and JSON path.
func Parse(name string, data []byte) (*Manifest, error) {
	return parse(name, data, true)
}

// parse is Parse; without positions, problems carry no line and column and refer to no other
// place in the text, for checking text the user never sees (Validate).
func parse(name string, data []byte, positions bool) (*Manifest, error) {
	root, serr := parseJSON(data)
	if serr != nil {
		line, col := lineCol(data, serr.off)
		return nil, &Error{File: name, Problems: []Problem{{Line: line, Column: col, Message: serr.msg}}}
	}
	r := &reader{data: data, positions: positions}
	m := r.manifest(root)
	if len(r.problems) > 0 {
		// Duplicate keys are found before the values they precede are checked.
		slices.SortStableFunc(r.problems, func(a, b Problem) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
		})
		if !positions {
			for i := range r.problems {
				r.problems[i].Line, r.problems[i].Column = 0, 0
			}
		}
		if r.dropped > 0 {
			more := fmt.Sprintf("and %d more problems", r.dropped)
			if r.dropped == 1 {
				more = "and 1 more problem"
			}
			r.problems = append(r.problems, Problem{Message: more})
		}
		return nil, &Error{File: name, Problems: r.problems}
	}
	m.Path = name
	return m, nil
}

// reader turns the parsed JSON into a Manifest, collecting problems instead of stopping at
// the first, so a hand-edited file can be fixed in one go.
type reader struct {
	data      []byte
	positions bool
	problems  []Problem
	dropped   int
}

func (r *reader) problemf(off int, path jsonPath, format string, args ...any) {
	if len(r.problems) == maxProblems {
		r.dropped++
		return
	}
	line, col := lineCol(r.data, off)
	r.problems = append(r.problems, Problem{Line: line, Column: col, Path: string(path), Message: fmt.Sprintf(format, args...)})
}

// firstAt points a repeat at the first occurrence, " (first at 3:5)". It is formatted only if
// the problem is kept, so a file of a million repeated keys costs no million line counts.
func (r *reader) firstAt(off int) fmt.Stringer { return firstAt{r, off} }

type firstAt struct {
	r   *reader
	off int
}

func (f firstAt) String() string {
	if !f.r.positions {
		return ""
	}
	line, col := lineCol(f.r.data, f.off)
	return fmt.Sprintf(" (first at %d:%d)", line, col)
}

// members returns an object's members, reporting every repeated key: encoding/json and
// JavaScript would silently keep the last one, which hides a grant a reviewer thought was
// there.
func (r *reader) members(obj *jsonValue, path jsonPath) []jsonMember {
	first := make(map[string]int, len(obj.members))
	out := obj.members[:0:0]
	for _, mem := range obj.members {
		if off, dup := first[mem.key]; dup {
			r.problemf(mem.keyOff, path.key(mem.key), "duplicate key%s", r.firstAt(off))
			continue
		}
		first[mem.key] = mem.keyOff
		out = append(out, mem)
	}
	return out
}

var topLevelKeys = []string{"packages", "app", "policies"}

func (r *reader) manifest(v *jsonValue) *Manifest {
	m := &Manifest{Packages: map[string]Grants{}}
	if v.kind != jsonObject {
		r.problemf(v.off, "", `expected an object with the keys "packages", "app" and "policies", got %s`, describe(v))
		return m
	}
	for _, mem := range r.members(v, "") {
		path := jsonPath("").key(mem.key)
		switch mem.key {
		case "packages":
			m.Packages = r.packages(mem.value, path)
		case "app":
			m.App = r.grants(mem.value, path)
		case "policies":
			m.Policies = r.policies(mem.value, path)
		default:
			msg := `unknown key; expected "packages", "app" or "policies"`
			if s := closest(mem.key, topLevelKeys); s != "" {
				msg = fmt.Sprintf("unknown key (did you mean %q?)", s)
			} else if mem.value.kind == jsonObject && packageNameProblem(mem.key) == "" {
				msg += ` (a package's grants go under "packages")`
			}
			r.problemf(mem.keyOff, path, "%s", msg)
		}
	}
	return m
}

func (r *reader) packages(v *jsonValue, path jsonPath) map[string]Grants {
	out := map[string]Grants{}
	if v.kind != jsonObject {
		r.problemf(v.off, path, "expected an object mapping package names to their grants, got %s", describe(v))
		return out
	}
	for _, mem := range r.members(v, path) {
		p := path.key(mem.key)
		if why := packageNameProblem(mem.key); why != "" {
			r.problemf(mem.keyOff, p, `invalid package name: %s; expected an npm package name such as "lodash" or "@scope/name"`, why)
		}
		out[mem.key] = r.grants(mem.value, p)
	}
	return out
}

func (r *reader) grants(v *jsonValue, path jsonPath) Grants {
	out := Grants{}
	if v.kind != jsonObject {
		r.problemf(v.off, path, `expected an object mapping capabilities to grants, such as {"fs.read": ["./data/**"]}, got %s`, describe(v))
		return out
	}
	for _, mem := range r.members(v, path) {
		p := path.key(mem.key)
		if !policy.IsCapability(mem.key) {
			if s := policy.Suggest(mem.key); s != "" {
				r.problemf(mem.keyOff, p, "unknown capability (did you mean %q?)", s)
			} else {
				r.problemf(mem.keyOff, p, "unknown capability; expected one of %s", strings.Join(capabilityNames, ", "))
			}
			continue
		}
		if g, ok := r.grant(mem.value, p, mem.key); ok {
			out[mem.key] = g
		}
	}
	return out
}

func (r *reader) grant(v *jsonValue, path jsonPath, capability string) (Grant, bool) {
	noun := resourceNoun(capability)
	expected := "true or a list of " + noun + "s"
	if noun == "" {
		expected = "true (" + capability + " takes no resource)"
	}
	switch {
	case v.kind == jsonBool && v.boolean:
		return Grant{All: true}, true
	case v.kind == jsonBool:
		r.problemf(v.off, path, "expected %s, got false (to withhold %s, remove the key)", expected, capability)
		return Grant{}, false
	case v.kind == jsonString && noun != "":
		r.problemf(v.off, path, "expected %s, got a string (write [%s])", expected, strconv.Quote(v.str))
		return Grant{}, false
	case v.kind != jsonArray || noun == "":
		r.problemf(v.off, path, "expected %s, got %s", expected, describe(v))
		return Grant{}, false
	}
	g := Grant{Patterns: []string{}}
	first := map[string]int{}
	ok := true
	for i, el := range v.elems {
		p := path.index(i)
		if el.kind != jsonString {
			r.problemf(el.off, p, "expected a %s (a string), got %s", noun, describe(el))
			ok = false
			continue
		}
		if off, dup := first[el.str]; dup {
			r.problemf(el.off, p, "%s is listed twice%s", strconv.Quote(el.str), r.firstAt(off))
			ok = false
			continue
		}
		first[el.str] = el.off
		if err := policy.ValidatePattern(capability, el.str); err != nil {
			r.problemf(el.off, p, "%s", err.Error())
			ok = false
			continue
		}
		g.Patterns = append(g.Patterns, el.str)
	}
	return g, ok
}

func (r *reader) policies(v *jsonValue, path jsonPath) []string {
	const expected = "a list of Rego files, relative to this manifest's folder"
	switch v.kind {
	case jsonArray:
	case jsonString:
		r.problemf(v.off, path, "expected %s, got a string (write [%s])", expected, strconv.Quote(v.str))
		return nil
	default:
		r.problemf(v.off, path, "expected %s, got %s", expected, describe(v))
		return nil
	}
	out := []string{}
	first := map[string]int{}
	for i, el := range v.elems {
		p := path.index(i)
		switch {
		case el.kind != jsonString:
			r.problemf(el.off, p, "expected the path of a Rego file (a string), got %s", describe(el))
		case el.str == "":
			r.problemf(el.off, p, "empty path; expected the path of a Rego file")
		case strings.ContainsRune(el.str, 0):
			r.problemf(el.off, p, "the path contains a NUL character; expected the path of a Rego file")
		default:
			if off, dup := first[el.str]; dup {
				r.problemf(el.off, p, "%s is listed twice%s", strconv.Quote(el.str), r.firstAt(off))
				continue
			}
			first[el.str] = el.off
			out = append(out, el.str)
		}
	}
	return out
}

func describe(v *jsonValue) string {
	switch v.kind {
	case jsonObject:
		return "an object"
	case jsonArray:
		return "a list"
	case jsonString:
		return "a string"
	case jsonNumber:
		return "a number"
	case jsonBool:
		return strconv.FormatBool(v.boolean)
	default:
		return "null"
	}
}
