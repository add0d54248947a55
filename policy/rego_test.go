package policy

import (
	"context"
	"io/fs"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/tester"

	builtin "github.com/pkgbox/pkgbox/rego"
)

// runRegoTests runs the test_ rules of the embedded files matching dir/*.rego through OPA's tester,
// with the same restricted built-ins as the engine and pkgbox.resource_matches bound to an app root
// of /app.
func runRegoTests(t *testing.T, files []string) {
	t.Helper()
	e, err := New(Config{AppRoot: "/app"})
	if err != nil {
		t.Fatal(err)
	}
	mods := map[string]*ast.Module{}
	for _, f := range files {
		src, err := builtin.FS.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := ast.ParseModuleWithOpts("rego/"+f, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		mods["rego/"+f] = m
	}
	decl := &ast.Builtin{Name: resourceMatchesDecl.Name, Decl: resourceMatchesDecl.Decl}
	ch, err := tester.NewRunner().
		SetCompiler(newCompiler()).
		SetDefaultRegoVersion(ast.RegoV1).
		RaiseBuiltinErrors(true).
		AddCustomBuiltins([]*tester.Builtin{{Decl: decl, Func: rego.Function3(resourceMatchesDecl, e.resourceMatches)}}).
		Run(context.Background(), mods)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		if !r.Pass() {
			msg := r.String()
			if r.Error != nil {
				msg += ": " + r.Error.Error()
			}
			if r.FailedAt != nil {
				msg += "\n  failed at " + r.FailedAt.Location.String() + ": " + r.FailedAt.String()
			}
			t.Errorf("%s", msg)
		}
	}
	if n == 0 {
		t.Fatalf("no Rego tests found in %v", files)
	}
	t.Logf("%d Rego tests", n)
}

func embeddedRego(t *testing.T, glob string) []string {
	t.Helper()
	files, err := fs.Glob(builtin.FS, glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("no embedded files match %s (%v)", glob, err)
	}
	return files
}

func TestRegoPolicy(t *testing.T) {
	runRegoTests(t, embeddedRego(t, "*.rego"))
}

func TestRegoExamples(t *testing.T) {
	files := append(embeddedRego(t, "*.rego"), embeddedRego(t, "examples/*.rego")...)
	// The built-in tests expect no deny rule beyond native.load; the examples add some.
	var keep []string
	for _, f := range files {
		if !strings.HasSuffix(f, "authz_test.rego") && !strings.HasSuffix(f, "check_test.rego") {
			keep = append(keep, f)
		}
	}
	runRegoTests(t, keep)
}
