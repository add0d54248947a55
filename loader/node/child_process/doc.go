// Package child_process is Node 20's child_process builtin for pkgbox: child_process.js gives the
// module Node's API (spawn, exec, execFile, fork and their Sync forms, ChildProcess with its
// streams and events) and Binding starts and watches the processes in Go.
//
// Every way of starting a process ends in one Go function, start (start.go), which resolves the
// program to an absolute path against the child's PATH (options.env's PATH when given) and
// working directory, asks the gate (host.Check with capability process.spawn and the resource
// {command, args}) and only then creates pipes and forks. A shell is the program `/bin/sh` (or
// the shell named) with args ["-c", command]; fork runs the pkgbox executable with `run`, the
// current run's flags (RunHost) and the module, or options.execPath like node when given. What
// the gate saw is exactly what runs: the resolved path is executed, PATH is not searched again.
// A program that cannot be found is still checked (as written), so a denied package cannot probe
// which programs exist.
//
// Beyond the gate, a restricted grant (a list of programs) may not give a child LD_*, DYLD_* or
// NODE_OPTIONS values other than the ones pkgbox itself was started with, nor options.uid/gid:
// the start is refused with ERR_PKGBOX_DENIED naming the variable (refusing, not dropping, so the
// package sees why its child behaves as it does). Only an unrestricted grant lifts this.
//
// Denials are delivered the way the API delivers errors: the Sync forms throw (spawnSync too,
// like every denied synchronous API), spawn/fork emit 'error' on the next tick followed by
// 'close' (exitCode -1), exec/execFile pass the error to their callback.
//
// The I/O happens on Go goroutines that post their results to the event loop (host.Post) and hold
// it (host.Hold) the way libuv's handles do: a ref'd child, a pipe read JavaScript asked for and a
// write in flight keep the program alive. Children that are not detached die with pkgbox
// (Pdeathsig). Without a StdioHost, 'inherit' output is read through a pipe and written to
// process.stdout/stderr (order kept, but the child sees a pipe, not a terminal).
//
// Not provided: fork's IPC channel (send/'message'; connected is false and send reports
// ERR_IPC_CHANNEL_CLOSED), stdio entries that are Streams or descriptors other than 0, 1 and 2,
// and 'inherit' beyond the standard streams. Pipes are one-directional (Node's are socketpairs).
package child_process
