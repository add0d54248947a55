package resolve

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// What Node's internalModuleStat answers: anything that exists and is not a
// directory counts as a file (it follows symlinks).
const (
	statMissing = -1
	statFile    = 0
	statDir     = 1
)

// fsCache memoises stat and realpath. A resolver answers the same questions
// thousands of times per run (every require walks node_modules folders), and
// the tree does not change under a running app; Resolver.Reset drops it.
// sync.Map fits: written once per key, read from many goroutines.
type fsCache struct {
	stats sync.Map // string -> int8
	reals sync.Map // string -> string
}

func (c *fsCache) stat(p string) int {
	if v, ok := c.stats.Load(p); ok {
		return int(v.(int8))
	}
	var k int8 = statMissing
	if fi, err := os.Stat(p); err == nil {
		if fi.IsDir() {
			k = statDir
		} else {
			k = statFile
		}
	}
	c.stats.Store(p, k)
	return int(k)
}

// realpath resolves every symlink in the absolute path p. A path that cannot
// be resolved (it vanished) is returned cleaned, as it was asked.
func (c *fsCache) realpath(p string) string {
	if v, ok := c.reals.Load(p); ok {
		return v.(string)
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil || !filepath.IsAbs(real) {
		real = filepath.Clean(p)
	}
	c.reals.Store(p, real)
	return real
}

func (c *fsCache) reset() {
	c.stats.Range(func(k, _ any) bool { c.stats.Delete(k); return true })
	c.reals.Range(func(k, _ any) bool { c.reals.Delete(k); return true })
}

// pathResolve is Node's path.resolve(base, p) for an absolute base: p wins
// when absolute, the result is cleaned and has no trailing slash.
func pathResolve(base, p string) string {
	if strings.HasPrefix(p, "/") {
		return filepath.Clean(p)
	}
	return filepath.Join(base, p)
}

// dirname is Node's path.dirname for absolute POSIX paths ("/a/b/" -> "/a").
func dirname(p string) string {
	p = strings.TrimRight(p, "/")
	if p == "" {
		return "/"
	}
	i := strings.LastIndexByte(p, '/')
	if i <= 0 {
		return "/"
	}
	return p[:i]
}

// nodeModulePaths is Module._nodeModulePaths: node_modules folders from dir up
// to the root, never "node_modules/node_modules".
func nodeModulePaths(from string) []string {
	from = filepath.Clean(from)
	if from == "/" {
		return []string{"/node_modules"}
	}
	var out []string
	last := len(from)
	for i := len(from) - 1; i >= 0; i-- {
		if from[i] == '/' {
			if from[i+1:last] != "node_modules" {
				out = append(out, from[:last]+"/node_modules")
			}
			last = i
		}
	}
	return append(out, "/node_modules")
}
