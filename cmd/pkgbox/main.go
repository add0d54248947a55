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
	root.AddCommand(runCommand(&status), versionCommand())
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
	var allowAll bool
	var timeout time.Duration
	var memoryMB int
	cmd := &cobra.Command{
		Use:   "run [flags] ENTRY [ARGS...]",
		Short: "Run a Node-style app (a .js, .cjs, .mjs or .ts file, or a folder with package.json)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if memoryMB > 0 && os.Getenv(supervisedEnv) == "" {
				// The run itself happens in a child process, so that even a fatal error of the Go
				// runtime (an allocation no machine can satisfy) ends with a clean status.
				*status = supervise(memoryMB)
				return nil
			}
			if allowAll {
				fmt.Fprintln(os.Stderr, "pkgbox: warning: --allow-all: every package gets every capability (use for compatibility testing only)")
			}
			rt, err := loader.New(loader.Options{Args: args[1:], AllowAll: allowAll})
			if err != nil {
				return err
			}
			if timeout > 0 {
				stop := rt.SetTimeout(timeout)
				defer stop()
			}
			if memoryMB > 0 {
				stop := rt.SetMemoryLimit(int64(memoryMB) << 20)
				defer stop()
			}
			code, err := rt.Run(args[0])
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			*status = code
			return nil
		},
	}
	cmd.Flags().SetInterspersed(false)
	cmd.Flags().BoolVar(&allowAll, "allow-all", false, "give every package every capability (prints a warning; for compatibility testing only)")
	cmd.Flags().DurationVar(&timeout, "timeout", 0, "wall-clock limit for the whole run (Go duration, e.g. 30s); exceeded: exit status 124")
	cmd.Flags().IntVar(&memoryMB, "memory-limit", 0, "heap limit for JavaScript in MB; exceeded: exit status 137")
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
