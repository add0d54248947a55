package net_test

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// Socket writes reach the peer byte for byte as Node sends them: strings in each encoding
// (latin1 keeps the low byte, utf8 turns a lone surrogate into U+FFFD), corked writes as one, and
// a write larger than the kernel takes at once (the reader starts late) followed by more writes,
// which must arrive after it, whole. bytesWritten counts bytes, not characters.
func TestSocketWritesArriveInOrderAndEncoded(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	got := make(chan []byte, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			got <- nil
			return
		}
		defer c.Close()
		time.Sleep(200 * time.Millisecond) // let the client's big write fill the socket buffers
		b, _ := io.ReadAll(c)
		got <- b
	}()
	const big = 16 << 20
	out, errs, code := runApp(t, map[string]string{"app.js": fmt.Sprintf(`
const net = require('net');
const c = net.connect(%d, '127.0.0.1', () => {
  c.write('\u00e9', 'latin1');
  c.write('\u00e9');
  c.write('\ud800x');
  c.write('\u0100A', 'latin1');
  c.write('ff00', 'hex');
  c.write('aGk=', 'base64');
  c.cork();
  c.write('a');
  c.write(Buffer.from([1, 2]));
  c.write('\u00e9', 'latin1');
  c.write('', 'utf8');
  c.write('\u20ac', 'utf8');
  c.uncork();
  const data = Buffer.alloc(%d, 7);
  data[data.length - 1] = 9;
  const ok = c.write(data);
  c.write('tail');
  c.end(() => console.log('finished', ok, c.bytesWritten, c.writableLength));
});
c.on('error', (e) => console.log('error', e.code));
`, l.Addr().(*net.TCPAddr).Port, big)}, "app.js")
	var want bytes.Buffer
	want.Write([]byte{0xe9, 0xc3, 0xa9, 0xef, 0xbf, 0xbd, 'x', 0x00, 'A', 0xff, 0x00, 'h', 'i', 'a', 1, 2, 0xe9, 0xe2, 0x82, 0xac})
	want.Write(bytes.Repeat([]byte{7}, big-1))
	want.WriteString("\x09tail")
	wantLines(t, out, errs, code, fmt.Sprintf("finished false %d 0", want.Len()))
	var b []byte
	select {
	case b = <-got:
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not receive the end of the stream")
	}
	if !bytes.Equal(b, want.Bytes()) {
		n := 0
		for n < len(b) && n < want.Len() && b[n] == want.Bytes()[n] {
			n++
		}
		t.Fatalf("received %d bytes, want %d; first difference at byte %d: got %q want %q", len(b), want.Len(), n,
			clip(b, n), clip(want.Bytes(), n))
	}
}

func clip(b []byte, at int) string {
	end := min(at+16, len(b))
	if at > end {
		return ""
	}
	return strings.TrimSpace(fmt.Sprintf("% x", b[at:end]))
}
