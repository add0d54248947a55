package loader

import (
	"os"
	"sort"
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/sys/unix"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// Version is pkgbox's own version.
var Version = "0.1.0-dev"

// writeFD writes a string (in the given encoding) or bytes to stdout (1) or stderr (2).
func (rt *Runtime) writeFD(fd int, chunk, encoding goja.Value) {
	var data []byte
	if b, ok := host.Bytes(rt.vm, chunk); ok {
		data = b
	} else {
		s := chunk.String()
		enc := ""
		if encoding != nil && !goja.IsUndefined(encoding) && !goja.IsNull(encoding) {
			enc = strings.ToLower(encoding.String())
		}
		switch enc {
		case "latin1", "binary":
			data = make([]byte, 0, len(s))
			for _, r := range s {
				data = append(data, byte(r))
			}
		default:
			data = []byte(s)
		}
	}
	rt.writeBytes(fd, data)
}

func (rt *Runtime) writeBytes(fd int, data []byte) {
	if rt.memoryExceeded(0) {
		return // a run over its memory limit reports nothing more (the interrupt ends it)
	}
	if fd == 2 {
		rt.stdout.Flush()
		_, _ = rt.stderr.Write(data)
		return
	}
	_, _ = rt.stdout.Write(data)
	if rt.stdoutTTY {
		rt.stdout.Flush()
	}
}

func (rt *Runtime) isatty(fd int) bool {
	var f any
	switch fd {
	case 0:
		f = rt.opts.Stdin
	case 1:
		f = rt.opts.Stdout
	case 2:
		f = rt.opts.Stderr
	}
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(file.Fd()), unix.TCGETS)
	return err == nil
}

// colorDepth follows Node's tty.getColorDepth rules for the common variables.
func (rt *Runtime) colorDepth() int {
	env := rt.env.vars
	if v, ok := env["FORCE_COLOR"]; ok {
		switch v {
		case "", "1", "true":
			return 4
		case "2":
			return 8
		case "3":
			return 24
		case "0", "false":
			return 1
		}
	}
	if _, ok := env["NO_COLOR"]; ok {
		return 1
	}
	if _, ok := env["NODE_DISABLE_COLORS"]; ok {
		return 1
	}
	term := env["TERM"]
	if term == "dumb" {
		return 1
	}
	if ct := env["COLORTERM"]; ct == "truecolor" || ct == "24bit" {
		return 24
	}
	if strings.Contains(term, "256") {
		return 8
	}
	return 4
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
