package manifests

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	// santhosh-tekuri/jsonschema implements draft 2020-12 completely (it passes the official
	// JSON-Schema-Test-Suite) and is pure Go with no further dependencies; writing our own
	// validator would only test the schema against our own reading of the standard.
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/pkgbox/pkgbox/policy"
)

const schemaFile = "../schema/pkgbox.schema.json"

// parseStricter lists the testdata files the schema accepts and Parse rejects, with the reason
// a JSON Schema cannot see the problem. The test fails when a listed file stops being such a
// case, so the list cannot go stale.
var parseStricter = map[string]string{
	"duplicate-keys.json":       "a schema validates the decoded object, in which a repeated key has already replaced the first",
	"duplicate-capability.json": "a schema validates the decoded object, in which a repeated key has already replaced the first",
	"lone-surrogate.json":       "JSON decoders (encoding/json, editors) turn a lone surrogate escape into U+FFFD before validation",
	"invalid-utf8.json":         "encoding/json turns invalid UTF-8 into U+FFFD before validation",
	"bad-patterns.json":         "pattern syntax (host:port, path globs, commands, variable names) is checked by policy.ValidatePattern; the schema only asks for non-empty strings",
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	sch, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatalf("compiling %s: %v", schemaFile, err)
	}
	return sch
}

func TestSchemaAgreesWithParse(t *testing.T) {
	sch := compileSchema(t)
	for _, kind := range []string{"valid", "invalid"} {
		for _, file := range testdataFiles(t, kind) {
			name := filepath.Base(file)
			t.Run(kind+"/"+name, func(t *testing.T) {
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				_, perr := Parse(name, data)
				parseOK := perr == nil
				schemaOK, why := false, ""
				inst, jerr := jsonschema.UnmarshalJSON(bytes.NewReader(data))
				if jerr != nil {
					why = "not JSON: " + jerr.Error()
				} else if verr := sch.Validate(inst); verr != nil {
					why = verr.Error()
				} else {
					schemaOK = true
				}
				if parseOK != (kind == "valid") {
					t.Fatalf("Parse accepted it: %v; the file is in %s/", parseOK, kind)
				}
				if reason, listed := parseStricter[name]; listed {
					if !schemaOK || parseOK {
						t.Fatalf("listed as a case where only Parse rejects the file (%s), but schema accepts: %v (%s), Parse accepts: %v", reason, schemaOK, why, parseOK)
					}
					return
				}
				if schemaOK != parseOK {
					t.Errorf("schema accepts: %v (%s); Parse accepts: %v (%v)", schemaOK, why, parseOK, perr)
				}
			})
		}
	}
	for name := range parseStricter {
		if _, err := os.Stat(filepath.Join("testdata", "manifests", "invalid", name)); err != nil {
			t.Errorf("parseStricter names %s: %v", name, err)
		}
	}
}

// The schema is written by hand for editors (descriptions, examples); this keeps its lists in
// step with the capability table and the reader.
func TestSchemaMatchesCapabilityTable(t *testing.T) {
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Properties map[string]json.RawMessage
		Defs       struct {
			Grants struct {
				Properties map[string]map[string]any
			}
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(schema.Properties)); !slices.Equal(got, slices.Sorted(slices.Values(topLevelKeys))) {
		t.Errorf("schema top-level keys %q, reader's %q", got, topLevelKeys)
	}
	defFor := map[policy.ResourceKind]string{
		policy.ResourcePath:     "#/$defs/pathGrant",
		policy.ResourceHostPort: "#/$defs/hostPortGrant",
		policy.ResourceHost:     "#/$defs/hostGrant",
		policy.ResourceCommand:  "#/$defs/commandGrant",
		policy.ResourceEnv:      "#/$defs/envGrant",
	}
	props := schema.Defs.Grants.Properties
	for _, c := range policy.Capabilities() {
		p, ok := props[c.Name]
		if !ok {
			t.Errorf("schema lacks capability %s", c.Name)
			continue
		}
		if c.Resource == policy.ResourceNone {
			if p["const"] != true {
				t.Errorf("schema: %s takes no resource, so it should be {\"const\": true}; got %v", c.Name, p)
			}
			continue
		}
		if want, ok := defFor[c.Resource]; !ok {
			t.Errorf("no schema definition for resource kind %q of %s; add one", c.Resource, c.Name)
		} else if p["$ref"] != want {
			t.Errorf("schema: %s refers to %v, want %s (its resource is a %s)", c.Name, p["$ref"], want, c.Resource)
		}
	}
	if len(props) != len(policy.Capabilities()) {
		t.Errorf("schema lists %d capabilities, the table %d", len(props), len(policy.Capabilities()))
	}
}

