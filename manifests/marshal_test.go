package manifests

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMarshalLayout(t *testing.T) {
	m := &Manifest{
		Packages: map[string]Grants{
			"pino": {"fs.write": {Patterns: []string{"./logs/**"}}},
			"axios": {
				// capabilities in table order, not map or alphabetical order
				"net.resolve": {Patterns: []string{"api.example.com"}},
				"net.connect": {Patterns: []string{"z.example.com:443", "a.example.com:443", "z.example.com:443"}},
			},
			"@scope/name": {"sys.info": {All: true}, "fs.read": {All: true, Patterns: []string{"ignored"}}},
			"quiet":       {},
			"none":        {"env.read": {Patterns: []string{}}},
		},
		App:      Grants{},
		Policies: []string{"z.rego", "a.rego"}, // kept as listed: their order is the user's
	}
	want := `{
  "packages": {
    "@scope/name": {
      "fs.read": true,
      "sys.info": true
    },
    "axios": {
      "net.connect": [
        "a.example.com:443",
        "z.example.com:443"
      ],
      "net.resolve": [
        "api.example.com"
      ]
    },
    "none": {
      "env.read": []
    },
    "pino": {
      "fs.write": [
        "./logs/**"
      ]
    },
    "quiet": {}
  },
  "app": {},
  "policies": [
    "z.rego",
    "a.rego"
  ]
}
`
	if got := string(m.Marshal()); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestMarshalOmitsAbsentAppAndPolicies(t *testing.T) {
	if got, want := string((&Manifest{}).Marshal()), "{\n  \"packages\": {}\n}\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMarshalEscapesOnlyWhatJSONRequires(t *testing.T) {
	m := &Manifest{Packages: map[string]Grants{"a": {"fs.read": {Patterns: []string{"./<a>&b/日本/\"q\"\\\n\t\x01\x7f"}}}}}
	got := string(m.Marshal())
	if want := `"./<a>&b/日本/\"q\"\\\n\t\u0001\u007f"`; !strings.Contains(got, want) {
		t.Errorf("got %s, want it to contain %s", got, want)
	}
	back, err := Parse("pkgbox.json", []byte(got))
	if err != nil {
		t.Fatal(err)
	}
	if !back.Equal(m) {
		t.Errorf("round trip changed the pattern: %q", back.Packages["a"]["fs.read"].Patterns)
	}
}

// A file already in Marshal's layout comes out byte for byte the same.
func TestMarshalCanonicalFileUnchanged(t *testing.T) {
	file := filepath.Join("testdata", "manifests", "valid", "canonical.json")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(file, data)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(m.Marshal()); got != string(data) {
		t.Errorf("got:\n%s\nwant:\n%s", got, data)
	}
}

func TestRoundTripTestdata(t *testing.T) {
	for _, file := range testdataFiles(t, "valid") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			m, err := Read(file)
			if err != nil {
				t.Fatal(err)
			}
			out := m.Marshal()
			back, err := Parse(file, out)
			if err != nil {
				t.Fatalf("Parse(Marshal(m)): %v\n%s", err, out)
			}
			if !back.Equal(m) {
				t.Errorf("Parse(Marshal(m)) = %+v, want %+v", back, m)
			}
			if again := back.Marshal(); string(again) != string(out) {
				t.Errorf("Marshal is not stable:\n%s\nthen\n%s", out, again)
			}
		})
	}
}

