package fs

import (
	"crypto/rand"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/dop251/goja"
	"golang.org/x/sys/unix"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

func bytesOf(vm *goja.Runtime, v goja.Value) ([]byte, bool) { return host.Bytes(vm, v) }

// statArray is a Stats in the order fs.js's makeStats reads: dev mode nlink uid gid rdev blksize
// ino size blocks, then seconds and nanoseconds of atime mtime ctime birthtime. Numbers, or
// decimal strings for the bigint form (BigInt() in fs.js), since float64 loses ino and ns.
func (b *binding) statArray(st *unix.Statx_t, big bool) goja.Value {
	vals := []uint64{
		unix.Mkdev(st.Dev_major, st.Dev_minor), uint64(st.Mode), uint64(st.Nlink), uint64(st.Uid), uint64(st.Gid),
		unix.Mkdev(st.Rdev_major, st.Rdev_minor), uint64(st.Blksize), st.Ino, st.Size, st.Blocks,
		uint64(st.Atime.Sec), uint64(st.Atime.Nsec), uint64(st.Mtime.Sec), uint64(st.Mtime.Nsec),
		uint64(st.Ctime.Sec), uint64(st.Ctime.Nsec), uint64(st.Btime.Sec), uint64(st.Btime.Nsec),
	}
	if st.Mask&unix.STATX_BTIME == 0 {
		// Without a birth time Node reports ctime's.
		vals[16], vals[17] = vals[14], vals[15]
	}
	return b.numbers(vals, big)
}

func (b *binding) numbers(vals []uint64, big bool) goja.Value {
	out := make([]any, len(vals))
	for i, v := range vals {
		if big {
			out[i] = strconv.FormatUint(v, 10)
		} else {
			out[i] = float64(v)
		}
	}
	return b.vm.NewArray(out...)
}

// Dirent types as libuv numbers them (fs.constants.UV_DIRENT_*).
const (
	direntUnknown = iota
	direntFile
	direntDir
	direntLink
	direntFifo
	direntSocket
	direntChar
	direntBlock
)

func direntType(m os.FileMode) int {
	switch {
	case m.IsRegular():
		return direntFile
	case m.IsDir():
		return direntDir
	case m&os.ModeSymlink != 0:
		return direntLink
	case m&os.ModeNamedPipe != 0:
		return direntFifo
	case m&os.ModeSocket != 0:
		return direntSocket
	case m&os.ModeCharDevice != 0:
		return direntChar
	case m&os.ModeDevice != 0:
		return direntBlock
	}
	return direntUnknown
}

type dirent struct {
	dir  string // folder relative to the root read ("" for the root)
	name string
	typ  int
}

// readDirTree is readdir, and with recursive Node 20's breadth-first walk: names sorted per
// folder (libuv's scandir sorts), the root's entries first, then each subfolder's in the order
// found. Without withFileTypes Node follows symlinks to folders; every folder read below the root
// passes the gate on its own resolved path.
func readDirTree(p pathArg, real string, withTypes, recursive bool, g gate) ([]dirent, error) {
	var out []dirent
	queue := []string{""}
	for i := 0; i < len(queue); i++ {
		rel := queue[i]
		dir := filepath.Join(real, rel)
		if rel != "" {
			resolved := realPath("/", dir)
			if err := g(capRead, resolved); err != nil {
				return nil, err
			}
			dir = resolved
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			if rel != "" {
				continue
			}
			return nil, sysErr(err, "scandir", p)
		}
		for _, e := range entries {
			t := direntType(e.Type())
			out = append(out, dirent{dir: rel, name: e.Name(), typ: t})
			if !recursive {
				continue
			}
			child := filepath.Join(rel, e.Name())
			if t == direntDir {
				queue = append(queue, child)
			} else if t == direntLink && !withTypes && len(child) < 4096 {
				if st, err := os.Stat(filepath.Join(real, child)); err == nil && st.IsDir() {
					queue = append(queue, child)
				}
			}
		}
	}
	return out, nil
}

// direntArrays is [dirs, names, types] for fs.js.
func (b *binding) direntArrays(entries []dirent) goja.Value {
	dirs := make([]any, len(entries))
	names := make([]any, len(entries))
	types := make([]any, len(entries))
	for i, e := range entries {
		dirs[i], names[i], types[i] = e.dir, e.name, e.typ
	}
	return b.vm.NewArray(b.vm.NewArray(dirs...), b.vm.NewArray(names...), b.vm.NewArray(types...))
}

const tempChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func randomSuffix() string {
	var r [6]byte
	_, _ = rand.Read(r[:])
	for i := range r {
		r[i] = tempChars[int(r[i])%len(tempChars)]
	}
	return string(r[:])
}

type cpOpts struct{ recursive, force, errorOnExist bool }

// cp copies src to dst. Below the roots, every file read and every file written passes the gate
// on its own resolved path (policy/capabilities.tsv: fs.cp).
func (b *binding) cp(src pathArg, realSrc string, dst pathArg, realDst string, o cpOpts, g gate, root bool) error {
	if !root {
		if err := g(capRead, realPath("/", realSrc)); err != nil {
			return err
		}
		if err := g(capWrite, realParent("/", realDst)); err != nil {
			return err
		}
	}
	var st unix.Stat_t
	if err := unix.Lstat(realSrc, &st); err != nil {
		return sysErr(err, "lstat", src)
	}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFDIR:
		if !o.recursive {
			return &codeErrorWithPath{code: "ERR_FS_EISDIR", syscall: "cp", path: src.display, errno: syscall.EISDIR}
		}
		if err := unix.Mkdir(realDst, uint32(st.Mode&0o7777)); err != nil && err != syscall.EEXIST {
			return sysErr(err, "mkdir", dst)
		}
		entries, err := os.ReadDir(realSrc)
		if err != nil {
			return sysErr(err, "opendir", src)
		}
		for _, e := range entries {
			s := pathArg{display: filepath.Join(src.display, e.Name())}
			d := pathArg{display: filepath.Join(dst.display, e.Name())}
			if err := b.cp(s, filepath.Join(realSrc, e.Name()), d, filepath.Join(realDst, e.Name()), o, g, false); err != nil {
				return err
			}
		}
		return nil
	case unix.S_IFLNK:
		target, err := readlink(realSrc)
		if err != nil {
			return sysErr(err, "readlink", src)
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(realSrc), target)
		}
		if err := g(capWrite, realPath(filepath.Dir(realDst), target)); err != nil {
			return err
		}
		_ = unix.Unlink(realDst)
		if err := unix.Symlink(target, realDst); err != nil {
			return sysErr2(err, "symlink", pathArg{display: target}, dst)
		}
		return nil
	}
	var dstSt unix.Stat_t
	if unix.Stat(realDst, &dstSt) == nil {
		if !o.force {
			if o.errorOnExist {
				return &codeErrorWithPath{code: "ERR_FS_CP_EEXIST", syscall: "cp", path: dst.display, errno: syscall.EEXIST}
			}
			return nil
		}
	}
	if err := copyFile(realSrc, realDst, false); err != nil {
		return sysErr2(err, "copyfile", src, dst)
	}
	return nil
}
