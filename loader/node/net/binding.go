package net

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"strconv"
	"sync"
	"syscall"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
	"github.com/pkgbox/pkgbox/policy"
)

// binding is the Go half of one compartment's network modules. Sockets, servers and parsers live
// in Go closures behind handle objects built here; the JavaScript modules keep those handles in
// private places and never hand them to package code.
type binding struct {
	h   host.Host
	vm  *goja.Runtime
	obj *goja.Object
}

// Binding builds the network binding for one compartment.
func Binding(h host.Host) *goja.Object {
	b := &binding{h: h, vm: h.VM(), obj: h.VM().NewObject()}
	// connect(options, api) -> socket handle; the outcome arrives as handle.onconnect(err, info).
	b.method(b.obj, "connect", 2, b.connect)
	// listen(options, api) -> server handle, or throws an error info object.
	b.method(b.obj, "listen", 2, b.listen)
	// lookup(host, family, api, cb(err, [[address, family], ...]))
	b.method(b.obj, "lookup", 4, b.lookup)
	// resolve(host, rrtype, api, cb(err, records))
	b.method(b.obj, "resolve", 4, b.resolve)
	// isIP(s) -> 0, 4 or 6, strictly (Node's net.isIP accepts no legacy forms).
	b.method(b.obj, "isIP", 1, func(call goja.FunctionCall) goja.Value {
		a, err := netip.ParseAddr(call.Argument(0).String())
		switch {
		case err != nil:
			return b.vm.ToValue(0)
		case a.Is4():
			return b.vm.ToValue(4)
		}
		return b.vm.ToValue(6)
	})
	// utf8Length(s) -> Buffer.byteLength(s, 'utf8'): a lone surrogate counts 3, as U+FFFD.
	b.method(b.obj, "utf8Length", 1, func(call goja.FunctionCall) goja.Value {
		return b.vm.ToValue(len(call.Argument(0).String()))
	})
	// newParser("request" | "response") -> HTTP/1.1 parser handle.
	b.method(b.obj, "newParser", 1, func(call goja.FunctionCall) goja.Value {
		return b.newParser(call.Argument(0).String() == "request")
	})
	return b.obj
}

func (b *binding) method(o *goja.Object, name string, n int, f func(goja.FunctionCall) goja.Value) {
	if err := o.Set(name, b.h.Func(name, n, f)); err != nil {
		panic(err)
	}
}

func (b *binding) set(o *goja.Object, name string, v any) {
	var val goja.Value
	switch x := v.(type) {
	case goja.Value:
		val = x
	case string:
		val = b.vm.ToValue(x)
	case int:
		val = b.vm.ToValue(x)
	case int64:
		val = b.vm.ToValue(x)
	case bool:
		val = b.vm.ToValue(x)
	case []string:
		arr := make([]any, len(x))
		for i, s := range x {
			arr[i] = s
		}
		val = b.vm.NewArray(arr...)
	default:
		panic(fmt.Sprintf("net binding: cannot set %s to %T", name, v))
	}
	if err := o.Set(name, val); err != nil {
		panic(err)
	}
}

// emit calls obj[name](args...) if JavaScript installed it; its exceptions propagate.
func (b *binding) emit(obj *goja.Object, name string, args ...goja.Value) {
	fn, ok := goja.AssertFunction(obj.Get(name))
	if !ok {
		return
	}
	if _, err := fn(obj, args...); err != nil {
		panic(err)
	}
}

func str(o *goja.Object, name string) string {
	v := o.Get(name)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return ""
	}
	return v.String()
}

func num(o *goja.Object, name string) int {
	v := o.Get(name)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return 0
	}
	return int(v.ToInteger())
}

