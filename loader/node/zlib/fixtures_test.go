package zlib

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

type fixture struct {
	Options string `json:"options"`
	Data    string `json:"data"`
}

// decompressors names the sync function and stream factory that undo each compressor.
var decompressors = map[string][2]string{
	"deflate": {"inflateSync", "createInflate"}, "deflateRaw": {"inflateRawSync", "createInflateRaw"},
	"gzip": {"gunzipSync", "createGunzip"}, "brotliCompress": {"brotliDecompressSync", "createBrotliDecompress"},
}

const checkFixture = `function (fnName, streamName, data, opts, want, done) {
	const sync = zlib[fnName](data, opts);
	const viaUnzip = (fnName === 'inflateSync' || fnName === 'gunzipSync') ? zlib.unzipSync(data, opts) : sync;
	// The same data fed to a stream in uneven pieces.
	const s = zlib[streamName](opts);
	const chunks = [];
	s.on('data', (c) => chunks.push(c));
	s.on('error', (e) => done(sync, viaUnzip, e));
	s.on('end', () => {
		const n = chunks.reduce((a, c) => a + c.length, 0);
		const out = new Uint8Array(n);
		let o = 0;
		for (const c of chunks) { out.set(c, o); o += c.length; }
		done(sync, viaUnzip, out);
	});
	for (let i = 0; i < data.length; i += 777) s.write(data.subarray(i, i + 777));
	s.end();
}`

// TestNodeFixturesDecompress decompresses node's own output (testdata/fixtures.json, made by
// make_fixtures.js) with the sync functions, unzip and the streams.
func TestNodeFixturesDecompress(t *testing.T) {
	raw, err := os.ReadFile("testdata/fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var fixtures map[string]fixture
	if err := json.Unmarshal(raw, &fixtures); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(fixtures))
	for k := range fixtures {
		names = append(names, k)
	}
	sort.Strings(names)
	h := newHost()
	inputs, _ := testInputs(t, h)
	check := jsFunc(t, h, checkFixture)
	dict := h.NewBuffer([]byte("quick brown fox lazy dog Grüße emoji"))
	for _, name := range names {
		// format/variant/input, or kind/format/variant/input for streams and gzip members
		parts := strings.Split(name, "/")
		if len(parts) == 4 {
			parts = parts[1:]
		}
		format, variant, input := parts[0], parts[1], parts[2]
		data, err := base64.StdEncoding.DecodeString(fixtures[name].Data)
		if err != nil {
			t.Fatal(err)
		}
		opts := h.VM().NewObject()
		if variant == "dict" {
			_ = opts.Set("dictionary", dict)
		}
		if variant == "window8" || variant == "window9" {
			_ = opts.Set("windowBits", 9)
		}
		want := inputs[input]
		var got [3]goja.Value
		done := h.Func("done", 3, func(call goja.FunctionCall) goja.Value {
			got = [3]goja.Value{call.Argument(0), call.Argument(1), call.Argument(2)}
			return goja.Undefined()
		})
		fns := decompressors[format]
		if _, err := check(goja.Undefined(), h.VM().ToValue(fns[0]), h.VM().ToValue(fns[1]), h.NewBuffer(data), opts, h.NewBuffer(want), done); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if err := h.Run(); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for i, what := range []string{"sync", "unzip", "stream"} {
			if got[i] == nil {
				t.Errorf("%s: %s gave nothing", name, what)
				continue
			}
			if o, ok := got[i].(*goja.Object); ok && o.ClassName() == "Error" {
				t.Errorf("%s: %s failed: %v", name, what, o)
				continue
			}
			if b := bytesOf(t, h, got[i]); !bytes.Equal(b, want) {
				t.Errorf("%s: %s output differs (%d bytes, want %d)", name, what, len(b), len(want))
			}
		}
	}
}
