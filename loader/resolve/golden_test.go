package resolve

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// -update rewrites testdata/golden.json from the node on PATH.
var update = flag.Bool("update", false, "regenerate testdata/golden.json with node")

// goldenCase is one row of testdata/cases.json, shared with golden.cjs.
type goldenCase struct {
	Name       string   `json:"name"`
	Mode       string   `json:"mode"` // require, import, paths, lookup
	From       string   `json:"from"` // relative to the fixture root; "dir/" for createRequire(dir)
	Spec       string   `json:"spec"` // "<root>" stands for the fixture root
	Paths      []string `json:"paths,omitempty"`
	Conditions []string `json:"conditions,omitempty"`
}

// outcome is what a case produced, machine-independent.
type outcome struct {
	Path         string    `json:"path,omitempty"`
	Builtin      string    `json:"builtin,omitempty"`
	Paths        *[]string `json:"paths,omitempty"`
	URL          string    `json:"url,omitempty"`
	Code         *string   `json:"code,omitempty"`
	Message      string    `json:"message,omitempty"`
	RequireStack bool      `json:"requireStack,omitempty"`
}

func loadCases(t *testing.T) []goldenCase {
	data, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("testdata/cases.json: %v", err)
	}
	return cases
}

// nodeConfig makes the resolver behave exactly as node does, which is what
// the goldens record: Node's extensions and strict ESM.
func nodeConfig(conds []string) Config {
	return Config{Extensions: []string{".js", ".json", ".node"}, StrictESM: true, Conditions: conds}
}

func runGo(root string, cases []goldenCase) map[string]outcome {
	resolvers := map[string]*Resolver{}
	out := map[string]outcome{}
	sub := func(s string) string { return strings.ReplaceAll(s, "<root>", root) }
	abs := func(p string) string {
		a := filepath.Join(root, p)
		if strings.HasSuffix(p, "/") {
			a += "/"
		}
		return a
	}
	for _, c := range cases {
		key := strings.Join(c.Conditions, ",")
		r := resolvers[key]
		if r == nil {
			r = New(nodeConfig(c.Conditions))
			resolvers[key] = r
		}
		var res Result
		var err error
		switch c.Mode {
		case "require":
			res, err = r.Resolve(sub(c.Spec), abs(c.From), Require)
		case "import":
			res, err = r.Resolve(sub(c.Spec), abs(c.From), Import)
		case "paths":
			var ps []string
			for _, p := range c.Paths {
				ps = append(ps, abs(p))
			}
			res, err = r.ResolvePaths(sub(c.Spec), ps, abs(c.From), Require)
		case "lookup":
			lp := r.LookupPaths(sub(c.Spec), abs(c.From))
			o := outcome{}
			if lp != nil {
				rel := []string{}
				for _, p := range lp {
					if strings.HasPrefix(p, root+"/") {
						rel = append(rel, p[len(root)+1:])
					}
				}
				o.Paths = &rel
			} // nil: node's null, for builtins
			out[c.Name] = o
			continue
		}
		out[c.Name] = toOutcome(root, res, err)
	}
	return out
}

func toOutcome(root string, res Result, err error) outcome {
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			code := "GO_ERROR"
			return outcome{Code: &code, Message: err.Error()}
		}
		code := e.Code
		return outcome{Code: &code, Message: strings.ReplaceAll(e.Message, root, "<root>"), RequireStack: e.RequireStack}
	}
	if res.Builtin != "" {
		return outcome{Builtin: res.Builtin}
	}
	if strings.HasPrefix(res.Path, root+"/") {
		return outcome{Path: res.Path[len(root)+1:]}
	}
	return outcome{Path: res.Path}
}

// runNode runs testdata/golden.cjs over the same tree.
func runNode(t *testing.T, root string) map[string]outcome {
	t.Helper()
	cmd := exec.Command("node", "--expose-internals", "--no-addons", "--no-deprecation",
		"testdata/golden.cjs", root, "testdata/cases.json")
	cmd.Stderr = os.Stderr
	data, err := cmd.Output()
	if err != nil {
		t.Fatalf("node testdata/golden.cjs: %v", err)
	}
	var out map[string]outcome
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("node output: %v", err)
	}
	return out
}

// v8JSONDetail: JSON.parse's own words, which pkgbox does not reproduce
// (Go's decoder words its errors differently).
func v8JSONDetail(msg string) (prefix string, ok bool) {
	i := strings.Index(msg, "package.json")
	if i < 0 {
		return "", false
	}
	rest := msg[i+len("package.json"):]
	switch {
	case strings.HasPrefix(rest, ": "):
		return msg[:i+len("package.json: ")], true
	case strings.Contains(rest, ". ") && (strings.Contains(rest, "JSON") || strings.Contains(rest, "Unexpected")):
		j := strings.Index(rest, ". ")
		return msg[:i+len("package.json")+j+2], true
	}
	return "", false
}

func sameOutcome(want, got outcome) bool {
	if want.Code != nil && got.Code != nil {
		if prefix, ok := v8JSONDetail(want.Message); ok && (*want.Code == "" || *want.Code == "ERR_INVALID_PACKAGE_CONFIG") {
			return *got.Code == "ERR_INVALID_PACKAGE_CONFIG" && strings.HasPrefix(got.Message, prefix)
		}
	}
	w, _ := json.Marshal(want)
	g, _ := json.Marshal(got)
	return string(w) == string(g)
}

func compare(t *testing.T, what string, want, got map[string]outcome, cases []goldenCase) {
	t.Helper()
	fails := 0
	for _, c := range cases {
		w, ok := want[c.Name]
		if !ok {
			t.Errorf("%s has no entry for case %q (run go test -update with node on PATH)", what, c.Name)
			continue
		}
		g := got[c.Name]
		if !sameOutcome(w, g) {
			fails++
			wj, _ := json.Marshal(w)
			gj, _ := json.Marshal(g)
			t.Errorf("%s\n  %s: %s\n  go:   %s", c.Name, what, wj, gj)
		}
	}
	if fails > 0 {
		t.Logf("%d of %d cases differ from %s", fails, len(cases), what)
	}
}

// TestGolden resolves every case in testdata/cases.json and compares with
// what node 20 answered (testdata/golden.json), and with node live when it
// is on PATH.
func TestGolden(t *testing.T) {
	root := fixtureRoot(t)
	cases := loadCases(t)
	got := runGo(root, cases)

	_, nodeErr := exec.LookPath("node")
	if *update {
		if nodeErr != nil {
			t.Fatal("-update needs node on PATH")
		}
		live := runNode(t, root)
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false) // keep "<root>" readable
		enc.SetIndent("", " ")
		if err := enc.Encode(live); err != nil { // map keys come out sorted
			t.Fatal(err)
		}
		if err := os.WriteFile("testdata/golden.json", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d goldens", len(live))
	}

	data, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string]outcome
	if err := json.Unmarshal(data, &golden); err != nil {
		t.Fatalf("testdata/golden.json: %v", err)
	}
	compare(t, "golden", golden, got, cases)

	if nodeErr != nil {
		t.Log("node not on PATH: compared with the committed goldens only")
		return
	}
	live := runNode(t, root)
	compare(t, "node", live, got, cases)
}
