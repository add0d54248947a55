// Package sandbox runs untrusted JavaScript functions from Go: open a Sandbox over a folder of
// files (CommonJS, ESM or TypeScript, with their own node_modules), then Call one exported
// function with arguments and get its result. Every call starts from fresh globals and fresh
// module instances, holds no capability (files, network, child processes, environment, process
// control) unless the folder's pkgbox.json grants it to "app" or to a package, and ends when its
// context is done or its time limit passes.
//
// Values cross between Go and JavaScript by structured-clone rules (see Call); functions, symbols,
// promises and host objects never cross.
//
// Calls may be made from any number of goroutines: a Sandbox keeps a pool of locked-down
// runtimes, each serving one call at a time. A call that fails, times out or is cancelled never
// leaves a runtime in a state another call could observe.
package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader"
	"github.com/pkgbox/pkgbox/manifests"
	"github.com/pkgbox/pkgbox/policy"
)

// Options configure a Sandbox. The zero value is usable: no capabilities beyond the folder's
// pkgbox.json, no time or memory limit beyond the context, console output discarded.
type Options struct {
	// Manifest is the pkgbox.json to read; "" means DIR/pkgbox.json when it exists. Its "app"
	// section grants the folder's own code (absent: nothing), "packages" the packages in its
	// node_modules, as in `pkgbox run`.
	Manifest string
	// Policies are extra Rego files (package pkgbox.authz rules), as `pkgbox run --policy`.
	Policies []string
	// Timeout limits each call; 0 means only the context limits it.
	Timeout time.Duration
	// MemoryLimit stops a call whose code makes the process's heap grow by more than this many
	// bytes; 0 means no limit. The heap is the whole process's: with concurrent calls, a call
	// that allocates a lot can make a neighbour exceed the limit too.
	MemoryLimit int64
	// Env is process.env as the called code sees it ("KEY=VALUE"); nil means empty. Reading it
	// still needs env.read.
	Env []string
	// Stdout and Stderr receive console output of calls; nil discards it. Writes are serialised.
	Stdout, Stderr io.Writer
	// Runtimes bounds the pool (and so the calls that run at once); 0 means GOMAXPROCS.
	Runtimes int
	// CacheDir holds esbuild transform results; "" as in `pkgbox run`.
	CacheDir string
}

// Sandbox is a folder of untrusted code and a pool of runtimes to call it in. It is safe for
// concurrent use.
type Sandbox struct {
	dir    string
	opts   Options
	engine *policy.Engine
	stdout io.Writer
	stderr io.Writer

	slots chan struct{}   // one per runtime that may exist
	idle  chan *goRuntime // runtimes ready for a call

	mu     sync.Mutex
	closed bool
}

// goRuntime is one pooled runtime.
type goRuntime struct {
	rt *loader.Runtime
	h  *helpers // intrinsics the value conversion uses, looked up once
}

var (
	// ErrTimeout: the call ran longer than Options.Timeout.
	ErrTimeout = errors.New("sandbox: the call exceeded its time limit")
	// ErrMemoryLimit: the call grew the heap by more than Options.MemoryLimit.
	ErrMemoryLimit = errors.New("sandbox: the call exceeded its memory limit")
	// ErrNeverSettles: the function returned a promise that nothing left to run could settle.
	ErrNeverSettles = errors.New("sandbox: the function returned a promise that never settles")
	// ErrExit: the called code ended the process with process.exit (it needs process.control).
	ErrExit = errors.New("sandbox: the called code called process.exit")
	// ErrClosed: Call on a closed Sandbox.
	ErrClosed = errors.New("sandbox: closed")
)

// Open prepares a sandbox over dir. It reads the manifest and policies (errors name the file and
// what was expected) and builds one runtime, so that a setup problem shows here, not on the first
// call.
func Open(dir string, opts Options) (*Sandbox, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %s: %w", dir, err)
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("sandbox: %s: expected a folder of JavaScript files", dir)
	}
	engine, err := newEngine(abs, opts)
	if err != nil {
		return nil, err
	}
	n := opts.Runtimes
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	s := &Sandbox{
		dir:    abs,
		opts:   opts,
		engine: engine,
		stdout: lockedWriter(opts.Stdout),
		stderr: lockedWriter(opts.Stderr),
		slots:  make(chan struct{}, n),
		idle:   make(chan *goRuntime, n),
	}
	if opts.Timeout > 0 {
		// Before any regexp is compiled: a backtracking match gives up within the limit.
		loader.BoundRegexpMatch(opts.Timeout)
	}
	s.slots <- struct{}{}
	w, err := s.newRuntime()
	if err != nil {
		return nil, err
	}
	s.idle <- w
	return s, nil
}

