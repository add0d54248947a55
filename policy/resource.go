package policy

// Resource is what a capability use touches, in the shape of SPEC.md's Rego input.resource.
// Exactly the fields of its kind are set: Path for fs.* and native.load, Host/Port (or Unix) and
// IPs for net.*, Command/Args for process.spawn, Name for env.*; nothing for process.control and
// sys.info.
type Resource struct {
	Path    string   // absolute, cleaned; symlinks resolved by the engine before matching
	Host    string   // host name or normalised IP literal
	Port    int      // 0 when not applicable
	Unix    string   // unix socket path (net.connect/net.listen "unix:PATH")
	IPs     []string // addresses a host name resolved to (net.connect by name)
	Command string   // absolute path of the program
	Args    []string // its arguments
	Name    string   // environment variable
}
