package zlib

import (
	"testing"

	"github.com/dop251/goja"
)

// benchJS runs fn (a JavaScript function of one 1 MB Uint8Array of mildly compressible data)
// through zlib.js and the binding.
func benchJS(b *testing.B, src string) {
	h := newHost()
	fn := jsFunc(b, h, `function () {
		const data = new Uint8Array(1 << 20);
		for (let i = 0; i < data.length; i++) data[i] = (i % 251) ^ ((i >> 9) & 7);
		return `+src+`;
	}`)
	v, err := fn(goja.Undefined())
	if err != nil {
		b.Fatal(err)
	}
	call, _ := goja.AssertFunction(v)
	b.SetBytes(1 << 20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := call(goja.Undefined()); err != nil {
			b.Fatal(err)
		}
		if err := h.Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGzipSyncOneMegabyte is zlib.gzipSync of 1 MB.
func BenchmarkGzipSyncOneMegabyte(b *testing.B) {
	benchJS(b, `() => zlib.gzipSync(data)`)
}

// BenchmarkGzipStreamOneMegabyte writes 1 MB to createGzip in 64 KiB pieces (work on goroutines).
func BenchmarkGzipStreamOneMegabyte(b *testing.B) {
	benchJS(b, `() => { const s = zlib.createGzip(); s.on('data', () => {}); for (let i = 0; i < data.length; i += 65536) s.write(data.subarray(i, i + 65536)); s.end(); }`)
}

// BenchmarkGunzipSyncOneMegabyte is zlib.gunzipSync of 1 MB of output.
func BenchmarkGunzipSyncOneMegabyte(b *testing.B) {
	benchJS(b, `(() => { const gz = zlib.gzipSync(data); return () => zlib.gunzipSync(gz); })()`)
}
