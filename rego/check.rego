# Rules over the manifest itself, for `pkgbox check` (input: the manifest as read from
# pkgbox.json). pkgbox reports every message of data.pkgbox.check.deny; the built-in policy
# defines no deny rule (an undefined set is an empty one), organisations add
# `deny contains msg if { ... }` rules to this package (see examples/org.rego) and may use the
# helpers below.
package pkgbox.check

# granted[capability] is the set of packages that pkgbox.json grants capability, in any form.
granted[capability] contains name if {
	some name, grants in object.get(input, "packages", {})
	some capability, grant in grants
	grant_given(grant)
}

# patterns[name][capability] is the list of patterns granted (absent for `true`).
patterns[name][capability] := grant if {
	some name, grants in object.get(input, "packages", {})
	some capability, grant in grants
	is_array(grant)
}

grant_given(grant) if grant == true

grant_given(grant) if {
	is_array(grant)
	count(grant) > 0
}
