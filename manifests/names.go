package manifests

import "strings"

// packageNameProblem says why name cannot be an npm package name, or returns "".
//
// The rules are npm's for names that may exist in a registry (validate-npm-package-name's
// validForOldPackages): upper case letters and the characters ~'!()* are allowed because old,
// much-used packages have them (JSONStream), and a manifest must be able to name every package
// a node_modules tree can hold. The 214-character limit is kept: npm has enforced it since 2015.
func packageNameProblem(name string) string {
	switch {
	case name == "":
		return "empty package name"
	case strings.TrimSpace(name) != name:
		return "leading or trailing spaces"
	case len(name) > 214:
		return "longer than 214 characters"
	case name[0] == '.' || name[0] == '_':
		return "a package name cannot start with '.' or '_'"
	}
	switch strings.ToLower(name) {
	case "node_modules", "favicon.ico":
		return "reserved name"
	}
	if name[0] != '@' {
		return namePartProblem(name)
	}
	scope, pkg, ok := strings.Cut(name[1:], "/")
	if !ok || scope == "" || pkg == "" || strings.Contains(pkg, "/") {
		return "a scoped name has the form @scope/name"
	}
	if p := namePartProblem(scope); p != "" {
		return p
	}
	return namePartProblem(pkg)
}

// namePartProblem accepts what JavaScript's encodeURIComponent leaves unchanged, npm's test
// for a URL-safe name.
func namePartProblem(s string) string {
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		case strings.ContainsRune("-_.!~*'()", r):
		case r == ' ':
			return "a package name cannot contain spaces"
		case r == '/':
			return "only a scoped name (@scope/name) contains '/'"
		default:
			return "a package name contains only letters, digits and - . _ ~ ! * ' ( )"
		}
	}
	return ""
}
