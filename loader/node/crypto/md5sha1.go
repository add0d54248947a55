package crypto

import (
	"crypto/md5"
	"crypto/sha1"
	"hash"
)

// md5sha1 is OpenSSL's "md5-sha1": the MD5 and SHA-1 digests of the same input, concatenated
// (TLS 1.0's handshake hash).
type md5sha1 struct{ m, s hash.Hash }

func newMD5SHA1() hash.Hash { return &md5sha1{m: md5.New(), s: sha1.New()} }

func (h *md5sha1) Write(p []byte) (int, error) {
	h.m.Write(p)
	return h.s.Write(p)
}

func (h *md5sha1) Sum(b []byte) []byte { return h.s.Sum(h.m.Sum(b)) }
func (h *md5sha1) Reset()              { h.m.Reset(); h.s.Reset() }
func (h *md5sha1) Size() int           { return md5.Size + sha1.Size }
func (h *md5sha1) BlockSize() int      { return sha1.BlockSize }

func (h *md5sha1) Clone() (hash.Cloner, error) {
	m, err := h.m.(hash.Cloner).Clone()
	if err != nil {
		return nil, err
	}
	s, err := h.s.(hash.Cloner).Clone()
	if err != nil {
		return nil, err
	}
	return &md5sha1{m: m, s: s}, nil
}
