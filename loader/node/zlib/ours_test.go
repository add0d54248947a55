package zlib

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/dop251/goja"
)

type ourCase struct {
	Input      string `json:"input"`
	Format     string `json:"format"`
	Dictionary string `json:"dictionary,omitempty"`
	WindowBits int    `json:"windowBits,omitempty"`
	Data       string `json:"data"`
}

// compressAll compresses every input in every format and variant with this implementation: the
// sync functions, and streams written in pieces with sync/full flushes and a params() change.
const compressAll = `function (inputs, dict) {
	const C = zlib.constants;
	const variants = {
		deflate: { default: {}, level1: { level: 1 }, level9: { level: 9 }, level0: { level: 0 }, dict: { dictionary: dict },
			window9: { windowBits: 9 }, huffman: { strategy: C.Z_HUFFMAN_ONLY }, rle: { strategy: C.Z_RLE } },
		deflateRaw: { default: {}, level1: { level: 1 }, dict: { dictionary: dict }, window8: { windowBits: 8 } },
		gzip: { default: {}, level9: { level: 9 }, level1: { level: 1 } },
		brotliCompress: { default: {}, q1: { params: { [C.BROTLI_PARAM_QUALITY]: 1 } }, lgwin10: { params: { [C.BROTLI_PARAM_LGWIN]: 10 } } },
	};
	const out = {};
	for (const [format, vs] of Object.entries(variants)) {
		for (const [vname, opts] of Object.entries(vs)) {
			for (const [iname, data] of Object.entries(inputs)) {
				out[format + '/' + vname + '/' + iname] = { input: iname, format, variant: vname, data: zlib[format + 'Sync'](data, opts) };
			}
		}
	}
	const streams = [];
	for (const format of ['deflate', 'deflateRaw', 'gzip', 'brotliCompress']) {
		const factory = 'create' + format[0].toUpperCase() + format.slice(1);
		for (const [iname, data] of Object.entries(inputs)) {
			const s = zlib[factory]({ level: 1 });
			const chunks = [];
			s.on('data', (c) => chunks.push(c));
			const name = 'stream/' + format + '/flushes/' + iname;
			s.on('end', () => {
				const n = chunks.reduce((a, c) => a + c.length, 0);
				const all = new Uint8Array(n);
				let o = 0;
				for (const c of chunks) { all.set(c, o); o += c.length; }
				out[name] = { input: iname, format, variant: 'flushes', data: all };
			});
			const third = Math.floor(data.length / 3);
			const brotli = format === 'brotliCompress';
			s.write(data.subarray(0, third));
			s.flush(brotli ? C.BROTLI_OPERATION_FLUSH : C.Z_SYNC_FLUSH);
			s.write(data.subarray(third, 2 * third));
			if (!brotli) { s.flush(C.Z_FULL_FLUSH); s.params(9, C.Z_DEFAULT_STRATEGY); }
			s.write(data.subarray(2 * third));
			s.end();
			streams.push(s);
		}
	}
	return out;
}`

const undoAll = `function (data, format, opts) {
	const fn = { deflate: 'inflateSync', deflateRaw: 'inflateRawSync', gzip: 'gunzipSync', brotliCompress: 'brotliDecompressSync' }[format];
	return zlib[fn](data, opts);
}`

// TestOurOutputDecompresses compresses every input in every format and variant, then checks that
// this implementation gets the input back and, when node is on PATH, that node does too.
func TestOurOutputDecompresses(t *testing.T) {
	h := newHost()
	inputs, vals := testInputs(t, h)
	in := h.VM().NewObject()
	for k, v := range vals {
		_ = in.Set(k, v)
	}
	dictBytes := []byte("quick brown fox lazy dog Grüße emoji")
	compress := jsFunc(t, h, compressAll)
	res, err := compress(goja.Undefined(), in, h.NewBuffer(append([]byte(nil), dictBytes...)))
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Run(); err != nil {
		t.Fatal(err)
	}
	undo := jsFunc(t, h, undoAll)
	cases := map[string]ourCase{}
	obj := res.(*goja.Object)
	for _, name := range obj.Keys() {
		c := obj.Get(name).(*goja.Object)
		format, variant, input := c.Get("format").String(), c.Get("variant").String(), c.Get("input").String()
		data := bytesOf(t, h, c.Get("data"))
		oc := ourCase{Input: input, Format: format, Data: base64.StdEncoding.EncodeToString(data)}
		opts := h.VM().NewObject()
		switch variant {
		case "dict":
			oc.Dictionary = string(dictBytes)
			_ = opts.Set("dictionary", h.NewBuffer(append([]byte(nil), dictBytes...)))
		case "window9", "window8":
			oc.WindowBits = 9
			_ = opts.Set("windowBits", 9)
		}
		cases[name] = oc
		back, err := undo(goja.Undefined(), h.NewBuffer(data), h.VM().ToValue(format), opts)
		if err != nil {
			t.Errorf("%s: our own decompression failed: %v", name, err)
			continue
		}
		if !bytes.Equal(bytesOf(t, h, back), inputs[input]) {
			t.Errorf("%s: our own decompression differs", name)
		}
	}
	if len(cases) < 100 {
		t.Fatalf("only %d cases compressed", len(cases))
	}

	node, err := exec.LookPath("node")
	if err != nil {
		t.Log("node not on PATH: checked our own decompression only")
		return
	}
	file := filepath.Join(t.TempDir(), "cases.json")
	raw, _ := json.Marshal(cases)
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	script, _ := filepath.Abs("testdata/check_ours.js")
	src, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", "__filename="+jsonString(script)+";__dirname=require('path').dirname(__filename);"+string(src), file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var failures map[string]string
	if err := json.Unmarshal(out, &failures); err != nil {
		t.Fatalf("node said %s", out)
	}
	for name, why := range failures {
		t.Errorf("node cannot decompress %s: %s", name, why)
	}
	t.Logf("node decompressed %d of our outputs", len(cases)-len(failures))
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
