package crypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"slices"
	"strings"
)

// cipherSpec describes one OpenSSL cipher name as Node's getCipherInfo reports it.
type cipherSpec struct {
	name      string // getCipherInfo's name
	nid       int
	mode      string
	keyLen    int
	ivLen     int
	blockSize int
}

// cipherSpecs is keyed by the names Node's getCiphers() lists for what is implemented here.
var cipherSpecs = func() map[string]cipherSpec {
	m := map[string]cipherSpec{}
	type row struct {
		mode              string
		nids              [3]int
		ivLen, blockSize  int
		gcmName, longName bool
	}
	rows := []row{
		{mode: "ecb", nids: [3]int{418, 422, 426}, ivLen: 0, blockSize: 16},
		{mode: "cbc", nids: [3]int{419, 423, 427}, ivLen: 16, blockSize: 16},
		{mode: "ofb", nids: [3]int{420, 424, 428}, ivLen: 16, blockSize: 1},
		{mode: "cfb", nids: [3]int{421, 425, 429}, ivLen: 16, blockSize: 1},
		{mode: "ctr", nids: [3]int{904, 905, 906}, ivLen: 16, blockSize: 1},
		{mode: "gcm", nids: [3]int{895, 898, 901}, ivLen: 12, blockSize: 1},
	}
	for _, r := range rows {
		for i, bits := range []string{"128", "192", "256"} {
			s := cipherSpec{name: "aes-" + bits + "-" + r.mode, nid: r.nids[i], mode: r.mode,
				keyLen: 16 + 8*i, ivLen: r.ivLen, blockSize: r.blockSize}
			if r.mode == "gcm" {
				s.name = "id-aes" + bits + "-gcm"
				m["id-aes"+bits+"-GCM"] = s
			}
			m["aes-"+bits+"-"+r.mode] = s
			if r.mode == "cbc" {
				m["aes"+bits] = s
			}
		}
	}
	return m
}()

func lookupCipher(name string) (cipherSpec, bool) {
	if s, ok := cipherSpecs[name]; ok {
		return s, true
	}
	for k, s := range cipherSpecs {
		if strings.EqualFold(k, name) {
			return s, true
		}
	}
	return cipherSpec{}, false
}

