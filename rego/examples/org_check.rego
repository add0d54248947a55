# The `pkgbox check` half of the example organisation policy (see org.rego): a manifest that
# grants a dependency process.spawn fails the CI gate.
package pkgbox.check

deny contains sprintf("organisation policy: %q may not be granted process.spawn", [name]) if {
	some name in granted["process.spawn"]
}
