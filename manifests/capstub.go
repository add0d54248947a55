package manifests

// TEMPORARY: stands in for the policy package's capability table until it lands; deleted
// when capabilities.go is wired to policy.

import (
	"errors"
	"strings"
)

func stubNoun(c string) string { return resourceNoun(c) }

func stubValidatePattern(c, p string) error {
	if p == "" || strings.ContainsRune(p, 0) {
		return errors.New("expected a " + stubNoun(c))
	}
	return nil
}
