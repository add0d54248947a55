package main

import (
	"bufio"
	"bytes"
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

func initCommand() *cobra.Command {
	var force bool
	var fromReport, config string
	cmd := &cobra.Command{
		Use:   "init [flags] [DIR]",
		Short: "Write pkgbox.json granting what the audit found (review it, then commit it)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := dirArg(args)
			r, inv, err := runAudit(dir, cmd.ErrOrStderr(), true)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			path := config
			if path == "" {
				path = filepath.Join(inv.root, "pkgbox.json")
			}
			out := cmd.OutOrStdout()
			m, reasons := grantsFromAudit(r)
			if fromReport != "" {
				rm, rr, err := grantsFromReport(fromReport, inv.root)
				if err != nil {
					return &exitError{code: 2, err: err}
				}
				m.Merge(rm)
				reasons = append(reasons, rr...)
			}
			existing, err := manifests.Read(path)
			switch {
			case err == nil:
				if !force && fromReport == "" {
					return &exitError{code: 2, err: fmt.Errorf("%s: %w", path, manifests.ErrExists)}
				}
				// Merging into the file keeps every hand edit: its grants, app section and
				// policies stay, and only what is missing is added.
				existing.Merge(m)
				m = existing
			case errors.Is(err, fs.ErrNotExist):
			default:
				return &exitError{code: 2, err: err}
			}
			m.Path = path
			if err := manifests.WriteNew(path, m, existing != nil); err != nil {
				return &exitError{code: 2, err: err}
			}
			for _, line := range reasons {
				fmt.Fprintln(out, line)
			}
			verb := "wrote"
			if existing != nil {
				verb = "merged into"
			}
			fmt.Fprintf(out, "pkgbox: %s %s: %d packages granted capabilities; review it, then commit it\n", verb, path, len(m.Packages))
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "add the audit's grants to an existing pkgbox.json (its own grants are kept)")
	cmd.Flags().StringVar(&fromReport, "from-report", "", "also grant what a `pkgbox run --report FILE` recorded (JSON lines)")
	cmd.Flags().StringVar(&config, "config", "", "the manifest to write (default: pkgbox.json in DIR)")
	return cmd
}

// grantsFromAudit is the least privilege the audit supports: each capability a package's code
// uses, with the literal resources it names, or true where a resource is computed.
func grantsFromAudit(r *audit.Report) (*manifests.Manifest, []string) {
	m := &manifests.Manifest{Packages: map[string]manifests.Grants{}}
	var reasons []string
	for _, p := range r.Packages {
		if p.Workspace {
			continue // part of the app at run time
		}
		byCap := map[string][]audit.Finding{}
		for _, f := range p.Findings {
			// Tests, examples, benchmarks and executables ("bin") are installed but not
			// loaded by require: they grant nothing.
			if audit.IsCapability(f.Kind) && f.Loaded() {
				byCap[f.Kind] = append(byCap[f.Kind], f)
			}
		}
		if len(byCap) == 0 {
			continue
		}
		g := manifests.Grants{}
		for capName, fs := range byCap {
			c, _ := policy.CapabilityOf(capName)
			var computed *audit.Finding
			var pats []string
			for i, f := range fs {
				if f.Computed || f.Resource == "" {
					if computed == nil {
						computed = &fs[i]
					}
					continue
				}
				if !slices.Contains(pats, f.Resource) {
					pats = append(pats, f.Resource)
				}
			}
			where := fmt.Sprintf("%s at %s:%d", fs[0].API, fs[0].File, fs[0].Line)
			switch {
			case c.Resource == policy.ResourceNone:
				g[capName] = manifests.Grant{All: true}
				reasons = append(reasons, fmt.Sprintf("granted %s %s: true — %s", p.Name, capName, where))
			case computed != nil:
				g[capName] = manifests.Grant{All: true}
				reasons = append(reasons, fmt.Sprintf("granted %s %s: true — the resource is computed (%s at %s:%d); narrow it by hand if you can",
					p.Name, capName, computed.API, computed.File, computed.Line))
			default:
				slices.Sort(pats)
				g[capName] = manifests.Grant{Patterns: pats}
				reasons = append(reasons, fmt.Sprintf("granted %s %s: %s — literal in the code (%s)", p.Name, capName, strings.Join(pats, ", "), where))
			}
		}
		m.Merge(&manifests.Manifest{Packages: map[string]manifests.Grants{p.Name: g}})
	}
	slices.Sort(reasons)
	return m, reasons
}

// reportLine is one line of `pkgbox run --report`.
type reportLine struct {
	Package    json.RawMessage `json:"package"`
	Capability string          `json:"capability"`
	Resource   json.RawMessage `json:"resource"`
	API        string          `json:"api"`
	Allowed    *bool           `json:"allowed"`
	Mode       string          `json:"mode"`
}

// grantsFromReport turns what a run recorded into grants: paths under the project root
// become relative patterns, commands and hosts are granted as used.
func grantsFromReport(file, root string) (*manifests.Manifest, []string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	m := &manifests.Manifest{Packages: map[string]manifests.Grants{}}
	var reasons []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var rl reportLine
		if err := json.Unmarshal(line, &rl); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %v; expected a JSON object per line (pkgbox run --report)", file, n, err)
		}
		name, app := reportPackage(rl.Package)
		if app || name == "" {
			continue
		}
		c, ok := policy.CapabilityOf(rl.Capability)
		if !ok {
			return nil, nil, fmt.Errorf("%s:%d: capability %q is not one of %s", file, n, rl.Capability, strings.Join(policy.CapabilityNames(), ", "))
		}
		if c.Name == "native.load" {
			continue // never possible in pkgbox
		}
		grant := manifests.Grant{All: true}
		res := ""
		if c.Resource != policy.ResourceNone {
			if res = reportResource(rl.Resource, c.Resource, root); res != "" {
				grant = manifests.Grant{Patterns: []string{res}}
			}
		}
		m.Merge(&manifests.Manifest{Packages: map[string]manifests.Grants{name: {c.Name: grant}}})
		what := "true"
		if res != "" {
			what = res
		}
		reasons = append(reasons, fmt.Sprintf("granted %s %s: %s — used at run time (%s, %s:%d)", name, c.Name, what, rl.API, file, n))
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	slices.Sort(reasons)
	return m, slices.Compact(reasons), nil
}

