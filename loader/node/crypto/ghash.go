package crypto

import (
	"crypto/cipher"
	"encoding/binary"
)

// gcmStream is AES-GCM (NIST SP 800-38D) as an incremental cipher. Go's cipher.AEAD seals and opens
// whole messages only, but Node's Cipheriv returns ciphertext from every update() and many
// programs drop final()'s (empty) output, so GCM here is CTR mode plus a running GHASH.
// The GHASH multiply is the bit-serial algorithm with masks instead of branches or tables, so its
// timing does not depend on the data; it is checked against crypto/cipher's GCM in the tests.
type gcmStream struct {
	block   cipher.Block
	decrypt bool
	hKey    [2]uint64 // H = E(K, 0^128)
	j0      [16]byte
	ctr     [16]byte
	ks      [16]byte
	ksUsed  int
	y       [2]uint64 // GHASH accumulator
	pending [16]byte  // bytes not yet folded into y (AAD, then ciphertext)
	npend   int
	aadLen  uint64
	ctLen   uint64
	aadDone bool
}

func newGCMStream(block cipher.Block, iv []byte, decrypt bool) *gcmStream {
	g := &gcmStream{block: block, decrypt: decrypt}
	var h [16]byte
	block.Encrypt(h[:], h[:])
	g.hKey = [2]uint64{binary.BigEndian.Uint64(h[:8]), binary.BigEndian.Uint64(h[8:])}
	if len(iv) == 12 {
		copy(g.j0[:], iv)
		g.j0[15] = 1
	} else {
		// J0 = GHASH(IV || 0-padding || 0^64 || [len(IV) in bits]_64)
		var y [2]uint64
		bits := uint64(len(iv)) * 8
		for rest := iv; len(rest) > 0; {
			var blk [16]byte
			n := copy(blk[:], rest)
			rest = rest[n:]
			y = g.mulH(y, blk)
		}
		var lens [16]byte
		binary.BigEndian.PutUint64(lens[8:], bits)
		y = g.mulH(y, lens)
		binary.BigEndian.PutUint64(g.j0[:8], y[0])
		binary.BigEndian.PutUint64(g.j0[8:], y[1])
	}
	g.ctr = g.j0
	g.ksUsed = 16
	return g
}

// mulH returns (y XOR blk) * H in GF(2^128).
func (g *gcmStream) mulH(y [2]uint64, blk [16]byte) [2]uint64 {
	x := [2]uint64{y[0] ^ binary.BigEndian.Uint64(blk[:8]), y[1] ^ binary.BigEndian.Uint64(blk[8:])}
	var z [2]uint64
	v := g.hKey
	for i := 0; i < 128; i++ {
		var bit uint64
		if i < 64 {
			bit = x[0] >> (63 - i) & 1
		} else {
			bit = x[1] >> (127 - i) & 1
		}
		mask := -bit
		z[0] ^= v[0] & mask
		z[1] ^= v[1] & mask
		lsb := v[1] & 1
		v[1] = v[1]>>1 | v[0]<<63
		v[0] = v[0]>>1 ^ 0xe100000000000000&-lsb
	}
	return z
}

// absorb feeds bytes into GHASH, keeping a partial block pending.
func (g *gcmStream) absorb(p []byte) {
	for len(p) > 0 {
		n := copy(g.pending[g.npend:], p)
		g.npend += n
		p = p[n:]
		if g.npend == 16 {
			g.y = g.mulH(g.y, g.pending)
			g.npend = 0
		}
	}
}

// flushPending pads a partial block with zeros and folds it in (end of AAD or of ciphertext).
func (g *gcmStream) flushPending() {
	if g.npend > 0 {
		clear(g.pending[g.npend:])
		g.y = g.mulH(g.y, g.pending)
		g.npend = 0
	}
}

func (g *gcmStream) addAAD(p []byte) {
	g.aadLen += uint64(len(p))
	g.absorb(p)
}

func (g *gcmStream) endAAD() {
	if !g.aadDone {
		g.flushPending()
		g.aadDone = true
	}
}

func inc32(ctr *[16]byte) {
	binary.BigEndian.PutUint32(ctr[12:], binary.BigEndian.Uint32(ctr[12:])+1)
}

// xorKeyStream encrypts or decrypts p into dst (same length) and hashes the ciphertext.
func (g *gcmStream) xorKeyStream(dst, p []byte) {
	g.endAAD()
	g.ctLen += uint64(len(p))
	if g.decrypt {
		g.absorb(p)
	}
	out := dst
	for i := range p {
		if g.ksUsed == 16 {
			inc32(&g.ctr)
			g.block.Encrypt(g.ks[:], g.ctr[:])
			g.ksUsed = 0
		}
		out[i] = p[i] ^ g.ks[g.ksUsed]
		g.ksUsed++
	}
	if !g.decrypt {
		g.absorb(dst[:len(p)])
	}
}

// tag finishes GHASH and returns the full 16-byte tag.
func (g *gcmStream) tag() []byte {
	g.endAAD()
	g.flushPending()
	var lens [16]byte
	binary.BigEndian.PutUint64(lens[:8], g.aadLen*8)
	binary.BigEndian.PutUint64(lens[8:], g.ctLen*8)
	s := g.mulH(g.y, lens)
	var t [16]byte
	g.block.Encrypt(t[:], g.j0[:])
	binary.BigEndian.PutUint64(t[:8], binary.BigEndian.Uint64(t[:8])^s[0])
	binary.BigEndian.PutUint64(t[8:], binary.BigEndian.Uint64(t[8:])^s[1])
	return t[:]
}