func TestRoundTripBuiltInGo(t *testing.T) {
	manifests := []*Manifest{
		{},
		{App: Grants{}},
		{Packages: map[string]Grants{"x": {}}, Policies: []string{"p.rego"}},
		{
			Packages: map[string]Grants{
				"@a/b":       {"env.read": {Patterns: []string{"B*", "A"}}, "env.write": {All: true}},
				"JSONStream": {"process.spawn": {Patterns: []string{"git", "/usr/bin/env"}}},
			},
			App: Grants{"fs.read": {All: true}, "net.listen": {Patterns: []string{"*:8080"}}},
		},
	}
	for i, m := range manifests {
		back, err := Parse("pkgbox.json", m.Marshal())
		if err != nil {
			t.Errorf("%d: %v", i, err)
			continue
		}
		if !back.Equal(m) {
			t.Errorf("%d: Parse(Marshal(m)) = %+v, want %+v", i, back, m)
		}
		if (back.App == nil) != (m.App == nil) {
			t.Errorf("%d: App presence changed", i)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		m    Manifest
		want string // "" for valid
	}{
		{"valid", Manifest{Packages: map[string]Grants{"a": {"fs.read": {All: true}}}}, ""},
		{"unknown capability", Manifest{Packages: map[string]Grants{"a": {"fs.raed": {All: true}}}},
			`pkgbox.json: packages.a."fs.raed": unknown capability (did you mean "fs.read"?)`},
		{"bad package name", Manifest{Path: "dir/m.json", Packages: map[string]Grants{"A B": {}}},
			`dir/m.json: packages."A B": invalid package name: a package name cannot contain spaces; expected an npm package name such as "lodash" or "@scope/name"`},
		{"list for a capability without resource", Manifest{App: Grants{"sys.info": {Patterns: []string{"x"}}}},
			`pkgbox.json: app."sys.info": expected true (sys.info takes no resource), got a list`},
		{"empty pattern", Manifest{App: Grants{"env.read": {Patterns: []string{""}}}},
			`pkgbox.json: app."env.read"[0]: expected a variable name, optionally ending in * ("HOME", "npm_config_*"), got "": empty`},
		{"repeated policy", Manifest{Policies: []string{"a.rego", "a.rego"}},
			`pkgbox.json: policies[1]: "a.rego" is listed twice`},
		{"invalid UTF-8", Manifest{Packages: map[string]Grants{"a": {"fs.read": {Patterns: []string{"./\xff"}}}}},
			`pkgbox.json: a package name, pattern or policy path is not valid UTF-8; expected UTF-8 text`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.m.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || err.Error() != tt.want):
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
			var e *Error
			if errors.As(err, &e) {
				for _, p := range e.Problems {
					if p.Line != 0 || p.Column != 0 {
						t.Errorf("problem %+v points into text that was never written", p)
					}
				}
			}
		})
	}
}

func TestMergeAndEqual(t *testing.T) {
	a := &Manifest{
		Path:     "a.json",
		Packages: map[string]Grants{"x": {"fs.read": {Patterns: []string{"./b", "./a"}}}},
		Policies: []string{"a.rego"},
	}
	b := &Manifest{
		Packages: map[string]Grants{
			"x": {"fs.read": {Patterns: []string{"./a", "./c"}}, "env.read": {All: true}},
			"y": {"sys.info": {All: true}},
		},
		App:      Grants{"fs.write": {Patterns: []string{"./out/**"}}},
		Policies: []string{"b.rego", "a.rego"},
	}
	bPatterns := append([]string(nil), b.Packages["x"]["fs.read"].Patterns...)
	a.Merge(b)
	want := &Manifest{
		Packages: map[string]Grants{
			"x": {"fs.read": {Patterns: []string{"./a", "./b", "./c"}}, "env.read": {All: true}},
			"y": {"sys.info": {All: true}},
		},
		App:      Grants{"fs.write": {Patterns: []string{"./out/**"}}},
		Policies: []string{"a.rego", "b.rego"},
	}
	if !a.Equal(want) {
		t.Errorf("merged: %+v\nwant %+v", a, want)
	}
	if a.Path != "a.json" {
		t.Errorf("Path = %q", a.Path)
	}
	// Merging must not alias other's slices or maps.
	a.Packages["x"]["fs.read"].Patterns[0] = "changed"
	a.Packages["y"]["net.connect"] = Grant{All: true}
	if got := b.Packages["x"]["fs.read"].Patterns; strings.Join(got, ",") != strings.Join(bPatterns, ",") {
		t.Errorf("Merge aliased other's patterns: %q", got)
	}
	if _, ok := b.Packages["y"]["net.connect"]; ok {
		t.Errorf("Merge aliased other's grants map")
	}

	c := &Manifest{Packages: map[string]Grants{"x": {"fs.read": {Patterns: []string{"./a"}}}}}
	c.Merge(&Manifest{Packages: map[string]Grants{"x": {"fs.read": {All: true}}}})
	if !c.Packages["x"]["fs.read"].All {
		t.Errorf("true did not win over a list: %+v", c.Packages["x"]["fs.read"])
	}

	if (&Manifest{}).Equal(&Manifest{App: Grants{}}) {
		t.Errorf("no app section equals an empty one; they mean every capability and none")
	}
	if !(&Manifest{}).Equal(&Manifest{Packages: map[string]Grants{}, Policies: []string{}}) {
		t.Errorf("nil and empty Packages/Policies differ")
	}
	if (Grant{All: true}).Equal(Grant{Patterns: []string{"**"}}) {
		t.Errorf("true equals a list")
	}
	if !(Grant{Patterns: []string{"b", "a", "a"}}).Equal(Grant{Patterns: []string{"a", "b"}}) {
		t.Errorf("pattern order or repeats matter to Equal")
	}
}
