package fs

import (
	"runtime"
	"sync"
	"syscall"
	"weak"

	"github.com/dop251/goja"
	"golang.org/x/sys/unix"
)

// fdEntry is what an fd was opened on and with which rights.
type fdEntry struct {
	path     string // resolved path that the gate checked at open
	readable bool
	writable bool
}

// fdTable holds the fds that fs opened in one goja runtime. Every compartment of the runtime
// shares it (an fd passed between packages is still that fd), but each use passes the gate of the
// compartment that makes it.
type fdTable struct {
	mu  sync.Mutex
	fds map[int]fdEntry
}

var (
	tablesMu sync.Mutex
	tables   = map[weak.Pointer[goja.Runtime]]*fdTable{}
)

// tableFor returns vm's fd table. It is keyed weakly, so a runtime that is collected takes its
// table with it and the fds it left open are closed.
func tableFor(vm *goja.Runtime) *fdTable {
	key := weak.Make(vm)
	tablesMu.Lock()
	defer tablesMu.Unlock()
	if t, ok := tables[key]; ok {
		return t
	}
	t := &fdTable{fds: map[int]fdEntry{}}
	tables[key] = t
	runtime.AddCleanup(vm, func(key weak.Pointer[goja.Runtime]) {
		tablesMu.Lock()
		t := tables[key]
		delete(tables, key)
		tablesMu.Unlock()
		if t != nil {
			t.closeAll()
		}
	}, key)
	return t
}

func (t *fdTable) add(fd int, e fdEntry) {
	t.mu.Lock()
	t.fds[fd] = e
	t.mu.Unlock()
}

func (t *fdTable) get(fd int) (fdEntry, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.fds[fd]
	return e, ok
}

func (t *fdTable) remove(fd int) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.fds[fd]
	delete(t.fds, fd)
	return ok
}

func (t *fdTable) closeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for fd := range t.fds {
		_ = unix.Close(fd)
	}
	t.fds = map[int]fdEntry{}
}

// fdArg validates an fd argument and passes the gate for capability on the fd's path. fds 0-2
// (stdio) are not in the table; they are allowed only where stdio makes sense (allowStdio).
func (b *binding) fdArg(v goja.Value, capability, api, call string, allowStdio bool) int {
	fd := int(v.ToInteger())
	e, ok := b.fds.get(fd)
	if !ok {
		if allowStdio && fd >= 0 && fd <= 2 {
			return fd
		}
		panic(denied{b.jsError(&sysError{errno: syscall.EBADF, syscall: call, noPath: true}).(*goja.Object)})
	}
	if capability != "" {
		b.check(capability, e.path, api)
	}
	return fd
}
