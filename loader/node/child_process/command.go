package child_process

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// capSpawn is the capability every entry point of child_process needs (SPEC.md).
//
// Stand-in: policy.Lookup("child_process.spawn") will name it from the capability table.
const capSpawn = "process.spawn"

// defaultPath is where libuv looks for a program when the child's environment has no PATH.
const defaultPath = "/usr/bin:/bin"

// resolveCommand finds the program a child would run: name itself when it contains a slash
// (relative to cwd, the child's working directory), else the first executable regular file called
// name in the directories of pathEnv (empty entries mean cwd, as in execvp). The result is
// absolute, cleaned and free of symlinks, so that a grant written as a program name or as either
// path of a symlink matches, and so that the file executed is the one the gate saw.
// The error is ENOENT, or EACCES when only files that cannot be executed were found.
//
// Stand-in: policy.ResolveCommand will do this once the policy package provides it.
func resolveCommand(name, pathEnv, cwd string) (string, error) {
	if name == "" {
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
		var pe *os.PathError
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

// envValue returns the value of key in KEY=VALUE pairs; the last one wins, as in getenv over an
// environment built by execve.
func envValue(pairs []string, key string) (string, bool) {
	val, found := "", false
	for _, kv := range pairs {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			val, found = v, true
		}
	}
	return val, found
}
