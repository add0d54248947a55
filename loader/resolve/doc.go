// Package resolve is Node 20's module resolution, in pure Go: it maps a
// specifier and the file that asks for it to a file (or a builtin), exactly
// as node does for require (Mode Require) and import (Mode Import), and it
// tells which npm package a file belongs to. It runs no JavaScript.
//
// What it covers: relative and absolute paths; files, then extensions, then
// folders (package.json "main" with Node's index fallbacks); bare specifiers
// through the node_modules walk from the requiring file's folder; package.json
// "exports" (string sugar, subpaths, nested conditions, arrays of fallbacks,
// "*" patterns with Node's key ordering, null targets, target validation,
// self-reference by package name) and "imports" ("#x", patterns, bare package
// targets); "node:" builtins; require.resolve's paths option and
// require.resolve.paths. Every failure is an *Error whose Code and Message are
// node's (testdata/golden.json records node's answers for the fixture trees in
// fixtures/resolve, and the tests compare with node live when it is on PATH).
//
// Beyond node, by default (Config.StrictESM off): Import mode falls back, only
// when the exact file of a path specifier is missing, to the TypeScript source
// ("./x.js" written in TypeScript means "./x.ts" or "./x.tsx") and then to
// CommonJS-style extensions and folder index, because pkgbox converts ESM and
// TypeScript to CommonJS; require from a TypeScript file maps "./x.js" the
// same way. Exports and imports targets always stay exact, as in node.
//
// # Identity
//
// A module's identity is the real path of its file, every symlink resolved
// (Result.Path), as node does without --preserve-symlinks: a package reached
// through a symlink (pnpm's store, npm link, workspaces) is the same module
// whichever link led to it, and it resolves its own dependencies from its
// real location. A file's package is found from that real path alone
// (PackageOf): the folder right after the last "/node_modules/" segment (two
// folders for "@scope/name") is the package root, whatever layout put it
// there; a file whose real path has no node_modules segment is app code,
// including workspace packages linked into node_modules. Nothing a package
// does at run time can change which package a file belongs to.
//
// A Resolver caches stat results, real paths, parsed package.json files and
// successful resolutions; it is safe for concurrent use, and Reset drops the
// caches when the file tree changes.
package resolve
