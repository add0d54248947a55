package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/pkgbox/pkgbox/sandbox"
)

// callCommand is `pkgbox call`: the embedding API (package sandbox) from the command line.
func callCommand(status *int) *cobra.Command {
	var (
		config   string
		policies []string
		timeout  time.Duration
		memoryMB int
	)
	cmd := &cobra.Command{
		Use:   "call [flags] DIR FILE EXPORT [JSON-ARGS]",
		Short: "Call one exported function of a folder of untrusted code in a fresh sandbox",
		Long: `Loads FILE (inside DIR) in a fresh sandbox, calls its export EXPORT ("" for module.exports)
with the arguments of JSON-ARGS (a JSON array, default []), awaits a returned promise and prints
the result as JSON on stdout. The code holds no capability unless DIR's pkgbox.json grants it
("app" for DIR's own files). Console output of the code goes to stderr.

Exit status: 0 with a result; 1 when the function threw (the error on stderr); 124 on --timeout;
137 on --memory-limit; 2 when DIR, FILE, the manifest or JSON-ARGS cannot be used.`,
		Args: cobra.RangeArgs(3, 4),
		RunE: func(cmd *cobra.Command, args []string) error {
			var callArgs []any
			if len(args) == 4 {
				dec := json.NewDecoder(bytes.NewReader([]byte(args[3])))
				dec.UseNumber()
				var list []any
				if err := dec.Decode(&list); err != nil {
					return &exitError{code: 2, err: fmt.Errorf("JSON-ARGS: %v (expected a JSON array of arguments, e.g. '[1, \"a\"]')", err)}
				}
				if dec.More() {
					return &exitError{code: 2, err: errors.New("JSON-ARGS: text after the array (expected one JSON array of arguments)")}
				}
				for _, a := range list {
					v, err := fromJSONNumbers(a)
					if err != nil {
						return &exitError{code: 2, err: fmt.Errorf("JSON-ARGS: %w", err)}
					}
					callArgs = append(callArgs, v)
				}
			}
			s, err := sandbox.Open(args[0], sandbox.Options{
				Manifest: config, Policies: policies, Timeout: timeout, MemoryLimit: int64(memoryMB) << 20,
				Stdout: os.Stderr, Stderr: os.Stderr, Runtimes: 1,
			})
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			defer s.Close()
			result, err := s.Call(context.Background(), args[1], args[2], callArgs...)
			if err != nil {
				*status = callFailure(os.Stderr, err)
				return nil
			}
			out, err := json.Marshal(toJSON(result))
			if err != nil {
				return &exitError{code: 1, err: fmt.Errorf("the result: %w", err)}
			}
			fmt.Fprintf(os.Stdout, "%s\n", out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&config, "config", "", "the manifest (default DIR/pkgbox.json when it exists)")
	f.StringArrayVar(&policies, "policy", nil, "an extra Rego policy file (repeatable)")
	f.DurationVar(&timeout, "timeout", 0, "end the call after this long (exit status 124)")
	f.IntVar(&memoryMB, "memory-limit", 0, "end the call when it grows the heap by more than this many MB (exit status 137)")
	return cmd
}

// callFailure prints why a call failed and returns the exit status.
func callFailure(w io.Writer, err error) int {
	var jsErr *sandbox.Error
	switch {
	case errors.Is(err, sandbox.ErrTimeout):
		fmt.Fprintln(w, "pkgbox:", err)
		return 124
	case errors.Is(err, sandbox.ErrMemoryLimit):
		fmt.Fprintln(w, "pkgbox:", err)
		return 137
	case errors.As(err, &jsErr):
		if jsErr.Stack != "" {
			fmt.Fprintln(w, "Uncaught", jsErr.Stack)
		} else {
			fmt.Fprintln(w, "Uncaught", jsErr.Error())
		}
		return 1
	}
	var ee *exitError
	if errors.As(err, &ee) {
		fmt.Fprintln(w, "pkgbox:", err)
		return ee.code
	}
	fmt.Fprintln(w, "pkgbox:", err)
	if errors.Is(err, sandbox.ErrNeverSettles) || errors.Is(err, sandbox.ErrExit) {
		return 1
	}
	return 2
}

// fromJSONNumbers turns the json.Numbers of a decoded argument into float64, or *big.Int for
// integers a float64 cannot hold exactly.
func fromJSONNumbers(v any) (any, error) {
	switch x := v.(type) {
	case json.Number:
		if f, err := x.Float64(); err == nil && (f == math.Trunc(f) && math.Abs(f) <= 1<<53 || f != math.Trunc(f)) {
			return f, nil
		}
		if n, ok := new(big.Int).SetString(x.String(), 10); ok {
			return n, nil
		}
		return nil, fmt.Errorf("the number %s is out of range", x)
	case []any:
		for i := range x {
			var err error
			if x[i], err = fromJSONNumbers(x[i]); err != nil {
				return nil, err
			}
		}
	case map[string]any:
		for k := range x {
			var err error
			if x[k], err = fromJSONNumbers(x[k]); err != nil {
				return nil, err
			}
		}
	}
	return v, nil
}

// toJSON maps a call's result onto JSON as JSON.stringify would where it can (Dates as ISO
// strings, undefined and non-finite numbers as null), and keeps what JSON.stringify drops:
// Maps as [key, value] pairs, Sets and typed arrays as arrays, BigInts as exact numbers,
// RegExps as "/source/flags", errors as {name, message, code, stack}.
func toJSON(v any) any {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return x
	case *big.Int:
		return json.Number(x.String())
	case time.Time:
		return x.UTC().Format("2006-01-02T15:04:05.000Z")
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = toJSON(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = toJSON(e)
		}
		return out
	case sandbox.Map:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = []any{toJSON(e.Key), toJSON(e.Value)}
		}
		return out
	case sandbox.Set:
		return toJSON([]any(x))
	case []byte:
		return bytesJSON(x)
	case sandbox.ArrayBuffer:
		return bytesJSON(x)
	case sandbox.Uint8Clamped:
		return bytesJSON(x)
	case *sandbox.RegExp:
		return x.String()
	case *sandbox.Error:
		e := map[string]any{"name": x.Name, "message": x.Message}
		if x.Code != "" {
			e["code"] = x.Code
		}
		if x.Stack != "" {
			e["stack"] = x.Stack
		}
		if x.Cause != nil {
			e["cause"] = toJSON(x.Cause)
		}
		return e
	}
	return v // nil, bool, string, Undefined (null), typed slices of numbers
}

// bytesJSON writes bytes as an array of numbers (encoding/json would write base64).
func bytesJSON(b []byte) []int {
	out := make([]int, len(b))
	for i, c := range b {
		out[i] = int(c)
	}
	return out
}
