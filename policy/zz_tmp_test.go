package policy

import "testing"

func BenchmarkTmpNew(b *testing.B) {
	cfg, root := testConfig(b)
	cfg.Policies = []string{writePolicy(b, root, "p.rego", "package pkgbox.authz\n\ndeny contains \"x\" if input.resource.path == \"/a\"\n")}
	for i := 0; i < b.N; i++ {
		newEngine(b, cfg)
	}
}
