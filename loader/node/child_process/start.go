package child_process

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
	"github.com/pkgbox/pkgbox/policy"
)

// request is one process start as child_process.js describes it after Node's argument
// normalisation: the shell, fork and argv0 have already been folded into program and argv.
type request struct {
	api     string   // the Node API for the gate ("child_process.exec")
	program string   // what to run: a name looked up on PATH, or a path (relative to cwd)
	argv    []string // argv[0] (argv0 or the program as written) and the arguments
	cwd     string   // absolute; the host's cwd when not given
	env     []string // KEY=VALUE; nil means the host's environment
	stdio   []stdioSpec
	// fork runs the pkgbox executable with `run`, the current run's flags and forkModule, unless
	// program was given (options.execPath).
	fork       bool
	forkModule string
	detached   bool
	uid, gid   *uint32
}

// stdioKind is what one of the child's descriptors is connected to.
type stdioKind int

const (
	stdioPipe    stdioKind = iota // a pipe whose other end the parent reads or writes
	stdioIgnore                   // /dev/null
	stdioInherit                  // the parent's descriptor of the same number (0, 1 or 2)
)

type stdioSpec struct {
	kind stdioKind
	fd   int // for stdioInherit: which of the parent's descriptors (0, 1, 2)
}

// startError is why a start failed: denied is a gate denial (or a refused environment), to be
// thrown or delivered; errno is an OS error Node reports as an ErrnoException.
type startError struct {
	denied *goja.Object
	errno  syscall.Errno
}

// restrictedEnvVar reports whether a variable can make a granted program run other code: the
// dynamic loader's LD_* (LD_PRELOAD, LD_LIBRARY_PATH, LD_AUDIT …), macOS's DYLD_*, and
// NODE_OPTIONS (--require for any node the child starts).
func restrictedEnvVar(key string) bool {
	return strings.HasPrefix(key, "LD_") || strings.HasPrefix(key, "DYLD_") || key == "NODE_OPTIONS"
}

// resolved is a start that passed the gate: the absolute program and the full argv to exec.
type resolved struct {
	path string
	argv []string
	env  []string
}

// authorize is the single gate of child_process: every start (async or sync, spawn, exec,
// execFile, fork, shell or not) passes here before anything is created. It resolves the program
// to the absolute path that will be executed, asks h.Check with that path and the arguments
// (argv without argv[0]), then refuses environments that would change what the granted program
// does, unless the grant is unrestricted.
//
// A program that cannot be found is still checked (with the absolute path for a name with a
// slash, else the bare name) so that a denied package learns nothing about which programs exist;
// only an allowed start reports ENOENT/EACCES.
func authorize(h host.Host, r *request) (*resolved, *startError) {
	env := r.env
	if env == nil {
		env = defaultEnv(h)
	}
	program, argv := r.program, append([]string(nil), r.argv...)
	if r.fork && program == "" {
		exe, err := os.Executable()
		if err != nil {
			return nil, &startError{errno: syscall.ENOENT}
		}
		program = exe
		args := append([]string{"run"}, runFlags(h)...)
		args = append(args, r.forkModule)
		argv = append([]string{exe}, append(args, argv[1:]...)...)
	}
	pathEnv, ok := envValue(env, "PATH")
	if !ok {
		pathEnv = defaultPath
	}
	abs, rerr := policy.ResolveCommand(program, pathEnv, r.cwd)
	checked := abs
	if rerr != nil {
		checked = program
		if strings.Contains(program, "/") {
			checked = filepath.Clean(program)
			if !filepath.IsAbs(checked) {
				checked = filepath.Join(r.cwd, checked)
			}
		}
	}
	if denied := h.Check(capSpawn, policy.Resource{Command: checked, Args: append([]string{}, argv[1:]...)}, r.api); denied != nil {
		return nil, &startError{denied: denied}
	}
	if rerr != nil {
		var en syscall.Errno
		if !errors.As(rerr, &en) {
			en = syscall.ENOENT
		}
		return nil, &startError{errno: en}
	}
	if !unrestrictedSpawn(h) {
		if key := introducedRestrictedVar(env, h.Env()); key != "" {
			return nil, &startError{denied: refusal(h, r.api, abs, fmt.Sprintf(
				"environment variable %s (only an unrestricted process.spawn grant, true, may set LD_*, DYLD_* or NODE_OPTIONS for a child)", key))}
		}
		if r.uid != nil || r.gid != nil {
			return nil, &startError{denied: refusal(h, r.api, abs,
				"options.uid/options.gid (only an unrestricted process.spawn grant, true, may run a child as another user)")}
		}
	}
	return &resolved{path: abs, argv: argv, env: env}, nil
}

