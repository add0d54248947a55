package child_process

import (
	"os"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// The loader may implement these interfaces on its host.Host to give child processes more than the
// basic contract provides. Each has a fallback, so the builtin works on any host.

// StdioHost gives children the runtime's own standard streams for stdio 'inherit' (and the integer
// fds 0, 1, 2). Without it, stdin 'inherit' is os.Stdin and a child's inherited stdout/stderr is
// read through a pipe and written to process.stdout/process.stderr, which keeps the order of
// output but shows the child a pipe instead of a terminal.
type StdioHost interface {
	// StdioFile flushes what the runtime buffered for fd (0, 1 or 2) and returns the file behind
	// it, or nil when that stream is not a file (a test's buffer).
	StdioFile(fd int) *os.File
}

// GrantHost answers whether a capability is granted to the compartment without restriction
// (`"process.spawn": true`, the app, --allow-all), without writing a denial anywhere.
// Without it, only the app counts as unrestricted.
type GrantHost interface {
	Unrestricted(capability string) bool
}

// EnvViewHost gives a child started without options.env the environment its package may read
// (env.read), the way the package sees process.env. Without it, the child inherits Env().
type EnvViewHost interface {
	EnvView() []string
}

// RunHost tells fork how the current run was started, so that a forked module runs under the
// same configuration.
type RunHost interface {
	// RunFlags are the flags of the current `pkgbox run` a child must repeat (--mode, --config,
	// --policy, --allow-all, --app-root ...), without "run", the entry and its arguments.
	RunFlags() []string
}

// unrestrictedSpawn reports whether h's process.spawn grant is unrestricted. Only then may a child
// receive LD_*, DYLD_* and NODE_OPTIONS from its environment, or run under another uid/gid: with a
// grant for one program (`["git"]`), those would let the package run any code in that program.
func unrestrictedSpawn(h host.Host) bool {
	if g, ok := h.(GrantHost); ok {
		return g.Unrestricted(capSpawn)
	}
	return h.Package().App
}

// defaultEnv is the environment of a child started without options.env: the package's view of
// process.env, so a spawn grant does not hand a child the variables the package may not read.
func defaultEnv(h host.Host) []string {
	env := h.Env()
	if v, ok := h.(EnvViewHost); ok {
		env = v.EnvView()
	}
	if env == nil {
		env = []string{} // nil would make the child inherit pkgbox's whole environment
	}
	return env
}

func stdioFile(h host.Host, fd int) *os.File {
	if s, ok := h.(StdioHost); ok {
		return s.StdioFile(fd)
	}
	return nil
}

func runFlags(h host.Host) []string {
	if r, ok := h.(RunHost); ok {
		return append([]string(nil), r.RunFlags()...)
	}
	return nil
}
