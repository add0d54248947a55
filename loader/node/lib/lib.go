// Package lib holds the pure-logic Node builtins (util, events, assert, path, url, querystring,
// string_decoder, punycode, stream, buffer) as CommonJS sources that the loader evaluates once per
// compartment, so that no package can patch another package's copy.
//
// Where Node or a well-kept npm package already has the code it is bundled at build time from
// vendor/package-lock.json into vendor/<name>.js (see vendor/gen.go for each choice and its reason)
// and exposed as the private builtin "internal/deps/<name>"; the *.js files beside this one are
// our own thin Node-20-shaped modules around those bundles, plus the modules with no good npm
// source (util, assert, internal/errors). Binding supplies the few facts JavaScript cannot learn
// on goja by itself (promise state, proxies, internal class names) and fast Buffer encodings.
package lib

//go:generate go run ./vendor/gen.go

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.js assert path stream util internal vendor/*.js vendor/*.LICENSES.txt
var files embed.FS

// vendorPrefix names the bundles: "internal/deps/stream" is vendor/stream.js.
const vendorPrefix = "internal/deps/"

// Source returns the CommonJS body of the builtin called name ("util", "stream/promises",
// "internal/errors", "internal/deps/buffer").
func Source(name string) (src string, ok bool) {
	if strings.Contains(name, "..") || strings.HasPrefix(name, "/") || name == "" {
		return "", false
	}
	file := name + ".js"
	if strings.HasPrefix(name, vendorPrefix) {
		file = "vendor/" + strings.TrimPrefix(name, vendorPrefix) + ".js"
	}
	data, err := files.ReadFile(file)
	if err != nil {
		return "", false
	}
	return string(data), true
}

// Internal reports whether a builtin may be required only by other builtins.
func Internal(name string) bool { return strings.HasPrefix(name, "internal/") }

// Names lists the user-visible builtins this package provides, sorted.
func Names() []string {
	var names []string
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return nil
		}
		if strings.HasPrefix(p, "vendor/") || strings.HasPrefix(p, "internal/") {
			return nil
		}
		names = append(names, strings.TrimSuffix(p, ".js"))
		return nil
	})
	sort.Strings(names)
	return names
}

// AllNames lists every builtin source, internal ones included, sorted (for loaders that compile
// everything up front and for tests).
func AllNames() []string {
	var names []string
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return nil
		}
		n := strings.TrimSuffix(p, ".js")
		if strings.HasPrefix(n, "vendor/") {
			n = vendorPrefix + strings.TrimPrefix(n, "vendor/")
		}
		names = append(names, n)
		return nil
	})
	sort.Strings(names)
	return names
}

// Licenses returns the licence texts of the npm packages bundled into the builtins, keyed by
// bundle name, for a `pkgbox licenses` style listing.
func Licenses() map[string]string {
	out := map[string]string{}
	entries, _ := files.ReadDir("vendor")
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".LICENSES.txt"); ok {
			data, _ := files.ReadFile("vendor/" + e.Name())
			out[n] = string(data)
		}
	}
	return out
}