// newEngine builds the policy for the folder: the manifest's grants, where "app" (the folder's own
// code) has nothing unless the manifest grants it.
func newEngine(dir string, opts Options) (*policy.Engine, error) {
	path := opts.Manifest
	if path == "" {
		path = filepath.Join(dir, "pkgbox.json")
	}
	m, err := manifests.Read(path)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist) && opts.Manifest == "":
		m = nil
	default:
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	cfg := policy.Config{AppRoot: dir, App: map[string]policy.Grant{}, Policies: opts.Policies, PathEnv: envValue(opts.Env, "PATH")}
	if m != nil {
		cfg.Policies = append(m.PolicyFiles(), opts.Policies...)
		cfg.Packages = map[string]map[string]policy.Grant{}
		for name, g := range m.Packages {
			cfg.Packages[name] = g.Policy()
		}
		if m.App != nil {
			cfg.App = m.App.Policy()
		}
	}
	e, err := policy.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	return e, nil
}

func envValue(env []string, name string) string {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v
		}
	}
	return ""
}

func (s *Sandbox) newRuntime() (*goRuntime, error) {
	env := s.opts.Env
	if env == nil {
		env = []string{}
	}
	rt, err := loader.New(loader.Options{
		Env: env,
		Cwd: s.dir,
		// process.execPath and argv[0]: not the host program's path.
		Executable: "pkgbox",
		Stdin:      strings.NewReader(""),
		Stdout:     s.stdout,
		Stderr:     s.stderr,
		CacheDir:   s.opts.CacheDir,
		Policy:     s.engine,
	})
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	return &goRuntime{rt: rt}, nil
}

