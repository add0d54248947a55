package crypto

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"

	"github.com/dop251/goja"
)

func (b *binding) randomFuncs() {
	// randomFill(view, offset, size) fills bytes [offset, offset+size) of the view's bytes.
	b.fn("randomFill", 3, func(call goja.FunctionCall) goja.Value {
		p := b.span(call)
		rand.Read(p)
		return goja.Undefined()
	})
	// randomFillAsync(view, offset, size, cb) does the same off the JavaScript goroutine and then
	// calls cb(). The random bytes are made aside and copied in on delivery, so that Go never writes
	// memory JavaScript may be using concurrently.
	b.fn("randomFillAsync", 4, func(call goja.FunctionCall) goja.Value {
		view, off, size := call.Argument(0), b.intArg(call, 1), b.intArg(call, 2)
		b.span(call)
		b.background(call.Argument(3), func() func() []goja.Value {
			tmp := make([]byte, size)
			rand.Read(tmp)
			return func() []goja.Value {
				if p, ok := b.bytesOK(view); ok && off+size <= len(p) {
					copy(p[off:], tmp)
				}
				return nil
			}
		})
		return goja.Undefined()
	})
	// randomInt(min, max) is uniform in [min, max); the caller checked max - min < 2**48.
	b.fn("randomInt", 2, func(call goja.FunctionCall) goja.Value {
		lo, hi := call.Argument(0).ToInteger(), call.Argument(1).ToInteger()
		return b.vm.ToValue(lo + int64(uniform(uint64(hi-lo))))
	})
	b.fn("randomUUID", 0, func(goja.FunctionCall) goja.Value {
		return b.vm.ToValue(uuid4())
	})
	b.fn("timingSafeEqual", 2, func(call goja.FunctionCall) goja.Value {
		return b.vm.ToValue(subtle.ConstantTimeCompare(b.bytes(call.Argument(0)), b.bytes(call.Argument(1))) == 1)
	})
}

// span returns the bytes a randomFill call names, after the JavaScript side validated the range.
func (b *binding) span(call goja.FunctionCall) []byte {
	p := b.bytes(call.Argument(0))
	off, size := b.intArg(call, 1), b.intArg(call, 2)
	if off < 0 || size < 0 || off+size > len(p) {
		panic(b.vm.NewTypeError("crypto binding: randomFill range outside the buffer"))
	}
	return p[off : off+size]
}

func (b *binding) bytesOK(v goja.Value) ([]byte, bool) {
	defer func() { _ = recover() }()
	return b.bytes(v), true
}

// uniform returns a uniformly distributed value in [0, n) by rejection sampling, n > 0.
func uniform(n uint64) uint64 {
	if n <= 1 {
		return 0
	}
	// limit is the largest multiple of n that fits in 64 bits; values at or above it would bias.
	limit := -(-n % n) // == 2**64 - (2**64 mod n), computed without overflow
	var buf [8]byte
	for {
		rand.Read(buf[:])
		v := binary.LittleEndian.Uint64(buf[:])
		if limit == 0 || v < limit {
			return v % n
		}
	}
}

func uuid4() string {
	var u [16]byte
	rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return string(s[:])
}
