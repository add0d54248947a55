package policy

import (
	"errors"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// maxSymlinks is the kernel's limit on symlinks followed in one path look-up (Linux MAXSYMLINKS).
const maxSymlinks = 40

// RealPath is the path the kernel would open for p: made absolute against cwd and resolved
// component by component the way the kernel walks it (a symlink is followed before a later ".."
// is applied, so "granted/link/../x" is judged where it really lands, not where lexical cleaning
// would put it). Where a component does not exist (a file about to be created), the rest is
// appended to the resolved existing part and cleaned (a later ".." that climbs back above the
// missing part resumes resolving). A dangling symlink is followed to its
// target, as open(O_CREAT) would. The result is absolute and clean.
//
// The error is syscall.ELOOP when more than 40 symlinks are met, or an error of p itself (a NUL
// byte); a path that merely does not exist is not an error.
func RealPath(cwd, p string) (string, error) {
	return realPath(cwd, p, true)
}

// RealPathNoFollow is RealPath for APIs that act on a symlink itself (lstat, readlink, unlink,
// rename, lchown, lutimes, symlink's new path): every component but the last is resolved, the
// last is kept as named. A last component of "." or ".." is resolved like the others.
func RealPathNoFollow(cwd, p string) (string, error) {
	return realPath(cwd, p, false)
}

func realPath(cwd, p string, followLast bool) (string, error) {
	if strings.IndexByte(p, 0) >= 0 || strings.IndexByte(cwd, 0) >= 0 {
		return "", &fs.PathError{Op: "realpath", Path: p, Err: syscall.EINVAL}
	}
	if p == "" {
		return "", &fs.PathError{Op: "realpath", Path: p, Err: syscall.ENOENT}
	}
	if !filepath.IsAbs(p) {
		if !filepath.IsAbs(cwd) {
			return "", &fs.PathError{Op: "realpath", Path: cwd, Err: errors.New("working directory is not absolute")}
		}
		p = cwd + "/" + p
	}
	// pending holds the components still to walk, in reverse order (the next one last), so a
	// symlink's target can be pushed in front of what remains.
	pending := reverseComponents(p, nil)
	resolved := "/"
	links := 0
	// missing counts the trailing components of resolved that do not exist: below them nothing
	// can be a symlink, so they are only cleaned; a ".." that climbs back out of them resumes the
	// real walk (mkdir -p of "new/../link/x" creates "new", then the kernel follows "link").
	missing := 0
	for len(pending) > 0 {
		comp := pending[len(pending)-1]
		pending = pending[:len(pending)-1]
		switch comp {
		case ".":
			continue
		case "..":
			resolved = filepath.Dir(resolved)
			if missing > 0 {
				missing--
			}
			continue
		}
		next := joinAbs(resolved, comp)
		if missing > 0 {
			missing++
			resolved = next
			continue
		}
		if !followLast && len(pending) == 0 {
			resolved = next
			continue
		}
		fi, err := os.Lstat(next)
		if err != nil {
			// ENOENT, ENOTDIR, EACCES: the kernel would fail or create here; nothing below can
			// be a symlink we could read.
			missing = 1
			resolved = next
			continue
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			resolved = next
			continue
		}
		links++
		if links > maxSymlinks {
			return "", &fs.PathError{Op: "realpath", Path: p, Err: syscall.ELOOP}
		}
		target, err := os.Readlink(next)
		if err != nil {
			missing = 1
			resolved = next
			continue
		}
		if filepath.IsAbs(target) {
			resolved = "/"
		}
		pending = reverseComponents(target, pending)
	}
	return resolved, nil
}

// reverseComponents appends the components of p to stack so that the first ends up on top.
func reverseComponents(p string, stack []string) []string {
	parts := strings.Split(p, "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i] != "" {
			stack = append(stack, parts[i])
		}
	}
	return stack
}

func joinAbs(dir, name string) string {
	if dir == "/" {
		return "/" + name
	}
	return dir + "/" + name
}

