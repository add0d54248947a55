// Package rego holds pkgbox's built-in Rego policy (package pkgbox.authz decides every capability
// use, package pkgbox.check judges a manifest for `pkgbox check`) and its tests, embedded so the
// binary carries them. The policy package compiles them; this package only hands out the files
// (go:embed cannot reach a parent folder, so the embedding lives here).
package rego

import "embed"

// FS holds authz.rego, check.rego and their _test.rego files, and examples/ (an organisation
// rule set with its tests; not part of the built-in policy).
//
//go:embed *.rego examples/*.rego
var FS embed.FS

// Policy lists the files of the built-in policy, in the order they are compiled (tests and
// examples excluded).
var Policy = []string{"authz.rego", "check.rego"}
