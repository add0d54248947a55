package audit

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/pkgbox/pkgbox/policy"
)

// WriteJSON writes the report in its documented schema (doc.go), indented, ending in a newline.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// ReadJSON reads a report WriteJSON wrote (for check --baseline).
func ReadJSON(data []byte) (*Report, error) {
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	if r.Schema != Schema {
		return nil, fmt.Errorf("schema %q; expected %q (a report of pkgbox audit --format json)", r.Schema, Schema)
	}
	return &r, nil
}

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiRed   = "\x1b[31m"
	ansiYel   = "\x1b[33m"
	ansiDim   = "\x1b[2m"
)

// WriteText writes the report for people: packages with findings, the most powerful first,
// each with its findings grouped by kind; colour is for terminals.
func WriteText(w io.Writer, r *Report, color bool) error {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + ansiReset
	}
	shown := 0
	for _, p := range r.ByPower() {
		if len(p.Findings) == 0 && len(p.Errors) == 0 {
			continue
		}
		shown++
		title := p.Name + "@" + p.Version
		if p.Workspace {
			title += " (workspace: part of the app)"
		}
		fmt.Fprintf(w, "%s  %s\n", paint(ansiBold, title), paint(ansiDim, p.Dir))
		kinds := kindsOf(p.Findings)
		for _, k := range kinds {
			code := ansiYel
			if Power(k) <= Power("fs.write") {
				code = ansiRed
			}
			fmt.Fprintf(w, "  %s\n", paint(code, k))
			for _, f := range p.Findings {
				if f.Kind != k {
					continue
				}
				what := f.API
				if f.Resource != "" {
					what = strings.TrimSpace(what + " " + f.Resource)
				} else if f.Computed {
					what = strings.TrimSpace(what + " (computed)")
				}
				where := fmt.Sprintf("%s:%d", f.File, f.Line)
				if note := f.Note(); note != "" {
					where += " (" + note + ")"
				}
				fmt.Fprintf(w, "    %-40s %s\n", what, paint(ansiDim, where))
			}
		}
		if len(p.Reaches) > 0 {
			var parts []string
			for _, c := range sortedKinds(p.Reaches) {
				parts = append(parts, c+" via "+strings.Join(p.Reaches[c], ", "))
			}
			fmt.Fprintf(w, "  %s %s\n", paint(ansiDim, "reaches:"), strings.Join(parts, "; "))
		}
		for _, e := range p.Errors {
			fmt.Fprintf(w, "  %s %s\n", paint(ansiYel, "not analysed:"), e.Error())
		}
		fmt.Fprintln(w)
	}
	s := r.Summary
	_, err := fmt.Fprintf(w, "%d packages, %d files, %d findings in %d packages, %d files not analysed\n",
		s.Packages, s.Files, s.Findings, shown, s.Errors)
	return err
}

func kindsOf(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		if !slices.Contains(out, f.Kind) {
			out = append(out, f.Kind)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return Power(a) - Power(b) })
	return out
}

