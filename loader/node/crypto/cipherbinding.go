package crypto

import (
	"github.com/dop251/goja"
)

func (b *binding) cipherFuncs() {
	// cipherNew(name, key, iv|null, decrypt, authTagLength|-1) -> handle
	b.fn("cipherNew", 5, func(call goja.FunctionCall) goja.Value {
		spec, ok := lookupCipher(call.Argument(0).String())
		if !ok {
			b.throwPlain("Error", "ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher")
		}
		ivArg := call.Argument(2)
		hasIV := !goja.IsNull(ivArg) && !goja.IsUndefined(ivArg)
		var iv []byte
		if hasIV {
			iv = b.bytes(ivArg)
		}
		tagLen := b.intArg(call, 4)
		e, bad := newCipherEngine(spec, b.bytes(call.Argument(1)), iv, hasIV, call.Argument(3).ToBoolean(), tagLen)
		switch bad {
		case "key":
			b.throwPlain("RangeError", "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length")
		case "iv":
			b.throwPlain("TypeError", "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector")
		case "tag":
			b.throwPlain("TypeError", "ERR_CRYPTO_INVALID_AUTH_TAG", "Invalid authentication tag length: "+call.Argument(4).String())
		}
		return b.cipherHandle(e)
	})
	b.fn("ciphers", 0, func(goja.FunctionCall) goja.Value {
		names := cipherNames()
		vals := make([]any, len(names))
		for i, n := range names {
			vals[i] = n
		}
		return b.vm.NewArray(vals...)
	})
	// cipherInfo(name) -> {name, nid, blockSize, ivLength, keyLength, mode} | undefined
	b.fn("cipherInfo", 1, func(call goja.FunctionCall) goja.Value {
		var spec cipherSpec
		found := false
		if nid, isNum := call.Argument(0).Export().(int64); isNum {
			for _, s := range cipherSpecs {
				if s.nid == int(nid) {
					spec, found = s, true
					break
				}
			}
		} else {
			spec, found = lookupCipher(call.Argument(0).String())
		}
		if !found {
			return goja.Undefined()
		}
		o := b.vm.NewObject()
		_ = o.Set("mode", spec.mode)
		_ = o.Set("name", spec.name)
		_ = o.Set("nid", spec.nid)
		_ = o.Set("blockSize", spec.blockSize)
		if spec.ivLen != 0 {
			_ = o.Set("ivLength", spec.ivLen)
		}
		_ = o.Set("keyLength", spec.keyLen)
		return o
	})
}

func (b *binding) cipherFail(err cipherError) {
	switch err {
	case errUnsupportedState:
		b.throwPlain("Error", "", "Trying to add data in unsupported state")
	case errInvalidState:
		b.throwPlain("Error", "ERR_CRYPTO_INVALID_STATE", "Invalid state")
	case errWrongFinalBlockLength:
		b.throwOpenSSL("1C80006B", "Provider routines", "wrong final block length", "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH")
	case errBadDecrypt:
		b.throwOpenSSL("1C800064", "Provider routines", "bad decrypt", "ERR_OSSL_BAD_DECRYPT")
	case errAuthFailed:
		b.throwPlain("Error", "", "Unsupported state or unable to authenticate data")
	}
}

func (b *binding) cipherHandle(e *cipherEngine) *goja.Object {
	o := b.vm.NewObject()
	b.method(o, "update", 2, func(call goja.FunctionCall) goja.Value {
		out, err := e.update(b.data(call.Argument(0), call.Argument(1)))
		b.cipherFail(err)
		return b.h.NewBuffer(out)
	})
	b.method(o, "final", 0, func(goja.FunctionCall) goja.Value {
		out, err := e.final()
		b.cipherFail(err)
		return b.h.NewBuffer(out)
	})
	b.method(o, "setAutoPadding", 1, func(call goja.FunctionCall) goja.Value {
		return b.vm.ToValue(e.setAutoPadding(call.Argument(0).ToBoolean()))
	})
	b.method(o, "setAAD", 1, func(call goja.FunctionCall) goja.Value {
		return b.vm.ToValue(e.setAAD(b.bytes(call.Argument(0))))
	})
	b.method(o, "setAuthTag", 1, func(call goja.FunctionCall) goja.Value {
		tag := b.bytes(call.Argument(0))
		ok, badLen := e.setAuthTag(tag)
		if badLen {
			b.throwPlain("TypeError", "ERR_CRYPTO_INVALID_AUTH_TAG", "Invalid authentication tag length: "+itoa(len(tag)))
		}
		return b.vm.ToValue(ok)
	})
	b.method(o, "getAuthTag", 0, func(goja.FunctionCall) goja.Value {
		tag := e.authTag()
		if tag == nil {
			return goja.Undefined()
		}
		return b.h.NewBuffer(append([]byte{}, tag...))
	})
	return o
}
