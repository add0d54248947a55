package policy

// Resource is what a capability use touches, in the shape of SPEC.md's Rego input.resource.
// Exactly the fields of its kind are set: Path for fs.* and native.load, Host/Port (or Unix) and
// IPs for net.*, Command/Args for process.spawn, Name for env.*; nothing for process.control and
// sys.info.
type Resource struct {
	Path    string   // absolute; from RealPath (or RealPathNoFollow for APIs acting on a link)
	Host    string   // host name or IP literal (Decide normalises it with NormalizeHost)
	Port    int      // 0 when not applicable
	Unix    string   // unix socket path (net.connect/net.listen "unix:PATH")
	IPs     []string // addresses a host name resolved to (net.connect by name), for Rego rules
	Command string   // absolute path of the program, from ResolveCommand
	Args    []string // its arguments
	Name    string   // environment variable
}
