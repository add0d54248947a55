package manifests

import (
	"maps"
	"path/filepath"
	"slices"

	"github.com/pkgbox/pkgbox/policy"
)

// Manifest is a pkgbox.json: what each package, and the app, may do.
type Manifest struct {
	// Packages maps an npm package name to its grants. Never nil in a parsed manifest.
	Packages map[string]Grants
	// App restricts the app's own code; nil when the manifest has no "app" key, in which case
	// the app keeps every capability. A non-nil empty App grants the app nothing.
	App Grants
	// Policies lists extra Rego files as written: relative to the manifest's folder unless
	// absolute. PolicyFiles resolves them.
	Policies []string
	// Path is the file the manifest was read from (as given to Read or Parse).
	Path string
}

// Grants maps a capability name (fs.read, net.connect, ...) to what is granted for it.
type Grants map[string]Grant

// Policy converts the grants to what policy.Config takes.
func (g Grants) Policy() map[string]policy.Grant {
	out := make(map[string]policy.Grant, len(g))
	for c, x := range g {
		out[c] = policy.Grant{All: x.All, Patterns: x.Patterns}
	}
	return out
}

// Grant is one capability's grant: every resource, or the resources matching Patterns.
type Grant struct {
	All      bool     // true in the file: any resource. Patterns is then ignored.
	Patterns []string // resource patterns, as written
}

// Grant returns what the manifest grants package pkg for capability, and whether it grants
// anything for it at all.
func (m *Manifest) Grant(pkg, capability string) (Grant, bool) {
	g, ok := m.Packages[pkg][capability]
	return g, ok
}

// PolicyFiles returns the Policies entries resolved against the manifest's folder.
func (m *Manifest) PolicyFiles() []string {
	dir := filepath.Dir(m.Path)
	out := make([]string, len(m.Policies))
	for i, p := range m.Policies {
		if filepath.IsAbs(p) {
			out[i] = filepath.Clean(p)
		} else {
			out[i] = filepath.Join(dir, filepath.FromSlash(p))
		}
	}
	return out
}

// Merge adds other's grants to m: for each package and capability the union of the two
// grants (true wins over any list), other's policies not yet listed, and the app's grants
// merged the same way (an App present in either stays present). Policies are kept as
// written, so merge manifests from the same folder. m keeps its Path.
func (m *Manifest) Merge(other *Manifest) {
	if other == nil {
		return
	}
	if m.Packages == nil && len(other.Packages) > 0 {
		m.Packages = make(map[string]Grants, len(other.Packages))
	}
	for name, g := range other.Packages {
		m.Packages[name] = m.Packages[name].merged(g)
	}
	if other.App != nil {
		m.App = m.App.merged(other.App)
	}
	for _, p := range other.Policies {
		if !slices.Contains(m.Policies, p) {
			m.Policies = append(m.Policies, p)
		}
	}
}

// merged returns the union of g and h as a new map, so merging never aliases either input.
func (g Grants) merged(h Grants) Grants {
	out := make(Grants, len(g)+len(h))
	for c, x := range g {
		out[c] = x.union(Grant{})
	}
	for c, y := range h {
		out[c] = out[c].union(y)
	}
	return out
}

func (g Grant) union(h Grant) Grant {
	if g.All || h.All {
		return Grant{All: true}
	}
	return Grant{Patterns: normalPatterns(append(slices.Clone(g.Patterns), h.Patterns...))}
}

// normalPatterns is the order and form Marshal writes: sorted, without repeats.
func normalPatterns(p []string) []string {
	p = slices.Clone(p)
	slices.Sort(p)
	return slices.Compact(p)
}

// Equal reports whether m and other grant the same things: the same packages, capabilities
// and app section, the same pattern sets (order and repeats do not matter) and the same
// policies in the same order. Path is not compared. A nil Packages or Policies equals an empty
// one; a nil App does not equal an empty App, since the two mean different things.
func (m *Manifest) Equal(other *Manifest) bool {
	if m == nil || other == nil {
		return m == other
	}
	return maps.EqualFunc(m.Packages, other.Packages, Grants.Equal) &&
		(m.App == nil) == (other.App == nil) && m.App.Equal(other.App) &&
		slices.Equal(m.Policies, other.Policies)
}

// Equal reports whether g and h grant the same capabilities with the same pattern sets.
func (g Grants) Equal(h Grants) bool { return maps.EqualFunc(g, h, Grant.Equal) }

// Equal reports whether g and h grant the same resources as written: both All, or the same
// set of patterns. It does not compare what the patterns match.
func (g Grant) Equal(h Grant) bool {
	if g.All || h.All {
		return g.All == h.All
	}
	return slices.Equal(normalPatterns(g.Patterns), normalPatterns(h.Patterns))
}