// reportPackage reads "name", "name@version" or {"name": ..., "app": bool}.
func reportPackage(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s == "" || s == "app" {
			return "", true
		}
		if i := strings.LastIndex(s, "@"); i > 0 {
			s = s[:i]
		}
		return s, false
	}
	var o struct {
		Name string `json:"name"`
		App  bool   `json:"app"`
	}
	if json.Unmarshal(raw, &o) == nil {
		return o.Name, o.App
	}
	return "", false
}

// reportResource writes a recorded resource as a manifest pattern, "" when it has none.
func reportResource(raw json.RawMessage, kind policy.ResourceKind, root string) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return patternFor(s, kind, root)
	}
	var o struct {
		Path    string `json:"path"`
		Host    string `json:"host"`
		Port    int    `json:"port"`
		Unix    string `json:"unix"`
		Command string `json:"command"`
		Name    string `json:"name"`
	}
	if json.Unmarshal(raw, &o) != nil {
		return ""
	}
	switch {
	case o.Path != "":
		return patternFor(o.Path, kind, root)
	case o.Unix != "":
		return "unix:" + o.Unix
	case o.Host != "" && kind == policy.ResourceHostPort:
		return net.JoinHostPort(o.Host, strconv.Itoa(o.Port))
	case o.Host != "":
		return o.Host
	case o.Command != "":
		return o.Command
	case o.Name != "":
		return o.Name
	}
	return ""
}

func patternFor(s string, kind policy.ResourceKind, root string) string {
	if kind == policy.ResourcePath && filepath.IsAbs(s) {
		if rel, err := filepath.Rel(root, s); err == nil && !strings.HasPrefix(rel, "..") {
			return "./" + filepath.ToSlash(rel)
		}
	}
	return s
}
