package crypto

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	stdencoding "encoding"
	"hash"
	"slices"
	"strings"

	"golang.org/x/crypto/blake2b"
	"golang.org/x/crypto/blake2s"
	"golang.org/x/crypto/ripemd160" //nolint:staticcheck // Node (OpenSSL) still offers RIPEMD-160.
)

// digestAlg is one message digest: a constructor and, for the SHAKE XOFs, the default output size.
type digestAlg struct {
	new func() hash.Hash
	xof func() *sha3.SHAKE
	// xofLen is OpenSSL's default output length in bytes for an XOF.
	xofLen int
}

// nodeHashNames is crypto.getHashes() in Node 20 (OpenSSL 3) minus the algorithms Go does not
// implement (sm3): every name maps to its canonical algorithm below.
var nodeHashNames = map[string]string{
	"RSA-MD5": "md5", "RSA-RIPEMD160": "ripemd160", "RSA-SHA1": "sha1", "RSA-SHA1-2": "sha1",
	"RSA-SHA224": "sha224", "RSA-SHA256": "sha256", "RSA-SHA3-224": "sha3-224", "RSA-SHA3-256": "sha3-256",
	"RSA-SHA3-384": "sha3-384", "RSA-SHA3-512": "sha3-512", "RSA-SHA384": "sha384", "RSA-SHA512": "sha512",
	"RSA-SHA512/224": "sha512-224", "RSA-SHA512/256": "sha512-256", "blake2b512": "blake2b512",
	"blake2s256": "blake2s256", "id-rsassa-pkcs1-v1_5-with-sha3-224": "sha3-224",
	"id-rsassa-pkcs1-v1_5-with-sha3-256": "sha3-256", "id-rsassa-pkcs1-v1_5-with-sha3-384": "sha3-384",
	"id-rsassa-pkcs1-v1_5-with-sha3-512": "sha3-512", "md5": "md5", "md5-sha1": "md5-sha1",
	"md5WithRSAEncryption": "md5", "ripemd": "ripemd160", "ripemd160": "ripemd160",
	"ripemd160WithRSA": "ripemd160", "rmd160": "ripemd160", "sha1": "sha1", "sha1WithRSAEncryption": "sha1",
	"sha224": "sha224", "sha224WithRSAEncryption": "sha224", "sha256": "sha256",
	"sha256WithRSAEncryption": "sha256", "sha3-224": "sha3-224", "sha3-256": "sha3-256",
	"sha3-384": "sha3-384", "sha3-512": "sha3-512", "sha384": "sha384", "sha384WithRSAEncryption": "sha384",
	"sha512": "sha512", "sha512-224": "sha512-224", "sha512-224WithRSAEncryption": "sha512-224",
	"sha512-256": "sha512-256", "sha512-256WithRSAEncryption": "sha512-256",
	"sha512WithRSAEncryption": "sha512", "shake128": "shake128", "shake256": "shake256",
	"ssl3-md5": "md5", "ssl3-sha1": "sha1",
}

// extraHashNames are names OpenSSL 3 accepts without listing them in getHashes().
var extraHashNames = map[string]string{
	"sha-1": "sha1", "sha-224": "sha224", "sha-256": "sha256", "sha-384": "sha384", "sha-512": "sha512",
	"sha2-224": "sha224", "sha2-256": "sha256", "sha2-384": "sha384", "sha2-512": "sha512",
	"sha-512/224": "sha512-224", "sha512/224": "sha512-224", "sha2-512/224": "sha512-224",
	"sha-512/256": "sha512-256", "sha512/256": "sha512-256", "sha2-512/256": "sha512-256",
	"shake-128": "shake128", "shake-256": "shake256",
}