// errInfo describes a failed system call for net.js, which makes Node's error of it (message
// "connect ECONNREFUSED 127.0.0.1:80", code, errno, syscall, address, port). A denial from the
// gate is passed whole as {error}.
func (b *binding) errInfo(err error, sys, address string, port int) *goja.Object {
	o := b.vm.NewObject()
	b.set(o, "syscall", sys)
	if address != "" {
		b.set(o, "address", address)
	}
	if port != 0 {
		b.set(o, "port", port)
	}
	var errno syscall.Errno
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &errno):
		b.set(o, "errno", -int(errno))
	case errors.As(err, &dnsErr):
		code, n := "ENOTFOUND", -3008
		if dnsErr.IsTimeout || dnsErr.IsTemporary {
			code, n = "EAI_AGAIN", -3001
		}
		b.set(o, "code", code)
		b.set(o, "errno", n)
		b.set(o, "hostname", dnsErr.Name)
	case errors.Is(err, os.ErrDeadlineExceeded):
		b.set(o, "errno", -int(syscall.ETIMEDOUT))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		b.set(o, "code", "ECONNRESET")
		b.set(o, "errno", -int(syscall.ECONNRESET))
	default:
		code, msg := tlsErrorCode(err)
		if code != "" {
			b.set(o, "code", code)
			b.set(o, "message", msg)
		} else {
			b.set(o, "message", err.Error())
		}
	}
	return o
}

func (b *binding) denied(d *goja.Object) *goja.Object {
	o := b.vm.NewObject()
	b.set(o, "error", d)
	return o
}

// conn is one socket: TCP, unix, or TLS over either. Fields under mu are shared with the reader
// and writer goroutines; refd, release and cbs belong to the JavaScript goroutine.
type conn struct {
	b   *binding
	obj *goja.Object

	mu      sync.Mutex
	cond    *sync.Cond
	c       net.Conn
	cancel  context.CancelFunc // aborts a dial in progress
	reading bool
	closed  bool
	queue   []writeReq
	writing bool
	raw     syscall.RawConn // of a plain TCP or unix socket, for tryWrite; nil for TLS

	refd    bool
	release func()
	// The callbacks of queued writes, by writeReq.cb: the writer goroutine carries only the
	// number, and the callback is found again on the JavaScript goroutine.
	cbs   map[uint64]goja.Callable
	cbSeq uint64
}

// writeReq is one queued write or shutdown. It crosses to the writer goroutine, so it holds plain
// Go values only: bytes of its own and the number of its callback (0 for none).
type writeReq struct {
	data     []byte
	total    int // the bytes of the JavaScript write, some of which may have gone out at once
	shutdown bool
	cb       uint64
}

// callbackID keeps cb for a queued write and returns its number (0 when cb is nil). JavaScript
// goroutine only.
func (cn *conn) callbackID(cb goja.Callable) uint64 {
	if cb == nil {
		return 0
	}
	if cn.cbs == nil {
		cn.cbs = map[uint64]goja.Callable{}
	}
	cn.cbSeq++
	cn.cbs[cn.cbSeq] = cb
	return cn.cbSeq
}

