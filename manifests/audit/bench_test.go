package audit

import (
	"os"
	"testing"
)

// BenchmarkAudit audits the tree named by PKGBOX_AUDIT_TREE (bench/audit.sh makes one).
func BenchmarkAudit(b *testing.B) {
	dir := os.Getenv("PKGBOX_AUDIT_TREE")
	if dir == "" {
		b.Skip("set PKGBOX_AUDIT_TREE to a folder with a node_modules")
	}
	for b.Loop() {
		if _, _, err := Audit(dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
