package child_process

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// binding is the Go half of one compartment's child_process module. Processes and their pipes
// live in Go closures behind handle objects built here; child_process.js keeps them in private
// fields.
type binding struct {
	h   host.Host
	vm  *goja.Runtime
	obj *goja.Object
}

// Binding builds the child_process binding for one compartment:
//
//	spawn(options, onexit, ondata) -> handle | {errno} | {denied}
//	spawnSync(options) -> result | {errno} | {denied}
//	signals: {SIGHUP: 1, ...}
//
// options is what child_process.js's normalisation produced: {api, file, args (argv, argv[0]
// first), cwd, envPairs, stdio (array of 'pipe' | 'ignore' | 'inherit' | 0..2), detached, uid,
// gid, fork, forkModule} plus, for spawnSync, {input, timeout, killSignal, maxBuffer}.
func Binding(h host.Host) *goja.Object {
	b := &binding{h: h, vm: h.VM(), obj: h.VM().NewObject()}
	b.method(b.obj, "spawn", 3, b.spawn)
	b.method(b.obj, "spawnSync", 1, b.spawnSync)
	sigs := b.vm.NewObject()
	for _, s := range signalTable() {
		mustSet(sigs, s.name, b.vm.ToValue(s.num))
	}
	mustSet(b.obj, "signals", sigs)
	return b.obj
}

func mustSet(o *goja.Object, k string, v any) {
	if err := o.Set(k, v); err != nil {
		panic(err)
	}
}

func (b *binding) method(o *goja.Object, name string, n int, f func(goja.FunctionCall) goja.Value) {
	mustSet(o, name, b.h.Func(name, n, f))
}

func (b *binding) typeError(format string, args ...any) *goja.Object {
	return b.vm.NewTypeError(fmt.Sprintf("child_process: "+format, args...))
}

// request reads the normalised options object. child_process.js has validated the types the way
// Node does; what is checked again here is what the gate's correctness depends on.
func (b *binding) request(v goja.Value) *request {
	o, ok := v.(*goja.Object)
	if !ok {
		panic(b.typeError("options must be an object"))
	}
	r := &request{
		api:        b.str(o, "api"),
		program:    b.str(o, "file"),
		argv:       b.strings(o.Get("args"), "args"),
		detached:   o.Get("detached") != nil && o.Get("detached").ToBoolean(),
		fork:       o.Get("fork") != nil && o.Get("fork").ToBoolean(),
		forkModule: b.str(o, "forkModule"),
	}
	if !strings.HasPrefix(r.api, "child_process.") {
		panic(b.typeError("unknown API %q", r.api))
	}
	if len(r.argv) == 0 {
		panic(b.typeError("args must hold argv[0]"))
	}
	if r.program == "" && !r.fork {
		panic(b.typeError("file must be a non-empty string"))
	}
	r.cwd = b.h.Cwd()
	if cwd := b.str(o, "cwd"); cwd != "" {
		if !filepath.IsAbs(cwd) {
			cwd = filepath.Join(r.cwd, cwd)
		}
		r.cwd = filepath.Clean(cwd)
	}
	if env := o.Get("envPairs"); env != nil && !goja.IsUndefined(env) && !goja.IsNull(env) {
		r.env = b.strings(env, "envPairs")
		if r.env == nil {
			r.env = []string{}
		}
	}
	r.uid = b.optID(o, "uid")
	r.gid = b.optID(o, "gid")
	stdio, ok := o.Get("stdio").(*goja.Object)
	if !ok {
		panic(b.typeError("stdio must be an array"))
	}
	n := int(stdio.Get("length").ToInteger())
	if n < 3 || n > 64 {
		panic(b.typeError("stdio must have 3 to 64 entries, not %d", n))
	}
	for i := 0; i < n; i++ {
		e := stdio.Get(strconv.Itoa(i))
		switch {
		case e == nil || goja.IsUndefined(e):
			panic(b.typeError("stdio[%d] is missing", i))
		case goja.IsString(e):
			switch e.String() {
			case "pipe":
				r.stdio = append(r.stdio, stdioSpec{kind: stdioPipe})
			case "ignore":
				r.stdio = append(r.stdio, stdioSpec{kind: stdioIgnore})
			case "inherit":
				if i > 2 {
					panic(b.typeError("stdio[%d] 'inherit' is not supported beyond the standard streams", i))
				}
				r.stdio = append(r.stdio, stdioSpec{kind: stdioInherit, fd: i})
			default:
				panic(b.typeError("stdio[%d] %q is not pipe, ignore or inherit", i, e.String()))
			}
		default:
			fd := e.ToInteger()
			if fd < 0 || fd > 2 {
				panic(b.typeError("stdio[%d]: file descriptor %d is not one of the standard streams 0, 1, 2", i, fd))
			}
			r.stdio = append(r.stdio, stdioSpec{kind: stdioInherit, fd: int(fd)})
		}
	}
	return r
}

