package child_process

import (
	"errors"
	"io"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// readSize is how much one read of a child's pipe asks for (libuv reads 64 KiB).
const readSize = 64 << 10

// forwardGrace is how long a child's exit waits for the output it wrote to an inherited stream
// (forwarded through a pipe, see openStdio) before 'exit' is emitted anyway: a grandchild may
// hold the pipe open long after the child is gone.
const forwardGrace = 100 * time.Millisecond

// child is one running process started by spawn. Every field is used on the JavaScript goroutine
// only, except proc and the pipes' files, which goroutines read and write.
type child struct {
	b       *binding
	proc    *os.Process
	pipes   map[int]*pipeEnd
	release func() // the hold of a ref'd, running process
	exited  bool
	onexit  goja.Callable
	ondata  goja.Callable
}

// pipeEnd is the parent's end of one of the child's descriptors.
type pipeEnd struct {
	fd      int
	f       *os.File
	closed  bool
	eof     bool
	tokens  chan struct{} // one per read JavaScript asked for; closed with the pipe
	pending func()        // the hold of the read asked for, released when its result is posted
	wmu     sync.Mutex    // writes reach the pipe in order
}

func (b *binding) spawn(call goja.FunctionCall) goja.Value {
	r := b.request(call.Argument(0))
	onexit, ok1 := goja.AssertFunction(call.Argument(1))
	ondata, ok2 := goja.AssertFunction(call.Argument(2))
	if !ok1 || !ok2 {
		panic(b.typeError("spawn needs onexit and ondata callbacks"))
	}
	proc, parent, forward, fail := b.startWithStdio(r)
	if fail != nil {
		return fail
	}
	c := &child{b: b, proc: proc, pipes: map[int]*pipeEnd{}, onexit: onexit, ondata: ondata}
	c.release = b.h.Hold()
	var forwarding sync.WaitGroup
	piped := b.vm.NewArray()
	for i, f := range parent {
		if f == nil {
			continue
		}
		if forward[i] != 0 {
			forwarding.Add(1)
			go c.forward(forward[i], f, &forwarding)
			continue
		}
		p := &pipeEnd{fd: i, f: f, tokens: make(chan struct{}, 1)}
		c.pipes[i] = p
		if i != 0 {
			go c.readLoop(p)
		}
		mustSet(piped, strconv.Itoa(i), true)
	}
	go c.wait(&forwarding)
	return c.handle(piped)
}

// handle is the object child_process.js drives the process with.
func (c *child) handle(piped *goja.Object) *goja.Object {
	b := c.b
	o := b.vm.NewObject()
	mustSet(o, "pid", c.proc.Pid)
	mustSet(o, "pipes", piped)
	b.method(o, "kill", 1, func(call goja.FunctionCall) goja.Value {
		return b.vm.ToValue(c.kill(syscall.Signal(call.Argument(0).ToInteger())))
	})
	b.method(o, "ref", 0, func(goja.FunctionCall) goja.Value {
		if !c.exited && c.release == nil {
			c.release = b.h.Hold()
		}
		return goja.Undefined()
	})
	b.method(o, "unref", 0, func(goja.FunctionCall) goja.Value {
		if c.release != nil {
			c.release()
			c.release = nil
		}
		return goja.Undefined()
	})
	// readStart(fd) asks for one more chunk of the pipe; the answer is ondata(fd, chunk | null,
	// errno).
	b.method(o, "readStart", 1, func(call goja.FunctionCall) goja.Value {
		p := c.pipe(call.Argument(0))
		if p == nil || p.closed || p.eof || p.pending != nil || p.fd == 0 {
			return goja.Undefined()
		}
		p.pending = b.h.Hold()
		p.tokens <- struct{}{}
		return goja.Undefined()
	})
	// write(fd, bytes, cb): cb(errno) once the bytes are in the pipe.
	b.method(o, "write", 3, func(call goja.FunctionCall) goja.Value {
		p := c.pipe(call.Argument(0))
		cb, ok := goja.AssertFunction(call.Argument(2))
		if !ok {
			panic(b.typeError("write needs a callback"))
		}
		data, ok := host.Bytes(b.vm, call.Argument(1))
		if !ok {
			panic(b.typeError("write needs a Buffer"))
		}
		if p == nil || p.closed {
			c.post(cb, -int(syscall.EPIPE))
			return goja.Undefined()
		}
		data = append([]byte(nil), data...)
		release := b.h.Hold()
		go func() {
			p.wmu.Lock()
			_, err := p.f.Write(data)
			p.wmu.Unlock()
			b.h.Post(func() {
				defer release()
				call1(cb, b.vm.ToValue(-errnoOf(err)))
			})
		}()
		return goja.Undefined()
	})
	// close(fd) closes the parent's end (end() of stdin, destroy() of any stream).
	b.method(o, "close", 1, func(call goja.FunctionCall) goja.Value {
		if p := c.pipe(call.Argument(0)); p != nil {
			c.closePipe(p)
		}
		return goja.Undefined()
	})
	return o
}

func (c *child) pipe(v goja.Value) *pipeEnd {
	return c.pipes[int(v.ToInteger())]
}

func (c *child) closePipe(p *pipeEnd) {
	if p.closed {
		return
	}
	p.closed = true
	close(p.tokens)
	if p.pending != nil {
		p.pending()
		p.pending = nil
	}
	go func() {
		// A write in flight finishes (or fails) before the file goes away.
		p.wmu.Lock()
		p.f.Close()
		p.wmu.Unlock()
	}()
}

// post calls cb(errno) from the event loop, after the current JavaScript has finished.
func (c *child) post(cb goja.Callable, errno int) {
	release := c.b.h.Hold()
	c.b.h.Post(func() {
		defer release()
		call1(cb, c.b.vm.ToValue(errno))
	})
}

func call1(fn goja.Callable, args ...goja.Value) {
	if _, err := fn(goja.Undefined(), args...); err != nil {
		panic(err)
	}
}

// readLoop reads p each time JavaScript asks (readStart) and posts what it got.
func (c *child) readLoop(p *pipeEnd) {
	buf := make([]byte, readSize)
	for range p.tokens {
		n, err := p.f.Read(buf)
		var chunk []byte
		if n > 0 {
			chunk = append([]byte(nil), buf[:n]...)
		}
		errno := 0
		eof := false
		if n == 0 && err != nil {
			eof = true
			if !errors.Is(err, io.EOF) && !errors.Is(err, os.ErrClosed) {
				errno = -errnoOf(err)
			}
		}
		c.b.h.Post(func() {
			if p.pending != nil {
				p.pending()
				p.pending = nil
			}
			if p.closed {
				return
			}
			var v goja.Value = goja.Null()
			if chunk != nil {
				v = c.b.h.NewBuffer(chunk)
			} else if eof {
				p.eof = true
				c.closePipe(p)
			}
			call1(c.ondata, c.b.vm.ToValue(p.fd), v, c.b.vm.ToValue(errno))
		})
		if eof {
			return
		}
	}
}

// forward copies a child's output meant for an inherited stream to JavaScript, which writes it
// to process.stdout or process.stderr (ondata with fd -1 for stdout or -2 for stderr).
func (c *child) forward(fd int, f *os.File, wg *sync.WaitGroup) {
	defer wg.Done()
	defer f.Close()
	target := -1
	if fd == 2 {
		target = -2
	}
	buf := make([]byte, readSize)
	for {
		n, err := f.Read(buf)
		if n > 0 {
			chunk := append([]byte(nil), buf[:n]...)
			c.b.h.Post(func() {
				call1(c.ondata, c.b.vm.ToValue(target), c.b.h.NewBuffer(chunk), c.b.vm.ToValue(0))
			})
		}
		if err != nil {
			return
		}
	}
}

// wait reaps the child and posts onexit(exitCode, signalCode).
func (c *child) wait(forwarding *sync.WaitGroup) {
	st, err := c.proc.Wait()
	done := make(chan struct{})
	go func() { forwarding.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(forwardGrace):
	}
	code, sig := 0, ""
	if err != nil {
		code = -errnoOf(err)
	} else {
		code, sig = exitStatus(st)
	}
	c.b.h.Post(func() {
		c.exited = true
		if c.release != nil {
			defer func() {
				if c.release != nil {
					c.release()
					c.release = nil
				}
			}()
		}
		var s goja.Value = goja.Null()
		if sig != "" {
			s = c.b.vm.ToValue(sig)
		}
		call1(c.onexit, c.b.vm.ToValue(code), s)
	})
}

// kill sends sig and returns 0 or a negative errno (ESRCH once the child is gone).
func (c *child) kill(sig syscall.Signal) int {
	if c.exited {
		return -int(syscall.ESRCH)
	}
	if err := c.proc.Signal(sig); err != nil {
		if errors.Is(err, os.ErrProcessDone) {
			return -int(syscall.ESRCH)
		}
		return -errnoOf(err)
	}
	return 0
}

// errnoOf is err's errno as a positive number (0 for nil, EIO when err carries none).
func errnoOf(err error) int {
	if err == nil {
		return 0
	}
	var en syscall.Errno
	if errors.As(err, &en) {
		return int(en)
	}
	if errors.Is(err, os.ErrClosed) {
		return int(syscall.EPIPE)
	}
	return int(syscall.EIO)
}
