package zlib

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"runtime"
	"strings"

	// andybalholm/brotli is a pure-Go port of Google's brotli (encoder and decoder); it was
	// already in go.mod and needs no cgo.
	"github.com/andybalholm/brotli"
)

// brotliEncoder is BrotliCompress. Quality and window come from the params; the other Brotli
// parameters (mode, size hint, block size, ...) are accepted and have no effect.
type brotliEncoder struct {
	o        options
	w        *brotli.Writer
	out      bytes.Buffer
	finished bool
}

func newBrotliEncoder(o options) *brotliEncoder {
	e := &brotliEncoder{o: o}
	e.reset()
	return e
}

func (e *brotliEncoder) reset() {
	e.out.Reset()
	e.finished = false
	e.w = brotli.NewWriterOptions(&e.out, brotli.WriterOptions{Quality: e.o.quality, LGWin: e.o.lgwin})
}

func (e *brotliEncoder) process(in []byte, op int) ([]byte, *zerror) {
	if e.finished {
		return nil, nil
	}
	if len(in) > 0 {
		e.w.Write(in)
	}
	switch op {
	case brotliOpFlush:
		e.w.Flush()
	case brotliOpFinish:
		e.w.Close()
		e.finished = true
	}
	out := append([]byte(nil), e.out.Bytes()...)
	e.out.Reset()
	return out, nil
}

func (e *brotliEncoder) salvage() []byte { return nil }
func (e *brotliEncoder) params(int, int) {}
func (e *brotliEncoder) close()          {}

// brotliDecoder is BrotliDecompress, a coroutine over brotli.Reader like the inflater.
type brotliDecoder struct {
	core *inflateCore
	next func() (struct{}, bool)
	stop func()
}

func newBrotliDecoder(o options) *brotliDecoder {
	d := &brotliDecoder{}
	d.start(o)
	return d
}

func (d *brotliDecoder) start(o options) {
	d.core = &inflateCore{o: o}
	core := d.core
	d.next, d.stop = iter.Pull(func(yield func(struct{}) bool) { core.runBrotli(yield) })
	runtime.AddCleanup(d, func(stop func()) { stop() }, d.stop)
}

func (d *brotliDecoder) process(in []byte, op int) ([]byte, *zerror) {
	c := d.core
	if c.err != nil {
		return nil, c.err
	}
	if c.ended {
		return nil, nil
	}
	c.in = append(c.in, in...)
	c.finishing = op == brotliOpFinish
	if _, ok := d.next(); !ok && c.err == nil {
		c.ended = true
	}
	out := c.out
	c.out = nil
	return out, c.err
}

func (d *brotliDecoder) salvage() []byte { return d.core.salvage(d.next) }

func (d *brotliDecoder) params(int, int) {}

func (d *brotliDecoder) reset() {
	d.stop()
	d.start(d.core.o)
}

func (d *brotliDecoder) close() { d.stop() }

func (c *inflateCore) runBrotli(yield func(struct{}) bool) {
	defer func() {
		if x := recover(); x != nil {
			c.err = dataError(fmt.Sprintf("zlib: internal error: %v", x))
		}
	}()
	r := brotli.NewReader(&source{c: c, yield: yield})
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if c.o.limit > 0 && len(c.out)+n > c.o.limit {
				c.err = &zerror{tooLarge: c.o.limit}
				return
			}
			c.out = append(c.out, buf[:n]...)
		}
		switch {
		case err == nil:
			continue
		case err == io.EOF, strings.HasSuffix(err.Error(), "excessive input"):
			// Node ignores what follows the end of a Brotli stream.
			return
		case errors.Is(err, io.ErrUnexpectedEOF):
			if !c.salvaging {
				c.err = errUnexpectedEOF
			}
		case errors.Is(err, errStopped):
		default:
			c.err = brotliError(err)
		}
		return
	}
}

// brotliError maps the decoder's error to Node's: "Decompression failed" with the decoder's error
// code as errno and ERR_ + the constant name without its BROTLI_DECODER prefix as code.
func brotliError(err error) *zerror {
	name := strings.TrimPrefix(err.Error(), "brotli: ")
	for _, full := range []string{"BROTLI_DECODER_ERROR_FORMAT_" + name, "BROTLI_DECODER_ERROR_" + name} {
		if errno, ok := brotliDecoderErrors[full]; ok {
			return &zerror{msg: "Decompression failed", errno: errno, code: "ERR_" + strings.TrimPrefix(full, "BROTLI_DECODER")}
		}
	}
	return &zerror{msg: "Decompression failed", errno: -31, code: "ERR__ERROR_UNREACHABLE"}
}

var brotliDecoderErrors = map[string]int{
	"BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE": -1, "BROTLI_DECODER_ERROR_FORMAT_RESERVED": -2,
	"BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE": -3, "BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET": -4,
	"BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME": -5, "BROTLI_DECODER_ERROR_FORMAT_CL_SPACE": -6,
	"BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE": -7, "BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT": -8,
	"BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1": -9, "BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2": -10,
	"BROTLI_DECODER_ERROR_FORMAT_TRANSFORM": -11, "BROTLI_DECODER_ERROR_FORMAT_DICTIONARY": -12,
	"BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS": -13, "BROTLI_DECODER_ERROR_FORMAT_PADDING_1": -14,
	"BROTLI_DECODER_ERROR_FORMAT_PADDING_2": -15, "BROTLI_DECODER_ERROR_FORMAT_DISTANCE": -16,
	"BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET": -19, "BROTLI_DECODER_ERROR_INVALID_ARGUMENTS": -20,
	"BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES": -21, "BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS": -22,
	"BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP": -25, "BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1": -26,
	"BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2": -27, "BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES": -30,
	"BROTLI_DECODER_ERROR_UNREACHABLE": -31,
}
