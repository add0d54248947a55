package audit

import (
	"cmp"
	"slices"

	"github.com/pkgbox/pkgbox/manifests/inventory"
	"github.com/pkgbox/pkgbox/policy"
)

// Schema names the version of the JSON report; it changes only when a field changes meaning.
const Schema = "pkgbox.audit/v1"

// Finding kinds that are not run-time capabilities (SPEC.md "Capabilities").
const (
	KindEval       = "code.eval"
	KindInstall    = "install.scripts"
	KindUndeclared = "dependency.undeclared"
	KindNetLiteral = "net.literal"
	KindDynamic    = "dynamic.require"
)

// Finding is one thing a package's code (or package.json) asks for.
type Finding struct {
	// Kind is a capability (fs.read, net.connect, ...) or one of the Kind constants.
	Kind string `json:"kind"`
	// API is the table's name of what the code uses (fs.readFileSync, process.env, require).
	API string `json:"api,omitempty"`
	// Resource is the resource when the code writes it literally: a path (relative ones as
	// written; paths built from __dirname as "./" + the path from the project root), a
	// host:port, a command, a variable name, a package name or a script.
	Resource string `json:"resource,omitempty"`
	// Computed is set when the code computes the resource, so no literal one is known.
	Computed bool `json:"computed,omitempty"`
	// File is the original source file, relative to the project root, slash-separated; Line
	// and Column (1-based) point into it.
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	// Test is set when the file is a package's tests, examples or benchmarks (IsTestFile):
	// code npm installs but nothing loads. Such findings are listed but grant nothing: init
	// ignores them, check does not fail on them, and they are not in Capabilities.
	Test bool `json:"test,omitempty"`
	// Bin is set when the file is reached only from the package's "bin" executables (not
	// from its entry points nor from its other files): npm links them into node_modules/.bin,
	// but require does not load them. Such findings are listed but grant nothing, like Test.
	Bin bool `json:"bin,omitempty"`
	// Unreached is set when the app cannot load the file: no require or import followed from
	// the app's own code leads to it (reach.go). Listed, granting nothing, like Test.
	Unreached bool `json:"unreached,omitempty"`
}

// Loaded reports whether the finding is in code the app may load: not test code, not only
// an executable's, not unreached. Only such findings grant (init) and fail (check).
func (f *Finding) Loaded() bool { return !f.Test && !f.Bin && !f.Unreached }

// Note is how people see a finding that is not Loaded: "test code", "bin only", "not loaded
// by the app"; "" for the others.
func (f *Finding) Note() string {
	switch {
	case f.Test:
		return "test code"
	case f.Bin:
		return "bin only"
	case f.Unreached:
		return "not loaded by the app"
	}
	return ""
}

// FileError is a file the audit could not analyse.
type FileError struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// Package is the audit of one installed package.
type Package struct {
	inventory.Package
	// Requires lists the packages the code requires with a literal specifier, sorted.
	Requires []string `json:"requires"`
	// Capabilities are the capability kinds of the findings outside test code and
	// executables, most powerful first.
	Capabilities []string `json:"capabilities"`
	// Reaches maps a capability to the packages (by name, sorted) this package's code reaches
	// through requires, directly or not, that hold it.
	Reaches  map[string][]string `json:"reaches,omitempty"`
	Files    int                 `json:"files"`
	Findings []Finding           `json:"findings"`
	Errors   []FileError         `json:"errors,omitempty"`

	pkg *inventory.Package
}

// Report is the audit of a project.
type Report struct {
	Schema   string     `json:"schema"`
	Packages []*Package `json:"packages"`
	Summary  Summary    `json:"summary"`
}

// Summary counts what the audit looked at and found.
type Summary struct {
	Packages int `json:"packages"`
	Files    int `json:"files"`
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
	// Skipped counts the files not read because the app cannot load them (Options.LoadedOnly).
	Skipped int            `json:"skipped,omitempty"`
	ByKind  map[string]int `json:"byKind"`
}

// powerOrder ranks finding kinds, most powerful first: the order text output and
// Capabilities use (SPEC.md's capabilities by what an attacker gains, then the other kinds).
var powerOrder = []string{"process.spawn", "native.load", "net.connect", "net.listen", "fs.write",
	"env.write", "process.control", "env.read", "fs.read", "net.resolve", "sys.info",
	KindEval, KindInstall, KindDynamic, KindUndeclared, KindNetLiteral}

// Power is a kind's rank in powerOrder (0 is the most powerful); unknown kinds come last.
func Power(kind string) int {
	if i := slices.Index(powerOrder, kind); i >= 0 {
		return i
	}
	return len(powerOrder)
}

// IsCapability reports whether a finding kind is a run-time capability that pkgbox.json grants.
func IsCapability(kind string) bool { return policy.IsCapability(kind) }

// sortFindings orders a package's findings by file, line, column, kind and resource.
func sortFindings(f []Finding) {
	slices.SortFunc(f, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.API, b.API), cmp.Compare(a.Resource, b.Resource))
	})
}

// Strongest is the rank of the package's most powerful finding kind.
func (p *Package) Strongest() int {
	best := len(powerOrder) + 1
	for _, f := range p.Findings {
		best = min(best, Power(f.Kind))
	}
	return best
}

// Inventory returns the inventory entry the package was audited from.
func (p *Package) Inventory() *inventory.Package { return p.pkg }

// ByPower returns the packages ordered for people: the most powerful first, then by name.
func (r *Report) ByPower() []*Package {
	out := slices.Clone(r.Packages)
	slices.SortStableFunc(out, func(a, b *Package) int {
		return cmp.Or(cmp.Compare(a.Strongest(), b.Strongest()), cmp.Compare(a.Name, b.Name))
	})
	return out
}
