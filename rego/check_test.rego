package pkgbox.check_test

import data.pkgbox.check

manifest := {"packages": {
	"simple-git": {"process.spawn": ["git"], "fs.read": true},
	"dotenv": {"fs.read": ["./.env"], "env.read": true, "process.spawn": []},
}}

test_granted_lists_packages_per_capability if {
	check.granted["process.spawn"] == {"simple-git"} with input as manifest
	check.granted["fs.read"] == {"simple-git", "dotenv"} with input as manifest
}

test_patterns if {
	check.patterns["simple-git"]["process.spawn"] == ["git"] with input as manifest
	not check.patterns["simple-git"]["fs.read"] with input as manifest
}

test_builtin_policy_forbids_nothing if {
	not data.pkgbox.check.deny with input as manifest
}
