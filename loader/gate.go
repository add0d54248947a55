package loader

import (
	"os"
	"strings"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/policy"
)

// Capability names (SPEC.md).
const (
	capProcessControl = "process.control"
	capEnvRead        = "env.read"
	capEnvWrite       = "env.write"
	capSysInfo        = "sys.info"
)

// decide is the one gate every capability use of a compartment passes (DESIGN invariant 1): the
// policy engine when the run has one; otherwise the app has every capability and a package none
// (unless the run allows all). Nothing leaves a run that is over its memory limit.
func (c *Compartment) decide(capability string, r policy.Resource, api string) policy.Decision {
	if c.rt.memoryExceeded(0) {
		return policy.Decision{Message: "pkgbox: the run is over its memory limit"}
	}
	if e := c.rt.opts.Policy; e != nil {
		return e.Decide(c.policyPackage(), capability, r, api)
	}
	if c.pkg.App || c.rt.opts.AllowAll {
		return policy.Decision{Allow: true}
	}
	return policy.Decision{Message: policy.DenialMessage(c.policyPackage(), capability, r, api)}
}

func (c *Compartment) policyPackage() policy.Package {
	return policy.Package{Name: c.pkg.Name, Version: c.pkg.Version, Dir: c.pkg.Dir, App: c.pkg.App}
}

// allowed asks the gate without throwing, for uses that Node lets fail silently (reading an
// environment variable a package may not read looks like reading an unset one). A denial is
// reported (--report) by the engine but not written to stderr; a warn-mode use is.
func (c *Compartment) allowed(capability string, r policy.Resource, api string) bool {
	d := c.decide(capability, r, api)
	if d.Warn {
		c.rt.reportDenial(warnMessage(d.Message))
	}
	return d.Allow
}

// check asks the gate and throws Node-style when the use is denied: ERR_PKGBOX_DENIED naming the
// package, capability, resource and API, with the message on stderr once.
func (c *Compartment) check(capability string, r policy.Resource, api string) {
	if err := c.Check(capability, r, api); err != nil {
		panic(err)
	}
}

// Check implements host.Host: the gate for Go-backed builtins.
func (c *Compartment) Check(capability string, r policy.Resource, api string) *goja.Object {
	d := c.decide(capability, r, api)
	if d.Allow {
		if d.Warn {
			c.rt.reportDenial(warnMessage(d.Message))
		}
		return nil
	}
	msg := d.Message
	if msg == "" {
		msg = policy.DenialMessage(c.policyPackage(), capability, r, api)
	}
	c.rt.reportDenial(msg)
	return c.rt.nodeError("Error", "ERR_PKGBOX_DENIED", msg)
}

// warnMessage turns a denial message into the line --mode warn prints for a use it let through.
func warnMessage(msg string) string {
	return "pkgbox: warning: would deny (--mode warn): " + strings.TrimPrefix(msg, "pkgbox: denied: ")
}

// Unrestricted reports whether the compartment may use capability on any resource (the app
// without an "app" section, a `true` grant no deny rule can touch, --allow-all). The
// child_process builtin passes LD_*/NODE_OPTIONS to children only then.
func (c *Compartment) Unrestricted(capability string) bool {
	if e := c.rt.opts.Policy; e != nil {
		return e.Unrestricted(c.policyPackage(), capability)
	}
	return c.pkg.App || c.rt.opts.AllowAll
}

// RunFlags are the flags a forked child repeats (--config, --policy, --mode, --allow-all ...).
func (c *Compartment) RunFlags() []string { return c.rt.opts.RunFlags }

// StdioFile gives a child process the runtime's own stdio for 'inherit', after flushing what
// pkgbox buffered, or nil when that stream is not a file.
func (c *Compartment) StdioFile(fd int) *os.File {
	var s any
	switch fd {
	case 0:
		s = c.rt.opts.Stdin
	case 1:
		c.rt.stdout.Flush()
		s = c.rt.opts.Stdout
	case 2:
		c.rt.stdout.Flush()
		s = c.rt.opts.Stderr
	}
	f, _ := s.(*os.File)
	return f
}

// EnvView is the environment as this compartment's process.env shows it (the names it may read):
// what a child process it starts without options.env inherits.
func (c *Compartment) EnvView() []string {
	if c.Unrestricted(capEnvRead) {
		return c.rt.env.List()
	}
	out := []string{} // never nil: a nil environment means "inherit pkgbox's own" to os.StartProcess
	for _, k := range c.rt.env.order {
		if c.allowed(capEnvRead, policy.Resource{Name: k}, "process.env") {
			out = append(out, k+"="+c.rt.env.vars[k])
		}
	}
	return out
}

func (c *Compartment) Cwd() string   { return c.rt.cwd }
func (c *Compartment) Env() []string { return c.rt.env.List() }