func (b *binding) newConn() *conn {
	cn := &conn{b: b, obj: b.vm.NewObject(), refd: true, release: b.h.Hold()}
	cn.cond = sync.NewCond(&cn.mu)
	o := cn.obj
	b.method(o, "readStart", 0, func(goja.FunctionCall) goja.Value {
		cn.mu.Lock()
		cn.reading = true
		cn.cond.Broadcast()
		cn.mu.Unlock()
		return goja.Undefined()
	})
	b.method(o, "readStop", 0, func(goja.FunctionCall) goja.Value {
		cn.mu.Lock()
		cn.reading = false
		cn.mu.Unlock()
		return goja.Undefined()
	})
	// write(data, encoding, cb(err, nbytes)) -> nbytes, or -1. data is bytes, a string in
	// encoding (utf8 or latin1/binary/ascii), or an array [data, encoding, data, encoding, ...]
	// written as one. When the kernel takes every byte at once (the usual case: a socket's send
	// buffer is rarely full) write returns the byte count and never calls cb, and the caller
	// completes the write synchronously, as Node does for a write libuv finished in uv_try_write.
	// Otherwise it returns -1 and cb runs on a later turn of the loop. The bytes are copied when
	// they are queued, so the caller may reuse its buffer.
	b.method(o, "write", 3, func(call goja.FunctionCall) goja.Value {
		data, owned := b.wireData(call.Argument(0), call.Argument(1))
		cb, _ := goja.AssertFunction(call.Argument(2))
		n, done := cn.tryWrite(data)
		if done {
			return b.vm.ToValue(len(data))
		}
		rest := data[n:]
		if !owned {
			rest = append([]byte(nil), rest...)
		}
		cn.enqueue(writeReq{data: rest, total: len(data), cb: cn.callbackID(cb)})
		return b.vm.ToValue(-1)
	})
	b.method(o, "shutdown", 1, func(call goja.FunctionCall) goja.Value {
		cb, _ := goja.AssertFunction(call.Argument(0))
		cn.enqueue(writeReq{shutdown: true, cb: cn.callbackID(cb)})
		return goja.Undefined()
	})
	b.method(o, "close", 0, func(goja.FunctionCall) goja.Value {
		cn.close()
		return goja.Undefined()
	})
	b.method(o, "ref", 0, func(goja.FunctionCall) goja.Value {
		cn.mu.Lock()
		closed := cn.closed
		cn.mu.Unlock()
		if !cn.refd && !closed {
			cn.refd = true
			cn.release = b.h.Hold()
		}
		return goja.Undefined()
	})
	b.method(o, "unref", 0, func(goja.FunctionCall) goja.Value {
		if cn.refd {
			cn.refd = false
			cn.release()
		}
		return goja.Undefined()
	})
	b.method(o, "setNoDelay", 1, func(call goja.FunctionCall) goja.Value {
		if tc := cn.tcp(); tc != nil {
			_ = tc.SetNoDelay(call.Argument(0).ToBoolean())
		}
		return goja.Undefined()
	})
	b.method(o, "setKeepAlive", 2, func(call goja.FunctionCall) goja.Value {
		if tc := cn.tcp(); tc != nil {
			_ = tc.SetKeepAlive(call.Argument(0).ToBoolean())
		}
		return goja.Undefined()
	})
	return cn
}

func (cn *conn) tcp() *net.TCPConn {
	cn.mu.Lock()
	c := cn.c
	cn.mu.Unlock()
	if t, ok := c.(*tls.Conn); ok {
		c = t.NetConn()
	}
	tc, _ := c.(*net.TCPConn)
	return tc
}

func (cn *conn) isClosed() bool {
	cn.mu.Lock()
	defer cn.mu.Unlock()
	return cn.closed
}

// close ends the socket at once (destroy). Runs on the JavaScript goroutine.
func (cn *conn) close() {
	cn.mu.Lock()
	if cn.closed {
		cn.mu.Unlock()
		return
	}
	cn.closed = true
	c, cancel := cn.c, cn.cancel
	cn.cond.Broadcast()
	cn.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	if c != nil {
		_ = c.Close()
	}
	if cn.refd {
		cn.refd = false
		cn.release()
	}
}

// fail reports a connect that did not happen, on a later turn of the loop as Node does.
func (cn *conn) fail(info *goja.Object) {
	cn.b.h.Post(func() {
		if cn.isClosed() {
			return
		}
		cn.b.emit(cn.obj, "onconnect", info)
	})
}

// dial tries addrs in order (the addresses the gate saw, nothing else) and starts the socket.
func (cn *conn) dial(network string, addrs []string, port int, cfg *tls.Config, verify *verifyState) {
	ctx, cancel := context.WithCancel(context.Background())
	cn.mu.Lock()
	if cn.closed {
		cn.mu.Unlock()
		cancel()
		return
	}
	cn.cancel = cancel
	cn.mu.Unlock()
	var c net.Conn
	var err error
	var d net.Dialer
	for _, a := range addrs {
		if c, err = d.DialContext(ctx, network, a); err == nil {
			break
		}
	}
	if err == nil && cfg != nil {
		tc := tls.Client(c, cfg)
		if err = tc.HandshakeContext(ctx); err != nil {
			_ = c.Close()
		} else {
			c = tc
		}
	}
	if err != nil {
		addr, sport, _ := net.SplitHostPort(addrs[len(addrs)-1])
		if network == "unix" {
			addr = addrs[0]
		}
		p, _ := strconv.Atoi(sport)
		sys := "connect"
		if _, ok := err.(*net.OpError); !ok && cfg != nil {
			sys = "handshake"
		}
		cn.b.h.Post(func() {
			if cn.isClosed() {
				return
			}
			cn.b.emit(cn.obj, "onconnect", cn.b.errInfo(err, sys, addr, p))
		})
		return
	}
	cn.mu.Lock()
	if cn.closed {
		cn.mu.Unlock()
		_ = c.Close()
		return
	}
	cn.setConn(c)
	cn.mu.Unlock()
	cn.b.h.Post(func() {
		if cn.isClosed() {
			return
		}
		cn.b.emit(cn.obj, "onconnect", goja.Null(), cn.b.connInfo(c, verify))
	})
	go cn.readLoop()
}