func cipherNames() []string {
	names := make([]string, 0, len(cipherSpecs))
	for k := range cipherSpecs {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// validTagLen is OpenSSL's rule for GCM tags: 4, 8, or 12 to 16 bytes.
func validTagLen(n int) bool { return n == 4 || n == 8 || (n >= 12 && n <= 16) }

// cipherError is a failure that Node reports with a particular error; the binding turns it into
// the JavaScript error.
type cipherError int

const (
	errNone cipherError = iota
	errUnsupportedState
	errInvalidState
	errWrongFinalBlockLength
	errBadDecrypt
	errAuthFailed
)

// cipherEngine is one Cipheriv/Decipheriv: the incremental state behind update() and final().
type cipherEngine struct {
	spec    cipherSpec
	decrypt bool
	padding bool
	done    bool
	started bool

	block  cipher.Block
	mode   cipher.BlockMode // cbc, ecb
	stream cipher.Stream    // ctr, cfb, ofb
	gcm    *gcmStream
	buf    []byte // block modes: input not yet processed (decrypt keeps the last block back)

	tagLen    int
	tagLenSet bool   // authTagLength was given: setAuthTag then accepts only that length
	tag       []byte // encrypt: computed at final; decrypt: set by setAuthTag
}

// newCipherEngine validates key and IV the way OpenSSL does for Node and returns the engine, or the
// Node error to raise: "key" for ERR_CRYPTO_INVALID_KEYLEN, "iv" for ERR_CRYPTO_INVALID_IV, "tag" for
// ERR_CRYPTO_INVALID_AUTH_TAG.
func newCipherEngine(spec cipherSpec, key, iv []byte, hasIV, decrypt bool, tagLen int) (*cipherEngine, string) {
	if len(key) != spec.keyLen {
		return nil, "key"
	}
	switch spec.mode {
	case "gcm":
		if !hasIV || len(iv) == 0 {
			return nil, "iv"
		}
	case "ecb":
		if hasIV && len(iv) != 0 {
			return nil, "iv"
		}
	default:
		if !hasIV || len(iv) != spec.ivLen {
			return nil, "iv"
		}
	}
	if spec.mode == "gcm" && tagLen >= 0 && !validTagLen(tagLen) {
		return nil, "tag"
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, "key"
	}
	e := &cipherEngine{spec: spec, decrypt: decrypt, padding: true, block: block, tagLen: tagLen, tagLenSet: tagLen >= 0}
	iv = append([]byte{}, iv...)
	switch spec.mode {
	case "cbc":
		if decrypt {
			e.mode = cipher.NewCBCDecrypter(block, iv)
		} else {
			e.mode = cipher.NewCBCEncrypter(block, iv)
		}
	case "ecb":
		e.mode = ecbMode{block: block, decrypt: decrypt}
	case "ctr":
		e.stream = cipher.NewCTR(block, iv)
	case "ofb":
		e.stream = cipher.NewOFB(block, iv) //nolint:staticcheck // Node offers aes-*-ofb; Go keeps it for compatibility.
	case "cfb":
		if decrypt {
			e.stream = cipher.NewCFBDecrypter(block, iv) //nolint:staticcheck // as above, for aes-*-cfb
		} else {
			e.stream = cipher.NewCFBEncrypter(block, iv) //nolint:staticcheck
		}
	case "gcm":
		e.gcm = newGCMStream(block, iv, decrypt)
		if e.tagLen < 0 {
			e.tagLen = 16
		}
	}
	return e, ""
}

func (e *cipherEngine) update(p []byte) ([]byte, cipherError) {
	if e.done {
		return nil, errUnsupportedState
	}
	e.started = true
	switch {
	case e.stream != nil:
		out := make([]byte, len(p))
		e.stream.XORKeyStream(out, p)
		return out, errNone
	case e.gcm != nil:
		out := make([]byte, len(p))
		e.gcm.xorKeyStream(out, p)
		return out, errNone
	}
	e.buf = append(e.buf, p...)
	n := len(e.buf) - len(e.buf)%16
	// OpenSSL holds the last whole block back while decrypting with padding: it may be the padding.
	if e.decrypt && e.padding && n == len(e.buf) && n > 0 {
		n -= 16
	}
	out := make([]byte, n)
	e.mode.CryptBlocks(out, e.buf[:n])
	e.buf = append(e.buf[:0], e.buf[n:]...)
	return out, errNone
}

func (e *cipherEngine) final() ([]byte, cipherError) {
	if e.done {
		return nil, errInvalidState
	}
	e.done = true
	switch {
	case e.stream != nil:
		return []byte{}, errNone
	case e.gcm != nil:
		full := e.gcm.tag()
		if !e.decrypt {
			e.tag = full[:e.tagLen]
			return []byte{}, errNone
		}
		if e.tag == nil || subtle.ConstantTimeCompare(full[:len(e.tag)], e.tag) != 1 {
			return nil, errAuthFailed
		}
		return []byte{}, errNone
	}
	if !e.padding {
		if len(e.buf) != 0 {
			return nil, errWrongFinalBlockLength
		}
		return []byte{}, errNone
	}
	if !e.decrypt {
		pad := 16 - len(e.buf)
		for i := 0; i < pad; i++ {
			e.buf = append(e.buf, byte(pad))
		}
		out := make([]byte, 16)
		e.mode.CryptBlocks(out, e.buf)
		return out, errNone
	}
	if len(e.buf) != 16 {
		return nil, errWrongFinalBlockLength
	}
	out := make([]byte, 16)
	e.mode.CryptBlocks(out, e.buf)
	pad := int(out[15])
	if pad == 0 || pad > 16 {
		return nil, errBadDecrypt
	}
	for _, c := range out[16-pad:] {
		if int(c) != pad {
			return nil, errBadDecrypt
		}
	}
	return out[:16-pad], errNone
}

// setAutoPadding reports false when the state no longer allows it (Node then throws).
func (e *cipherEngine) setAutoPadding(on bool) bool {
	if e.done {
		return false
	}
	e.padding = on
	return true
}

func (e *cipherEngine) setAAD(p []byte) bool {
	if e.gcm == nil || e.done || e.started {
		return false
	}
	e.gcm.addAAD(p)
	return true
}

// setAuthTag returns ok false for a wrong state and badLen for a tag length GCM does not allow.
func (e *cipherEngine) setAuthTag(tag []byte) (ok, badLen bool) {
	if e.gcm == nil || !e.decrypt || e.done || e.tag != nil {
		return false, false
	}
	if !validTagLen(len(tag)) || (e.tagLenSet && len(tag) != e.tagLen) {
		return false, true
	}
	e.tag = append([]byte{}, tag...)
	return true, false
}

// authTag is the tag after an encrypting final(), or nil.
func (e *cipherEngine) authTag() []byte {
	if e.gcm == nil || e.decrypt || !e.done {
		return nil
	}
	return e.tag
}

// ecbMode is ECB, which crypto/cipher leaves out on purpose; Node offers it.
type ecbMode struct {
	block   cipher.Block
	decrypt bool
}

func (m ecbMode) BlockSize() int { return m.block.BlockSize() }

func (m ecbMode) CryptBlocks(dst, src []byte) {
	for i := 0; i < len(src); i += 16 {
		if m.decrypt {
			m.block.Decrypt(dst[i:i+16], src[i:i+16])
		} else {
			m.block.Encrypt(dst[i:i+16], src[i:i+16])
		}
	}
}
