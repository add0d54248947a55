package child_process

import "strings"

// capSpawn is the capability every entry point of child_process needs (SPEC.md).
const capSpawn = "process.spawn"

// defaultPath is where libuv looks for a program when the child's environment has no PATH.
const defaultPath = "/usr/bin:/bin"

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
