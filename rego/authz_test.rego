# Tests of authz.rego, run by `go test ./policy` (TestRegoPolicy) through OPA's tester with
# pkgbox.resource_matches bound to an app root of /app.
package pkgbox.authz_test

import data.pkgbox.authz

pkg := {"name": "axios", "version": "1.7.2", "dir": "node_modules/axios", "app": false}

app := {"name": "my-app", "version": "1.0.0", "dir": ".", "app": true}

manifest := {"packages": {
	"axios": {"net.connect": ["api.example.com:443", "*.internal.example.com:*"], "env.read": true},
	"pino": {"fs.write": ["./logs/**"]},
}}

use(who, capability, resource) := d if {
	d := authz.decision with input as {
		"package": who, "capability": capability, "resource": resource, "api": "test.api",
	}
		with data.pkgbox.manifest as manifest
}

test_granted_host_port if {
	d := use(pkg, "net.connect", {"host": "api.example.com", "port": 443})
	d.allow
	d.reasons == ["pkgbox.json grants net.connect: \"api.example.com:443\""]
}

test_wrong_port_denied if {
	not use(pkg, "net.connect", {"host": "api.example.com", "port": 80}).allow
}

test_wildcard_subdomain if {
	use(pkg, "net.connect", {"host": "db.internal.example.com", "port": 5432}).allow
	not use(pkg, "net.connect", {"host": "internal.example.com", "port": 5432}).allow
}

test_grant_true if {
	use(pkg, "env.read", {"name": "HOME"}).allow
}

test_ungranted_capability_denied_with_reason if {
	d := use(pkg, "fs.read", {"path": "/etc/passwd"})
	not d.allow
	d.reasons == ["no grant in pkgbox.json covers this use"]
}

test_unknown_package_denied if {
	not use({"name": "left-pad", "version": "1.0.0", "dir": "node_modules/left-pad", "app": false}, "env.read", {"name": "HOME"}).allow
}

test_relative_path_pattern_is_under_app_root if {
	who := {"name": "pino", "version": "9.0.0", "dir": "node_modules/pino", "app": false}
	use(who, "fs.write", {"path": "/app/logs/2026/run.log"}).allow
	not use(who, "fs.write", {"path": "/app/secrets/run.log"}).allow
	not use(who, "fs.read", {"path": "/app/logs/run.log"}).allow
}

test_app_without_app_section_has_everything if {
	d := use(app, "process.spawn", {"command": "/bin/sh", "args": []})
	d.allow
	d.reasons == ["the app has every capability (pkgbox.json has no \"app\" section)"]
}

test_app_section_restricts_the_app if {
	restricted := object.union(manifest, {"app": {"fs.read": ["./**"]}})
	in_root := authz.decision with input as {"package": app, "capability": "fs.read", "resource": {"path": "/app/src/a.js"}, "api": "fs.readFileSync"}
		with data.pkgbox.manifest as restricted
	in_root.allow
	outside := authz.decision with input as {"package": app, "capability": "fs.read", "resource": {"path": "/etc/passwd"}, "api": "fs.readFileSync"}
		with data.pkgbox.manifest as restricted
	not outside.allow
}

test_native_load_is_never_allowed if {
	d := use(app, "native.load", {"path": "/app/build/addon.node"})
	not d.allow
	d.reasons == ["native addons (.node files) cannot be loaded under pkgbox"]
}

test_user_deny_overrides_grant if {
	d := authz.decision with input as {"package": pkg, "capability": "env.read", "resource": {"name": "NPM_TOKEN"}, "api": "process.env"}
		with data.pkgbox.manifest as manifest
		with authz.deny as {"no tokens"}
	not d.allow
	d.reasons == ["no tokens"]
}
