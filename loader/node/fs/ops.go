package fs

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/dop251/goja"
	"golang.org/x/sys/unix"
)

func (b *binding) intArg(args []goja.Value, i int) int64 {
	if i >= len(args) {
		return 0
	}
	return args[i].ToInteger()
}

func arg(args []goja.Value, i int) goja.Value {
	if i >= len(args) {
		return goja.Undefined()
	}
	return args[i]
}

func (b *binding) bytesArg(v goja.Value) []byte {
	buf, ok := host_bytes(b, v)
	if !ok {
		panic(b.nodeError("ERR_INVALID_ARG_TYPE", "buffer", b.vm.NewArray("Buffer", "TypedArray", "DataView"), v))
	}
	return buf
}

// openRights says what open flags let an fd do: read unless write-only; write when the access
// mode writes or the flags create, truncate or append (each changes the file).
func openRights(flags int) (read, write bool) {
	acc := flags & unix.O_ACCMODE
	read = acc == unix.O_RDONLY || acc == unix.O_RDWR
	write = acc == unix.O_WRONLY || acc == unix.O_RDWR || flags&(unix.O_CREAT|unix.O_TRUNC|unix.O_APPEND) != 0
	return read, write
}

func (b *binding) checkOpen(real string, flags int, api string) (read, write bool) {
	read, write = openRights(flags)
	if read {
		b.check(capRead, real, api)
	}
	if write {
		b.check(capWrite, real, api)
	}
	return read, write
}

func (b *binding) openFile(p pathArg, real string, flags, mode int, read, write bool) (int, error) {
	fd, err := unix.Open(real, flags|unix.O_CLOEXEC, uint32(mode))
	if err != nil {
		return -1, sysErr(err, "open", p)
	}
	b.fds.add(fd, fdEntry{path: real, readable: read, writable: write})
	return fd, nil
}

