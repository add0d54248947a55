package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/pkgbox/pkgbox/manifests"
	"github.com/pkgbox/pkgbox/policy"
)

// runConfig is what `pkgbox run` decides before any JavaScript runs: the app root, the manifest
// and the policy engine. Anything it cannot read stops the run (fail closed, DESIGN invariant 7).
type runConfig struct {
	config   string   // --config
	policies []string // --policy (repeatable)
	mode     string   // --mode
	report   string   // --report
	allowAll bool
	memoryMB int
}

// appRoot is the nearest folder at or above entry that holds a package.json, else entry's folder
// (SPEC.md "Command line").
func appRoot(entry string) (string, error) {
	abs, err := filepath.Abs(entry)
	if err != nil {
		return "", err
	}
	dir := abs
	if st, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("%s: %w", entry, err)
	} else if !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "package.json")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir, nil
		}
		d = parent
	}
}

// engine reads the manifest and policies and builds the policy engine, or returns nil when the
// run needs none (no manifest, no policy, enforce mode, no report: then the app has every
// capability and packages none, which is what the built-in policy says of an empty manifest).
// closeReport flushes and closes the report file.
func (rc *runConfig) engine(root string) (e *policy.Engine, closeReport func() error, err error) {
	closeReport = func() error { return nil }
	mode, err := policy.ParseMode(rc.mode)
	if err != nil {
		return nil, closeReport, fmt.Errorf("--mode: %w", err)
	}
	path := rc.config
	if path == "" {
		path = filepath.Join(root, "pkgbox.json")
	}
	m, err := manifests.Read(path)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist) && rc.config == "":
		m = nil // no manifest: packages get nothing
	default:
		return nil, closeReport, err
	}
	policies := append([]string(nil), rc.policies...)
	if m != nil {
		policies = append(m.PolicyFiles(), policies...)
	}
	if m == nil && len(policies) == 0 && mode == policy.Enforce && rc.report == "" {
		return nil, closeReport, nil
	}
	cfg := policy.Config{AppRoot: root, Policies: policies, Mode: mode, AllowAll: rc.allowAll, PathEnv: os.Getenv("PATH")}
	if m != nil {
		cfg.Packages = map[string]map[string]policy.Grant{}
		for name, grants := range m.Packages {
			cfg.Packages[name] = grants.Policy()
		}
		// An "app" section restricts the app to its grants. An empty one restricts nothing:
		// SPEC.md's example manifest carries `"app": { }`, and a user who copies it must not
		// find their own app locked out of everything.
		if len(m.App) > 0 {
			cfg.App = m.App.Policy()
		}
	}
	if rc.report != "" {
		f, err := os.OpenFile(rc.report, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return nil, closeReport, fmt.Errorf("--report: %w", err)
		}
		cfg.Report = f
		closeReport = f.Close
	}
	e, err = policy.New(cfg)
	if err != nil {
		_ = closeReport()
		return nil, func() error { return nil }, err
	}
	return e, closeReport, nil
}

// forkFlags are the flags a child started by child_process.fork repeats, with paths made absolute
// so that the child's working directory does not change their meaning.
func (rc *runConfig) forkFlags(root string) []string {
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return p
	}
	var out []string
	if rc.config != "" {
		out = append(out, "--config", abs(rc.config))
	} else if _, err := os.Stat(filepath.Join(root, "pkgbox.json")); err == nil {
		out = append(out, "--config", filepath.Join(root, "pkgbox.json"))
	}
	for _, p := range rc.policies {
		out = append(out, "--policy", abs(p))
	}
	if rc.mode != "" {
		out = append(out, "--mode", rc.mode)
	}
	if rc.report != "" {
		out = append(out, "--report", abs(rc.report))
	}
	if rc.allowAll {
		out = append(out, "--allow-all")
	}
	if rc.memoryMB > 0 {
		out = append(out, "--memory-limit", strconv.Itoa(rc.memoryMB))
	}
	return out
}
