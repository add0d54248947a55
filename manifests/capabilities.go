package manifests

import "github.com/pkgbox/pkgbox/policy"

// The capability table and the pattern syntax live in the policy package, so that the
// manifest, the run-time gate and the audit can never disagree about them. capabilityNames is
// the table's order, the order Marshal writes a package's capabilities in.
var capabilityNames = tableOrder()

func tableOrder() []string {
	var out []string
	for _, c := range policy.Capabilities() {
		out = append(out, c.Name)
	}
	return out
}

// resourceNoun names what one pattern of capability's grant list matches, for messages such as
// "expected true or a list of path patterns"; "" when the capability takes no resource.
func resourceNoun(capability string) string {
	c, _ := policy.CapabilityOf(capability)
	switch c.Resource {
	case policy.ResourceNone:
		return ""
	case policy.ResourcePath, policy.ResourceHostPort, policy.ResourceHost:
		return string(c.Resource) + " pattern"
	default:
		return string(c.Resource)
	}
}
