// Package child_process is Node 20's child_process builtin for pkgbox: child_process.js gives the
// module Node's API (spawn, exec, execFile, fork and their Sync forms, ChildProcess with its
// streams and events, the IPC channel) and Binding starts and watches the processes in Go.
//
// Every way of starting a process ends in one Go function, start (or startSync), which resolves
// the program to an absolute path against the child's PATH and working directory, asks the gate
// (host.Check with capability process.spawn and the resource {command, args}) and only then
// creates pipes and forks. A shell is the program `sh` (or the shell named) with args
// ["-c", command]; fork runs the pkgbox executable with `run`. What the gate saw is exactly what
// runs: the resolved path is executed, PATH is not searched again.
//
// The I/O happens on Go goroutines that post their results to the event loop (host.Post) and hold
// it (host.Hold) the way libuv's handles do: a ref'd child, a pipe that is being read and a write in
// flight keep the program alive. Children that are not detached die with pkgbox (Pdeathsig).
package child_process
