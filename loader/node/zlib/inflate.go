package zlib

import (
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/adler32"
	"hash/crc32"
	"io"
	"iter"
	"runtime"
)

// inflater decompresses zlib, gzip, raw deflate, or either of the first two (unzip).
//
// Go's decoders pull their input from an io.Reader while Node pushes chunks in, so the decoding
// runs as a coroutine (iter.Pull): it reads from the pending input and, when that is empty and
// more may come, yields back to process(); the next process() resumes it. compress/flate decodes
// the deflate body; the zlib and gzip wrappers are parsed here, to report zlib's own messages
// ("incorrect header check", "incorrect data check", ...). Because flate gets an io.ByteReader it
// reads no further than the end of the deflate data, which leaves the trailer here to check.
//
// One difference from zlib remains: flate hands out decoded bytes at the end of each deflate
// block (or every 32 KiB), so a partial block waits for more input instead of coming out at once.
type inflater struct {
	core *inflateCore
	next func() (struct{}, bool)
	stop func()
}

// inflateCore is the state the coroutine works on; it must not point back to the inflater so that
// a dropped inflater can be collected and its coroutine stopped.
type inflateCore struct {
	o         options
	in        []byte
	finishing bool
	out       []byte
	err       *zerror
	ended     bool
	// salvaging: the input ends here although the caller did not ask for Z_FINISH (finishFlush
	// Z_SYNC_FLUSH on the last chunk); what decodes is output and the missing end is no error.
	salvaging bool
}

var errStopped = errors.New("zlib: engine closed")

func newInflater(o options) *inflater {
	e := &inflater{}
	e.start(o)
	return e
}

func (e *inflater) start(o options) {
	e.core = &inflateCore{o: o}
	core := e.core
	e.next, e.stop = iter.Pull(func(yield func(struct{}) bool) { core.run(yield) })
	// A stream dropped without close() would leave its coroutine parked forever.
	runtime.AddCleanup(e, func(stop func()) { stop() }, e.stop)
}

func (e *inflater) process(in []byte, flush int) ([]byte, *zerror) {
	c := e.core
	if c.err != nil {
		return nil, c.err
	}
	if c.ended {
		return nil, nil
	}
	c.in = append(c.in, in...)
	c.finishing = flush == zFinish
	if _, ok := e.next(); !ok && c.err == nil {
		c.ended = true
	}
	out := c.out
	c.out = nil
	return out, c.err
}

// salvage ends the input without an error and returns what the decoder still held: the bytes of
// a deflate block that had not ended (flate flushes them when its input ends). The engine is
// finished afterwards.
func (e *inflater) salvage() []byte { return e.core.salvage(e.next) }

func (c *inflateCore) salvage(next func() (struct{}, bool)) []byte {
	if c.err != nil || c.ended {
		return nil
	}
	c.finishing, c.salvaging = true, true
	next()
	c.ended = true
	out := c.out
	c.out = nil
	return out
}

func (e *inflater) params(int, int) {}

func (e *inflater) reset() {
	e.stop()
	e.start(e.core.o)
}

func (e *inflater) close() { e.stop() }

// source is the coroutine's view of the pending input.
type source struct {
	c     *inflateCore
	yield func(struct{}) bool
}

// fill waits for input: io.EOF once the caller said no more will come.
func (s *source) fill() error {
	for len(s.c.in) == 0 {
		if s.c.finishing {
			return io.EOF
		}
		if !s.yield(struct{}{}) {
			return errStopped
		}
	}
	return nil
}

func (s *source) ReadByte() (byte, error) {
	if err := s.fill(); err != nil {
		return 0, err
	}
	b := s.c.in[0]
	s.c.in = s.c.in[1:]
	return b, nil
}

func (s *source) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if err := s.fill(); err != nil {
		return 0, err
	}
	n := copy(p, s.c.in)
	s.c.in = s.c.in[n:]
	return n, nil
}

// readFull reads len(p) bytes; a short read is "unexpected end of file".
func (s *source) readFull(p []byte) error {
	for i := range p {
		b, err := s.ReadByte()
		if err != nil {
			return err
		}
		p[i] = b
	}
	return nil
}

// zStopped ends the coroutine when the engine is closed; it is never reported.
var zStopped = &zerror{msg: "zlib: engine closed"}

// need waits until n bytes are pending.
func (s *source) need(n int) error {
	for len(s.c.in) < n {
		if s.c.finishing {
			return io.EOF
		}
		if !s.yield(struct{}{}) {
			return errStopped
		}
	}
	return nil
}

// failure turns a reader error into the zlib error to report.
func failure(err error) *zerror {
	switch {
	case errors.Is(err, errStopped):
		return zStopped
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errUnexpectedEOF
	}
	var corrupt flate.CorruptInputError
	if errors.As(err, &corrupt) {
		// flate does not say which rule the data broke; zlib would name it.
		return dataError("invalid deflate data")
	}
	return dataError(err.Error())
}

