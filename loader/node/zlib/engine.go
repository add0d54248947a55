package zlib

// Node's zlib modes (zlib.constants.DEFLATE ...), which select an engine.
const (
	modeDeflate       = 1
	modeInflate       = 2
	modeGzip          = 3
	modeGunzip        = 4
	modeDeflateRaw    = 5
	modeInflateRaw    = 6
	modeUnzip         = 7
	modeBrotliDecode  = 8
	modeBrotliEncode  = 9
	zNoFlush          = 0
	zPartialFlush     = 1
	zSyncFlush        = 2
	zFullFlush        = 3
	zFinish           = 4
	zBlock            = 5
	brotliOpProcess   = 0
	brotliOpFlush     = 1
	brotliOpFinish    = 2
	brotliOpMetadata  = 3
	defaultWindowBits = 15
)

// zerror is a failure to report as Node does: a zlib error (message, errno, code) or, with
// tooLarge set, ERR_BUFFER_TOO_LARGE for an output past maxOutputLength.
type zerror struct {
	msg      string
	errno    int
	code     string
	tooLarge int
}

func dataError(msg string) *zerror { return &zerror{msg: msg, errno: -3, code: "Z_DATA_ERROR"} }

var (
	errUnexpectedEOF = &zerror{msg: "unexpected end of file", errno: -5, code: "Z_BUF_ERROR"}
	errNeedDict      = &zerror{msg: "Missing dictionary", errno: 2, code: "Z_NEED_DICT"}
	errBadDict       = &zerror{msg: "Bad dictionary", errno: 2, code: "Z_NEED_DICT"}
)

// engine is the incremental state behind one zlib stream or one-shot call.
type engine interface {
	// process consumes in, with a zlib flush value (or a Brotli operation), and returns the output
	// made so far. After an error the engine keeps returning it.
	process(in []byte, flush int) ([]byte, *zerror)
	// salvage is called after the last chunk when it was not processed with the finishing flush:
	// a decoder returns what it still holds; encoders return nothing.
	salvage() []byte
	// params changes level and strategy mid-stream (deflate only; the caller flushed first).
	params(level, strategy int)
	reset()
	close()
}

// options are the engine settings zlib.js passes after validating them as Node does.
type options struct {
	mode       int
	level      int
	windowBits int
	strategy   int
	dictionary []byte
	limit      int // maxOutputLength
	quality    int // Brotli
	lgwin      int // Brotli
	flush      int // the flush of a one-shot call: finishFlush
}

func newEngine(o options) engine {
	switch o.mode {
	case modeDeflate, modeGzip, modeDeflateRaw:
		return newDeflater(o)
	case modeBrotliEncode:
		return newBrotliEncoder(o)
	case modeBrotliDecode:
		return newBrotliDecoder(o)
	default:
		return newInflater(o)
	}
}

// runAll is a one-shot call: all of in, with the finishFlush flag.
func runAll(o options, in []byte) ([]byte, *zerror) {
	e := newEngine(o)
	defer e.close()
	out, err := e.process(in, o.flush)
	if err == nil && o.flush != finishFlag(o.mode) {
		out = append(out, e.salvage()...)
	}
	return out, err
}

func finishFlag(mode int) int {
	if mode == modeBrotliEncode || mode == modeBrotliDecode {
		return brotliOpFinish
	}
	return zFinish
}
