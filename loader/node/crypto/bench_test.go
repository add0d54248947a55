package crypto

import (
	"testing"

	"github.com/dop251/goja"
)

// BenchmarkSHA256OneMegabyte hashes 1 MB through crypto.js and the binding, as package code would.
func BenchmarkSHA256OneMegabyte(b *testing.B) {
	h := newHost()
	vm := h.VM()
	vm.Set("crypto", h.Require("crypto"))
	fn, err := vm.RunString(`(() => { const data = new Uint8Array(1 << 20).fill(7); return () => crypto.createHash('sha256').update(data).digest('hex'); })()`)
	if err != nil {
		b.Fatal(err)
	}
	call, _ := goja.AssertFunction(fn)
	b.SetBytes(1 << 20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := call(goja.Undefined()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAES256GCMOneMegabyte encrypts 1 MB with the incremental GCM (its GHASH is bit-serial).
func BenchmarkAES256GCMOneMegabyte(b *testing.B) {
	h := newHost()
	vm := h.VM()
	vm.Set("crypto", h.Require("crypto"))
	fn, err := vm.RunString(`(() => { const data = new Uint8Array(1 << 20).fill(7); const key = new Uint8Array(32), iv = new Uint8Array(12);
		return () => { const c = crypto.createCipheriv('aes-256-gcm', key, iv); c.update(data); c.final(); return c.getAuthTag(); }; })()`)
	if err != nil {
		b.Fatal(err)
	}
	call, _ := goja.AssertFunction(fn)
	b.SetBytes(1 << 20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := call(goja.Undefined()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSmallHashes is the common case: many short strings hashed to hex.
func BenchmarkSmallHashes(b *testing.B) {
	h := newHost()
	vm := h.VM()
	vm.Set("crypto", h.Require("crypto"))
	fn, err := vm.RunString(`() => crypto.createHash('md5').update('some-cache-key-of-modest-length').digest('hex')`)
	if err != nil {
		b.Fatal(err)
	}
	call, _ := goja.AssertFunction(fn)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := call(goja.Undefined()); err != nil {
			b.Fatal(err)
		}
	}
}
