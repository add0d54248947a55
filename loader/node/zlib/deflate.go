package zlib

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash"
	"hash/adler32"
	"hash/crc32"
)

// deflater compresses as zlib, gzip or raw deflate. compress/flate produces the deflate body; the
// zlib and gzip wrappers are written here so that flushes and dictionaries behave as in Node.
//
// Where Go's flate differs from zlib:
//   - Z_FULL_FLUSH: Go has only a sync flush, so a full flush is a sync flush followed by a fresh
//     compressor (empty window), which is what a full flush means to the decoder.
//   - Z_PARTIAL_FLUSH and Z_BLOCK are done as a sync flush (more bytes, same meaning).
//   - strategy: only Z_HUFFMAN_ONLY changes the output; Z_FILTERED, Z_RLE and Z_FIXED compress
//     as Z_DEFAULT_STRATEGY. memLevel is accepted and ignored.
//   - windowBits below 15: Go's matcher always looks 32 KiB back, which a decoder with a smaller
//     window would reject, so such streams are Huffman-only (no back-references, valid for any
//     window) and their header states the requested window.
type deflater struct {
	o        options
	w        *flate.Writer
	out      bytes.Buffer
	sum      hash.Hash32
	size     uint32
	started  bool
	finished bool
	flushed  bool // flate has written something (a flush or a block)
}

func newDeflater(o options) *deflater {
	d := &deflater{o: o}
	d.reset()
	return d
}

func (d *deflater) flateLevel() int {
	if d.o.strategy == 2 || (d.o.windowBits != 0 && d.o.windowBits < 15 && d.o.level != 0) {
		return flate.HuffmanOnly
	}
	return d.o.level
}

func (d *deflater) reset() {
	d.out.Reset()
	d.size = 0
	d.started, d.finished, d.flushed = false, false, false
	switch d.o.mode {
	case modeGzip:
		d.sum = crc32.NewIEEE()
	case modeDeflate:
		d.sum = adler32.New()
	default:
		d.sum = nil
	}
	var err error
	if len(d.o.dictionary) > 0 && d.o.mode != modeGzip {
		d.w, err = flate.NewWriterDict(&d.out, d.flateLevel(), d.o.dictionary)
	} else {
		d.w, err = flate.NewWriter(&d.out, d.flateLevel())
	}
	if err != nil {
		panic(err) // levels were validated by zlib.js
	}
}

// zlibLevelFlags is the FLEVEL field zlib writes for a level and strategy.
func (d *deflater) zlibLevelFlags() byte {
	switch lvl := d.o.level; {
	case d.o.strategy >= 2 || (lvl >= 0 && lvl < 2):
		return 0
	case lvl >= 2 && lvl < 6:
		return 1
	case lvl == 6 || lvl == -1:
		return 2
	}
	return 3
}

func (d *deflater) header() {
	switch d.o.mode {
	case modeDeflate:
		wbits := d.o.windowBits
		if wbits == 0 {
			wbits = defaultWindowBits
		}
		h := uint16(8|(wbits-8)<<4)<<8 | uint16(d.zlibLevelFlags())<<6
		if len(d.o.dictionary) > 0 {
			h |= 0x20
		}
		h += 31 - h%31
		d.out.Write([]byte{byte(h >> 8), byte(h)})
		if len(d.o.dictionary) > 0 {
			d.out.Write(binary.BigEndian.AppendUint32(nil, adler32.Checksum(d.o.dictionary)))
		}
	case modeGzip:
		xfl := byte(0)
		if d.o.level == 9 {
			xfl = 2
		} else if d.o.strategy >= 2 || (d.o.level >= 0 && d.o.level < 2) {
			xfl = 4
		}
		// mtime 0 and OS 3 (Unix), as zlib writes them for Node.
		d.out.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3})
	}
}

func (d *deflater) trailer() {
	switch d.o.mode {
	case modeDeflate:
		d.out.Write(binary.BigEndian.AppendUint32(nil, d.sum.Sum32()))
	case modeGzip:
		var t [8]byte
		binary.LittleEndian.PutUint32(t[:4], d.sum.Sum32())
		binary.LittleEndian.PutUint32(t[4:], d.size)
		d.out.Write(t[:])
	}
}

func (d *deflater) process(in []byte, flush int) ([]byte, *zerror) {
	if d.finished {
		return nil, nil
	}
	if !d.started {
		d.started = true
		d.header()
	}
	if len(in) > 0 {
		d.w.Write(in)
		if d.sum != nil {
			d.sum.Write(in)
		}
		d.size += uint32(len(in))
	}
	switch flush {
	case zPartialFlush, zSyncFlush, zBlock:
		d.w.Flush()
		d.flushed = true
	case zFullFlush:
		d.w.Flush()
		d.flushed = true
		d.w, _ = flate.NewWriter(&d.out, d.flateLevel())
	case zFinish:
		if d.size == 0 && !d.flushed {
			// An empty stream: zlib's two-byte empty final block, not Go's empty stored block.
			d.out.Write([]byte{3, 0})
		} else {
			d.w.Close()
		}
		d.trailer()
		d.finished = true
	}
	out := append([]byte(nil), d.out.Bytes()...)
	d.out.Reset()
	return out, nil
}

// params switches level and strategy after a flush: the next blocks come from a new compressor.
func (d *deflater) params(level, strategy int) {
	if d.finished {
		return
	}
	d.o.level, d.o.strategy = level, strategy
	if d.started {
		d.w.Flush()
	}
	d.w, _ = flate.NewWriter(&d.out, d.flateLevel())
}

func (d *deflater) close() {}

func (d *deflater) salvage() []byte { return nil }
