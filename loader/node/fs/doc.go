// Package fs is pkgbox's Go-backed Node "fs" and "fs/promises" builtins.
//
// fs.js (the Node-shaped API: argument handling, Stats, Dirent, Dir, streams, FileHandle, the
// callback and promise forms) sits on a small binding whose every entry point does the same three
// things in order, on the JavaScript goroutine: turn each path argument into a path in Go
// (strings, Buffers, file: URL objects), resolve it (absolute, cleaned, symlinks resolved), and
// pass the one gate, host.Check, with the API name from policy/capabilities.tsv. Only then does
// the syscall run, on exactly the resolved path that was checked, inline for the sync forms and on
// a goroutine (holding the event loop, posting the result back) for the others.
//
// File descriptors opened through fs are kept in a table per goja runtime with the path they were
// opened on and whether they can read and write; an fd not in the table is EBADF (0, 1 and 2
// excepted), and every fd operation passes the gate on the fd's path.
package fs