func (b *binding) defineOps() {
	b.def("open", func(api string, a []goja.Value) work {
		flags, mode := int(b.intArg(a, 1)), int(b.intArg(a, 2))
		p := b.toPath(arg(a, 0), "path")
		real := realPath(b.cwd(), p.raw)
		read, write := b.checkOpen(real, flags, api)
		return func(gate) (func() goja.Value, error) {
			fd, err := b.openFile(p, real, flags, mode, read, write)
			if err != nil {
				return nil, err
			}
			return func() goja.Value { return b.vm.ToValue(fd) }, nil
		}
	})
	b.def("close", func(api string, a []goja.Value) work {
		fd := int(b.intArg(a, 0))
		if !b.fds.remove(fd) {
			panic(denied{b.jsError(&sysError{errno: syscall.EBADF, syscall: "close", noPath: true}).(*goja.Object)})
		}
		return func(gate) (func() goja.Value, error) {
			if err := unix.Close(fd); err != nil {
				return nil, &sysError{errno: errnoOf(err), syscall: "close", noPath: true}
			}
			return done()
		}
	})
	b.def("read", func(api string, a []goja.Value) work {
		fd := b.fdArg(arg(a, 0), capRead, api, "read", true)
		buf := b.bytesArg(arg(a, 1))
		off, n, pos := b.intArg(a, 2), b.intArg(a, 3), b.intArg(a, 4)
		if off < 0 || n < 0 || off+n > int64(len(buf)) {
			panic(b.nodeError("ERR_OUT_OF_RANGE", "length", "<= "+strconv.Itoa(len(buf)-int(off)), n))
		}
		// The worker reads into memory of its own; the bytes reach the caller's buffer (which
		// JavaScript owns) on the JavaScript goroutine, when the result is delivered.
		target := buf[off : off+n]
		return func(gate) (func() goja.Value, error) {
			tmp := make([]byte, len(target))
			got, err := rw(fd, tmp, pos, false)
			if err != nil {
				return nil, &sysError{errno: errnoOf(err), syscall: "read", noPath: true}
			}
			return func() goja.Value {
				copy(target, tmp[:got])
				return b.vm.ToValue(got)
			}, nil
		}
	})
	b.def("write", func(api string, a []goja.Value) work {
		fd := b.fdArg(arg(a, 0), capWrite, api, "write", true)
		buf := b.bytesArg(arg(a, 1))
		off, n, pos := b.intArg(a, 2), b.intArg(a, 3), b.intArg(a, 4)
		if off < 0 || n < 0 || off+n > int64(len(buf)) {
			panic(b.nodeError("ERR_OUT_OF_RANGE", "length", "<= "+strconv.Itoa(len(buf)-int(off)), n))
		}
		// A copy: the worker must not read memory JavaScript may write meanwhile.
		src := append([]byte(nil), buf[off:off+n]...)
		return func(gate) (func() goja.Value, error) {
			got, err := rw(fd, src, pos, true)
			if err != nil {
				return nil, &sysError{errno: errnoOf(err), syscall: "write", noPath: true}
			}
			return func() goja.Value { return b.vm.ToValue(got) }, nil
		}
	})
	vec := func(write bool) func(api string, a []goja.Value) work {
		return func(api string, a []goja.Value) work {
			capability, call := capRead, "read"
			if write {
				capability, call = capWrite, "write"
			}
			fd := b.fdArg(arg(a, 0), capability, api, call, true)
			arr, ok := arg(a, 1).(*goja.Object)
			if !ok {
				panic(b.nodeError("ERR_INVALID_ARG_TYPE", "buffers", "ArrayBufferView[]", arg(a, 1)))
			}
			// views are the caller's buffers (JavaScript's memory); the worker only touches bufs,
			// private copies: a write's are taken here, a read's are copied into views on delivery.
			var views, bufs [][]byte
			for i := int64(0); i < arr.Get("length").ToInteger(); i++ {
				v := b.bytesArg(arr.Get(strconv.FormatInt(i, 10)))
				views = append(views, v)
				if write {
					bufs = append(bufs, append([]byte(nil), v...))
				} else {
					bufs = append(bufs, make([]byte, len(v)))
				}
			}
			pos := b.intArg(a, 2)
			return func(gate) (func() goja.Value, error) {
				total := 0
				got := make([]int, len(bufs))
				for i, buf := range bufs {
					n, err := rw(fd, buf, pos, write)
					if err != nil {
						return nil, &sysError{errno: errnoOf(err), syscall: call, noPath: true}
					}
					got[i] = n
					total += n
					if pos >= 0 {
						pos += int64(n)
					}
					if n < len(buf) {
						break
					}
				}
				return func() goja.Value {
					if !write {
						for i, n := range got {
							copy(views[i], bufs[i][:n])
						}
					}
					return b.vm.ToValue(total)
				}, nil
			}
		}
	}
	b.def("readv", vec(false))
	b.def("writev", vec(true))

	b.def("readFile", func(api string, a []goja.Value) work {
		flags := int(b.intArg(a, 1))
		if v := arg(a, 0); isFdValue(v) {
			fd := b.fdArg(v, capRead, api, "read", true)
			return func(gate) (func() goja.Value, error) {
				data, err := readAll(fd, -1)
				if err != nil {
					return nil, &sysError{errno: errnoOf(err), syscall: "read", noPath: true}
				}
				return func() goja.Value { return b.h.NewBuffer(data) }, nil
			}
		}
		p := b.toPath(arg(a, 0), "path")
		real := realPath(b.cwd(), p.raw)
		b.check(capRead, real, api)
		if _, write := openRights(flags); write {
			b.check(capWrite, real, api) // readFile(p, {flag: 'w'}) truncates
		}
		return func(gate) (func() goja.Value, error) {
			fd, err := unix.Open(real, flags|unix.O_CLOEXEC, 0o666)
			if err != nil {
				return nil, sysErr(err, "open", p)
			}
			defer unix.Close(fd)
			var st unix.Stat_t
			size := int64(-1)
			if unix.Fstat(fd, &st) == nil {
				if st.Mode&unix.S_IFMT == unix.S_IFDIR {
					return nil, &sysError{errno: syscall.EISDIR, syscall: "read", noPath: true}
				}
				if st.Mode&unix.S_IFMT == unix.S_IFREG {
					size = st.Size
				}
			}
			data, err := readAll(fd, size)
			if err != nil {
				return nil, &sysError{errno: errnoOf(err), syscall: "read", noPath: true}
			}
			return func() goja.Value { return b.h.NewBuffer(data) }, nil
		}
	})
	b.def("writeFile", func(api string, a []goja.Value) work {
		flags, mode := int(b.intArg(a, 2)), int(b.intArg(a, 3))
		data := append([]byte(nil), b.bytesArg(arg(a, 1))...)
		if v := arg(a, 0); isFdValue(v) {
			fd := b.fdArg(v, capWrite, api, "write", true)
			return func(gate) (func() goja.Value, error) {
				if err := writeAll(fd, data); err != nil {
					return nil, &sysError{errno: errnoOf(err), syscall: "write", noPath: true}
				}
				return done()
			}
		}
		p := b.toPath(arg(a, 0), "path")
		real := realPath(b.cwd(), p.raw)
		b.check(capWrite, real, api)
		return func(gate) (func() goja.Value, error) {
			fd, err := unix.Open(real, flags|unix.O_CLOEXEC, uint32(mode))
			if err != nil {
				return nil, sysErr(err, "open", p)
			}
			defer unix.Close(fd)
			if err := writeAll(fd, data); err != nil {
				return nil, &sysError{errno: errnoOf(err), syscall: "write", noPath: true}
			}
			return done()
		}
	})

	statOp := func(name string, link bool) func(api string, a []goja.Value) work {
		return func(api string, a []goja.Value) work {
			var p pathArg
			var real string
			if link {
				p, real = b.resolveLink(arg(a, 0), "path", capRead, api)
			} else {
				p, real = b.resolve(arg(a, 0), "path", capRead, api)
			}
			big, throwMissing := arg(a, 1).ToBoolean(), arg(a, 2).ToBoolean() || goja.IsUndefined(arg(a, 2))
			return func(gate) (func() goja.Value, error) {
				flags := 0
				if link {
					flags = unix.AT_SYMLINK_NOFOLLOW
				}
				var st unix.Statx_t
				if err := unix.Statx(unix.AT_FDCWD, real, flags, unix.STATX_ALL, &st); err != nil {
					if !throwMissing && (errors.Is(err, syscall.ENOENT) || errors.Is(err, syscall.ENOTDIR)) {
						return undefined, nil
					}
					return nil, sysErr(err, name, p)
				}
				return func() goja.Value { return b.statArray(&st, big) }, nil
			}
		}
	}
	b.def("stat", statOp("stat", false))
	b.def("lstat", statOp("lstat", true))
	b.def("fstat", func(api string, a []goja.Value) work {
		fd := b.fdArg(arg(a, 0), capRead, api, "fstat", true)
		big := arg(a, 1).ToBoolean()
		return func(gate) (func() goja.Value, error) {
			var st unix.Statx_t
			if err := unix.Statx(fd, "", unix.AT_EMPTY_PATH, unix.STATX_ALL, &st); err != nil {
				return nil, &sysError{errno: errnoOf(err), syscall: "fstat", noPath: true}
			}
			return func() goja.Value { return b.statArray(&st, big) }, nil
		}
	})
	b.def("statfs", func(api string, a []goja.Value) work {
		p, real := b.resolve(arg(a, 0), "path", capRead, api)
		big := arg(a, 1).ToBoolean()
		return func(gate) (func() goja.Value, error) {
			var st unix.Statfs_t
			if err := unix.Statfs(real, &st); err != nil {
				return nil, sysErr(err, "statfs", p)
			}
			vals := []uint64{uint64(st.Type), uint64(st.Bsize), st.Blocks, st.Bfree, st.Bavail, st.Files, st.Ffree}
			return func() goja.Value { return b.numbers(vals, big) }, nil
		}
	})
	b.def("readdir", func(api string, a []goja.Value) work {
		p, real := b.resolve(arg(a, 0), "path", capRead, api)
		withTypes, recursive := arg(a, 1).ToBoolean(), arg(a, 2).ToBoolean()
		return func(g gate) (func() goja.Value, error) {
			entries, err := readDirTree(p, real, withTypes, recursive, g)
			if err != nil {
				return nil, err
			}
			return func() goja.Value { return b.direntArrays(entries) }, nil
		}
	})
	b.def("mkdir", func(api string, a []goja.Value) work {
		p, real := b.resolve(arg(a, 0), "path", capWrite, api)
		recursive, mode := arg(a, 1).ToBoolean(), uint32(b.intArg(a, 2))
		return func(gate) (func() goja.Value, error) {
			if !recursive {
				if err := unix.Mkdir(real, mode); err != nil {
					return nil, sysErr(err, "mkdir", p)
				}
				return done()
			}
			first, err := mkdirAll(real, mode)
			if err != nil {
				return nil, sysErr(err, "mkdir", p)
			}
			if first == "" {
				return done()
			}
			// Node names the first folder it made in the caller's terms.
			rel, _ := filepath.Rel(first, real)
			shown := p.display
			for i := strings.Count(rel, "/") + 1; i > 0 && rel != "."; i-- {
				shown = dirname(shown)
			}
			return func() goja.Value { return b.vm.ToValue(shown) }, nil
		}
	})
	b.def("mkdtemp", func(api string, a []goja.Value) work {
		p := b.toPath(arg(a, 0), "prefix")
		real := realPath(b.cwd(), p.raw+"XXXXXX")
		b.check(capWrite, real, api)
		base := real[:len(real)-6]
		return func(gate) (func() goja.Value, error) {
			for i := 0; i < 100; i++ {
				suffix := randomSuffix()
				if err := unix.Mkdir(base+suffix, 0o700); err != nil {
					if errors.Is(err, syscall.EEXIST) {
						continue
					}
					return nil, sysErr(err, "mkdtemp", pathArg{display: p.display + "XXXXXX"})
				}
				shown := p.display + suffix
				return func() goja.Value { return b.vm.ToValue(shown) }, nil
			}
			return nil, sysErr(syscall.EEXIST, "mkdtemp", pathArg{display: p.display + "XXXXXX"})
		}
	})
	b.def("rmdir", func(api string, a []goja.Value) work {
		p, real := b.resolveLink(arg(a, 0), "path", capWrite, api)
		return func(gate) (func() goja.Value, error) {
			if err := unix.Rmdir(real); err != nil {
				return nil, sysErr(err, "rmdir", p)
			}
			return done()
		}
	})
	b.def("unlink", func(api string, a []goja.Value) work {
		p, real := b.resolveLink(arg(a, 0), "path", capWrite, api)
		return func(gate) (func() goja.Value, error) {
			if err := unix.Unlink(real); err != nil {
				return nil, sysErr(err, "unlink", p)
			}
			return done()
		}
	})
	b.def("rm", func(api string, a []goja.Value) work {
		p, real := b.resolveLink(arg(a, 0), "path", capWrite, api)
		recursive, force := arg(a, 1).ToBoolean(), arg(a, 2).ToBoolean()
		return func(gate) (func() goja.Value, error) {
			return rm(p, real, recursive, force)
		}
	})
	b.def("rename", func(api string, a []goja.Value) work {
		from, realFrom := b.resolveLink(arg(a, 0), "oldPath", capWrite, api)
		to, realTo := b.resolveLink(arg(a, 1), "newPath", capWrite, api)
		return func(gate) (func() goja.Value, error) {
			if err := unix.Rename(realFrom, realTo); err != nil {
				return nil, sysErr2(err, "rename", from, to)
			}
			return done()
		}
	})
	b.def("link", func(api string, a []goja.Value) work {
		from, realFrom := b.resolveLink(arg(a, 0), "existingPath", capWrite, api)
		to, realTo := b.resolveLink(arg(a, 1), "newPath", capWrite, api)
		return func(gate) (func() goja.Value, error) {
			if err := unix.Link(realFrom, realTo); err != nil {
				return nil, sysErr2(err, "link", from, to)
			}
			return done()
		}
	})
	b.def("symlink", func(api string, a []goja.Value) work {
		target := b.toPath(arg(a, 0), "target")
		link, realLink := b.resolveLink(arg(a, 1), "path", capWrite, api)
		// The target is what the link will reach: resolved against the link's folder.
		b.check(capWrite, realPath(filepath.Dir(realLink), target.raw), api)
		return func(gate) (func() goja.Value, error) {
			if err := unix.Symlink(target.raw, realLink); err != nil {
				return nil, sysErr2(err, "symlink", target, link)
			}
			return done()
		}
	})
	b.def("readlink", func(api string, a []goja.Value) work {
		p, real := b.resolveLink(arg(a, 0), "path", capRead, api)
		return func(gate) (func() goja.Value, error) {
			t, err := readlink(real)
			if err != nil {
				return nil, sysErr(err, "readlink", p)
			}
			return func() goja.Value { return b.vm.ToValue(t) }, nil
		}
	})
	b.def("realpath", func(api string, a []goja.Value) work {
		p, real := b.resolve(arg(a, 0), "path", capRead, api)
		return func(gate) (func() goja.Value, error) {
			// realPath tolerates missing paths; realpath(3) does not.
			var st unix.Stat_t
			if err := unix.Stat(real, &st); err != nil {
				return nil, sysErr(err, "realpath", p)
			}
			return func() goja.Value { return b.vm.ToValue(real) }, nil
		}
	})
	b.def("access", func(api string, a []goja.Value) work {
		p, real := b.resolve(arg(a, 0), "path", capRead, api)
		mode := uint32(b.intArg(a, 1))
		return func(gate) (func() goja.Value, error) {
			if err := unix.Faccessat(unix.AT_FDCWD, real, mode, 0); err != nil {
				return nil, sysErr(err, "access", p)
			}
			return done()
		}
	})
	b.def("copyFile", func(api string, a []goja.Value) work {
		src, realSrc := b.resolve(arg(a, 0), "src", capRead, api)
		dst, realDst := b.resolve(arg(a, 1), "dest", capWrite, api)
		mode := int(b.intArg(a, 2))
		return func(gate) (func() goja.Value, error) {
			if err := copyFile(realSrc, realDst, mode&1 != 0); err != nil {
				return nil, sysErr2(err, "copyfile", src, dst)
			}
			return done()
		}
	})
	b.def("cp", func(api string, a []goja.Value) work {
		src, realSrc := b.resolve(arg(a, 0), "src", capRead, api)
		dst, realDst := b.resolve(arg(a, 1), "dest", capWrite, api)
		o := cpOpts{recursive: arg(a, 2).ToBoolean(), force: arg(a, 3).ToBoolean(), errorOnExist: arg(a, 4).ToBoolean()}
		return func(g gate) (func() goja.Value, error) {
			if err := b.cp(src, realSrc, dst, realDst, o, g, true); err != nil {
				return nil, err
			}
			return done()
		}
	})

	// The attribute calls read their other arguments (mode, ids, times, length) into plain Go
	// values on the JavaScript goroutine: args turns them into the syscall the worker makes.
	pathAttr := func(name string, link bool, args func(a []goja.Value) func(real string) error) func(api string, a []goja.Value) work {
		return func(api string, a []goja.Value) work {
			var p pathArg
			var real string
			if link {
				p, real = b.resolveLink(arg(a, 0), "path", capWrite, api)
			} else {
				p, real = b.resolve(arg(a, 0), "path", capWrite, api)
			}
			do := args(a)
			return func(gate) (func() goja.Value, error) {
				if err := do(real); err != nil {
					return nil, sysErr(err, name, p)
				}
				return done()
			}
		}
	}
	fdAttr := func(name string, capability string, args func(a []goja.Value) func(fd int) error) func(api string, a []goja.Value) work {
		return func(api string, a []goja.Value) work {
			fd := b.fdArg(arg(a, 0), capability, api, name, false)
			do := args(a)
			return func(gate) (func() goja.Value, error) {
				if err := do(fd); err != nil {
					return nil, &sysError{errno: errnoOf(err), syscall: name, noPath: true}
				}
				return done()
			}
		}
	}
	b.def("chmod", pathAttr("chmod", false, func(a []goja.Value) func(string) error {
		mode := uint32(b.intArg(a, 1))
		return func(real string) error { return unix.Chmod(real, mode) }
	}))
	b.def("chown", pathAttr("chown", false, func(a []goja.Value) func(string) error {
		uid, gid := int(b.intArg(a, 1)), int(b.intArg(a, 2))
		return func(real string) error { return unix.Chown(real, uid, gid) }
	}))
	b.def("lchown", pathAttr("lchown", true, func(a []goja.Value) func(string) error {
		uid, gid := int(b.intArg(a, 1)), int(b.intArg(a, 2))
		return func(real string) error { return unix.Lchown(real, uid, gid) }
	}))
	b.def("utimes", pathAttr("utime", false, func(a []goja.Value) func(string) error {
		ts := timespecs(arg(a, 1), arg(a, 2))
		return func(real string) error { return unix.UtimesNanoAt(unix.AT_FDCWD, real, ts, 0) }
	}))
	b.def("lutimes", pathAttr("lutime", true, func(a []goja.Value) func(string) error {
		ts := timespecs(arg(a, 1), arg(a, 2))
		return func(real string) error { return unix.UtimesNanoAt(unix.AT_FDCWD, real, ts, unix.AT_SYMLINK_NOFOLLOW) }
	}))
	b.def("truncate", pathAttr("open", false, func(a []goja.Value) func(string) error {
		length := b.intArg(a, 1)
		return func(real string) error { return unix.Truncate(real, length) }
	}))
	b.def("fchmod", fdAttr("fchmod", capWrite, func(a []goja.Value) func(int) error {
		mode := uint32(b.intArg(a, 1))
		return func(fd int) error { return unix.Fchmod(fd, mode) }
	}))
	b.def("fchown", fdAttr("fchown", capWrite, func(a []goja.Value) func(int) error {
		uid, gid := int(b.intArg(a, 1)), int(b.intArg(a, 2))
		return func(fd int) error { return unix.Fchown(fd, uid, gid) }
	}))
	b.def("futimes", fdAttr("futime", capWrite, func(a []goja.Value) func(int) error {
		ts := timespecs(arg(a, 1), arg(a, 2))
		tv := []unix.Timeval{unix.NsecToTimeval(unix.TimespecToNsec(ts[0])), unix.NsecToTimeval(unix.TimespecToNsec(ts[1]))}
		return func(fd int) error { return unix.Futimes(fd, tv) }
	}))
	b.def("ftruncate", fdAttr("ftruncate", capWrite, func(a []goja.Value) func(int) error {
		length := b.intArg(a, 1)
		return func(fd int) error { return unix.Ftruncate(fd, length) }
	}))
	noArgs := func(sync func(fd int) error) func([]goja.Value) func(int) error {
		return func([]goja.Value) func(int) error { return sync }
	}
	b.def("fsync", fdAttr("fsync", "", noArgs(unix.Fsync)))
	b.def("fdatasync", fdAttr("fdatasync", "", noArgs(unix.Fdatasync)))

	b.def("opendir", func(api string, a []goja.Value) work {
		p, real := b.resolve(arg(a, 0), "path", capRead, api)
		return func(gate) (func() goja.Value, error) {
			f, err := os.Open(real)
			if err != nil {
				return nil, sysErr(err, "opendir", p)
			}
			if st, err := f.Stat(); err == nil && !st.IsDir() {
				f.Close()
				return nil, sysErr(syscall.ENOTDIR, "opendir", p)
			}
			return func() goja.Value { return b.dirHandle(f, p) }, nil
		}
	})
	b.def("watcher", func(api string, a []goja.Value) work {
		_, real := b.resolve(arg(a, 0), "filename", capRead, api)
		return func(gate) (func() goja.Value, error) {
			return func() goja.Value { return b.poller(real) }, nil
		}
	})
}

