package manifests

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"testing"
)

// FuzzParse holds Parse to four promises whatever the input: it never panics; what it accepts
// is JSON by encoding/json's reading and decodes to the same values; a rejection is an *Error
// whose problems point inside the file; and an accepted manifest survives Marshal and Parse
// unchanged, with Marshal's layout stable. Seeds: testdata/fuzz/FuzzParse and every
// testdata/manifests file.
func FuzzParse(f *testing.F) {
	for _, kind := range []string{"valid", "invalid"} {
		for _, file := range testdataFiles(f, kind) {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkJSONLayer(t, data)

		m, err := Parse("pkgbox.json", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || len(e.Problems) == 0 {
				t.Fatalf("error %T %v is not an *Error with problems", err, err)
			}
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, p := range e.Problems {
				if p.Line < 0 || p.Line > lines || (p.Line > 0 && p.Column < 1) || p.Message == "" {
					t.Fatalf("problem %+v is outside the file (%d lines)", p, lines)
				}
			}
			return
		}
		if !json.Valid(data) {
			t.Fatalf("Parse accepted %q, which encoding/json rejects", data)
		}
		out := m.Marshal()
		back, err := Parse("pkgbox.json", out)
		if err != nil {
			t.Fatalf("Parse(Marshal(m)) failed: %v\ninput: %q\nmarshalled:\n%s", err, data, out)
		}
		if !back.Equal(m) {
			t.Fatalf("Parse(Marshal(m)) = %+v, want %+v", back, m)
		}
		if again := back.Marshal(); !bytes.Equal(again, out) {
			t.Fatalf("Marshal not stable:\n%s\nthen\n%s", out, again)
		}
	})
}

// checkJSONLayer compares the position-keeping parser with encoding/json: the same documents,
// except those it rejects on purpose (strictOnly), decoded to the same values.
func checkJSONLayer(t *testing.T, data []byte) {
	root, serr := parseJSON(data)
	valid := json.Valid(data)
	switch {
	case serr == nil && !valid:
		t.Fatalf("parseJSON accepted %q, which encoding/json rejects", data)
	case serr != nil && valid && !serr.strictOnly:
		t.Fatalf("parseJSON rejected %q, which encoding/json accepts: %s", data, serr.msg)
	case serr != nil && (serr.off < 0 || serr.off > len(data)):
		t.Fatalf("syntax error offset %d outside the %d bytes", serr.off, len(data))
	case serr != nil:
		return
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var want any
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	if got := plain(root); !reflect.DeepEqual(got, want) {
		t.Fatalf("parseJSON decoded %q as %#v; encoding/json as %#v", data, got, want)
	}
}

// plain converts a parsed value to what encoding/json decodes into an any (with UseNumber); a
// repeated key keeps its last value, as encoding/json does.
func plain(v *jsonValue) any {
	switch v.kind {
	case jsonObject:
		out := make(map[string]any, len(v.members))
		for _, m := range v.members {
			out[m.key] = plain(m.value)
		}
		return out
	case jsonArray:
		out := make([]any, len(v.elems))
		for i, e := range v.elems {
			out[i] = plain(e)
		}
		return out
	case jsonString:
		return v.str
	case jsonNumber:
		return json.Number(v.str)
	case jsonBool:
		return v.boolean
	}
	return nil
}