// acquire takes an idle runtime, or makes one when the pool has room, or waits.
func (s *Sandbox) acquire(ctx context.Context) (*goRuntime, error) {
	for {
		s.mu.Lock()
		closed := s.closed
		s.mu.Unlock()
		if closed {
			return nil, ErrClosed
		}
		select {
		case w := <-s.idle:
			return w, nil
		default:
		}
		select {
		case w := <-s.idle:
			return w, nil
		case s.slots <- struct{}{}:
			w, err := s.newRuntime()
			if err != nil {
				<-s.slots
				return nil, err
			}
			return w, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// release returns a healthy runtime to the pool, or frees its slot.
func (s *Sandbox) release(w *goRuntime, healthy bool) {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if healthy && !closed {
		s.idle <- w
		return
	}
	<-s.slots
}

// Close releases the pooled runtimes. Calls in progress finish; later calls return ErrClosed.
func (s *Sandbox) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	for {
		select {
		case <-s.idle:
			<-s.slots
		default:
			return nil
		}
	}
}

// Call loads file (a path inside the sandbox folder; .js, .cjs, .mjs, .ts, ...) as a fresh
// module, calls its export named export ("" for module.exports itself; "default" also finds a
// CommonJS module.exports) with args, awaits a returned promise and returns the result.
//
// Arguments and results cross by structured-clone rules, as Go values:
//
//	JavaScript                 Go
//	undefined                  Undefined
//	null                       nil
//	boolean, string            bool, string
//	number                     float64 (Go integers and floats go in; integers beyond ±2^53 do not)
//	bigint                     *big.Int
//	Array                      []any (holes read as Undefined)
//	plain object               map[string]any (own enumerable string keys; prototypes are dropped)
//	Date                       time.Time
//	RegExp                     *RegExp
//	Map, Set                   Map, Set
//	Uint8Array (and Buffer)    []byte
//	other typed arrays         []int8, []int16, []uint16, []int32, []uint32, []float32, []float64,
//	                           []int64 (BigInt64Array), []uint64 (BigUint64Array), Uint8Clamped
//	ArrayBuffer                ArrayBuffer
//	Error (and subclasses)     *Error
//
// Slices and string-keyed maps of other Go types go in as arrays and objects. Functions, symbols,
// promises, proxies, weak collections and Go values of other kinds (structs, pointers, channels)
// do not cross: Call returns a DataCloneError naming where the value was. A value that contains
// itself does not cross either.
//
// Errors: what the function throws (or its promise rejects with, or what a timer or callback it
// started throws) is an *Error carrying the JavaScript name, message, stack and code; a denied
// capability is an *Error with Code "ERR_PKGBOX_DENIED". ErrTimeout, ErrMemoryLimit,
// ErrNeverSettles and ErrExit report how else a call ended; a done ctx returns an error that
// wraps ctx.Err().
func (s *Sandbox) Call(ctx context.Context, file, export string, args ...any) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w, err := s.acquire(ctx)
	if err != nil {
		return nil, err
	}
	result, healthy, err := s.call(ctx, w, file, export, args)
	s.release(w, healthy)
	return result, err
}

// call runs one call on w and reports whether w may serve another.
func (s *Sandbox) call(ctx context.Context, w *goRuntime, file, export string, args []any) (any, bool, error) {
	rt := w.rt
	rt.Reset()
	// Stops: a deadline, a cancellation or the memory monitor interrupt the runtime from other
	// goroutines. Once the call is over (done), none of them may touch it any more.
	var (
		mu     sync.Mutex
		done   bool
		reason error
	)
	stop := func(why error) {
		mu.Lock()
		defer mu.Unlock()
		if done || reason != nil {
			return
		}
		reason = why
		rt.Cancel(why.Error())
	}
	afterCtx := context.AfterFunc(ctx, func() { stop(fmt.Errorf("sandbox: call ended: %w", ctx.Err())) })
	var timer *time.Timer
	if d := s.opts.Timeout; d > 0 {
		timer = time.AfterFunc(d, func() { stop(ErrTimeout) })
	}
	stopMemory := func() {}
	if s.opts.MemoryLimit > 0 {
		stopMemory = rt.SetMemoryLimit(loader.HeapInUse() + s.opts.MemoryLimit)
	}

	var result any
	var cloneErr error
	err := rt.Invoke(loader.Invocation{
		Root:   s.dir,
		File:   file,
		Export: export,
		Args: func(vm *goja.Runtime) ([]goja.Value, error) {
			out := make([]goja.Value, len(args))
			in := w.toJS(vm)
			for i, a := range args {
				v, err := in.value(a, fmt.Sprintf("argument %d", i+1), 0)
				if err != nil {
					return nil, err
				}
				out[i] = v
			}
			return out, nil
		},
		Result: func(vm *goja.Runtime, v goja.Value) error {
			result, cloneErr = w.fromJS(vm).value(v, "the result", 0)
			return cloneErr
		},
		Thrown: func(vm *goja.Runtime, v goja.Value) error {
			return w.fromJS(vm).thrown(v)
		},
	})

	afterCtx()
	if timer != nil {
		timer.Stop()
	}
	stopMemory()
	mu.Lock()
	done = true
	why := reason
	mu.Unlock()

	healthy := why == nil && rt.Reusable()
	var limit *loader.LimitError
	switch {
	case err == nil:
		return result, healthy, nil
	case why != nil && errors.As(err, &limit):
		return nil, false, why
	case errors.As(err, &limit) && limit.Code == 137:
		return nil, false, ErrMemoryLimit
	case errors.As(err, &limit) && strings.Contains(limit.Message, "Maximum call stack size exceeded"):
		return nil, healthy, &Error{Name: "RangeError", Message: "Maximum call stack size exceeded"}
	case errors.Is(err, loader.ErrNeverSettles):
		return nil, healthy, ErrNeverSettles
	}
	var exit *loader.ExitError
	if errors.As(err, &exit) {
		return nil, healthy, fmt.Errorf("%w(%d)", ErrExit, exit.Code)
	}
	return nil, healthy, err
}

// lockedWriter serialises writes from the pool's runtimes; nil discards.
func lockedWriter(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return &syncWriter{w: w}
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
