package loader

import (
	"github.com/pkgbox/pkgbox/policy"
	"io"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"syscall"
	"time"

	"github.com/dop251/goja"
	"golang.org/x/sys/unix"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// process returns the compartment's process object, building it on first use. The object is
// registered before it is filled in, so builtins loaded while building it (events) get it too.
func (c *Compartment) process() *goja.Object {
	obj := c.processShell()
	if !c.processReady {
		c.processReady = true
		c.builtinModule("internal/process")
	}
	return obj
}

// processShell is the process object before internal/process has filled it in. Builtins get the
// shell as their `process` parameter, so that a builtin that internal/process itself needs (events,
// and what events needs) can be evaluated without a cycle; the shell is filled in as soon as the
// outermost builtin load finishes, before any other code runs.
//
// Until then the shell's prototype is a lazy object: the first property read through it fills the
// process in (internal/process replaces the prototype), so a builtin that merely mentions process
// — console, for process.emitWarning — does not pull in events and buffer at start-up.
func (c *Compartment) processShell() *goja.Object {
	if c.processObj == nil {
		c.processObj = c.rt.vm.NewObject()
		_ = c.processObj.SetPrototype(c.rt.vm.NewDynamicObject(&lazyProcess{c: c}))
	}
	return c.processObj
}

// lazyProcess is the prototype of a process shell; see processShell.
type lazyProcess struct{ c *Compartment }

func (l *lazyProcess) Get(key string) goja.Value {
	if l.c.loading["internal/process"] {
		return nil
	}
	return l.c.process().Get(key)
}
func (l *lazyProcess) Set(string, goja.Value) bool { return false }
func (l *lazyProcess) Has(key string) bool {
	if l.c.loading["internal/process"] {
		return false
	}
	return l.c.process().Get(key) != nil
}
func (l *lazyProcess) Delete(string) bool { return true }
func (l *lazyProcess) Keys() []string     { return nil }

func (c *Compartment) emitProcess(name string, args ...goja.Value) {
	c.process()
	emit, ok := goja.AssertFunction(c.processObj.Get("emit"))
	if !ok {
		return
	}
	c.rt.mustCall(emit, c.processObj, append([]goja.Value{c.rt.vm.ToValue(name)}, args...)...)
}

func (c *Compartment) processListenerCount(name string) int {
	if !c.processReady {
		return 0
	}
	lc, ok := goja.AssertFunction(c.processObj.Get("listenerCount"))
	if !ok {
		return 0
	}
	v, err := lc(c.processObj, c.rt.vm.ToValue(name))
	if err != nil {
		return 0
	}
	return int(v.ToInteger())
}

var nodeVersions = map[string]string{
	"node": nodeVersion[1:], "acorn": "8.14.0", "ada": "2.9.2", "ares": "1.34.5", "brotli": "1.1.0",
	"cjs_module_lexer": "1.4.1", "icu": "76.1", "llhttp": "8.1.2", "modules": "115", "napi": "9",
	"nghttp2": "1.64.0", "openssl": "3.0.15+quic", "unicode": "16.0", "uv": "1.46.0", "v8": "11.3.244.8-node.26",
	"zlib": "1.3.0.1-motley",
}

// processBinding gives internal/process and internal/stdio the compartment-bound natives. Most
// of them are called only through a JavaScript wrapper (process.cwd, process.exit, stdio), so the
// binding makes each native function object on first read: the Go closures that carry the
// compartment are cheap, goja functions are not.
func (c *Compartment) processBinding() goja.Value {
	rt := c.rt
	vm := rt.vm
	b := &lazyBinding{rt: rt, values: make(map[string]goja.Value, 64), natives: make(map[string]lazyNative, 48)}
	set := func(name string, v any) { b.values[name] = vm.ToValue(v) }
	fn := func(name string, length int, f func(goja.FunctionCall) goja.Value) {
		b.natives[name] = lazyNative{length: length, f: f}
	}

	versions := vm.NewObject()
	for _, k := range sortedKeys(nodeVersions) {
		_ = versions.Set(k, nodeVersions[k])
	}
	_ = versions.Set("pkgbox", Version)
	set("version", nodeVersion)
	set("versions", versions)
	arch := runtime.GOARCH
	if arch == "amd64" {
		arch = "x64"
	} else if arch == "386" {
		arch = "ia32"
	}
	set("arch", arch)
	set("platform", runtime.GOOS)
	release := vm.NewObject()
	_ = release.Set("name", "node")
	_ = release.Set("lts", "Iron")
	set("release", release)
	argv := append([]string{rt.opts.Executable, rt.mainPath()}, rt.opts.Args...)
	set("argv", stringArray(vm, argv))
	set("execPath", rt.opts.Executable)
	set("pid", os.Getpid())
	set("ppid", os.Getppid())
	set("env", vm.NewDynamicObject(&envView{c: c}))

	fn("getExitCode", 0, func(goja.FunctionCall) goja.Value {
		if !rt.exitCodeSet {
			return goja.Undefined()
		}
		return vm.ToValue(rt.exitCode)
	})
	fn("setExitCode", 1, func(call goja.FunctionCall) goja.Value {
		c.check(capProcessControl, policy.Resource{}, "process.exitCode")
		v := call.Argument(0)
		if goja.IsUndefined(v) || goja.IsNull(v) {
			rt.exitCode, rt.exitCodeSet = 0, false
			return goja.Undefined()
		}
		rt.exitCode, rt.exitCodeSet = exitCodeOf(rt, v), true
		return goja.Undefined()
	})
	fn("mainModule", 0, func(goja.FunctionCall) goja.Value { return c.mainModuleValue() })
	fn("cwd", 0, func(goja.FunctionCall) goja.Value { return vm.ToValue(rt.cwd) })
	fn("chdir", 1, func(call goja.FunctionCall) goja.Value {
		dir := call.Argument(0)
		s, ok := dir.Export().(string)
		if !ok {
			panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", `The "directory" argument must be of type string. Received `+describeReceived(dir)))
		}
		c.check(capProcessControl, policy.Resource{}, "process.chdir")
		target := s
		if !filepath.IsAbs(target) {
			target = filepath.Join(rt.cwd, target)
		}
		st, err := os.Stat(target)
		if err != nil || !st.IsDir() {
			code := "ENOENT"
			msg := "no such file or directory"
			if err == nil {
				code, msg = "ENOTDIR", "not a directory"
			}
			e := rt.nodeError("Error", code, code+": "+msg+", chdir "+rt.cwd+" -> '"+s+"'")
			_ = e.Set("errno", -2)
			_ = e.Set("syscall", "chdir")
			_ = e.Set("path", rt.cwd)
			_ = e.Set("dest", s)
			panic(e)
		}
		if err := os.Chdir(target); err != nil {
			panic(rt.nodeError("Error", "EACCES", err.Error()))
		}
		rt.cwd = filepath.Clean(target)
		return goja.Undefined()
	})
	fn("umask", 1, func(call goja.FunctionCall) goja.Value {
		if goja.IsUndefined(call.Argument(0)) {
			old := syscall.Umask(0)
			syscall.Umask(old)
			return vm.ToValue(old)
		}
		c.check(capProcessControl, policy.Resource{}, "process.umask")
		mask := call.Argument(0)
		var m int64
		if s, ok := mask.Export().(string); ok {
			v, err := strconv.ParseInt(s, 8, 32)
			if err != nil {
				panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_VALUE", "The argument 'mask' must be a 32-bit unsigned integer or an octal string. Received '"+s+"'"))
			}
			m = v
		} else {
			m = mask.ToInteger()
		}
		return vm.ToValue(syscall.Umask(int(m)))
	})
	fn("exit", 1, func(call goja.FunctionCall) goja.Value {
		c.check(capProcessControl, policy.Resource{}, "process.exit")
		code := rt.exitCode
		if v := call.Argument(0); !goja.IsUndefined(v) && !goja.IsNull(v) {
			code = exitCodeOf(rt, v)
		}
		rt.exit(code)
		return goja.Undefined()
	})
	fn("abort", 0, func(goja.FunctionCall) goja.Value {
		c.check(capProcessControl, policy.Resource{}, "process.abort")
		rt.stdout.Flush()
		rt.exitCode = 134
		rt.exitEmitted = true
		rt.vm.Interrupt(&exitRequest{code: 134})
		return goja.Undefined()
	})
	fn("kill", 2, func(call goja.FunctionCall) goja.Value {
		c.check(capProcessControl, policy.Resource{}, "process.kill")
		pid := int(call.Argument(0).ToInteger())
		sig, err := signalOf(call.Argument(1))
		if err != "" {
			panic(rt.nodeError("TypeError", "ERR_UNKNOWN_SIGNAL", "Unknown signal: "+err))
		}
		if e := syscall.Kill(pid, sig); e != nil {
			panic(rt.nodeError("Error", "ESRCH", "kill ESRCH"))
		}
		return vm.ToValue(true)
	})
	fn("checkControl", 1, func(call goja.FunctionCall) goja.Value {
		c.check(capProcessControl, policy.Resource{}, call.Argument(0).String())
		return goja.Undefined()
	})
	fn("nextTick", 1, func(call goja.FunctionCall) goja.Value {
		cb, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", `The "callback" argument must be of type function. Received `+describeReceived(call.Argument(0))))
		}
		var args []goja.Value
		if len(call.Arguments) > 1 {
			args = append(args, call.Arguments[1:]...)
		}
		rt.ticks = append(rt.ticks, tickEntry{fn: cb, args: args, comp: c, ctx: rt.asyncCtx})
		return goja.Undefined()
	})
	fn("hrtime", 1, func(call goja.FunctionCall) goja.Value {
		ns := time.Since(processOrigin).Nanoseconds() + hrtimeBase
		sec, nsec := ns/1e9, ns%1e9
		if prev, ok := call.Argument(0).(*goja.Object); ok {
			ps := prev.Get("0").ToInteger()
			pn := prev.Get("1").ToInteger()
			sec, nsec = sec-ps, nsec-pn
			if nsec < 0 {
				sec--
				nsec += 1e9
			}
		}
		return vm.NewArray(sec, nsec)
	})
	fn("hrtimeBigint", 0, func(goja.FunctionCall) goja.Value {
		return vm.ToValue(big.NewInt(time.Since(processOrigin).Nanoseconds() + hrtimeBase))
	})
	fn("uptime", 0, func(goja.FunctionCall) goja.Value {
		return vm.ToValue(time.Since(processOrigin).Seconds())
	})
	fn("memoryUsage", 0, func(goja.FunctionCall) goja.Value {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		o := vm.NewObject()
		_ = o.Set("rss", int64(ms.Sys))
		_ = o.Set("heapTotal", int64(ms.HeapSys))
		_ = o.Set("heapUsed", int64(ms.HeapAlloc))
		_ = o.Set("external", 0)
		_ = o.Set("arrayBuffers", 0)
		return o
	})
	fn("availableMemory", 0, func(goja.FunctionCall) goja.Value {
		var si unix.Sysinfo_t
		if unix.Sysinfo(&si) != nil {
			return vm.ToValue(0)
		}
		return vm.ToValue(float64(si.Freeram) * float64(si.Unit))
	})
	fn("cpuUsage", 1, func(call goja.FunctionCall) goja.Value {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		user := ru.Utime.Sec*1e6 + ru.Utime.Usec
		sys := ru.Stime.Sec*1e6 + ru.Stime.Usec
		if prev, ok := call.Argument(0).(*goja.Object); ok {
			user -= prev.Get("user").ToInteger()
			sys -= prev.Get("system").ToInteger()
		}
		o := vm.NewObject()
		_ = o.Set("user", user)
		_ = o.Set("system", sys)
		return o
	})
	fn("resourceUsage", 0, func(goja.FunctionCall) goja.Value {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		o := vm.NewObject()
		_ = o.Set("userCPUTime", ru.Utime.Sec*1e6+ru.Utime.Usec)
		_ = o.Set("systemCPUTime", ru.Stime.Sec*1e6+ru.Stime.Usec)
		_ = o.Set("maxRSS", ru.Maxrss)
		for _, k := range []string{"sharedMemorySize", "unsharedDataSize", "unsharedStackSize"} {
			_ = o.Set(k, 0)
		}
		_ = o.Set("minorPageFault", ru.Minflt)
		_ = o.Set("majorPageFault", ru.Majflt)
		_ = o.Set("swappedOut", ru.Nswap)
		_ = o.Set("fsRead", ru.Inblock)
		_ = o.Set("fsWrite", ru.Oublock)
		_ = o.Set("ipcSent", ru.Msgsnd)
		_ = o.Set("ipcReceived", ru.Msgrcv)
		_ = o.Set("signalsCount", ru.Nsignals)
		_ = o.Set("voluntaryContextSwitches", ru.Nvcsw)
		_ = o.Set("involuntaryContextSwitches", ru.Nivcsw)
		return o
	})
	for _, id := range []struct {
		name string
		f    func() int
	}{{"getuid", os.Getuid}, {"geteuid", os.Geteuid}, {"getgid", os.Getgid}, {"getegid", os.Getegid}} {
		id := id
		fn(id.name, 0, func(goja.FunctionCall) goja.Value { return vm.ToValue(id.f()) })
	}
	fn("getgroups", 0, func(goja.FunctionCall) goja.Value {
		gs, _ := os.Getgroups()
		vals := make([]any, len(gs))
		for i, g := range gs {
			vals[i] = g
		}
		return vm.NewArray(vals...)
	})
	fn("noWarnings", 0, func(goja.FunctionCall) goja.Value { return vm.ToValue(false) })
	fn("warningHintShown", 0, func(goja.FunctionCall) goja.Value {
		shown := rt.warningHint
		rt.warningHint = true
		return vm.ToValue(shown)
	})
	fn("write", 3, func(call goja.FunctionCall) goja.Value {
		rt.writeFD(int(call.Argument(0).ToInteger()), call.Argument(1), call.Argument(2))
		return goja.Undefined()
	})
	fn("isatty", 1, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(rt.isatty(int(call.Argument(0).ToInteger())))
	})
	fn("windowSize", 1, func(call goja.FunctionCall) goja.Value {
		ws, err := unix.IoctlGetWinsize(int(call.Argument(0).ToInteger()), unix.TIOCGWINSZ)
		if err != nil {
			return vm.NewArray(80, 24)
		}
		return vm.NewArray(int(ws.Col), int(ws.Row))
	})
	fn("colorDepth", 2, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(rt.colorDepth())
	})
	fn("setRawMode", 2, func(call goja.FunctionCall) goja.Value {
		return goja.Undefined()
	})
	fn("readStdin", 1, func(call goja.FunctionCall) goja.Value {
		cb, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			return goja.Undefined()
		}
		release := rt.loop.hold()
		go func() {
			buf := make([]byte, 64*1024)
			n, err := rt.opts.Stdin.Read(buf)
			rt.loop.post(func() {
				defer release()
				switch {
				case n > 0:
					rt.mustCall(cb, goja.Undefined(), goja.Null(), c.NewBuffer(buf[:n]))
				case err == io.EOF || err == nil:
					rt.mustCall(cb, goja.Undefined(), goja.Null(), goja.Null())
				default:
					rt.mustCall(cb, goja.Undefined(), rt.nodeError("Error", "EIO", err.Error()))
				}
			})
		}()
		return goja.Undefined()
	})
	return vm.NewDynamicObject(b)
}