func sortedKinds[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int {
		if d := Power(a) - Power(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return out
}

// kindDescription explains a finding kind (SARIF rule help, markdown legend).
func kindDescription(kind string) string {
	if c, ok := policy.CapabilityOf(kind); ok {
		return c.Description
	}
	switch kind {
	case KindEval:
		return "evaluates strings as code (eval, new Function, vm)"
	case KindInstall:
		return "runs a lifecycle script when npm installs it (preinstall, install, postinstall)"
	case KindUndeclared:
		return "requires a package its package.json does not declare"
	case KindNetLiteral:
		return "a host or URL written in the code"
	case KindDynamic:
		return "require or import with a computed specifier"
	}
	return kind
}

// WriteMarkdown writes a summary table and the findings per package, for a pull request comment.
func WriteMarkdown(w io.Writer, r *Report) error {
	fmt.Fprintf(w, "### pkgbox audit\n\n")
	pkgs := r.ByPower()
	found := false
	for _, p := range pkgs {
		if len(p.Findings) > 0 {
			found = true
			break
		}
	}
	if !found {
		_, err := fmt.Fprintf(w, "No findings in %d packages (%d files).\n", r.Summary.Packages, r.Summary.Files)
		return err
	}
	fmt.Fprintf(w, "| package | version | asks for |\n|---|---|---|\n")
	for _, p := range pkgs {
		if len(p.Findings) == 0 {
			continue
		}
		var ks []string
		for _, k := range kindsOf(p.Findings) {
			ks = append(ks, "`"+k+"`")
		}
		fmt.Fprintf(w, "| `%s` | %s | %s |\n", mdEscape(p.Name), mdEscape(p.Version), strings.Join(ks, " "))
	}
	fmt.Fprintln(w)
	for _, p := range pkgs {
		if len(p.Findings) == 0 {
			continue
		}
		fmt.Fprintf(w, "<details><summary><code>%s@%s</code>: %d findings</summary>\n\n", htmlEscape(p.Name), htmlEscape(p.Version), len(p.Findings))
		fmt.Fprintf(w, "| kind | api | resource | where |\n|---|---|---|---|\n")
		for _, f := range p.Findings {
			res := f.Resource
			if res == "" && f.Computed {
				res = "(computed)"
			}
			test := ""
			if note := f.Note(); note != "" {
				test = " (" + note + ")"
			}
			fmt.Fprintf(w, "| `%s` | %s | %s | `%s:%d`%s |\n", f.Kind, mdCode(f.API), mdCode(res), mdEscape(f.File), f.Line, test)
		}
		fmt.Fprintf(w, "\n</details>\n\n")
	}
	s := r.Summary
	_, err := fmt.Fprintf(w, "%d packages, %d files, %d findings, %d files not analysed.\n", s.Packages, s.Files, s.Findings, s.Errors)
	return err
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "`", "'").Replace(s)
}

func mdCode(s string) string {
	if s == "" {
		return ""
	}
	return "`" + mdEscape(s) + "`"
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// SARIF 2.1.0, the subset GitHub code scanning reads: one run, one rule per finding kind,
// one result per finding with its physical location relative to the project root.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool                   `json:"tool"`
	Results []sarifResult               `json:"results"`
	BaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri,omitempty"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID               string         `json:"id"`
	Name             string         `json:"name"`
	ShortDescription sarifText      `json:"shortDescription"`
	FullDescription  sarifText      `json:"fullDescription"`
	Help             sarifText      `json:"help"`
	DefaultConfig    sarifConfig    `json:"defaultConfiguration"`
	Properties       map[string]any `json:"properties,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID     string          `json:"ruleId"`
	RuleIndex  int             `json:"ruleIndex"`
	Level      string          `json:"level"`
	Message    sarifText       `json:"message"`
	Locations  []sarifLocation `json:"locations"`
	Properties map[string]any  `json:"properties,omitempty"`
}

type sarifLocation struct {
	Physical sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	Artifact sarifArtifactLoc `json:"artifactLocation"`
	Region   *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

func sarifLevel(kind string) string {
	switch {
	case Power(kind) <= Power("fs.write"):
		return "error"
	case kind == KindNetLiteral || kind == KindUndeclared:
		return "note"
	}
	return "warning"
}

// WriteSARIF writes the report as SARIF 2.1.0; version is pkgbox's.
func WriteSARIF(w io.Writer, r *Report, version string) error {
	var kinds []string
	for _, p := range r.Packages {
		for _, f := range p.Findings {
			if !slices.Contains(kinds, f.Kind) {
				kinds = append(kinds, f.Kind)
			}
		}
	}
	slices.SortFunc(kinds, func(a, b string) int {
		if d := Power(a) - Power(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	rules := make([]sarifRule, len(kinds))
	for i, k := range kinds {
		rules[i] = sarifRule{ID: k, Name: sarifName(k),
			ShortDescription: sarifText{"Package asks for " + k},
			FullDescription:  sarifText{kindDescription(k)},
			Help:             sarifText{"Review the package's use of " + k + "; grant it in pkgbox.json only if the package needs it."},
			DefaultConfig:    sarifConfig{sarifLevel(k)},
			Properties:       map[string]any{"tags": []string{"security", "supply-chain"}},
		}
	}
	results := []sarifResult{}
	for _, p := range r.ByPower() {
		for _, f := range p.Findings {
			msg := fmt.Sprintf("%s@%s: %s", p.Name, p.Version, f.Message)
			props := map[string]any{"package": p.Name, "version": p.Version}
			if f.Resource != "" {
				props["resource"] = f.Resource
			}
			if f.Computed {
				props["computed"] = true
			}
			level := sarifLevel(f.Kind)
			if f.Test {
				props["test"] = true
				level = "note"
			}
			if f.Bin {
				props["bin"] = true
				level = "note"
			}
			if f.Unreached {
				props["unreached"] = true
				level = "note"
			}
			line := max(f.Line, 1)
			results = append(results, sarifResult{RuleID: f.Kind, RuleIndex: slices.Index(kinds, f.Kind),
				Level: level, Message: sarifText{msg},
				Locations: []sarifLocation{{Physical: sarifPhysical{
					Artifact: sarifArtifactLoc{URI: uriPath(f.File), URIBaseID: "%SRCROOT%"},
					Region:   &sarifRegion{StartLine: line, StartColumn: max(f.Column, 1)},
				}}},
				Properties: props,
			})
		}
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{Name: "pkgbox", Version: version,
				InformationURI: "https://github.com/pkgbox/pkgbox", Rules: rules}},
			Results: results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// sarifName is a rule name in the PascalCase SARIF viewers expect ("fs.read" → "FsRead").
func sarifName(kind string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(kind, func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// uriPath escapes a relative path as a URI reference.
func uriPath(p string) string {
	return strings.NewReplacer("%", "%25", " ", "%20", "#", "%23", "?", "%3F").Replace(p)
}
