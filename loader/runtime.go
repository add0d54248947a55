package loader

import (
	"bufio"
	"errors"
	"fmt"
	"github.com/pkgbox/pkgbox/policy"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
	"github.com/pkgbox/pkgbox/loader/resolve"
)

// Options configure one run of a Node-style program.
type Options struct {
	Args       []string // process.argv after the entry
	Env        []string // KEY=VALUE; nil means os.Environ()
	Cwd        string   // "" means os.Getwd()
	Executable string   // process.argv[0] / process.execPath; "" means os.Executable()
	Stdin      io.Reader
	Stdout     io.Writer
	Stderr     io.Writer
	// AllowAll lifts every restriction: any package may require anything and use every capability.
	AllowAll bool
	// CacheDir holds esbuild transform results; "" means $PKGBOX_CACHE_DIR or os.UserCacheDir()/pkgbox.
	CacheDir string
	// Policy decides every capability use (pkgbox.json grants, Rego rules, warn mode, report).
	// nil: the app has every capability and packages none, unless AllowAll.
	Policy *policy.Engine
	// RunFlags are the `pkgbox run` flags a forked child process repeats (child_process.fork).
	RunFlags []string
}

// Runtime is one JavaScript world: a goja realm locked down once, an event loop, and the
// compartments of the app and its packages.
type Runtime struct {
	opts    Options
	vm      *goja.Runtime
	loop    *eventLoop
	res     *resolve.Resolver
	xform   *transformer
	cwd     string
	env     *environment
	appRoot string

	builtins map[string]*builtinDef
	app      *Compartment
	comps    map[string]*Compartment // by package dir
	compList []*Compartment          // in creation order (for process events)
	modules  map[string]*moduleRecord
	main     *moduleRecord

	stdout *bufio.Writer
	stderr io.Writer

	macrotask func() // what the next guard call runs

	asyncCtx     *asyncFrame   // the current AsyncLocalStorage context
	asyncSaved   []*asyncFrame // contexts saved while promise jobs run
	asyncEnabled bool
	ticks        []tickEntry
	rejections   []*goja.Promise
	exitCode     int
	exitCodeSet  bool
	timerSeq     int64
	denied       map[string]bool
	warningHint  bool
	mainEntry    string
	stdoutTTY    bool
	exiting      bool
	exitEmitted  bool

	start      time.Time
	overMemory atomic.Bool  // the memory limit stopped the run
	memLimit   atomic.Int64 // bytes; 0 when there is no memory limit
	gcMu       sync.Mutex   // one forced collection at a time
	libBinding *goja.Object
	sh         *shared // programs compiled once per runtime

	call   *callState // the Invoke in progress, if any
	broken bool       // a call ended in a way that makes the runtime unfit for another
	used   bool       // a run or call has used the runtime since it was made or Reset
}

type tickEntry struct {
	fn   goja.Callable
	args []goja.Value
	comp *Compartment
	ctx  *asyncFrame
}

// exitRequest is the interrupt value used by process.exit: it unwinds JavaScript without letting
// try/finally in package code observe or stop it.
type exitRequest struct {
	code  int
	limit string // set when a limit ended the run: the message to print
}

// ExitError reports a run that ended with a non-zero exit status.
type ExitError struct{ Code int }