// introducedRestrictedVar returns the first restricted variable whose value in env is not the
// one the pkgbox process itself was started with. Passing the user's own LD_LIBRARY_PATH through
// (env: {...process.env}) is harmless; a package setting or changing one is what is refused.
func introducedRestrictedVar(env, own []string) string {
	seen := map[string]bool{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if !restrictedEnvVar(k) || seen[k] {
			continue
		}
		seen[k] = true
		// The child sees the last value for k (getenv over execve's array).
		v, _ = envValue(env, k)
		if ov, ok := envValue(own, k); !ok || ov != v {
			return k
		}
	}
	return ""
}

// refusal is the error for a start the gate allowed but whose options need more than the grant
// gives. Its code is ERR_PKGBOX_DENIED like the gate's own denials.
func refusal(h host.Host, api, program, what string) *goja.Object {
	vm := h.VM()
	pkg := h.Package()
	name := pkg.Name
	if pkg.App {
		name = "app"
	}
	msg := fmt.Sprintf("pkgbox: denied: package %s process.spawn %q (%s): %s", name, program, api, what)
	obj := vm.NewGoError(errors.New(msg))
	if ctor, ok := vm.Get("Error").(*goja.Object); ok {
		if e, err := vm.New(ctor, vm.ToValue(msg)); err == nil {
			obj = e
		}
	}
	_ = obj.Set("code", "ERR_PKGBOX_DENIED")
	return obj
}

// sysProcAttr is how every child starts: in its own session when detached, otherwise killed
// when pkgbox dies. Pdeathsig is delivered when the thread that forked exits; Go only ends
// threads that a goroutine locked and did not unlock, which pkgbox does not do on the JavaScript
// goroutine, so in practice this is the death of the process.
func sysProcAttr(r *request) *syscall.SysProcAttr {
	attr := &syscall.SysProcAttr{}
	if r.detached {
		attr.Setsid = true
	} else {
		attr.Pdeathsig = syscall.SIGKILL
	}
	if r.uid != nil || r.gid != nil {
		cred := &syscall.Credential{Uid: uint32(os.Getuid()), Gid: uint32(os.Getgid()), NoSetGroups: true}
		if r.uid != nil {
			cred.Uid = *r.uid
		}
		if r.gid != nil {
			cred.Gid = *r.gid
		}
		attr.Credential = cred
	}
	return attr
}

// execute starts exactly the program authorize resolved, with files as descriptors 0..n-1.
func execute(r *request, res *resolved, files []*os.File) (*os.Process, syscall.Errno) {
	proc, err := os.StartProcess(res.path, res.argv, &os.ProcAttr{
		Dir:   r.cwd,
		Env:   res.env,
		Files: files,
		Sys:   sysProcAttr(r),
	})
	if err != nil {
		var en syscall.Errno
		if errors.As(err, &en) {
			return nil, en
		}
		return nil, syscall.EINVAL
	}
	return proc, 0
}

// start is the one way a child process begins: authorize (resolve and gate), then open the
// descriptors (only for an allowed start), then execute the resolved path. open returns the
// child's descriptors and those of them the parent must close once the child has them (pipe ends,
// /dev/null; not the runtime's own standard streams).
func start(h host.Host, r *request, open func() (child, owned []*os.File, err error)) (*os.Process, *startError) {
	res, serr := authorize(h, r)
	if serr != nil {
		return nil, serr
	}
	files, owned, err := open()
	if err != nil {
		var en syscall.Errno
		if !errors.As(err, &en) {
			en = syscall.EMFILE
		}
		return nil, &startError{errno: en}
	}
	proc, en := execute(r, res, files)
	for _, f := range owned {
		f.Close()
	}
	if en != 0 {
		return nil, &startError{errno: en}
	}
	return proc, nil
}

// startWithStdio starts r's program with the stdio openStdio prepares (spawn and spawnSync
// alike). It returns the process, the parent's ends of the pipes and the fds to forward, or, when
// the start failed, what spawn returns for the failure (the parent's ends are closed).
func (b *binding) startWithStdio(r *request) (proc *os.Process, parent []*os.File, forward []int, fail goja.Value) {
	proc, serr := start(b.h, r, func() ([]*os.File, []*os.File, error) {
		child, owned, p, fw, err := b.openStdio(r)
		parent, forward = p, fw
		return child, owned, err
	})
	if serr != nil {
		for _, f := range parent {
			if f != nil {
				f.Close()
			}
		}
		return nil, nil, nil, b.failure(serr)
	}
	return proc, parent, forward, nil
}
