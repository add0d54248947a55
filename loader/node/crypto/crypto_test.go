package crypto

import (
	"flag"
	"testing"

	"github.com/pkgbox/pkgbox/loader/node/crypto/testhost"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from node's output")

func newHost() *testhost.Host { return testhost.New(Builtins()) }

// TestScenarios runs each testdata/*.js here and compares its result with node's (golden file,
// and node itself when it is on PATH).
func TestScenarios(t *testing.T) {
	testhost.CompareScenarios(t, "testdata", *update, newHost)
}
