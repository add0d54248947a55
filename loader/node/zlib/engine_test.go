package zlib

import (
	"bytes"
	"compress/gzip"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestInflateCoroutineIsCollected checks that an inflater dropped mid-stream (never closed) does
// not keep its coroutine's goroutine alive.
func TestInflateCoroutineIsCollected(t *testing.T) {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write([]byte(strings.Repeat("abc", 10000)))
	w.Close()
	half := buf.Bytes()[:buf.Len()/2]
	before := runtime.NumGoroutine()
	kept := make([]*inflater, 50)
	for i := range kept {
		kept[i] = newInflater(options{mode: modeGunzip, windowBits: 15})
		if _, err := kept[i].process(half, zNoFlush); err != nil {
			t.Fatal(err)
		}
	}
	parked := runtime.NumGoroutine()
	runtime.KeepAlive(kept)
	if parked < before+50 {
		t.Fatalf("expected 50 parked coroutines, have %d goroutines (started with %d)", parked, before)
	}
	kept = nil
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before+5 {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines still parked (started with %d)", runtime.NumGoroutine(), before)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// TestEnginesSurviveHostileInput feeds random and truncated data to every decoder in pieces; each
// call must return output or a zlib error, never panic or hang.
func TestEnginesSurviveHostileInput(t *testing.T) {
	seed := uint32(1)
	rnd := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			seed = seed*1103515245 + 12345
			b[i] = byte(seed >> 24)
		}
		return b
	}
	valid := map[int][]byte{}
	for _, mode := range []int{modeDeflate, modeGzip, modeDeflateRaw, modeBrotliEncode} {
		out, err := runAll(options{mode: mode, level: -1, windowBits: 15, quality: 5, lgwin: 22, flush: finishFlag(mode)}, rnd(5000))
		if err != nil {
			t.Fatal(err)
		}
		valid[mode] = out
	}
	decoders := map[int]int{modeInflate: modeDeflate, modeGunzip: modeGzip, modeInflateRaw: modeDeflateRaw, modeUnzip: modeGzip, modeBrotliDecode: modeBrotliEncode}
	for dec, enc := range decoders {
		for i := 0; i < 200; i++ {
			data := append([]byte(nil), valid[enc]...)
			switch i % 3 {
			case 0:
				data = rnd(1 + i*7)
			case 1:
				data = data[:i*len(data)/200]
			default:
				for j := 0; j < 1+i%5; j++ {
					data[int(seed)%len(data)] ^= byte(1 << (j % 8))
					seed = seed*1103515245 + 12345
				}
			}
			o := options{mode: dec, windowBits: 15, flush: finishFlag(dec)}
			e := newEngine(o)
			for k := 0; k < len(data); k += 97 {
				if _, err := e.process(data[k:min(k+97, len(data))], zNoFlush); err != nil {
					break
				}
			}
			e.process(nil, finishFlag(dec))
			e.close()
		}
	}
}
