package loader

import (
	"encoding/json"
	"fmt"
	"strconv"

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

// allowed is the one gate every capability use of a compartment passes. The app has every
// capability; a package has none unless the run allows all. (Grants from pkgbox.json and Rego are
// decided here too once the policy package is wired in.)
func (c *Compartment) allowed(capability, resource, api string) bool {
	if c.rt.memoryExceeded(0) {
		return false // nothing leaves a run that is over its memory limit
	}
	if c.pkg.App || c.rt.opts.AllowAll {
		return true
	}
	return false
}

// check is allowed that throws Node-style: a denied call throws ERR_PKGBOX_DENIED naming the
// package, capability, resource and API, and the message goes to stderr once.
func (c *Compartment) check(capability, resource, api string) {
	if c.allowed(capability, resource, api) {
		return
	}
	panic(c.denial(capability, resource, api))
}

// Check implements host.Host: the gate for Go-backed builtins.
func (c *Compartment) Check(capability string, r policy.Resource, api string) *goja.Object {
	res := resourceString(capability, r)
	if c.allowed(capability, res, api) {
		return nil
	}
	return c.denial(capability, res, api)
}

// resourceString is the resource as the denial message names it.
func resourceString(capability string, r policy.Resource) string {
	switch {
	case r.Path != "":
		return r.Path
	case r.Unix != "":
		return "unix:" + r.Unix
	case r.Host != "":
		if r.Port != 0 {
			return r.Host + ":" + strconv.Itoa(r.Port)
		}
		return r.Host
	case r.Command != "":
		return r.Command
	case r.Name != "":
		return r.Name
	}
	return ""
}

func (c *Compartment) Cwd() string   { return c.rt.cwd }
func (c *Compartment) Env() []string { return c.rt.env.List() }

func (c *Compartment) denial(capability, resource, api string) *goja.Object {
	var msg string
	grant := "true"
	if resource != "" {
		r, _ := json.Marshal(resource)
		grant = "[" + string(r) + "]"
		msg = fmt.Sprintf("pkgbox: denied: package %s %s %s (%s)", c.label(), capability, string(r), api)
	} else {
		msg = fmt.Sprintf("pkgbox: denied: package %s %s (%s)", c.label(), capability, api)
	}
	name, _ := json.Marshal(c.pkg.Name)
	capJSON, _ := json.Marshal(capability)
	msg += fmt.Sprintf(" — grant it in pkgbox.json: %s: {%s: %s}", name, capJSON, grant)
	c.rt.reportDenial(msg)
	return c.rt.nodeError("Error", "ERR_PKGBOX_DENIED", msg)
}