func (e *ExitError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// New creates a locked-down runtime. Nothing runs until Run.
func New(opts Options) (*Runtime, error) {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	if opts.Env == nil {
		opts.Env = os.Environ()
	}
	if opts.Executable == "" {
		if exe, err := os.Executable(); err == nil {
			opts.Executable = exe
		} else {
			opts.Executable = "pkgbox"
		}
	}
	cwd := opts.Cwd
	if cwd == "" {
		var err error
		if cwd, err = os.Getwd(); err != nil {
			return nil, fmt.Errorf("pkgbox: cannot read the working directory: %w", err)
		}
	}
	rt := &Runtime{
		opts:     opts,
		vm:       goja.New(),
		loop:     newEventLoop(),
		cwd:      cwd,
		env:      newEnvironment(opts.Env),
		comps:    map[string]*Compartment{},
		modules:  map[string]*moduleRecord{},
		stdout:   bufio.NewWriterSize(opts.Stdout, 32*1024),
		stderr:   opts.Stderr,
		start:    time.Now(),
		builtins: builtinTable(),
	}
	rt.res = resolve.New(resolve.Config{IsBuiltin: rt.isBuiltin})
	rt.xform = newTransformer(opts.CacheDir)
	rt.vm.SetMaxCallStackSize(10000)
	rt.vm.SetPromiseRejectionTracker(rt.trackRejection)
	rt.vm.SetAsyncContextTracker(nil)
	if err := installIntrinsics(rt.vm); err != nil {
		return nil, fmt.Errorf("pkgbox: installing engine extensions: %w", err)
	}
	if err := installEnginePatches(rt.vm); err != nil {
		return nil, fmt.Errorf("pkgbox: installing engine patches: %w", err)
	}
	if err := installErrorExtensions(rt); err != nil {
		return nil, fmt.Errorf("pkgbox: installing Error extensions: %w", err)
	}
	if err := rt.installStringLimits(); err != nil {
		return nil, fmt.Errorf("pkgbox: installing string limits: %w", err)
	}
	if err := lockdown(rt.vm); err != nil {
		return nil, err
	}
	sh, err := newShared(rt)
	if err != nil {
		return nil, err
	}
	rt.sh = sh
	return rt, nil
}

// Run loads entry (a file, or a folder with package.json) as the main module, runs the event loop
// until no work is left and returns the process exit status. A non-nil error means pkgbox itself
// could not start the program (the entry does not exist, ...); JavaScript errors are reported on
// stderr like Node does and turn into exit status 1.
func (rt *Runtime) Run(entry string) (code int, err error) {
	rt.used = true
	defer rt.stdout.Flush()
	defer func() {
		if r := recover(); r != nil {
			// A bug in pkgbox: report it without a Go stack trace unless asked for.
			rt.stdout.Flush()
			fmt.Fprintf(rt.stderr, "pkgbox: internal error: %v\n", r)
			if os.Getenv("PKGBOX_DEBUG") != "" {
				fmt.Fprintf(rt.stderr, "%s\n", debug.Stack())
			}
			code, err = 70, nil
		}
	}()
	abs := entry
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(rt.cwd, entry)
	}
	st, statErr := os.Stat(abs)
	if statErr != nil {
		return 1, fmt.Errorf("pkgbox: cannot run %s: %w", entry, statErr)
	}
	dir := abs
	if !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	rt.appRoot = findAppRoot(dir)
	rt.app = rt.newCompartment(host.Package{Name: appName(rt.appRoot), Dir: rt.appRoot, App: true}, nil)

	res, rerr := rt.res.Resolve(abs, rt.cwd+string(filepath.Separator), resolve.Require)
	if rerr != nil {
		return 1, fmt.Errorf("pkgbox: cannot run %s: %w", entry, rerr)
	}
	if res.Builtin != "" {
		return 1, fmt.Errorf("pkgbox: cannot run %s: it names the builtin module %q", entry, res.Builtin)
	}
	rt.execute(func() {
		rec := rt.newRecord(res.Path, rt.compartmentFor(res.Path), nil, rt.isESMEntry(res.Path))
		rt.main = rec
		rt.loadRecord(rec)
	})
	rt.runLoop()
	return rt.finish(), nil
}

// execute runs fn as one macrotask: JavaScript errors it throws become uncaught exceptions, and
// the nextTick queue is drained before goja drains the promise jobs (Node's order).
func (rt *Runtime) execute(fn func()) bool {
	if rt.exiting {
		return false
	}
	err := rt.guard(func() {
		fn()
		rt.runTicks()
	})
	for err == nil && len(rt.ticks) > 0 && !rt.exiting {
		err = rt.guard(rt.runTicks)
	}
	if err != nil {
		rt.handleError(err)
	}
	if !rt.exiting {
		rt.checkRejections()
	}
	return !rt.exiting
}

// guard calls fn through goja so that promise jobs run when it returns, and turns JavaScript
// exceptions and interrupts into errors.
func (rt *Runtime) guard(fn func()) (err error) {
	rt.macrotask = fn
	_, err = rt.sh.trampoline(goja.Undefined(), rt.sh.runMacrotask)
	return err
}

