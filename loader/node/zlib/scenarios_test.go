package zlib

import (
	"flag"
	"testing"

	"github.com/pkgbox/pkgbox/loader/node/crypto/testhost"
)

var update = flag.Bool("update", false, "rewrite testdata/scenarios/golden from node's output")

// TestScenarios runs testdata/scenarios/*.js here and compares the results with node's (golden
// files, and node itself when it is on PATH).
func TestScenarios(t *testing.T) {
	testhost.CompareScenarios(t, "testdata/scenarios", *update, newHost)
}