func (b *binding) str(o *goja.Object, key string) string {
	v := o.Get(key)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return ""
	}
	return v.String()
}

func (b *binding) strings(v goja.Value, what string) []string {
	o, ok := v.(*goja.Object)
	if !ok {
		panic(b.typeError("%s must be an array of strings", what))
	}
	n := o.Get("length").ToInteger()
	if n < 0 || n > 1<<20 {
		panic(b.typeError("%s: bad length %d", what, n))
	}
	out := make([]string, 0, n)
	for i := int64(0); i < n; i++ {
		s := o.Get(strconv.FormatInt(i, 10)).String()
		if strings.IndexByte(s, 0) >= 0 {
			panic(b.typeError("%s[%d] contains a null byte", what, i))
		}
		out = append(out, s)
	}
	return out
}

func (b *binding) optID(o *goja.Object, key string) *uint32 {
	v := o.Get(key)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	n := v.ToInteger()
	if n < 0 || n > math.MaxUint32 {
		panic(b.typeError("%s %d is out of range", key, n))
	}
	id := uint32(n)
	return &id
}

// failure is a failed start as JavaScript sees it: {denied: Error} or {errno: -N}.
func (b *binding) failure(e *startError) goja.Value {
	o := b.vm.NewObject()
	if e.denied != nil {
		mustSet(o, "denied", e.denied)
	} else {
		mustSet(o, "errno", -int(e.errno))
	}
	return o
}

// openStdio creates the descriptors of r's stdio. parent[i] is the parent's end of a pipe (nil
// for other kinds); forward[i] (1 or 2) marks an 'inherit' stream that, without a StdioHost file,
// the parent reads and writes to its own stdout or stderr.
func (b *binding) openStdio(r *request) (child, owned, parent []*os.File, forward []int, err error) {
	n := len(r.stdio)
	child, parent, forward = make([]*os.File, n), make([]*os.File, n), make([]int, n)
	fail := func(e error) ([]*os.File, []*os.File, []*os.File, []int, error) {
		for _, f := range owned {
			f.Close()
		}
		for _, f := range parent {
			if f != nil {
				f.Close()
			}
		}
		return nil, nil, nil, nil, e
	}
	for i, s := range r.stdio {
		switch s.kind {
		case stdioIgnore:
			f, e := os.OpenFile(os.DevNull, os.O_RDWR, 0)
			if e != nil {
				return fail(e)
			}
			child[i] = f
			owned = append(owned, f)
		case stdioInherit:
			if f := stdioFile(b.h, s.fd); f != nil {
				child[i] = f
				continue
			}
			if s.fd == 0 {
				child[i] = os.Stdin
				continue
			}
			if i == 0 {
				// The parent's stdout as the child's stdin: nothing a pipe could forward.
				f, e := os.OpenFile(os.DevNull, os.O_RDONLY, 0)
				if e != nil {
					return fail(e)
				}
				child[i] = f
				owned = append(owned, f)
				continue
			}
			forward[i] = s.fd
			fallthrough
		case stdioPipe:
			pr, pw, e := os.Pipe()
			if e != nil {
				return fail(e)
			}
			if i == 0 {
				child[i], parent[i] = pr, pw
			} else {
				child[i], parent[i] = pw, pr
			}
			owned = append(owned, child[i])
		}
	}
	return child, owned, parent, forward, nil
}

// signalName is Node's name for a signal that ended a child ("SIGTERM").
func signalName(s syscall.Signal) string {
	for _, e := range signalTable() {
		if e.num == int(s) {
			return e.name
		}
	}
	return "SIG" + strconv.Itoa(int(s))
}

// exitStatus turns a wait status into Node's (exitCode, signalCode) pair.
func exitStatus(st *os.ProcessState) (code int, signal string) {
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 0, signalName(ws.Signal())
	}
	return st.ExitCode(), ""
}
