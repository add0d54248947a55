// Package intrinsics adds to a goja runtime the ECMAScript built-ins that real npm packages use and goja
// lacks: Intl (Go-backed, golang.org/x/text and rivo/uniseg), regular-expression Unicode property escapes
// (\p{...} expanded into explicit classes by a RegExp constructor wrapper), WeakRef and
// FinalizationRegistry, and the small ES2022–ES2024 and Annex B methods Node 20 has.
//
// Install runs once per runtime, before any script and before lockdown freezes the intrinsics. Everything
// it creates is complete when it returns: no JavaScript object is modified afterwards, and the only
// mutable state (per-instance slots of Intl objects, formatter caches, Unicode tables built on first use)
// lives on the Go side where scripts cannot observe it.
package intrinsics

// The Unicode property tables Go lacks and the English CLDR data x/text lacks are read from node, so
// that pkgbox answers what node answers; regenerate them with node 20 on PATH:
//go:generate sh -c "node gen/uprops.js < gen/scripts.txt > uprops_node.go && gofmt -w uprops_node.go"
//go:generate sh -c "node gen/intl_en.js > intl_en_data.go && gofmt -w intl_en_data.go"
//go:generate sh -c "node gen/intl_dates.js > intl_dates_data.go && gofmt -w intl_dates_data.go"