func (rt *Runtime) handleError(err error) {
	var intr *goja.InterruptedError
	if errors.As(err, &intr) {
		if req, ok := intr.Value().(*exitRequest); ok {
			if rt.overMemory.Load() {
				req = rt.memoryExit() // whatever interrupt came last, memory ended the run
			}
			if req.limit != "" {
				if rt.call != nil {
					rt.call.broken = true
					rt.call.fail(&LimitError{Code: req.code, Message: "pkgbox: " + req.limit})
				}
				rt.fatal("pkgbox: "+req.limit, req.code)
				rt.exitEmitted = true
				return
			}
			rt.exiting = true
			rt.exitCode = req.code
			return
		}
		rt.fatal(fmt.Sprintf("pkgbox: interrupted: %v", intr.Value()), 1)
		return
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		rt.uncaught(ex.Value(), false)
		return
	}
	var so *goja.StackOverflowError
	if errors.As(err, &so) {
		rt.fatal("RangeError: Maximum call stack size exceeded", 1)
		return
	}
	rt.fatal("pkgbox: "+err.Error(), 1)
}

// fatal prints msg and ends the process with code, running 'exit' listeners like Node.
func (rt *Runtime) fatal(msg string, code int) {
	if rt.call != nil {
		rt.call.fail(&LimitError{Code: code, Message: msg})
		rt.exitCode = code
		rt.exiting = true
		return
	}
	rt.stdout.Flush()
	fmt.Fprintln(rt.stderr, msg)
	rt.exitCode = code
	rt.exiting = true
}

func (rt *Runtime) runLoop() {
	for !rt.exiting {
		for rt.loop.alive() && !rt.exiting {
			if !rt.loop.runOnce(func(fn func()) bool { return rt.execute(fn) }, func() { rt.stdout.Flush() }) {
				break
			}
		}
		if rt.exiting {
			break
		}
		// beforeExit may schedule more work, as in Node.
		rt.emitProcessEvent("beforeExit", rt.vm.ToValue(rt.exitCode))
		if !rt.loop.alive() {
			break
		}
	}
}

// finish runs the 'exit' listeners (unless process.exit already did) and returns the exit status.
func (rt *Runtime) finish() int {
	rt.loop.stop()
	// Work queued for later never runs once the process is exiting.
	rt.ticks = nil
	if !rt.exitEmitted {
		rt.exitEmitted = true
		rt.exiting = false
		rt.emitProcessEvent("exit", rt.vm.ToValue(rt.exitCode))
	}
	rt.exiting = true
	rt.stdout.Flush()
	return rt.exitCode
}

// exit implements process.exit from inside JavaScript: 'exit' listeners run synchronously, then
// the interrupt unwinds every frame; no finally block of package code can keep the process alive.
func (rt *Runtime) exit(code int) {
	rt.exitCode, rt.exitCodeSet = code, true
	rt.ticks = nil
	if !rt.exitEmitted {
		rt.exitEmitted = true
		for _, c := range rt.compList {
			if c.processReady {
				func() {
					defer func() {
						if r := recover(); r != nil {
							if _, ok := r.(*goja.Exception); !ok {
								panic(r)
							}
						}
					}()
					c.emitProcess("exit", rt.vm.ToValue(rt.exitCode))
				}()
			}
		}
	}
	rt.stdout.Flush()
	// The interrupt fires on the next JavaScript instruction, before the caller can react.
	rt.vm.Interrupt(&exitRequest{code: rt.exitCode})
}

// emitProcessEvent emits name on the process object of every compartment that created one, each
// emission a macrotask of its own (an exception in one listener is an uncaught exception).
func (rt *Runtime) emitProcessEvent(name string, args ...goja.Value) {
	for _, c := range rt.compList {
		if !c.processReady || rt.exiting {
			continue
		}
		rt.execute(func() { c.emitProcess(name, args...) })
	}
}

func (rt *Runtime) listenerCount(name string) int {
	n := 0
	for _, c := range rt.compList {
		n += c.processListenerCount(name)
	}
	return n
}

// mustCall calls fn from Go code that runs inside JavaScript (a native function): a JavaScript
// exception propagates to the JavaScript caller, an interrupt keeps unwinding.
func (rt *Runtime) mustCall(fn goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
	v, err := fn(this, args...)
	if err != nil {
		panic(err)
	}
	return v
}

