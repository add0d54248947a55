// Package web provides the web-platform globals Node 20 has (URL, URLSearchParams, TextEncoder,
// TextDecoder, EventTarget, Event, CustomEvent, AbortController, AbortSignal, DOMException,
// structuredClone, Blob, File) as internal builtins for the loader.
//
// Each builtin is CommonJS source plus, where speed or Unicode tables call for it, a Go binding:
// URL parsing (url_*.go, the WHATWG URL Standard as Node 20's ada implements it), text decoding
// (encoding_*.go) and form encoding. Everything else is JavaScript that touches no intrinsic.
package web

import (
	_ "embed"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

var (
	//go:embed shared.js
	sharedJS string
	//go:embed url.js
	urlJS string
	//go:embed encoding.js
	encodingJS string
	//go:embed event_target.js
	eventTargetJS string
	//go:embed structured_clone.js
	structuredCloneJS string
	//go:embed blob.js
	blobJS string
)

// Builtins returns the internal builtins of this package. Each compartment evaluates its own
// instance; GlobalNames says which exports become that compartment's globals.
func Builtins() []host.Builtin {
	return []host.Builtin{
		{Name: "internal/url", Internal: true, Source: sharedJS + urlJS, Binding: urlBinding},
		{Name: "internal/encoding", Internal: true, Source: sharedJS + encodingJS, Binding: encodingBinding},
		{Name: "internal/event_target", Internal: true, Source: sharedJS + eventTargetJS},
		{Name: "internal/structured_clone", Internal: true, Source: sharedJS + structuredCloneJS, Binding: cloneBinding},
		{Name: "internal/blob", Internal: true, Source: sharedJS + blobJS},
	}
}

// GlobalNames maps each builtin to the exports the loader installs as globals. The modules
// export more than that (url's helpers such as fileURLToPath) for the public modules to reuse.
func GlobalNames() map[string][]string {
	return map[string][]string{
		"internal/url":      {"URL", "URLSearchParams"},
		"internal/encoding": {"TextEncoder", "TextDecoder"},
		"internal/event_target": {"EventTarget", "Event", "CustomEvent", "AbortController", "AbortSignal",
			"DOMException"},
		"internal/structured_clone": {"structuredClone"},
		"internal/blob":             {"Blob", "File"},
	}
}