// start begins reading from an accepted connection.
func (cn *conn) start(c net.Conn) {
	cn.mu.Lock()
	cn.setConn(c)
	cn.mu.Unlock()
	go cn.readLoop()
}

func (b *binding) connInfo(c net.Conn, verify *verifyState) *goja.Object {
	info := b.vm.NewObject()
	la, lf, lp := splitAddr(c.LocalAddr())
	ra, rf, rp := splitAddr(c.RemoteAddr())
	b.set(info, "localAddress", la)
	b.set(info, "localPort", lp)
	b.set(info, "localFamily", lf)
	b.set(info, "remoteAddress", ra)
	b.set(info, "remotePort", rp)
	b.set(info, "remoteFamily", rf)
	if tc, ok := c.(*tls.Conn); ok {
		st := tc.ConnectionState()
		b.set(info, "encrypted", true)
		b.set(info, "alpnProtocol", st.NegotiatedProtocol)
		b.set(info, "protocol", tlsVersionName(st.Version))
		b.set(info, "servername", st.ServerName)
		authorized, authErr := true, ""
		if verify != nil {
			authorized, authErr = verify.err == "", verify.err
		} else if len(st.PeerCertificates) == 0 {
			authorized, authErr = false, "UNABLE_TO_GET_ISSUER_CERT"
		}
		b.set(info, "authorized", authorized)
		if authErr != "" {
			b.set(info, "authorizationError", authErr)
		}
		if len(st.PeerCertificates) > 0 {
			b.set(info, "peerCertificate", b.certInfo(st.PeerCertificates[0]))
		}
	}
	return info
}

func (cn *conn) readLoop() {
	buf := make([]byte, 64*1024)
	for {
		cn.mu.Lock()
		for !cn.reading && !cn.closed {
			cn.cond.Wait()
		}
		closed, c := cn.closed, cn.c
		cn.mu.Unlock()
		if closed {
			return
		}
		n, err := c.Read(buf)
		if n > 0 {
			data := append([]byte(nil), buf[:n]...)
			cn.b.h.Post(func() {
				if cn.isClosed() {
					return
				}
				cn.b.emit(cn.obj, "ondata", cn.b.h.NewBuffer(data))
			})
		}
		if err != nil {
			if cn.isClosed() {
				return
			}
			cn.b.h.Post(func() {
				if cn.isClosed() {
					return
				}
				if errors.Is(err, io.EOF) {
					cn.b.emit(cn.obj, "onend")
					return
				}
				cn.b.emit(cn.obj, "onerror", cn.b.errInfo(err, "read", "", 0))
			})
			return
		}
	}
}

// setConn records the connected socket (with the mutex held).
func (cn *conn) setConn(c net.Conn) {
	cn.c = c
	cn.raw = nil
	if sc, ok := c.(syscall.Conn); ok {
		if raw, err := sc.SyscallConn(); err == nil {
			cn.raw = raw
		}
	}
}

// tryWrite writes what the kernel takes without blocking, on the JavaScript goroutine, when no
// queued write is ahead of it. It reports how many bytes went out and whether that was all of
// them; a socket that would block, an error, a TLS socket or a busy queue leave the rest to the
// writer goroutine, which reports errors the way it always has.
func (cn *conn) tryWrite(data []byte) (int, bool) {
	cn.mu.Lock()
	raw, busy := cn.raw, cn.writing || cn.closed || cn.c == nil
	cn.mu.Unlock()
	if busy || raw == nil {
		return 0, false
	}
	if len(data) == 0 {
		return 0, true
	}
	written := 0
	err := raw.Write(func(fd uintptr) bool {
		for written < len(data) {
			n, err := syscall.Write(int(fd), data[written:])
			if n > 0 {
				written += n
			}
			if err == syscall.EINTR {
				continue
			}
			if err != nil || n <= 0 {
				break
			}
		}
		return true // never wait: what is left goes to the writer goroutine
	})
	return written, err == nil && written == len(data)
}

