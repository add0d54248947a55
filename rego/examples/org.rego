# An example organisation policy: copy it next to pkgbox.json and list it under "policies" (or pass
# --policy). Its rules run after the built-in policy and override any grant in pkgbox.json.
# org_check.rego holds the matching `pkgbox check` rule; org_test.rego tests both.
package pkgbox.authz

# No dependency may start programs, whatever pkgbox.json says.
deny contains sprintf("organisation policy: packages may not start programs (%s)", [input.resource.command]) if {
	input.capability == "process.spawn"
	not input.package.app
}

# Nobody, the app included, reads SSH keys or npm credentials.
secret_file := `^/(root|home/[^/]+|Users/[^/]+)/(\.ssh(/.*)?|\.npmrc)$`

deny contains sprintf("organisation policy: %s holds credentials", [input.resource.path]) if {
	input.capability in {"fs.read", "fs.write"}
	regex.match(secret_file, input.resource.path)
}

# The cloud metadata service hands out credentials: no connection to it, by address or by a name
# that resolved to it.
metadata_addresses := {"169.254.169.254", "fd00:ec2::254"}

deny contains sprintf("organisation policy: %s is the cloud metadata service", [input.resource.host]) if {
	input.capability == "net.connect"
	input.resource.host in metadata_addresses
}

deny contains sprintf("organisation policy: %s resolves to the cloud metadata service", [input.resource.host]) if {
	input.capability == "net.connect"
	some ip in object.get(input.resource, "ips", [])
	ip in metadata_addresses
}