func (c *inflateCore) run(yield func(struct{}) bool) {
	defer func() {
		if x := recover(); x != nil {
			c.err = dataError(fmt.Sprintf("zlib: internal error: %v", x))
		}
	}()
	src := &source{c: c, yield: yield}
	mode := c.o.mode
	if mode == modeUnzip {
		// A gzip stream starts 1f 8b; anything else is read as zlib.
		if err := src.need(2); err != nil {
			c.fail(failure(err))
			return
		}
		mode = modeInflate
		if c.in[0] == 0x1f && c.in[1] == 0x8b {
			mode = modeGunzip
		}
	}
	for {
		if err := c.member(src, mode); err != nil {
			c.fail(err)
			return
		}
		if mode != modeGunzip {
			return
		}
		// Node starts another gzip member when more input follows and it is not a zero byte.
		if err := src.fill(); err != nil {
			return
		}
		if c.in[0] == 0 {
			return
		}
	}
}

func (c *inflateCore) fail(err *zerror) {
	if err != zStopped && !c.salvaging {
		c.err = err
	}
}

// member decodes one zlib, gzip or raw stream, with its header and trailer.
func (c *inflateCore) member(src *source, mode int) *zerror {
	var sum hash.Hash32
	var dict []byte
	switch mode {
	case modeInflate:
		var h [2]byte
		if err := src.readFull(h[:]); err != nil {
			return failure(err)
		}
		if (uint16(h[0])<<8|uint16(h[1]))%31 != 0 {
			return dataError("incorrect header check")
		}
		if h[0]&0x0f != 8 {
			return dataError("unknown compression method")
		}
		wbits := int(h[0]>>4) + 8
		if wbits > 15 || (c.o.windowBits != 0 && wbits > c.o.windowBits) {
			return dataError("invalid window size")
		}
		if h[1]&0x20 != 0 {
			var id [4]byte
			if err := src.readFull(id[:]); err != nil {
				return failure(err)
			}
			if len(c.o.dictionary) == 0 {
				return errNeedDict
			}
			if binary.BigEndian.Uint32(id[:]) != adler32.Checksum(c.o.dictionary) {
				return errBadDict
			}
			dict = c.o.dictionary
		}
		sum = adler32.New()
	case modeGunzip:
		if err := gzipHeader(src); err != nil {
			return err
		}
		sum = crc32.NewIEEE()
	default:
		dict = c.o.dictionary
	}
	// flate reports every corrupt stream alike; the commonest case, a reserved block type in the
	// first block, is recognised here to give zlib's message.
	if err := src.need(1); err == nil && (c.in[0]>>1)&3 == 3 {
		return dataError("invalid block type")
	}
	r := flate.NewReaderDict(src, dict)
	buf := make([]byte, 32<<10)
	var size uint32
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if c.o.limit > 0 && len(c.out)+n > c.o.limit {
				c.salvaging = false
				return &zerror{tooLarge: c.o.limit}
			}
			c.out = append(c.out, buf[:n]...)
			if sum != nil {
				sum.Write(buf[:n])
			}
			size += uint32(n)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return failure(err)
		}
	}
	switch mode {
	case modeInflate:
		var t [4]byte
		if err := src.readFull(t[:]); err != nil {
			return failure(err)
		}
		if binary.BigEndian.Uint32(t[:]) != sum.Sum32() {
			return dataError("incorrect data check")
		}
	case modeGunzip:
		var t [8]byte
		if err := src.readFull(t[:]); err != nil {
			return failure(err)
		}
		if binary.LittleEndian.Uint32(t[:4]) != sum.Sum32() {
			return dataError("incorrect data check")
		}
		if binary.LittleEndian.Uint32(t[4:]) != size {
			return dataError("incorrect length check")
		}
	}
	return nil
}

// gzipHeader reads and checks a gzip member header (RFC 1952), with zlib's messages.
func gzipHeader(src *source) *zerror {
	var h [10]byte
	if err := src.readFull(h[:2]); err != nil {
		return failure(err)
	}
	if h[0] != 0x1f || h[1] != 0x8b {
		return dataError("incorrect header check")
	}
	if err := src.readFull(h[2:3]); err != nil {
		return failure(err)
	}
	if h[2] != 8 {
		return dataError("unknown compression method")
	}
	if err := src.readFull(h[3:]); err != nil {
		return failure(err)
	}
	flags := h[3]
	if flags&0xe0 != 0 {
		return dataError("unknown header flags set")
	}
	crc := crc32.NewIEEE()
	crc.Write(h[:])
	if flags&0x04 != 0 { // FEXTRA
		var l [2]byte
		if err := src.readFull(l[:]); err != nil {
			return failure(err)
		}
		crc.Write(l[:])
		extra := make([]byte, binary.LittleEndian.Uint16(l[:]))
		if err := src.readFull(extra); err != nil {
			return failure(err)
		}
		crc.Write(extra)
	}
	for _, bit := range []byte{0x08, 0x10} { // FNAME, FCOMMENT: zero-terminated
		if flags&bit == 0 {
			continue
		}
		for {
			b, err := src.ReadByte()
			if err != nil {
				return failure(err)
			}
			crc.Write([]byte{b})
			if b == 0 {
				break
			}
		}
	}
	if flags&0x02 != 0 { // FHCRC
		var hc [2]byte
		if err := src.readFull(hc[:]); err != nil {
			return failure(err)
		}
		if binary.LittleEndian.Uint16(hc[:]) != uint16(crc.Sum32()) {
			return dataError("header crc mismatch")
		}
	}
	return nil
}
