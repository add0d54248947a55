package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// The esbuild conversions of ES modules and TypeScript are cached on disk, as the loader caches
// its own (a different key space: other options, other output), under
// $PKGBOX_CACHE_DIR/audit or os.UserCacheDir()/pkgbox/audit. An entry is named by the hash
// of what decides the output: esbuild's version, the audit's options (convertVersion) and the
// loader, and the source. A second audit of the same tree converts nothing. Setting
// PKGBOX_CACHE_DIR to "off" disables the cache.

// convertVersion changes whenever convert's esbuild options change.
const convertVersion = "1"

var cacheDir = sync.OnceValue(func() string {
	dir := os.Getenv("PKGBOX_CACHE_DIR")
	if dir == "off" {
		return ""
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "pkgbox")
	}
	return filepath.Join(dir, "audit")
})

// esbuildVersion is the esbuild module this binary was built with ("" when unknown: no cache).
var esbuildVersion = sync.OnceValue(func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, m := range info.Deps {
		if m.Path == "github.com/evanw/esbuild" {
			if m.Replace != nil {
				return m.Replace.Path + "@" + m.Replace.Version
			}
			return m.Version
		}
	}
	return ""
})

// cacheKey names the conversion of src with loader; "" when there is no cache.
func cacheKey(loader api.Loader, src string) string {
	if cacheDir() == "" || esbuildVersion() == "" {
		return ""
	}
	sum := sha256.New()
	fmt.Fprintf(sum, "%s\x00%s\x00%d\x00", esbuildVersion(), convertVersion, loader)
	sum.Write([]byte(src))
	return hex.EncodeToString(sum.Sum(nil))
}

func cachePath(key string) string {
	return filepath.Join(cacheDir(), key[:2], key[2:])
}

// An entry is the code, a NUL byte (which esbuild's output never holds: it escapes them), then
// the source map.
func cacheGet(key string) (code string, srcMap []byte, ok bool) {
	if key == "" {
		return "", nil, false
	}
	data, err := os.ReadFile(cachePath(key))
	if err != nil {
		return "", nil, false
	}
	i := bytes.IndexByte(data, 0)
	if i < 0 {
		return "", nil, false
	}
	return string(data[:i]), data[i+1:], true
}

// cachePut writes an entry through a temporary file and a rename, so a concurrent audit never
// reads half of one; errors only cost the next run the conversion.
func cachePut(key string, code, srcMap []byte) {
	if key == "" || bytes.IndexByte(code, 0) >= 0 {
		return
	}
	file := cachePath(key)
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return
	}
	_, err = tmp.Write(code)
	if err == nil {
		_, err = tmp.Write([]byte{0})
	}
	if err == nil {
		_, err = tmp.Write(srcMap)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil || os.Rename(tmp.Name(), file) != nil {
		os.Remove(tmp.Name())
	}
}
