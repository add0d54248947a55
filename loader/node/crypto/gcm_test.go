package crypto

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"math/rand/v2"
	"testing"
)

// TestGCMStreamMatchesStdlib checks the incremental GCM against crypto/cipher's one-shot GCM for
// many IV, AAD and message lengths, fed in random pieces.
func TestGCMStreamMatchesStdlib(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 300; i++ {
		key := make([]byte, []int{16, 24, 32}[i%3])
		ivLen := []int{1, 8, 12, 13, 16, 33, 64}[i%7]
		iv := make([]byte, ivLen)
		aad := make([]byte, rng.IntN(70))
		pt := make([]byte, rng.IntN(300))
		for _, b := range [][]byte{key, iv, aad, pt} {
			for j := range b {
				b[j] = byte(rng.Uint32())
			}
		}
		block, _ := aes.NewCipher(key)
		ref, err := cipher.NewGCMWithNonceSize(block, ivLen)
		if err != nil {
			t.Fatal(err)
		}
		want := ref.Seal(nil, iv, pt, aad)

		enc := newGCMStream(block, iv, false)
		enc.addAAD(aad[:len(aad)/2])
		enc.addAAD(aad[len(aad)/2:])
		var got []byte
		for rest := pt; len(rest) > 0; {
			n := 1 + rng.IntN(len(rest))
			out := make([]byte, n)
			enc.xorKeyStream(out, rest[:n])
			got = append(got, out...)
			rest = rest[n:]
		}
		got = append(got, enc.tag()...)
		if !bytes.Equal(got, want) {
			t.Fatalf("case %d (iv %d, aad %d, pt %d): ciphertext+tag differ from crypto/cipher", i, ivLen, len(aad), len(pt))
		}

		dec := newGCMStream(block, iv, true)
		dec.addAAD(aad)
		back := make([]byte, len(pt))
		dec.xorKeyStream(back, want[:len(pt)])
		if !bytes.Equal(back, pt) || !bytes.Equal(dec.tag(), want[len(pt):]) {
			t.Fatalf("case %d: decryption differs", i)
		}
	}
}
