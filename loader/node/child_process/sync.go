package child_process

import (
	"math"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// syncOptions are spawnSync's extra options.
type syncOptions struct {
	input      []byte
	timeout    time.Duration // 0: none
	killSignal syscall.Signal
	maxBuffer  float64 // bytes on any one stream; +Inf: no limit
}

func (b *binding) syncOptions(v goja.Value) syncOptions {
	o := v.(*goja.Object)
	so := syncOptions{killSignal: syscall.SIGTERM, maxBuffer: math.Inf(1)}
	if in := o.Get("input"); in != nil && !goja.IsUndefined(in) && !goja.IsNull(in) {
		data, ok := host.Bytes(b.vm, in)
		if !ok {
			panic(b.typeError("input must be a Buffer"))
		}
		so.input = append([]byte(nil), data...)
	}
	if t := o.Get("timeout"); t != nil && !goja.IsUndefined(t) && !goja.IsNull(t) {
		if ms := t.ToFloat(); ms > 0 && !math.IsInf(ms, 1) {
			so.timeout = time.Duration(ms * float64(time.Millisecond))
		}
	}
	if k := o.Get("killSignal"); k != nil && !goja.IsUndefined(k) && !goja.IsNull(k) {
		so.killSignal = syscall.Signal(k.ToInteger())
	}
	if m := o.Get("maxBuffer"); m != nil && !goja.IsUndefined(m) && !goja.IsNull(m) {
		so.maxBuffer = m.ToFloat()
	}
	return so
}

// spawnSync runs a child to completion: input goes to its stdin, its pipes are collected, and
// it is killed with killSignal when timeout passes (ETIMEDOUT) or a stream passes maxBuffer
// (ENOBUFS). Like Node it returns when the child has exited and every pipe is closed.
//
// The result is {pid, status, signal, output: [null | Buffer ...], errno?, forwarded?} where
// forwarded[1], forwarded[2] hold what the child wrote to inherited streams that had to be
// forwarded (no StdioHost), for child_process.js to write to process.stdout/stderr.
func (b *binding) spawnSync(call goja.FunctionCall) goja.Value {
	r := b.request(call.Argument(0))
	so := b.syncOptions(call.Argument(0))
	proc, parent, forward, fail := b.startWithStdio(r)
	if fail != nil {
		return fail
	}

	var (
		mu       sync.Mutex
		errno    syscall.Errno
		killOnce sync.Once
		wg       sync.WaitGroup
	)
	kill := func(why syscall.Errno) {
		killOnce.Do(func() {
			mu.Lock()
			errno = why
			mu.Unlock()
			_ = proc.Signal(so.killSignal)
			// Like Node, stop reading at once: a grandchild may hold the pipes open.
			for i, f := range parent {
				if f != nil && i != 0 {
					f.Close()
				}
			}
		})
	}
	outputs := make([][]byte, len(parent))
	for i, f := range parent {
		if f == nil {
			continue
		}
		wg.Add(1)
		if i == 0 {
			go func(f *os.File) {
				defer wg.Done()
				_, _ = f.Write(so.input) // EPIPE when the child does not read it all: ignored, as Node does
				f.Close()
			}(f)
			continue
		}
		go func(i int, f *os.File) {
			defer wg.Done()
			defer f.Close()
			buf := make([]byte, readSize)
			limit := forward[i] == 0 && !math.IsInf(so.maxBuffer, 1)
			for {
				n, err := f.Read(buf)
				if n > 0 {
					mu.Lock()
					over := errno != 0
					if !over {
						outputs[i] = append(outputs[i], buf[:n]...)
					}
					full := limit && float64(len(outputs[i])) > so.maxBuffer
					mu.Unlock()
					if full {
						kill(syscall.ENOBUFS)
					}
				}
				if err != nil {
					return
				}
			}
		}(i, f)
	}
	var timer *time.Timer
	if so.timeout > 0 {
		timer = time.AfterFunc(so.timeout, func() { kill(syscall.ETIMEDOUT) })
	}
	st, werr := proc.Wait()
	if timer != nil {
		timer.Stop()
	}
	wg.Wait()

	res := b.vm.NewObject()
	mustSet(res, "pid", proc.Pid)
	code, sig := 0, ""
	if werr == nil {
		code, sig = exitStatus(st)
	}
	if sig != "" {
		mustSet(res, "status", goja.Null())
		mustSet(res, "signal", sig)
	} else {
		mustSet(res, "status", code)
		mustSet(res, "signal", goja.Null())
	}
	output := b.vm.NewArray()
	forwarded := b.vm.NewObject()
	for i := range r.stdio {
		var v goja.Value = goja.Null()
		switch {
		case forward[i] != 0:
			mustSet(forwarded, strconv.Itoa(forward[i]), b.h.NewBuffer(nonNil(outputs[i])))
		case parent[i] != nil && i != 0:
			v = b.h.NewBuffer(nonNil(outputs[i]))
		}
		mustSet(output, strconv.Itoa(i), v)
	}
	mustSet(res, "output", output)
	mustSet(res, "forwarded", forwarded)
	mu.Lock()
	defer mu.Unlock()
	if errno != 0 {
		mustSet(res, "errno", -int(errno))
	} else if werr != nil {
		mustSet(res, "errno", -errnoOf(werr))
	}
	return res
}

func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
