# The built-in authorisation policy. pkgbox asks for data.pkgbox.authz.decision on each capability
# use it has not decided before (SPEC.md "Rego"); the manifest (pkgbox.json) is data.pkgbox.manifest.
#
# A use is allowed when the app or a grant covers it and no deny rule fires. Organisations add
# `deny contains msg if { ... }` rules to this package in their own files (--policy, or "policies"
# in pkgbox.json); a deny overrides any grant, the app's included. A rule can also grant:
# `allow_reasons contains "why" if { ... }` allows a use pkgbox.json does not cover.
package pkgbox.authz

# The grant that applies: the app's own under "app", a package's under "packages".
grant := data.pkgbox.manifest.packages[input.package.name][input.capability] if not input.package.app

grant := data.pkgbox.manifest.app[input.capability] if input.package.app

# Without an "app" section the app keeps every capability.
app_unrestricted if {
	input.package.app
	not data.pkgbox.manifest.app
}

allow_reasons contains "the app has every capability (pkgbox.json has no \"app\" section)" if app_unrestricted

allow_reasons contains sprintf("pkgbox.json grants %s: true", [input.capability]) if grant == true

# pkgbox.resource_matches is pkgbox's Go matcher (policy.CompilePattern): path globs against the
# real path, the /proc /sys /dev rule, host:port with normalised IP literals, resolved commands,
# env prefixes. Rego and the Go fast path therefore cannot disagree about what a pattern covers.
allow_reasons contains sprintf("pkgbox.json grants %s: %q", [input.capability, pattern]) if {
	is_array(grant)
	some pattern in grant
	pkgbox.resource_matches(input.capability, pattern, input.resource)
}

# Native addons cannot run in pkgbox at all; the audit still reports them.
deny contains "native addons (.node files) cannot be loaded under pkgbox" if input.capability == "native.load"

deny_reasons := sort([sprintf("%v", [msg]) | some msg in deny])

# The first matching branch decides; each set is evaluated once.
decision := {"allow": false, "reasons": deny_reasons} if {
	count(deny) > 0
} else := {"allow": true, "reasons": sort(allow_reasons)} if {
	count(allow_reasons) > 0
} else := {"allow": false, "reasons": ["no grant in pkgbox.json covers this use"]}