// wireData turns the data of a write into bytes: a Buffer or other view as it is (owned is false:
// the caller's memory), a string encoded as utf8 or latin1, or an array of [data, encoding]
// pairs concatenated. Encodings other than utf8 and latin1 are converted by net.js first.
func (b *binding) wireData(v, enc goja.Value) (data []byte, owned bool) {
	if bs, ok := host.Bytes(b.vm, v); ok {
		return bs, false
	}
	if s, ok := v.(goja.String); ok {
		return appendString(nil, s, enc.String()), true
	}
	o, ok := v.(*goja.Object)
	if !ok || o.ClassName() != "Array" {
		panic(b.vm.NewTypeError("net binding: write needs bytes, a string or an array of them"))
	}
	n := int(o.Get("length").ToInteger())
	var out []byte
	for i := 0; i+1 < n; i += 2 {
		item := o.Get(strconv.Itoa(i))
		if bs, ok := host.Bytes(b.vm, item); ok {
			out = append(out, bs...)
		} else if s, ok := item.(goja.String); ok {
			out = appendString(out, s, o.Get(strconv.Itoa(i+1)).String())
		} else {
			panic(b.vm.NewTypeError("net binding: write needs bytes, a string or an array of them"))
		}
	}
	return out, true
}

// appendString encodes s as Buffer.from(s, enc) does for utf8 (lone surrogates become U+FFFD)
// and latin1/binary/ascii (the low byte of each UTF-16 unit).
func appendString(out []byte, s goja.String, enc string) []byte {
	switch enc {
	case "latin1", "binary", "ascii":
		str := s.String()
		ascii := true
		for i := 0; i < len(str); i++ {
			if str[i] >= 0x80 {
				ascii = false
				break
			}
		}
		if ascii {
			return append(out, str...)
		}
		for i, n := 0, s.Length(); i < n; i++ {
			out = append(out, byte(s.CharAt(i)))
		}
		return out
	}
	return append(out, s.String()...)
}

// enqueue adds a write or shutdown; one writer goroutine per socket keeps them in order.
func (cn *conn) enqueue(w writeReq) {
	cn.mu.Lock()
	cn.queue = append(cn.queue, w)
	start := !cn.writing
	cn.writing = true
	cn.mu.Unlock()
	if start {
		go cn.writeLoop()
	}
}

func (cn *conn) writeLoop() {
	for {
		cn.mu.Lock()
		if len(cn.queue) == 0 {
			cn.writing = false
			cn.mu.Unlock()
			return
		}
		w := cn.queue[0]
		cn.queue = cn.queue[1:]
		c, closed := cn.c, cn.closed
		cn.mu.Unlock()
		var err error
		switch {
		case closed || c == nil:
			err = syscall.EPIPE
		case w.shutdown:
			type closeWriter interface{ CloseWrite() error }
			if cw, ok := c.(closeWriter); ok {
				err = cw.CloseWrite()
			}
		default:
			_, err = c.Write(w.data)
		}
		if w.cb == 0 {
			continue
		}
		cn.b.h.Post(func() {
			cb := cn.cbs[w.cb]
			delete(cn.cbs, w.cb)
			var arg goja.Value = goja.Null()
			if err != nil {
				if cn.isClosed() {
					return
				}
				sys := "write"
				if w.shutdown {
					sys = "shutdown"
				}
				arg = cn.b.errInfo(err, sys, "", 0)
			}
			if _, e := cb(goja.Undefined(), arg, cn.b.vm.ToValue(w.total)); e != nil {
				panic(e)
			}
		})
	}
}

