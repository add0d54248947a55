package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pkgbox/pkgbox/manifests"
	"github.com/pkgbox/pkgbox/manifests/audit"
	"github.com/pkgbox/pkgbox/policy"
)

func checkCommand() *cobra.Command {
	var format, baseline, config string
	var policies []string
	var ignoreErrors bool
	cmd := &cobra.Command{
		Use:   "check [flags] [DIR]",
		Short: "CI gate: fail when a package requests what pkgbox.json does not grant",
		Long: `check audits DIR and exits 1 when a package uses a capability pkgbox.json does not grant,
or (with --baseline) when a new package or dependency edge holds or reaches a capability, or a
lifecycle script is new; 2 when something could not be analysed or nothing was; 0 otherwise.
A summary always goes to stderr.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			stderr := cmd.ErrOrStderr()
			if err := checkFormat(format); err != nil {
				return &exitError{code: 2, err: err}
			}
			r, inv, err := runAudit(dirArg(args), stderr, true)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			if r.Summary.Packages == 0 {
				fmt.Fprintf(stderr, "pkgbox check: nothing analysed: no packages under %s\n", filepath.Join(inv.root, "node_modules"))
				return &exitError{code: 2, err: errors.New("nothing analysed; run npm install first")}
			}
			mpath := config
			if mpath == "" {
				mpath = filepath.Join(inv.root, "pkgbox.json")
			}
			m, err := manifests.Read(mpath)
			noManifest := errors.Is(err, fs.ErrNotExist)
			if noManifest {
				m = &manifests.Manifest{Packages: map[string]manifests.Grants{}, Path: mpath}
			} else if err != nil {
				return &exitError{code: 2, err: err}
			}
			var base *audit.Report
			if baseline != "" {
				data, err := os.ReadFile(baseline)
				if err != nil {
					return &exitError{code: 2, err: err}
				}
				if base, err = audit.ReadJSON(data); err != nil {
					return &exitError{code: 2, err: fmt.Errorf("--baseline %s: %w", baseline, err)}
				}
			}
			v := violations(r, m, base, inv.root)
			rejected, err := orgRules(m, policies, inv.root)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			if err := writeReport(cmd.OutOrStdout(), v, format); err != nil {
				return &exitError{code: 2, err: err}
			}
			for _, msg := range rejected {
				fmt.Fprintf(stderr, "pkgbox check: %s: rejected by policy: %s\n", mpath, msg)
			}
			fmt.Fprintf(stderr, "pkgbox check: %d packages, %d files analysed (%d the app cannot load skipped); %d violations in %d packages",
				r.Summary.Packages, r.Summary.Files-r.Summary.Skipped, r.Summary.Skipped, v.Summary.Findings, countWith(v))
			if noManifest {
				fmt.Fprintf(stderr, " (no %s: nothing is granted)", mpath)
			}
			fmt.Fprintln(stderr)
			if r.Summary.Errors > 0 {
				fmt.Fprintf(stderr, "pkgbox check: %d files could not be analysed:\n", r.Summary.Errors)
				for _, p := range r.Packages {
					for _, e := range p.Errors {
						fmt.Fprintf(stderr, "  %s\n", e.Error())
					}
				}
				if !ignoreErrors {
					return &exitError{code: 2, err: errors.New("some files could not be analysed (--ignore-errors to check the rest)")}
				}
			}
			if v.Summary.Findings > 0 || len(rejected) > 0 {
				return &exitError{code: 1, err: fmt.Errorf("%d violations, %d policy rejections", v.Summary.Findings, len(rejected))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json, sarif or markdown")
	cmd.Flags().StringVar(&baseline, "baseline", "", "a previous `pkgbox audit --format json`: also fail on new packages, dependency edges and install scripts")
	cmd.Flags().StringVar(&config, "config", "", "the manifest (default: pkgbox.json in DIR)")
	cmd.Flags().StringArrayVar(&policies, "policy", nil, "a Rego file whose data.pkgbox.check.deny rules judge the manifest (repeatable; adds to the manifest's \"policies\")")
	cmd.Flags().BoolVar(&ignoreErrors, "ignore-errors", false, "files that cannot be analysed are reported but do not fail the check")
	return cmd
}

func countWith(r *audit.Report) int {
	n := 0
	for _, p := range r.Packages {
		if len(p.Findings) > 0 {
			n++
		}
	}
	return n
}

// violations is the report restricted to what check fails on.
func violations(r *audit.Report, m *manifests.Manifest, base *audit.Report, root string) *audit.Report {
	out := &audit.Report{Schema: audit.Schema, Summary: audit.Summary{Packages: r.Summary.Packages, Files: r.Summary.Files, Skipped: r.Summary.Skipped, ByKind: map[string]int{}}}
	var old map[string]*audit.Package
	if base != nil {
		old = map[string]*audit.Package{}
		for _, p := range base.Packages {
			old[p.Name+"@"+p.Version] = p
			if _, ok := old[p.Name]; !ok {
				old[p.Name] = p
			}
		}
	}
	for _, p := range r.Packages {
		if p.Workspace {
			continue
		}
		vp := *p
		vp.Findings = nil
		for _, f := range p.Findings {
			if !audit.IsCapability(f.Kind) || !f.Loaded() || granted(m, p.Name, f, root) {
				continue
			}
			f.Message += fmt.Sprintf(" — not granted in pkgbox.json (%q: {%q: ...})", p.Name, f.Kind)
			vp.Findings = append(vp.Findings, f)
		}
		if old != nil {
			vp.Findings = append(vp.Findings, sinceBaseline(p, old)...)
		}
		if len(vp.Findings) > 0 {
			out.Packages = append(out.Packages, &vp)
			out.Summary.Findings += len(vp.Findings)
			for _, f := range vp.Findings {
				out.Summary.ByKind[f.Kind]++
			}
		}
	}
	return out
}

// sinceBaseline finds what is new in p against the baseline: the package itself when it holds
// or reaches a capability, a required package that does, and lifecycle scripts.
func sinceBaseline(p *audit.Package, old map[string]*audit.Package) []audit.Finding {
	var out []audit.Finding
	pj := audit.Finding{File: p.Dir + "/package.json", Line: 1, Column: 1}
	prev, known := old[p.Name+"@"+p.Version]
	if !known {
		prev, known = old[p.Name]
	}
	if !known {
		caps := slices.Clone(p.Capabilities)
		for c := range p.Reaches {
			if !slices.Contains(caps, c) {
				caps = append(caps, c)
			}
		}
		if len(caps) > 0 {
			slices.SortFunc(caps, func(a, b string) int { return audit.Power(a) - audit.Power(b) })
			f := pj
			f.Kind, f.API, f.Resource = caps[0], "new package", p.Name+"@"+p.Version
			f.Message = fmt.Sprintf("new package %s@%s holds or reaches %s", p.Name, p.Version, strings.Join(caps, ", "))
			out = append(out, f)
		}
	} else {
		for c, via := range p.Reaches {
			for _, name := range via {
				if !slices.Contains(prev.Reaches[c], name) {
					f := pj
					f.Kind, f.API, f.Resource = c, "new dependency edge", name
					f.Message = fmt.Sprintf("now reaches %s through %s", c, name)
					out = append(out, f)
				}
			}
		}
	}
	for script, cmd := range p.Scripts {
		if known && prev.Scripts[script] == cmd {
			continue
		}
		f := pj
		f.Kind, f.API, f.Resource = audit.KindInstall, script, cmd
		f.Message = fmt.Sprintf("new lifecycle script %s: %s", script, cmd)
		out = append(out, f)
	}
	return out
}

// granted reports whether the manifest grants what a finding asks for. A computed resource is
// covered by any grant of its capability (a person chose the grant's extent); a literal one must
// match a pattern as SPEC.md defines patterns.
func granted(m *manifests.Manifest, pkg string, f audit.Finding, root string) bool {
	g, ok := m.Grant(pkg, f.Kind)
	if !ok {
		return false
	}
	if g.All || f.Computed || f.Resource == "" {
		return g.All || len(g.Patterns) > 0
	}
	res, ok := findingResource(f, root)
	if !ok {
		return false
	}
	env := policy.PatternEnv{AppRoot: root, PathEnv: os.Getenv("PATH")}
	for _, p := range g.Patterns {
		// The run-time matcher itself, so that check and enforcement agree on every pattern.
		if pat, err := policy.CompilePattern(f.Kind, p, env); err == nil && pat.Match(res) {
			return true
		}
		if c, _ := policy.CapabilityOf(f.Kind); c.Resource == policy.ResourceCommand && p == res.Args[0] {
			return true // a program the audit names that is not installed here: compare names
		}
	}
	return false
}

// findingResource turns a literal resource of the audit into what the gate would see at run
// time: paths absolute against the app root with symlinks resolved, hosts normalised, ports as
// numbers, commands resolved on PATH (Args[0] keeps the name as written).
func findingResource(f audit.Finding, root string) (policy.Resource, bool) {
	c, _ := policy.CapabilityOf(f.Kind)
	switch c.Resource {
	case policy.ResourcePath:
		p, err := policy.RealPath(root, f.Resource)
		return policy.Resource{Path: p}, err == nil
	case policy.ResourceHostPort:
		if u, ok := strings.CutPrefix(f.Resource, "unix:"); ok {
			p, err := policy.RealPath(root, u)
			return policy.Resource{Unix: p}, err == nil
		}
		h, port, err := net.SplitHostPort(f.Resource)
		if err != nil {
			return policy.Resource{}, false
		}
		n, err := strconv.Atoi(port)
		return policy.Resource{Host: policy.NormalizeHost(h), Port: n}, err == nil
	case policy.ResourceHost:
		return policy.Resource{Host: policy.NormalizeHost(f.Resource)}, true
	case policy.ResourceCommand:
		abs, err := policy.ResolveCommand(f.Resource, os.Getenv("PATH"), root)
		if err != nil {
			abs = f.Resource
		}
		return policy.Resource{Command: abs, Args: []string{f.Resource}}, true
	case policy.ResourceEnv:
		return policy.Resource{Name: f.Resource}, true
	}
	return policy.Resource{}, true
}

// orgRules evaluates the organisation's data.pkgbox.check.deny rules (the manifest's policies and
// --policy files) with the manifest as input, and returns their messages.
func orgRules(m *manifests.Manifest, extra []string, root string) ([]string, error) {
	files := append(m.PolicyFiles(), extra...)
	if len(files) == 0 {
		return nil, nil
	}
	e, err := policy.New(policy.Config{AppRoot: root, Policies: files, PathEnv: os.Getenv("PATH")})
	if err != nil {
		return nil, err
	}
	var input any
	if err := json.Unmarshal(m.Marshal(), &input); err != nil {
		return nil, fmt.Errorf("%s: %w", m.Path, err)
	}
	return e.CheckManifest(input)
}
