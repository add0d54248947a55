package fs

import (
	"errors"
	"github.com/pkgbox/pkgbox/policy"
	"net/url"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/dop251/goja"
	"golang.org/x/sys/unix"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// pathArg is a path argument as the user gave it (for error messages, like Node) and as the
// string the syscalls get before resolution.
type pathArg struct {
	display string
	raw     string
}

// toPath converts a path argument the way Node accepts it: a string, a Buffer or Uint8Array (its
// bytes), or a WHATWG URL object with the file: scheme. Strings are never parsed as URLs (Node
// does not either). The value is read once, so a getter cannot show the gate one path and the
// syscall another.
func (b *binding) toPath(v goja.Value, name string) pathArg {
	if s, ok := v.Export().(string); ok && !isObject(v) {
		return b.checkNul(pathArg{display: s, raw: s}, name, v)
	}
	if bytes, ok := host.Bytes(b.vm, v); ok {
		s := string(bytes)
		return b.checkNul(pathArg{display: s, raw: s}, name, v)
	}
	if o, ok := v.(*goja.Object); ok && isURLObject(o) {
		p := b.fileURLToPath(o)
		return b.checkNul(pathArg{display: p, raw: p}, name, v)
	}
	panic(b.nodeError("ERR_INVALID_ARG_TYPE", name, b.vm.NewArray("string", "Buffer", "URL"), v))
}

func isObject(v goja.Value) bool { _, ok := v.(*goja.Object); return ok }

func (b *binding) checkNul(p pathArg, name string, v goja.Value) pathArg {
	if strings.IndexByte(p.raw, 0) >= 0 {
		panic(b.nodeError("ERR_INVALID_ARG_VALUE", name, v, "must be a string, Uint8Array, or URL without null bytes"))
	}
	return p
}

// isURLObject is Node's isURL test (internal/url.js): an object with href and protocol and
// without the legacy url.parse fields auth and path.
func isURLObject(o *goja.Object) bool {
	href, proto := o.Get("href"), o.Get("protocol")
	if href == nil || proto == nil || !href.ToBoolean() || !proto.ToBoolean() {
		return false
	}
	auth, path := o.Get("auth"), o.Get("path")
	return (auth == nil || goja.IsUndefined(auth)) && (path == nil || goja.IsUndefined(path))
}

// fileURLToPath is Node's posix fileURLToPath over the URL's own protocol, hostname and pathname.
func (b *binding) fileURLToPath(o *goja.Object) string {
	str := func(k string) string {
		v := o.Get(k)
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			return ""
		}
		return v.String()
	}
	if str("protocol") != "file:" {
		panic(b.nodeError("ERR_INVALID_URL_SCHEME", "file"))
	}
	if str("hostname") != "" {
		panic(b.nodeError("ERR_INVALID_FILE_URL_HOST", "linux"))
	}
	pathname := str("pathname")
	for i := 0; i+2 < len(pathname); i++ {
		if pathname[i] == '%' && pathname[i+1] == '2' && (pathname[i+2] == 'f' || pathname[i+2] == 'F') {
			panic(b.nodeError("ERR_INVALID_FILE_URL_PATH", "must not include encoded / characters"))
		}
	}
	p, err := url.PathUnescape(pathname)
	if err != nil {
		panic(b.nodeError("ERR_INVALID_URI"))
	}
	return p
}

// maxSymlinks is Linux's limit (ELOOP after 40 links in one resolution).
const maxSymlinks = 40

// realPath is the resolution the gate and the syscall share (policy.RealPath): absolute against
// cwd, cleaned, every symlink resolved, for a path that does not exist yet its deepest existing
// ancestor resolved and the rest appended. When it cannot resolve (a symlink loop), the lexically
// cleaned path is checked instead and the syscall on it fails the way the kernel says.
func realPath(cwd, p string) string {
	if real, err := policy.RealPath(cwd, p); err == nil {
		return real
	}
	return lexical(cwd, p)
}

// realParent is realPath for calls that act on a link itself (policy.RealPathNoFollow): every
// component but the last is resolved. A trailing slash names what the link points to, as the
// kernel reads it.
func realParent(cwd, p string) string {
	if strings.HasSuffix(p, "/") {
		return realPath(cwd, p)
	}
	if real, err := policy.RealPathNoFollow(cwd, p); err == nil {
		return real
	}
	return lexical(cwd, p)
}

func lexical(cwd, p string) string {
	if !filepath.IsAbs(p) {
		p = cwd + "/" + p
	}
	return filepath.Clean(p)
}

func readlink(p string) (string, error) {
	for size := 256; ; size *= 2 {
		buf := make([]byte, size)
		n, err := unix.Readlink(p, buf)
		if err != nil {
			return "", err
		}
		if n < size {
			return string(buf[:n]), nil
		}
	}
}

func errnoOf(err error) syscall.Errno {
	var e syscall.Errno
	if errors.As(err, &e) {
		return e
	}
	return syscall.EIO
}