// connect starts an outgoing connection after the gate: a unix path is checked as unix:PATH; an IP
// literal once, normalised, with resource.ips holding it; a name first as the name (before any DNS
// query leaves the machine) and again with the addresses it resolved to, which are the only ones
// dialled.
func (b *binding) connect(call goja.FunctionCall) goja.Value {
	o := call.Argument(0).ToObject(b.vm)
	api := call.Argument(1).String()
	cfg, verify, err := b.tlsClientConfig(o.Get("tls"))
	if err != nil {
		panic(b.vm.NewTypeError(err.Error()))
	}
	cn := b.newConn()
	if path := str(o, "path"); path != "" {
		if d := b.h.Check("net.connect", policy.Resource{Unix: path}, api); d != nil {
			cn.fail(b.denied(d))
			return cn.obj
		}
		go cn.dial("unix", []string{path}, 0, cfg, verify)
		return cn.obj
	}
	rawHost := str(o, "host")
	if rawHost == "" {
		rawHost = "localhost"
	}
	port := num(o, "port")
	name, ip := normalizeHost(rawHost)
	if cfg != nil {
		if cfg.ServerName == "" && ip == nil {
			cfg.ServerName = name
		}
		verify.name = cfg.ServerName
		if verify.name == "" {
			verify.name = name
		}
	}
	if ip != nil {
		ip = dialTarget(ip)
		s := ip.String()
		if d := b.h.Check("net.connect", policy.Resource{Host: s, Port: port, IPs: []string{s}}, api); d != nil {
			cn.fail(b.denied(d))
			return cn.obj
		}
		go cn.dial("tcp", []string{net.JoinHostPort(s, strconv.Itoa(port))}, port, cfg, verify)
		return cn.obj
	}
	if d := b.h.Check("net.connect", policy.Resource{Host: name, Port: port}, api); d != nil {
		cn.fail(b.denied(d))
		return cn.obj
	}
	fam := num(o, "family")
	go func() {
		ips, err := lookupIP(fam, name)
		b.h.Post(func() {
			if cn.isClosed() {
				return
			}
			if err != nil {
				b.emit(cn.obj, "onconnect", b.errInfo(err, "getaddrinfo", "", 0))
				return
			}
			strs := make([]string, len(ips))
			addrs := make([]string, len(ips))
			for i, a := range ips {
				strs[i] = a.String()
				addrs[i] = net.JoinHostPort(strs[i], strconv.Itoa(port))
			}
			if d := b.h.Check("net.connect", policy.Resource{Host: name, Port: port, IPs: strs}, api); d != nil {
				b.emit(cn.obj, "onconnect", b.denied(d))
				return
			}
			go cn.dial("tcp", addrs, port, cfg, verify)
		})
	}()
	return cn.obj
}

func lookupIP(fam int, name string) ([]net.IP, error) {
	network := "ip"
	switch fam {
	case 4:
		network = "ip4"
	case 6:
		network = "ip6"
	}
	ips, err := net.DefaultResolver.LookupIP(context.Background(), network, name)
	var dnsErr *net.DNSError
	switch {
	case err == nil && len(ips) == 0:
		err = &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
	case err != nil && !errors.As(err, &dnsErr):
		// Go refuses some names without asking DNS (".onion", "no suitable address"): to Node's
		// getaddrinfo that is ENOTFOUND as well.
		err = &net.DNSError{Err: err.Error(), Name: name, IsNotFound: true}
	}
	for i, ip := range ips {
		if v4 := ip.To4(); v4 != nil {
			ips[i] = v4
		}
	}
	return ips, err
}

// server is a listening socket.
type server struct {
	b       *binding
	obj     *goja.Object
	l       net.Listener
	tls     *tls.Config
	mu      sync.Mutex
	closed  bool
	refd    bool
	release func()
}