var digestAlgs = map[string]digestAlg{
	"md5":        {new: md5.New},
	"sha1":       {new: sha1.New},
	"sha224":     {new: sha256.New224},
	"sha256":     {new: sha256.New},
	"sha384":     {new: sha512.New384},
	"sha512":     {new: sha512.New},
	"sha512-224": {new: sha512.New512_224},
	"sha512-256": {new: sha512.New512_256},
	"sha3-224":   {new: func() hash.Hash { return sha3.New224() }},
	"sha3-256":   {new: func() hash.Hash { return sha3.New256() }},
	"sha3-384":   {new: func() hash.Hash { return sha3.New384() }},
	"sha3-512":   {new: func() hash.Hash { return sha3.New512() }},
	"shake128":   {xof: sha3.NewSHAKE128, xofLen: 16},
	"shake256":   {xof: sha3.NewSHAKE256, xofLen: 32},
	"ripemd160":  {new: ripemd160.New},
	"blake2b512": {new: func() hash.Hash { h, _ := blake2b.New512(nil); return h }},
	"blake2s256": {new: func() hash.Hash { h, _ := blake2s.New256(nil); return h }},
	"md5-sha1":   {new: newMD5SHA1},
}

// lowerHashNames indexes every accepted name case-insensitively, as OpenSSL looks them up.
var lowerHashNames = func() map[string]string {
	m := map[string]string{}
	for k, v := range nodeHashNames {
		m[strings.ToLower(k)] = v
	}
	for k, v := range extraHashNames {
		m[k] = v
	}
	return m
}()

// lookupDigest finds an algorithm by any of its Node names.
func lookupDigest(name string) (digestAlg, bool) {
	canon, ok := lowerHashNames[strings.ToLower(name)]
	if !ok {
		return digestAlg{}, false
	}
	a, ok := digestAlgs[canon]
	return a, ok
}

// hashNewFunc returns a plain hash constructor (for HMAC, PBKDF2, HKDF); XOFs have none.
func hashNewFunc(name string) (func() hash.Hash, bool) {
	a, ok := lookupDigest(name)
	if !ok || a.new == nil {
		return nil, false
	}
	return a.new, true
}

// hashNames is getHashes(): Node's list, in its order, for the algorithms we have.
func hashNames() []string {
	names := make([]string, 0, len(nodeHashNames))
	for k := range nodeHashNames {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// digester is one running hash: either a hash.Hash or a SHAKE with its output length.
type digester struct {
	alg    digestAlg
	h      hash.Hash
	shake  *sha3.SHAKE
	outLen int
}

func newDigester(a digestAlg, outLen int) *digester {
	if a.xof != nil {
		return &digester{alg: a, shake: a.xof(), outLen: outLen}
	}
	return &digester{alg: a, h: a.new()}
}

func (d *digester) write(p []byte) {
	if d.shake != nil {
		d.shake.Write(p)
		return
	}
	d.h.Write(p)
}

func (d *digester) sum() []byte {
	if d.shake != nil {
		out := make([]byte, d.outLen)
		d.shake.Read(out)
		return out
	}
	return d.h.Sum(nil)
}

// clone copies the running state for Hash.copy(); ok is false for a hash that cannot be copied.
func (d *digester) clone(outLen int) (*digester, bool) {
	c := newDigester(d.alg, outLen)
	var state []byte
	var err error
	var into stdencoding.BinaryUnmarshaler
	if d.shake != nil {
		state, err = d.shake.MarshalBinary()
		into = c.shake
	} else {
		if cl, ok := d.h.(hash.Cloner); ok {
			if h, err := cl.Clone(); err == nil {
				c.h = h
				return c, true
			}
		}
		m, ok1 := d.h.(stdencoding.BinaryMarshaler)
		u, ok2 := c.h.(stdencoding.BinaryUnmarshaler)
		if !ok1 || !ok2 {
			return nil, false
		}
		state, err = m.MarshalBinary()
		into = u
	}
	if err != nil || into.UnmarshalBinary(state) != nil {
		return nil, false
	}
	return c, true
}