// uncaught reports an exception no JavaScript caught: 'uncaughtException' listeners get it, or
// it is printed like Node does and the process exits with status 1.
func (rt *Runtime) uncaught(v goja.Value, fromPromise bool) {
	if rt.listenerCount("uncaughtException") > 0 {
		origin := "uncaughtException"
		if fromPromise {
			origin = "unhandledRejection"
		}
		rt.emitProcessEvent("uncaughtException", v, rt.vm.ToValue(origin))
		return
	}
	if rt.call != nil {
		rt.call.fail(rt.call.inv.Thrown(rt.vm, v))
		rt.exiting = true
		return
	}
	rt.stdout.Flush()
	fmt.Fprint(rt.stderr, rt.describeUncaught(v, fromPromise))
	rt.exitCode, rt.exitCodeSet = 1, true
	rt.exiting = true
}

// describeUncaught renders an uncaught error the way Node prints it to stderr.
func (rt *Runtime) describeUncaught(v goja.Value, fromPromise bool) string {
	var b strings.Builder
	obj, isObj := v.(*goja.Object)
	if isObj && isErrorObject(obj) {
		if loc := rt.throwLocation(obj); loc != "" {
			b.WriteString(loc)
			b.WriteString("\n")
		}
		b.WriteString(rt.inspectForError(v))
		b.WriteString("\n\nNode.js " + nodeVersion + "\n")
		return b.String()
	}
	if fromPromise {
		b.WriteString("node:internal/process/promises:289\n            triggerUncaughtException(err, true /* fromPromise */);\n            ^\n\n")
		b.WriteString("[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason \"")
		b.WriteString(rt.inspectValue(v))
		b.WriteString("\".] {\n  code: 'ERR_UNHANDLED_REJECTION'\n}\n\nNode.js " + nodeVersion + "\n")
		return b.String()
	}
	b.WriteString("Uncaught ")
	b.WriteString(rt.inspectValue(v))
	b.WriteString("\nThrown at:\n\nNode.js " + nodeVersion + "\n")
	return b.String()
}

// throwLocation prints "file:line\n<source line>\n   ^\n" for the first frame of an error's stack,
// as Node does above an uncaught error.
func (rt *Runtime) throwLocation(obj *goja.Object) string {
	stack := obj.Get("stack")
	if stack == nil {
		return ""
	}
	m := firstFrame.FindStringSubmatch(stack.String())
	if m == nil {
		return ""
	}
	file, line, col := m[1], atoi(m[2]), atoi(m[3])
	src, err := os.ReadFile(file)
	if err != nil || line < 1 {
		return ""
	}
	lines := strings.Split(string(src), "\n")
	if line > len(lines) {
		return ""
	}
	text := strings.TrimRight(lines[line-1], "\r")
	if col < 1 {
		col = 1
	}
	caret := strings.Repeat(" ", min(col-1, len(text))) + "^"
	return file + ":" + m[2] + "\n" + text + "\n" + caret + "\n"
}

func (rt *Runtime) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		rt.rejections = append(rt.rejections, p)
	case goja.PromiseRejectionHandle:
		for i, q := range rt.rejections {
			if q == p {
				rt.rejections = append(rt.rejections[:i], rt.rejections[i+1:]...)
				break
			}
		}
	}
}

// checkRejections runs after the microtask queue drained: rejections still unhandled go to
// 'unhandledRejection' listeners or end the process (Node's default, --unhandled-rejections=throw).
func (rt *Runtime) checkRejections() {
	for len(rt.rejections) > 0 && !rt.exiting {
		p := rt.rejections[0]
		rt.rejections = rt.rejections[1:]
		reason := p.Result()
		if rt.listenerCount("unhandledRejection") > 0 {
			rt.emitProcessEvent("unhandledRejection", reason, rt.vm.ToValue(p))
			continue
		}
		rt.uncaught(reason, true)
	}
}

func findAppRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "package.json")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

func appName(root string) string {
	return filepath.Base(root)
}

// NodeVersion is the Node.js release whose behaviour pkgbox follows.
const NodeVersion = nodeVersion
