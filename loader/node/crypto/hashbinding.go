package crypto

import (
	"crypto/hmac"
	"hash"

	"github.com/dop251/goja"
)

func (b *binding) hashFuncs() {
	// hashNew(algorithm, outputLength?) -> handle, see opUpdate
	b.fn("hashNew", 2, func(call goja.FunctionCall) goja.Value {
		alg, ok := lookupDigest(call.Argument(0).String())
		if !ok {
			b.throwPlain("Error", "", "Digest method not supported")
		}
		return b.hashHandle(newDigester(alg, b.outputLength(alg, call.Argument(1))))
	})
	// hash(algorithm, data, outputEncoding) is crypto.hash(): one call, no handle.
	b.fn("hash", 3, func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0).String()
		alg, ok := lookupDigest(name)
		if !ok {
			b.throwPlain("Error", "", "Digest method "+name+" is not supported")
		}
		d := newDigester(alg, alg.xofLen)
		d.write(b.data(call.Argument(1), goja.Undefined()))
		return b.out(d.sum(), parseEncoding(call.Argument(2), encHex))
	})
	b.fn("hashes", 0, func(goja.FunctionCall) goja.Value {
		names := hashNames()
		vals := make([]any, len(names))
		for i, n := range names {
			vals[i] = n
		}
		return b.vm.NewArray(vals...)
	})
	// hmacNew(algorithm, key) -> handle, see opUpdate
	b.fn("hmacNew", 2, func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0).String()
		newHash, ok := hashNewFunc(name)
		if !ok {
			b.throwPlain("TypeError", "ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: "+name)
		}
		key := append([]byte{}, b.bytes(call.Argument(1))...)
		return b.hmacHandle(hmac.New(newHash, key))
	})
}

// outputLength applies Hash's outputLength option: any length for an XOF, only the natural one
// for the other digests.
func (b *binding) outputLength(alg digestAlg, v goja.Value) int {
	if goja.IsUndefined(v) {
		return alg.xofLen
	}
	n := int(v.ToInteger())
	if alg.xof != nil {
		return n
	}
	if n != alg.new().Size() {
		b.throwOpenSSL("030000B2", "digital envelope routines", "not XOF or invalid length", "ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH")
	}
	return 0
}

// Hash and Hmac handles are one native function each, op(kind, ...), rather than an object of
// methods: hashes are made by the thousand (cache keys, ETags) and each native function costs an
// allocation.
const (
	opUpdate = 0 // op(0, data, encoding)
	opDigest = 1 // op(1, outputEncoding) -> Buffer | string
	opCopy   = 2 // op(2, outputLength?) -> handle
)

func (b *binding) hashHandle(d *digester) *goja.Object {
	return b.h.Func("hash", 3, func(call goja.FunctionCall) goja.Value {
		switch call.Argument(0).ToInteger() {
		case opUpdate:
			d.write(b.data(call.Argument(1), call.Argument(2)))
		case opDigest:
			return b.out(d.sum(), parseEncoding(call.Argument(1), encBuffer))
		case opCopy:
			outLen := d.outLen
			if v := call.Argument(1); !goja.IsUndefined(v) {
				outLen = b.outputLength(d.alg, v)
			}
			c, ok := d.clone(outLen)
			if !ok {
				b.throwPlain("Error", "ERR_CRYPTO_HASH_COPY", "copy() is not supported for this hash algorithm")
			}
			return b.hashHandle(c)
		}
		return goja.Undefined()
	})
}

func (b *binding) hmacHandle(m hash.Hash) *goja.Object {
	return b.h.Func("hmac", 3, func(call goja.FunctionCall) goja.Value {
		switch call.Argument(0).ToInteger() {
		case opUpdate:
			m.Write(b.data(call.Argument(1), call.Argument(2)))
		case opDigest:
			return b.out(m.Sum(nil), parseEncoding(call.Argument(1), encBuffer))
		}
		return goja.Undefined()
	})
}
