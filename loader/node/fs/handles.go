package fs

import (
	"errors"
	"io"
	"os"
	"sync"

	"github.com/dop251/goja"
	"golang.org/x/sys/unix"
)

// dirHandle is the native side of fs.Dir: read(cb) yields [name, type] or null at the end,
// close(cb) closes. Without a callback both are synchronous. The folder was checked when opened.
func (b *binding) dirHandle(f *os.File, p pathArg) goja.Value {
	var mu sync.Mutex
	var pending []os.DirEntry
	closed := false
	next := func() (os.DirEntry, error) {
		mu.Lock()
		defer mu.Unlock()
		if closed {
			return nil, &sysError{errno: unix.EBADF, syscall: "scandir", noPath: true}
		}
		if len(pending) == 0 {
			entries, err := f.ReadDir(32)
			if len(entries) == 0 {
				if err != nil && !errors.Is(err, io.EOF) {
					return nil, sysErr(err, "scandir", p)
				}
				return nil, nil
			}
			pending = entries
		}
		e := pending[0]
		pending = pending[1:]
		return e, nil
	}
	entry := func(e os.DirEntry) goja.Value {
		if e == nil {
			return goja.Null()
		}
		return b.vm.NewArray(e.Name(), direntType(e.Type()))
	}
	closeDir := func() error {
		mu.Lock()
		defer mu.Unlock()
		if closed {
			return &codeError{code: "ERR_DIR_CLOSED"}
		}
		closed = true
		return f.Close()
	}
	o := b.vm.NewObject()
	_ = o.Set("read", b.asyncOrSync("read", func() (func() goja.Value, error) {
		e, err := next()
		if err != nil {
			return nil, err
		}
		return func() goja.Value { return entry(e) }, nil
	}))
	_ = o.Set("close", b.asyncOrSync("close", func() (func() goja.Value, error) {
		if err := closeDir(); err != nil {
			return nil, err
		}
		return done()
	}))
	return o
}

// asyncOrSync is a native method fn(cb?): synchronous without a callback, else run on a goroutine.
func (b *binding) asyncOrSync(name string, w func() (func() goja.Value, error)) *goja.Object {
	return b.h.Func(name, 1, func(call goja.FunctionCall) goja.Value {
		cb, async := goja.AssertFunction(call.Argument(0))
		if !async {
			conv, err := w()
			if err != nil {
				panic(b.jsError(err))
			}
			return conv()
		}
		release := b.h.Hold()
		go func() {
			conv, err := w()
			b.h.Post(func() {
				defer release()
				if err != nil {
					b.callback(cb, b.jsError(err))
					return
				}
				b.callback(cb, goja.Null(), conv())
			})
		}()
		return goja.Undefined()
	})
}

// poller is the native side of watchFile and watch: a function returning the checked path's
// current stat array (zeros when it is missing) and, for folders, its sorted entry names. The gate
// was passed when the watch began; polling reads only that resolved path.
func (b *binding) poller(real string) goja.Value {
	return b.h.Func("poll", 0, func(goja.FunctionCall) goja.Value {
		var st unix.Statx_t
		if err := unix.Statx(unix.AT_FDCWD, real, 0, unix.STATX_ALL, &st); err != nil {
			return goja.Null()
		}
		stats := b.statArray(&st, false)
		var names []any
		if st.Mode&unix.S_IFMT == unix.S_IFDIR {
			if entries, err := os.ReadDir(real); err == nil {
				for _, e := range entries {
					var es unix.Stat_t
					mtime := int64(0)
					if unix.Lstat(real+"/"+e.Name(), &es) == nil {
						mtime = es.Mtim.Nano()
					}
					names = append(names, b.vm.NewArray(e.Name(), mtime))
				}
			}
		}
		return b.vm.NewArray(stats, b.vm.NewArray(names...))
	})
}
