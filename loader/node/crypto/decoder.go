package crypto

import (
	"strconv"

	"github.com/dop251/goja"
)

func itoa(n int) string { return strconv.Itoa(n) }

// stringDecoder is what Node's StringDecoder does for cipher output: bytes that cannot be encoded
// yet (a split UTF-8 sequence, half a UTF-16 unit, a partial base64 group) wait for the next call.
type stringDecoder struct {
	enc     encoding
	pending []byte
}

// complete returns how many bytes of p can be encoded now.
func (d *stringDecoder) complete(p []byte) int {
	switch d.enc {
	case encUCS2:
		return len(p) - len(p)%2
	case encBase64, encBase64URL:
		return len(p) - len(p)%3
	case encUTF8:
		// Look back at most 3 bytes for the lead byte of a sequence that is not finished.
		for i := 1; i <= 3 && i <= len(p); i++ {
			c := p[len(p)-i]
			if c&0xC0 == 0x80 {
				continue
			}
			need := 0
			switch {
			case c&0xE0 == 0xC0:
				need = 2
			case c&0xF0 == 0xE0:
				need = 3
			case c&0xF8 == 0xF0:
				need = 4
			}
			if need > i {
				return len(p) - i
			}
			return len(p)
		}
	}
	return len(p)
}

func (d *stringDecoder) write(p []byte) []byte {
	all := append(d.pending, p...)
	n := d.complete(all)
	d.pending = append([]byte{}, all[n:]...)
	return all[:n]
}

func (d *stringDecoder) end(p []byte) []byte {
	all := append(d.pending, p...)
	d.pending = nil
	return all
}

// newDecoder(encoding) -> {write(buf) -> string, end(buf?) -> string}
func (b *binding) newDecoder(call goja.FunctionCall) goja.Value {
	d := &stringDecoder{enc: parseEncoding(call.Argument(0), encUTF8)}
	o := b.vm.NewObject()
	b.method(o, "write", 1, func(call goja.FunctionCall) goja.Value {
		return encodeBytes(b.vm, d.write(b.bytes(call.Argument(0))), d.enc)
	})
	b.method(o, "end", 1, func(call goja.FunctionCall) goja.Value {
		return encodeBytes(b.vm, d.end(b.bytes(call.Argument(0))), d.enc)
	})
	return o
}
