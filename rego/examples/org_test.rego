package pkgbox.org_test

import data.pkgbox.authz
import data.pkgbox.check

dep := {"name": "simple-git", "version": "3.0.0", "dir": "node_modules/simple-git", "app": false}

app := {"name": "my-app", "version": "1.0.0", "dir": ".", "app": true}

granting := {"packages": {
	"simple-git": {"process.spawn": ["git"], "fs.read": true, "net.connect": ["*:*"]},
}}

decide(who, capability, resource) := d if {
	d := authz.decision with input as {
		"package": who, "capability": capability, "resource": resource, "api": "test",
	}
		with data.pkgbox.manifest as granting
}

test_spawn_denied_for_a_package_despite_grant if {
	d := decide(dep, "process.spawn", {"command": "/usr/bin/git", "args": ["status"]})
	not d.allow
	d.reasons == ["organisation policy: packages may not start programs (/usr/bin/git)"]
}

test_spawn_allowed_for_the_app if {
	decide(app, "process.spawn", {"command": "/usr/bin/git", "args": []}).allow
}

test_ssh_keys_and_npmrc_unreadable_by_anyone if {
	not decide(dep, "fs.read", {"path": "/home/u/.ssh/id_ed25519"}).allow
	not decide(app, "fs.read", {"path": "/home/u/.ssh"}).allow
	not decide(app, "fs.read", {"path": "/root/.npmrc"}).allow
	not decide(dep, "fs.write", {"path": "/Users/me/.ssh/authorized_keys"}).allow
}

test_other_home_files_readable_when_granted if {
	decide(dep, "fs.read", {"path": "/home/u/.sshrc"}).allow
	decide(dep, "fs.read", {"path": "/home/u/project/.npmrc.example"}).allow
}

test_metadata_service_refused_by_address_and_by_resolved_name if {
	not decide(dep, "net.connect", {"host": "169.254.169.254", "port": 80}).allow
	not decide(dep, "net.connect", {"host": "metadata.internal", "port": 80, "ips": ["10.0.0.1", "169.254.169.254"]}).allow
	decide(dep, "net.connect", {"host": "example.com", "port": 443, "ips": ["93.184.215.14"]}).allow
}

test_check_rejects_spawn_grants if {
	check.deny == {"organisation policy: \"simple-git\" may not be granted process.spawn"} with input as granting
}

test_check_accepts_manifest_without_spawn if {
	count(check.deny) == 0 with input as {"packages": {"dotenv": {"fs.read": ["./.env"]}, "x": {"process.spawn": []}}}
}
