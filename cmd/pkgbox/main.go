// Command pkgbox runs Node-style apps with every npm package in its own compartment.
package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/pkgbox/pkgbox/loader"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run executes the command line and returns the process exit status.
func run(args []string) int {
	status := 0
	root := &cobra.Command{
		Use:           "pkgbox",
		Short:         "Run Node-style apps with every npm package sandboxed",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(runCommand(&status), callCommand(&status), versionCommand(), auditCommand(), initCommand(), checkCommand())
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "pkgbox:", err)
		var ee *exitError
		if errors.As(err, &ee) {
			return ee.code
		}
		return 2
	}
	return status
}

type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func runCommand(status *int) *cobra.Command {
	var rc runConfig
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "run [flags] ENTRY [ARGS...]",
		Short: "Run a Node-style app (a .js, .cjs, .mjs or .ts file, or a folder with package.json)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if rc.memoryMB > 0 && os.Getenv(supervisedEnv) == "" {
				// The run itself happens in a child process, so that even a fatal error of the Go
				// runtime (an allocation no machine can satisfy) ends with a clean status.
				*status = supervise(rc.memoryMB)
				return nil
			}
			root, err := appRoot(args[0])
			if err != nil {
				return err
			}
			// Read the manifest and policies first: a run never starts with one it could not read.
			engine, closeReport, err := rc.engine(root)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			defer func() {
				if err := closeReport(); err != nil {
					fmt.Fprintln(os.Stderr, "pkgbox: --report:", err)
				}
			}()
			if rc.allowAll {
				fmt.Fprintln(os.Stderr, "pkgbox: warning: --allow-all: every package gets every capability (use for compatibility testing only)")
			}
			rt, err := loader.New(loader.Options{Args: args[1:], AllowAll: rc.allowAll, Policy: engine, RunFlags: rc.forkFlags(root)})
			if err != nil {
				return err
			}
			if timeout > 0 {
				stop := rt.SetTimeout(timeout)
				defer stop()
			}
			if rc.memoryMB > 0 {
				stop := rt.SetMemoryLimit(int64(rc.memoryMB) << 20)
				defer stop()
			}
			code, err := rt.Run(args[0])
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			if engine != nil {
				if err := engine.ReportError(); err != nil {
					fmt.Fprintln(os.Stderr, "pkgbox: --report:", err)
				}
			}
			*status = code
			return nil
		},
	}
	cmd.Flags().SetInterspersed(false)
	cmd.Flags().StringVar(&rc.config, "config", "", "the manifest (default: pkgbox.json in the app root)")
	cmd.Flags().StringArrayVar(&rc.policies, "policy", nil, "an extra Rego policy file (repeatable)")
	cmd.Flags().StringVar(&rc.mode, "mode", "enforce", "enforce: a denied call throws; warn: it is allowed, logged and reported")
	cmd.Flags().StringVar(&rc.report, "report", "", "append every denied (in warn mode: would-be-denied) capability use to FILE as JSON lines")
	cmd.Flags().BoolVar(&rc.allowAll, "allow-all", false, "give every package every capability (prints a warning; for compatibility testing only)")
	cmd.Flags().DurationVar(&timeout, "timeout", 0, "wall-clock limit for the whole run (Go duration, e.g. 30s); exceeded: exit status 124")
	cmd.Flags().IntVar(&rc.memoryMB, "memory-limit", 0, "heap limit for JavaScript in MB; exceeded: exit status 137")
	return cmd
}

func versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print pkgbox's version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Printf("pkgbox %s (node %s compatible)\n", loader.Version, loader.NodeVersion)
		},
	}
}