// lazyBinding is a binding object whose native functions are made when first read. Only builtin
// sources see it; they never write to it.
type lazyBinding struct {
	rt      *Runtime
	values  map[string]goja.Value // plain values, and the natives made so far
	natives map[string]lazyNative // natives not made yet
}

type lazyNative struct {
	length int
	f      func(goja.FunctionCall) goja.Value
}

func (b *lazyBinding) Get(key string) goja.Value {
	if v, ok := b.values[key]; ok {
		return v
	}
	n, ok := b.natives[key]
	if !ok {
		return nil
	}
	v := b.rt.nativeFunc(key, n.length, n.f)
	b.values[key] = v
	delete(b.natives, key)
	return v
}

func (b *lazyBinding) Has(key string) bool {
	_, ok := b.values[key]
	if !ok {
		_, ok = b.natives[key]
	}
	return ok
}

func (b *lazyBinding) Set(string, goja.Value) bool { return false }
func (b *lazyBinding) Delete(string) bool          { return false }

func (b *lazyBinding) Keys() []string {
	keys := make([]string, 0, len(b.values)+len(b.natives))
	for k := range b.values {
		keys = append(keys, k)
	}
	for k := range b.natives {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var _ host.Host = (*Compartment)(nil)

// processOrigin anchors process.hrtime and performance.now.
var processOrigin = time.Now()

// hrtimeBase makes hrtime look like a monotonic clock that started long before this process, as
// in Node (it is not the time since start).
var hrtimeBase = int64(1e9) * 1000

func (rt *Runtime) mainPath() string {
	if rt.main != nil {
		return rt.main.path
	}
	return rt.mainEntry
}

func exitCodeOf(rt *Runtime, v goja.Value) int {
	f := v.ToFloat()
	if math.IsNaN(f) || f != math.Trunc(f) {
		panic(rt.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", `The "code" argument must be of type number. Received `+describeReceived(v)))
	}
	return int(int64(f) & 0xff)
}

var signalNumbers = map[string]syscall.Signal{
	"SIGHUP": 1, "SIGINT": 2, "SIGQUIT": 3, "SIGILL": 4, "SIGTRAP": 5, "SIGABRT": 6, "SIGIOT": 6, "SIGBUS": 7,
	"SIGFPE": 8, "SIGKILL": 9, "SIGUSR1": 10, "SIGSEGV": 11, "SIGUSR2": 12, "SIGPIPE": 13, "SIGALRM": 14,
	"SIGTERM": 15, "SIGSTKFLT": 16, "SIGCHLD": 17, "SIGCONT": 18, "SIGSTOP": 19, "SIGTSTP": 20, "SIGTTIN": 21,
	"SIGTTOU": 22, "SIGURG": 23, "SIGXCPU": 24, "SIGXFSZ": 25, "SIGVTALRM": 26, "SIGPROF": 27, "SIGWINCH": 28,
	"SIGIO": 29, "SIGPOLL": 29, "SIGPWR": 30, "SIGSYS": 31,
}

func signalOf(v goja.Value) (syscall.Signal, string) {
	if s, ok := v.Export().(string); ok {
		if n, ok := signalNumbers[s]; ok {
			return n, ""
		}
		return 0, s
	}
	return syscall.Signal(v.ToInteger()), ""
}