func isFdValue(v goja.Value) bool {
	switch n := v.Export().(type) {
	case int64:
		return true
	case float64:
		return n == float64(int64(n)) && !isObject(v)
	}
	return false
}

// dirname is path.dirname: no cleaning, so the result is a prefix of what the caller wrote.
func dirname(p string) string {
	p = strings.TrimRight(p, "/")
	i := strings.LastIndexByte(p, '/')
	switch {
	case i < 0:
		return "."
	case i == 0:
		return "/"
	}
	return strings.TrimRight(p[:i], "/")
}

func absolute(cwd, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(cwd, p)
}

// rw reads or writes at pos, or at the current offset when pos < 0.
func rw(fd int, buf []byte, pos int64, write bool) (int, error) {
	for {
		var n int
		var err error
		switch {
		case write && pos >= 0:
			n, err = unix.Pwrite(fd, buf, pos)
		case write:
			n, err = unix.Write(fd, buf)
		case pos >= 0:
			n, err = unix.Pread(fd, buf, pos)
		default:
			n, err = unix.Read(fd, buf)
		}
		if err == syscall.EINTR {
			continue
		}
		if n < 0 {
			n = 0
		}
		return n, err
	}
}

func readAll(fd int, size int64) ([]byte, error) {
	capacity := 8192
	if size > 0 {
		capacity = int(size) + 1
	}
	buf := make([]byte, 0, capacity)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := rw(fd, buf[len(buf):cap(buf)], -1, false)
		buf = buf[:len(buf)+n]
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return buf, nil
		}
	}
}

