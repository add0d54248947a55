package resolve

import "strings"

// Error is returned for every resolution failure. Code and Message are what
// Node 20 reports for the same request, so the loader can throw them to
// JavaScript unchanged.
type Error struct {
	Code    string // Node's err.code, e.g. "MODULE_NOT_FOUND"; empty where Node sets none (see Message)
	Message string // Node's err.message, without the "Require stack" suffix
	Spec    string // the specifier that was being resolved
	From    string // the file (or "dir/") it was resolved from
	// Path is Node's err.path: the package.json involved, when Node names one.
	Path string
	// RequireStack is true when Node appends "\nRequire stack:\n- ..." to the
	// message (only the final MODULE_NOT_FOUND of require does); the loader
	// adds that suffix itself since only it knows the stack.
	RequireStack bool
}

func (e *Error) Error() string {
	if e.Code == "" {
		return e.Message
	}
	return e.Code + ": " + e.Message
}

func errNotFound(spec string) *Error {
	return &Error{Code: "MODULE_NOT_FOUND", Message: "Cannot find module '" + spec + "'", RequireStack: true}
}

// errEsmNotFound is CommonJS's rendering of a not-found that came out of the
// exports/imports machinery: no require stack, and the package.json as path.
func errEsmNotFound(request, pjsonPath string) *Error {
	return &Error{Code: "MODULE_NOT_FOUND", Message: "Cannot find module '" + request + "'", Path: pjsonPath}
}

func errUnknownBuiltin(spec string) *Error {
	return &Error{Code: "ERR_UNKNOWN_BUILTIN_MODULE", Message: "No such built-in module: " + spec}
}

func importedFrom(base string) string {
	if base == "" {
		return ""
	}
	return " imported from " + base
}

func errInvalidModuleSpecifier(request, reason, base string) *Error {
	return &Error{Code: "ERR_INVALID_MODULE_SPECIFIER",
		Message: `Invalid module "` + request + `" ` + reason + importedFrom(base)}
}

// errInvalidPackageConfig: "while" is Node's base argument (already rendered).
func errInvalidPackageConfig(pjsonPath, while, detail string) *Error {
	msg := "Invalid package config " + pjsonPath
	if while != "" {
		msg += " while importing " + while
	}
	if detail != "" {
		msg += ". " + detail
	}
	return &Error{Code: "ERR_INVALID_PACKAGE_CONFIG", Message: msg, Path: pjsonPath}
}

// errInvalidPackageTarget: pkgDir ends with "/"; target is already `${target}`.
func errInvalidPackageTarget(pkgDir, key, target string, isImport bool, base string) *Error {
	relError := !isImport && target != "" && !strings.HasPrefix(target, "./")
	var msg string
	if key == "." {
		msg = `Invalid "exports" main target ` + jsonQuote(target) + " defined in the package config " +
			pkgDir + "package.json" + importedFrom(base)
	} else {
		field := "exports"
		if isImport {
			field = "imports"
		}
		msg = `Invalid "` + field + `" target ` + jsonQuote(target) + " defined for '" + key +
			"' in the package config " + pkgDir + "package.json" + importedFrom(base)
	}
	if relError {
		msg += `; targets must start with "./"`
	}
	return &Error{Code: "ERR_INVALID_PACKAGE_TARGET", Message: msg, Path: pkgDir + "package.json"}
}

func errPathNotExported(pkgDir, subpath, base string) *Error {
	var msg string
	if subpath == "." {
		msg = `No "exports" main defined in ` + pkgDir + "package.json" + importedFrom(base)
	} else {
		msg = "Package subpath '" + subpath + `' is not defined by "exports" in ` + pkgDir + "package.json" + importedFrom(base)
	}
	return &Error{Code: "ERR_PACKAGE_PATH_NOT_EXPORTED", Message: msg, Path: pkgDir + "package.json"}
}

func errImportNotDefined(spec, pkgDir, base string) *Error {
	msg := `Package import specifier "` + spec + `" is not defined`
	if pkgDir != "" {
		msg += " in package " + pkgDir + "package.json"
	}
	msg += " imported from " + base
	return &Error{Code: "ERR_PACKAGE_IMPORT_NOT_DEFINED", Message: msg}
}

// errModuleNotFoundESM is ESM's ERR_MODULE_NOT_FOUND: "module" when a file
// URL was computed, "package" when no package folder was found.
func errModuleNotFoundESM(path, base string, isModule bool) *Error {
	what := "package"
	if isModule {
		what = "module"
	}
	return &Error{Code: "ERR_MODULE_NOT_FOUND", Message: "Cannot find " + what + " '" + path + "' imported from " + base}
}

func errUnsupportedDirImport(path, base string) *Error {
	return &Error{Code: "ERR_UNSUPPORTED_DIR_IMPORT",
		Message: "Directory import '" + path + "' is not supported resolving ES modules imported from " + base}
}

// errCode reports the code of err when it is an *Error.
func errCode(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Code
	}
	return ""
}
