// Package policy decides every capability use (DESIGN.md "One gate").
//
//   - The capability table (capabilities.go, capabilities.tsv): which Node API needs which
//     capability and which argument is its resource; read by the gate, the audit and the docs.
//   - Patterns (pattern.go): ValidatePattern checks a pkgbox.json pattern without touching the
//     system; CompilePattern turns it into a matcher (path globs against real paths, the /proc
//     /sys /dev rule, host:port with normalised IP literals, commands resolved on PATH, env names
//     and prefixes).
//   - Normalisation (normalize.go): RealPath, RealPathNoFollow, NormalizeHost and ResolveCommand,
//     which builtins use to turn what JavaScript passed into a Resource.
//   - The engine (engine.go): New compiles the embedded Rego policy (../rego), the user's policies
//     and the grants once; Decide answers a use, from a cache when it can. Where analysis shows
//     Rego cannot change the answer (no user rule adds grants, and partial evaluation shows no deny
//     rule can fire for the package and capability) the Go matchers decide alone; where only deny
//     rules can, the matchers decide allow and Rego evaluates data.pkgbox.authz.deny_reasons;
//     otherwise data.pkgbox.authz.decision decides. The three give the same answer (tested).
//     DenialMessage is SPEC.md's denial text; denied decisions are written to Config.Report.
package policy
