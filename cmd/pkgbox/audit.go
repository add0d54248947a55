package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"

	"github.com/spf13/cobra"

	"github.com/pkgbox/pkgbox/loader"
	"github.com/pkgbox/pkgbox/manifests/audit"
)

func auditCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "audit [flags] [DIR]",
		Short: "Report which packages request which capabilities, and where in their code",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return &exitError{code: 2, err: err}
			}
			r, _, err := runAudit(dirArg(args), cmd.ErrOrStderr(), false)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			if err := writeReport(cmd.OutOrStdout(), r, format); err != nil {
				return &exitError{code: 2, err: err}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json, sarif or markdown")
	return cmd
}

func dirArg(args []string) string {
	if len(args) == 0 {
		return "."
	}
	return args[0]
}

func checkFormat(f string) error {
	switch f {
	case "text", "json", "sarif", "markdown":
		return nil
	}
	return fmt.Errorf("--format %q: expected text, json, sarif or markdown", f)
}

func writeReport(w io.Writer, r *audit.Report, format string) error {
	switch format {
	case "json":
		return audit.WriteJSON(w, r)
	case "sarif":
		return audit.WriteSARIF(w, r, loader.Version)
	case "markdown":
		return audit.WriteMarkdown(w, r)
	}
	return audit.WriteText(w, r, isTerminal(w) && os.Getenv("NO_COLOR") == "")
}

// GC settings of an audit; see runAudit.
const (
	gcPercent   = 400
	gcSoftLimit = 384 << 20
)

// runAudit audits the project at dir, drawing a progress line on stderr when it is a terminal;
// loadedOnly reads only the files the app may load, which is all init and check look at.
func runAudit(dir string, stderr io.Writer, loadedOnly bool) (*audit.Report, *auditInventory, error) {
	opts := audit.Options{LoadedOnly: loadedOnly}
	if isTerminal(stderr) {
		opts.Progress = progressLine(stderr)
	}
	// Parsing allocates a syntax tree per file and drops it at once; with the default GC
	// target a fifth of an audit went to collecting them. A higher target (unless GOGC says
	// otherwise) trades peak memory for that time; the soft limit bounds the trade.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(gcPercent))
		if os.Getenv("GOMEMLIMIT") == "" {
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(gcSoftLimit))
		}
	}
	r, inv, err := audit.Audit(dir, opts)
	if err != nil {
		return nil, nil, err
	}
	return r, &auditInventory{root: inv.Root}, nil
}

// progressLine draws "pkgbox: auditing N/M files (P%)" on one terminal line, redrawn as
// the percentage grows, and clears it when the last file is done.
func progressLine(w io.Writer) func(done, total int) {
	var mu sync.Mutex
	last, shown := -1, 0
	return func(done, total int) {
		if total < 200 {
			return // small trees finish before a bar helps
		}
		mu.Lock()
		defer mu.Unlock()
		// Workers report in any order: a late, lower count must not redraw the line
		// after the last one cleared it.
		if done <= shown {
			return
		}
		shown = done
		if done == total {
			fmt.Fprint(w, "\r\x1b[K")
			return
		}
		if pct := done * 100 / total; pct != last {
			last = pct
			fmt.Fprintf(w, "\rpkgbox: auditing %d/%d files (%d%%)", done, total, pct)
		}
	}
}

type auditInventory struct{ root string }

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