// NormalizeHost returns the canonical text of a host: IP literals in any form the resolver or a
// URL parser accepts (decimal "2130706433", octal "0177.0.0.1", hex "0x7f.1", short "127.1",
// IPv4-mapped IPv6 "::ffff:127.0.0.1", bracketed "[::1]") become the address's canonical text,
// IPv4-mapped addresses their IPv4 form; names are lower-cased and lose a trailing dot.
func NormalizeHost(h string) string {
	h = strings.TrimSpace(h)
	if len(h) >= 2 && h[0] == '[' && h[len(h)-1] == ']' {
		h = h[1 : len(h)-1]
	}
	if strings.Contains(h, ":") {
		if a, err := netip.ParseAddr(h); err == nil {
			return a.Unmap().String()
		}
		return strings.ToLower(h)
	}
	h = strings.TrimSuffix(h, ".")
	if v4, ok := parseInetAton(h); ok {
		return v4
	}
	return strings.ToLower(h)
}

// parseInetAton reads the IPv4 forms of inet_aton(3) and the WHATWG URL host parser: one to four
// dot-separated numbers, each decimal, octal (leading 0) or hex (0x); the last fills the
// remaining bytes.
func parseInetAton(h string) (string, bool) {
	if h == "" {
		return "", false
	}
	parts := strings.Split(h, ".")
	if len(parts) > 4 {
		return "", false
	}
	nums := make([]uint64, len(parts))
	for i, s := range parts {
		n, ok := parseIPv4Part(s)
		if !ok {
			return "", false
		}
		nums[i] = n
	}
	var v uint64
	for i, n := range nums[:len(nums)-1] {
		if n > 255 {
			return "", false
		}
		v |= n << (24 - 8*uint(i))
	}
	last := nums[len(nums)-1]
	if last >= 1<<(8*uint(5-len(nums))) {
		return "", false
	}
	v |= last
	a := netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
	return a.String(), true
}

func parseIPv4Part(s string) (uint64, bool) {
	base := 10
	switch {
	case s == "":
		return 0, false
	case len(s) >= 2 && (s[:2] == "0x" || s[:2] == "0X"):
		s, base = s[2:], 16
		if s == "" {
			return 0, true
		}
	case len(s) > 1 && s[0] == '0':
		s, base = s[1:], 8
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= '0' && c <= '9' || base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
		if !ok || base == 8 && c > '7' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(s, base, 64)
	if err != nil || n > 0xffffffff {
		return 0, false
	}
	return n, true
}

func isIPv6Literal(h string) bool {
	if !strings.Contains(h, ":") {
		return false
	}
	a, err := netip.ParseAddr(h)
	return err == nil && a.Is6()
}

// ResolveCommand finds the program a child process would run, as execvp does: name itself when it
// contains a slash (relative to cwd), else the first executable regular file called name in the
// directories of pathEnv (an empty entry means cwd). The result is absolute, clean and free of
// symlinks, so a grant written as a program name, or as either path of a symlink, matches, and
// the file executed is the one the gate saw. The error is syscall.ENOENT, or syscall.EACCES when
// only files that cannot be executed were found (the errno Node reports).
func ResolveCommand(name, pathEnv, cwd string) (string, error) {
	if name == "" || strings.IndexByte(name, 0) >= 0 {
		return "", syscall.ENOENT
	}
	if strings.Contains(name, "/") {
		p := name
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		return executable(p)
	}
	sawDenied := false
	for _, dir := range strings.Split(pathEnv, ":") {
		if dir == "" {
			dir = "."
		}
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(cwd, dir)
		}
		p, err := executable(filepath.Join(dir, name))
		if err == nil {
			return p, nil
		}
		if errors.Is(err, syscall.EACCES) {
			sawDenied = true
		}
	}
	if sawDenied {
		return "", syscall.EACCES
	}
	return "", syscall.ENOENT
}

// executable returns the real path of p when it is a regular file this process may execute.
func executable(p string) (string, error) {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			if en, ok := pe.Err.(syscall.Errno); ok && en != syscall.ENOENT && en != syscall.ENOTDIR {
				return "", en
			}
		}
		return "", syscall.ENOENT
	}
	st, err := os.Stat(real)
	if err != nil {
		return "", syscall.ENOENT
	}
	if !st.Mode().IsRegular() || unix.Access(real, unix.X_OK) != nil {
		return "", syscall.EACCES
	}
	return filepath.Clean(real), nil
}