func writeAll(fd int, data []byte) error {
	for len(data) > 0 {
		n, err := rw(fd, data, -1, true)
		if err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}

// mkdirAll makes real and its missing parents and returns the first folder it made ("" when
// real already was a folder).
func mkdirAll(real string, mode uint32) (string, error) {
	var st unix.Stat_t
	if err := unix.Stat(real, &st); err == nil {
		if st.Mode&unix.S_IFMT == unix.S_IFDIR {
			return "", nil
		}
		return "", syscall.EEXIST
	}
	var missing []string
	for p := real; ; p = filepath.Dir(p) {
		if err := unix.Stat(p, &st); err == nil {
			if st.Mode&unix.S_IFMT != unix.S_IFDIR {
				return "", syscall.ENOTDIR
			}
			break
		}
		missing = append(missing, p)
		if p == "/" {
			break
		}
	}
	first := ""
	for i := len(missing) - 1; i >= 0; i-- {
		if err := unix.Mkdir(missing[i], mode); err != nil && !errors.Is(err, syscall.EEXIST) {
			return "", err
		}
		if first == "" {
			first = missing[i]
		}
	}
	return first, nil
}

func rm(p pathArg, real string, recursive, force bool) (func() goja.Value, error) {
	var st unix.Stat_t
	if err := unix.Lstat(real, &st); err != nil {
		if force && errors.Is(err, syscall.ENOENT) {
			return done()
		}
		return nil, sysErr(err, "lstat", p)
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		if !recursive {
			return nil, &codeErrorWithPath{code: "ERR_FS_EISDIR", syscall: "rm", path: p.display, errno: syscall.EISDIR}
		}
		if err := removeTree(real); err != nil {
			return nil, sysErr(err, "rm", p)
		}
		return done()
	}
	if err := unix.Unlink(real); err != nil {
		return nil, sysErr(err, "rm", p)
	}
	return done()
}

// removeTree removes a folder and what it holds without following symlinks (os.RemoveAll opens
// each folder with O_NOFOLLOW relative to its parent fd, so a link swapped in cannot redirect it).
func removeTree(real string) error {
	return os.RemoveAll(real)
}

type codeErrorWithPath struct {
	code, syscall, path string
	errno               syscall.Errno
}

func (e *codeErrorWithPath) Error() string { return e.code }

func copyFile(src, dst string, excl bool) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return syscall.EISDIR
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if excl {
		flags |= os.O_EXCL
	}
	out, err := os.OpenFile(dst, flags, st.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func timespecs(at, mt goja.Value) []unix.Timespec {
	ts := func(v goja.Value) unix.Timespec {
		f := v.ToFloat()
		sec := int64(f)
		return unix.Timespec{Sec: sec, Nsec: int64((f - float64(sec)) * 1e9)}
	}
	return []unix.Timespec{ts(at), ts(mt)}
}

func host_bytes(b *binding, v goja.Value) ([]byte, bool) { return bytesOf(b.vm, v) }