// Pattern by pattern: where the schema rejects a pattern, ValidatePattern must too, and the
// patterns only ValidatePattern rejects are the ones listed as such (schemaMisses).
func TestSchemaPatternsAgree(t *testing.T) {
	sch := compileSchema(t)
	tests := []struct {
		capability, pattern string
		schemaMisses        bool // valid for the schema, rejected by Parse
	}{
		{"fs.read", "./.env", false},
		{"fs.read", "/etc/**", false},
		{"fs.read", "./{a,b}/*.json", false},
		{"fs.read", "", false},
		{"fs.read", "~/.npmrc", false},
		{"fs.read", "file:///etc/passwd", false},
		{"fs.write", "https://example.com/x", false},
		{"fs.read", "./[ab", true},
		{"fs.read", "./a\x00", true},
		{"net.connect", "api.example.com:443", false},
		{"net.connect", "*.example.com:*", false},
		{"net.connect", "*:*", false},
		{"net.connect", "[::1]:8080", false},
		{"net.connect", "unix:/var/run/docker.sock", false},
		{"net.connect", "api.example.com", false},
		{"net.connect", "api.example.com:https", false},
		{"net.connect", "unix:", false},
		{"net.connect", "", false},
		{"net.listen", "localhost:65536", true},
		{"net.listen", "::1:80", true},
		{"net.listen", "a*b.example.com:80", true},
		{"net.listen", "bad host:80", true},
		{"net.resolve", "example.com", false},
		{"net.resolve", "*.example.com", false},
		{"net.resolve", "10.0.0.1", false},
		{"net.resolve", "::1", false},
		{"net.resolve", "example.com/x", false},
		{"net.resolve", "two words", false},
		{"net.resolve", "", false},
		{"net.resolve", "example.com:443", true},
		{"net.resolve", "*.*.example.com", true},
		{"process.spawn", "git", false},
		{"process.spawn", "/usr/bin/git", false},
		{"process.spawn", "./git", false},
		{"process.spawn", "git status", false},
		{"process.spawn", "g*", false},
		{"process.spawn", "", false},
		{"process.spawn", "/usr/bin/git\x00", true},
		{"env.read", "HOME", false},
		{"env.read", "npm_config_*", false},
		{"env.read", "*", false},
		{"env.write", "A*B", false},
		{"env.write", "A=B", false},
		{"env.write", "**", false},
		{"env.write", "", false},
		{"env.read", " HOME", true},
	}
	for _, tt := range tests {
		doc := map[string]any{"packages": map[string]any{"a": map[string]any{tt.capability: []any{tt.pattern}}}}
		data, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		_, perr := Parse("pkgbox.json", data)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		verr := sch.Validate(inst)
		switch {
		case tt.schemaMisses:
			if verr != nil || perr == nil {
				t.Errorf("%s %q: listed as valid for the schema only, but schema: %v; Parse: %v", tt.capability, tt.pattern, verr, perr)
			}
		case (verr == nil) != (perr == nil):
			t.Errorf("%s %q: schema: %v; Parse: %v", tt.capability, tt.pattern, verr, perr)
		}
	}
}
