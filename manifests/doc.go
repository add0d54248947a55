// Package manifests reads and writes pkgbox.json, the manifest that grants capabilities to
// the npm packages of an app (and may restrict the app itself). Its sub-packages will hold the
// rest of what pkgbox knows about an app before running it: the inventory of a node_modules
// tree and the static audit of what each package asks for.
//
// # Reading
//
// Read and Parse are strict, because a manifest is a security boundary and a typo must not
// silently drop or widen a grant: unknown keys and capabilities, values of the wrong type,
// malformed patterns and package names, duplicate keys, repeated patterns and anything after
// the closing brace are errors. Every problem in the file is reported at once, compiler style,
// with the file, line, column and JSON path:
//
//	pkgbox.json:4:15: packages.axios."net.conect": unknown capability (did you mean "net.connect"?)
//
// The file is parsed by a small JSON parser of this package (jsonscan.go) rather than
// encoding/json, so that every key and value keeps its exact position; FuzzParse holds it to
// encoding/json's idea of valid JSON and of each string's value. Capability names and their
// resource kinds come from the policy package's capability table and pattern syntax from
// policy.ValidatePattern, the ones the run-time gate uses. Package names follow npm's rules for
// names a registry may hold (names.go).
//
// A missing file is not a manifest error: errors.Is(err, fs.ErrNotExist) tells the caller it
// may run without one. Anything else that prevents reading it stops pkgbox (fail closed).
//
// # Writing
//
// Marshal has one layout, so that files pkgbox writes diff cleanly: keys in SPEC.md's order,
// packages and patterns sorted, capabilities in table order, two-space indentation, a final
// newline; Parse(Marshal(m)) equals m. Write and WriteNew check the manifest with the reader's
// own rules first (Validate), then replace the file atomically (temporary file in the same
// folder, fsync, rename), keeping its permissions. WriteNew, for `pkgbox init`, refuses to
// replace an existing file unless forced (ErrExists, which suggests --force).
//
// ../schema/pkgbox.schema.json describes the same format for editors (JSON Schema 2020-12). A
// test checks that the schema and Parse agree on every file of testdata/manifests; the few
// things a schema cannot express (duplicate keys, some pattern syntax, invalid UTF-8) are
// listed there as cases where only Parse says no.
package manifests
