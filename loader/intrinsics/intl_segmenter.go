package intrinsics

import (
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/rivo/uniseg"
)

// segmenter is the Go state of an Intl.Segmenter. Boundaries come from rivo/uniseg (UAX #29), picked
// because x/text has no segmentation and uniseg is small, pure Go and already a dependency.
type segmenter struct {
	locale      string
	granularity string // "grapheme", "word" or "sentence"
}

// segments is the Go state of a Segments object: the input and, computed on first use, its boundaries
// in UTF-16 code units.
type segments struct {
	seg    *segmenter
	input  goja.String
	bounds []int
	words  []bool // per segment, for granularity "word"
	done   bool
}

type segmentIterator struct {
	s   *segments
	pos int // index into bounds
}

func (r *realm) installSegmenter() *goja.Object {
	var iters slots[segmentIterator]
	ctor, proto := r.newClass(classDef{
		name: "Intl.Segmenter", short: "Segmenter", length: 0, requireNew: true,
		init: func(this *goja.Object, args []goja.Value) {
			req := r.canonicalizeLocaleList(argAt(args, 0))
			op := r.options(argAt(args, 1), "Intl.Segmenter")
			op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
			g := op.str("granularity", []string{"grapheme", "word", "sentence"}, "grapheme")
			r.segmenters.put(this, &segmenter{locale: lookupLocale(req, anyKnownLanguage).locale, granularity: g})
		},
	})
	r.supportedLocalesOf(ctor, anyKnownLanguage)
	r.method(proto, "resolvedOptions", 0, func(c goja.FunctionCall) goja.Value {
		sg := receiver(r, &r.segmenters, c.This, "Intl.Segmenter.prototype.resolvedOptions")
		return r.orderedObject("locale", sg.locale, "granularity", sg.granularity)
	})

	// %SegmentsPrototype% and %SegmentIteratorPrototype%.
	r.segmentsProto = r.vm.NewObject()
	r.method(r.segmentsProto, "containing", 1, func(c goja.FunctionCall) goja.Value {
		ss := receiver(r, &r.segmentsObjs, c.This, "%Segments.prototype%.containing")
		n := c.Argument(0).ToFloat()
		if n != n {
			n = 0
		}
		if n < 0 || n >= float64(ss.input.Length()) {
			return goja.Undefined()
		}
		ss.compute()
		i := segmentAt(ss.bounds, int(n))
		return r.segmentData(ss, i)
	})
	iterFn := r.fn("[Symbol.iterator]", 0, func(c goja.FunctionCall) goja.Value {
		ss := receiver(r, &r.segmentsObjs, c.This, "%Segments.prototype%[@@iterator]")
		it := r.vm.CreateObject(r.segmentIterProto)
		iters.put(it, &segmentIterator{s: ss})
		return it
	})
	_ = r.segmentsProto.DefineDataPropertySymbol(goja.SymIterator, iterFn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	r.segmentIterProto = r.vm.CreateObject(r.iteratorProto)
	r.method(r.segmentIterProto, "next", 0, func(c goja.FunctionCall) goja.Value {
		it := receiver(r, &iters, c.This, "%SegmentIterator.prototype%.next")
		it.s.compute()
		res := r.vm.NewObject()
		if it.pos >= len(it.s.bounds)-1 {
			_ = res.Set("value", goja.Undefined())
			_ = res.Set("done", true)
			return res
		}
		_ = res.Set("value", r.segmentData(it.s, it.pos))
		_ = res.Set("done", false)
		it.pos++
		return res
	})
	r.toStringTag(r.segmentIterProto, "Segmenter String Iterator")

	r.method(proto, "segment", 1, func(c goja.FunctionCall) goja.Value {
		sg := receiver(r, &r.segmenters, c.This, "Intl.Segmenter.prototype.segment")
		if _, isSym := c.Argument(0).(*goja.Symbol); isSym {
			r.typeError("Cannot convert a Symbol value to a string")
		}
		in, ok := c.Argument(0).ToString().(goja.String)
		if !ok {
			r.typeError("Intl.Segmenter.prototype.segment: expected a string")
		}
		o := r.vm.CreateObject(r.segmentsProto)
		r.segmentsObjs.put(o, &segments{seg: sg, input: in})
		return o
	})
	return ctor
}

// segmentAt finds the segment containing code unit n.
func segmentAt(bounds []int, n int) int {
	lo, hi := 0, len(bounds)-2
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if bounds[mid] <= n {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

func (r *realm) segmentData(ss *segments, i int) *goja.Object {
	o := r.vm.NewObject()
	_ = o.Set("segment", ss.input.Substring(ss.bounds[i], ss.bounds[i+1]))
	_ = o.Set("index", ss.bounds[i])
	_ = o.Set("input", ss.input)
	if ss.seg.granularity == "word" {
		_ = o.Set("isWordLike", ss.words[i])
	}
	return o
}

// compute finds the boundaries once. goja hands lone surrogates to Go as U+FFFD, one code unit like the
// surrogate, so UTF-16 offsets stay aligned with the original string.
func (ss *segments) compute() {
	if ss.done {
		return
	}
	ss.done = true
	text := ss.input.String()
	ss.bounds = []int{0}
	unit := 0
	units := func(s string) int {
		n := 0
		for _, r := range s {
			if r >= 0x10000 {
				n += 2
			} else {
				n++
			}
		}
		return n
	}
	state := -1
	rest := text
	for len(rest) > 0 {
		var seg string
		switch ss.seg.granularity {
		case "word":
			seg, rest, state = uniseg.FirstWordInString(rest, state)
		case "sentence":
			seg, rest, state = uniseg.FirstSentenceInString(rest, state)
		default:
			seg, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		}
		if seg == "" {
			break
		}
		unit += units(seg)
		ss.bounds = append(ss.bounds, unit)
		if ss.seg.granularity == "word" {
			ss.words = append(ss.words, isWordLike(seg))
		}
	}
}

// isWordLike approximates ICU's rule status: a word segment is word-like when it holds letters, digits
// or ideographs, not when it is spaces, punctuation or symbols.
func isWordLike(seg string) bool {
	for len(seg) > 0 {
		r, n := utf8.DecodeRuneInString(seg)
		seg = seg[n:]
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Nl, r) {
			return true
		}
	}
	return false
}
