package crypto

import (
	_ "embed"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

//go:embed crypto.js
var cryptoSource string

//go:embed errors.js
var errorsSource string

// Builtins returns the crypto module and "internal/pkgbox/errors", the Node error shapes and
// argument validators that both crypto.js and the zlib builtin use.
func Builtins() []host.Builtin {
	return []host.Builtin{
		{Name: "crypto", Source: cryptoSource, Binding: Binding},
		{Name: "internal/pkgbox/errors", Internal: true, Source: errorsSource},
	}
}