// listen binds after the gate (net.listen on host:port or unix:PATH) and returns the handle; the
// accept loop starts with handle.start() once JavaScript has installed onconnection.
func (b *binding) listen(call goja.FunctionCall) goja.Value {
	o := call.Argument(0).ToObject(b.vm)
	api := call.Argument(1).String()
	cfg, err := b.tlsServerConfig(o.Get("tls"))
	if err != nil {
		panic(b.vm.NewTypeError(err.Error()))
	}
	var l net.Listener
	if path := str(o, "path"); path != "" {
		if d := b.h.Check("net.listen", policy.Resource{Unix: path}, api); d != nil {
			panic(b.denied(d))
		}
		if l, err = net.Listen("unix", path); err != nil {
			panic(b.errInfo(err, "listen", path, 0))
		}
	} else {
		port := num(o, "port")
		h := str(o, "host")
		network := "tcp"
		if h == "" {
			h = "::" // Node's default: every interface, both families
		}
		name, ip := normalizeHost(h)
		if d := b.h.Check("net.listen", policy.Resource{Host: name, Port: port}, api); d != nil {
			panic(b.denied(d))
		}
		if ip == nil {
			ips, lerr := lookupIP(num(o, "family"), name)
			if lerr != nil {
				panic(b.errInfo(lerr, "getaddrinfo", "", 0))
			}
			ip = ips[0]
		}
		if ip.To4() != nil {
			network = "tcp4"
		} else if !ip.IsUnspecified() || num(o, "ipv6Only") != 0 {
			network = "tcp6"
		}
		addr := net.JoinHostPort(ip.String(), strconv.Itoa(port))
		if ip.IsUnspecified() && ip.To4() == nil && network == "tcp" {
			addr = ":" + strconv.Itoa(port)
		}
		if l, err = net.Listen(network, addr); err != nil {
			panic(b.errInfo(err, "listen", ip.String(), port))
		}
	}
	s := &server{b: b, obj: b.vm.NewObject(), l: l, tls: cfg, refd: true, release: b.h.Hold()}
	b.method(s.obj, "start", 0, func(goja.FunctionCall) goja.Value {
		go s.acceptLoop()
		return goja.Undefined()
	})
	b.method(s.obj, "close", 0, func(goja.FunctionCall) goja.Value {
		s.close()
		return goja.Undefined()
	})
	b.method(s.obj, "ref", 0, func(goja.FunctionCall) goja.Value {
		s.mu.Lock()
		closed := s.closed
		s.mu.Unlock()
		if !s.refd && !closed {
			s.refd = true
			s.release = b.h.Hold()
		}
		return goja.Undefined()
	})
	b.method(s.obj, "unref", 0, func(goja.FunctionCall) goja.Value {
		if s.refd {
			s.refd = false
			s.release()
		}
		return goja.Undefined()
	})
	addr := b.vm.NewObject()
	if ua, ok := l.Addr().(*net.UnixAddr); ok {
		b.set(addr, "path", ua.Name)
	} else {
		a, f, p := splitAddr(l.Addr())
		b.set(addr, "address", a)
		b.set(addr, "family", f)
		b.set(addr, "port", p)
	}
	b.set(s.obj, "address", addr)
	return s.obj
}

func (s *server) close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	s.mu.Unlock()
	_ = s.l.Close()
	if s.refd {
		s.refd = false
		s.release()
	}
}

func (s *server) acceptLoop() {
	for {
		c, err := s.l.Accept()
		if err != nil {
			s.mu.Lock()
			closed := s.closed
			s.mu.Unlock()
			if closed {
				return
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			s.b.h.Post(func() { s.b.emit(s.obj, "onerror", s.b.errInfo(err, "accept", "", 0)) })
			return
		}
		if s.tls != nil {
			go s.handshake(tls.Server(c, s.tls))
			continue
		}
		s.deliver(c)
	}
}

func (s *server) handshake(tc *tls.Conn) {
	if err := tc.Handshake(); err != nil {
		_ = tc.Close()
		s.b.h.Post(func() { s.b.emit(s.obj, "ontlserror", s.b.errInfo(err, "handshake", "", 0)) })
		return
	}
	s.deliver(tc)
}

func (s *server) deliver(c net.Conn) {
	s.b.h.Post(func() {
		s.mu.Lock()
		closed := s.closed
		s.mu.Unlock()
		if closed {
			_ = c.Close()
			return
		}
		cn := s.b.newConn()
		cn.start(c)
		s.b.emit(s.obj, "onconnection", cn.obj, s.b.connInfo(c, nil))
	})
}
