package crypto

import (
	"crypto/hkdf"
	"crypto/pbkdf2"
	"hash"
	"math"

	"github.com/dop251/goja"
	// x/crypto's scrypt because the standard library has none.
	"golang.org/x/crypto/scrypt"
)

func (b *binding) kdfFuncs() {
	// pbkdf2(password, salt, iterations, keylen, digest, cb?) -> Buffer, or cb(err, Buffer)
	b.fn("pbkdf2", 6, func(call goja.FunctionCall) goja.Value {
		pass, salt := b.copied(call.Argument(0)), b.copied(call.Argument(1))
		iter, keylen := b.intArg(call, 2), b.intArg(call, 3)
		name := call.Argument(4).String()
		newHash, ok := hashNewFunc(name)
		if !ok {
			b.throwPlain("TypeError", "ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: "+name)
		}
		run := func() []byte { return pbkdf2Key(newHash, pass, salt, iter, keylen) }
		return b.syncOrAsync(call.Argument(5), run)
	})
	// scrypt(password, salt, keylen, N, r, p, maxmem, cb?) -> Buffer, or cb(err, Buffer)
	b.fn("scrypt", 8, func(call goja.FunctionCall) goja.Value {
		pass, salt := b.copied(call.Argument(0)), b.copied(call.Argument(1))
		keylen := b.intArg(call, 2)
		n, r, p := uint64(call.Argument(3).ToInteger()), uint64(call.Argument(4).ToInteger()), uint64(call.Argument(5).ToInteger())
		maxmem := uint64(call.Argument(6).ToInteger())
		switch scryptCheck(n, r, p, maxmem) {
		case scryptBadParams:
			b.throwPlain("RangeError", "ERR_CRYPTO_INVALID_SCRYPT_PARAMS", "Invalid scrypt params")
		case scryptTooMuchMemory:
			b.throwPlain("RangeError", "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
				"Invalid scrypt params: error:030000AC:digital envelope routines::memory limit exceeded")
		}
		run := func() []byte {
			if keylen == 0 {
				return []byte{}
			}
			key, err := scrypt.Key(pass, salt, int(n), int(r), int(p), keylen)
			if err != nil {
				panic(err)
			}
			return key
		}
		return b.syncOrAsync(call.Argument(7), run)
	})
	// hkdf(digest, ikm, salt, info, keylen, cb?) -> ArrayBuffer, or cb(err, ArrayBuffer)
	b.fn("hkdf", 6, func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0).String()
		newHash, ok := hashNewFunc(name)
		if !ok {
			b.throwPlain("TypeError", "ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: "+name)
		}
		ikm, salt, info := b.copied(call.Argument(1)), b.copied(call.Argument(2)), b.copied(call.Argument(3))
		keylen := b.intArg(call, 4)
		if keylen > 255*newHash().Size() {
			b.throwPlain("RangeError", "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length")
		}
		derive := func() []byte {
			if keylen == 0 {
				return []byte{}
			}
			key, err := hkdf.Key(newHash, ikm, salt, string(info), keylen)
			if err != nil {
				panic(err)
			}
			return key
		}
		if cb := call.Argument(5); !goja.IsUndefined(cb) {
			b.background(cb, func() func() []goja.Value {
				key := derive()
				return func() []goja.Value {
					return []goja.Value{goja.Null(), b.vm.ToValue(b.vm.NewArrayBuffer(key))}
				}
			})
			return goja.Undefined()
		}
		return b.vm.ToValue(b.vm.NewArrayBuffer(derive()))
	})
}

// copied returns a private copy of a string's UTF-8 or a view's bytes, safe to use off the
// JavaScript goroutine.
func (b *binding) copied(v goja.Value) []byte {
	if _, ok := v.(goja.String); ok {
		return b.data(v, goja.Undefined())
	}
	return append([]byte{}, b.bytes(v)...)
}

// syncOrAsync runs derive now and returns a Buffer, or, given a callback, runs it in the
// background and calls cb(null, Buffer).
func (b *binding) syncOrAsync(cb goja.Value, derive func() []byte) goja.Value {
	if goja.IsUndefined(cb) {
		return b.h.NewBuffer(derive())
	}
	b.background(cb, func() func() []goja.Value {
		key := derive()
		return func() []goja.Value { return []goja.Value{goja.Null(), b.h.NewBuffer(key)} }
	})
	return goja.Undefined()
}

func pbkdf2Key(newHash func() hash.Hash, pass, salt []byte, iter, keylen int) []byte {
	if keylen == 0 {
		return []byte{}
	}
	key, err := pbkdf2.Key(newHash, string(pass), salt, iter, keylen)
	if err != nil {
		panic(err)
	}
	return key
}

type scryptVerdict int

const (
	scryptOK scryptVerdict = iota
	scryptBadParams
	scryptTooMuchMemory
)

// scryptCheck applies OpenSSL's EVP_PBE_scrypt limits, which Node uses to accept or reject the
// parameters: malformed ones fail plainly, sizes past the limits (memory needed is about
// 128*r*(N+2) + 128*r*p bytes, at most maxmem) fail with OpenSSL's "memory limit exceeded".
func scryptCheck(n, r, p, maxmem uint64) scryptVerdict {
	if r == 0 || p == 0 || n < 2 || n&(n-1) != 0 {
		return scryptBadParams
	}
	if p > ((1<<30)-1)/r {
		return scryptTooMuchMemory
	}
	if 16*r <= 63 && n >= uint64(1)<<(16*r) {
		return scryptTooMuchMemory
	}
	blen := p * 128 * r
	if blen > math.MaxInt32 {
		return scryptTooMuchMemory
	}
	if n+2 > (math.MaxUint64/128)/r {
		return scryptTooMuchMemory
	}
	vlen := 128 * r * (n + 2)
	if blen > math.MaxUint64-vlen {
		return scryptTooMuchMemory
	}
	if maxmem == 0 {
		maxmem = 32 << 20
	}
	if blen+vlen > maxmem {
		return scryptTooMuchMemory
	}
	return scryptOK
}
