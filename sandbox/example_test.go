package sandbox_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pkgbox/pkgbox/sandbox"
)

// A Go service calls a function from a folder of user-supplied files. Each call starts fresh and
// holds no capability.
func Example() {
	s, err := sandbox.Open("../fixtures/sandbox", sandbox.Options{Timeout: 2 * time.Second})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	rate, err := s.Call(context.Background(), "rules.ts", "discount",
		map[string]any{"total": 250, "items": []string{"book", "pen"}})
	fmt.Println(rate, err)
	// Output: 0.1 <nil>
}

// What the called code throws comes back as an *Error with its JavaScript name, message, code
// and stack; a capability the folder was not granted is ERR_PKGBOX_DENIED.
func ExampleSandbox_Call_errors() {
	s, err := sandbox.Open("../fixtures/sandbox", sandbox.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	_, err = s.Call(context.Background(), "fns.js", "readFile", "/etc/passwd")
	var jsErr *sandbox.Error
	if errors.As(err, &jsErr) {
		fmt.Println(jsErr.Name, jsErr.Code)
	}
	// Output: Error ERR_PKGBOX_DENIED
}

// A call that runs too long ends with ErrTimeout; the sandbox keeps serving calls.
func ExampleOptions_timeout() {
	s, err := sandbox.Open("../fixtures/sandbox", sandbox.Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	_, err = s.Call(context.Background(), "fns.js", "loop")
	fmt.Println(errors.Is(err, sandbox.ErrTimeout))
	sum, _ := s.Call(context.Background(), "fns.js", "add", 20, 22)
	fmt.Println(sum)
	// Output:
	// true
	// 42
}

// Maps, Sets, Dates, typed arrays and errors cross with their types.
func ExampleSandbox_Call_values() {
	s, err := sandbox.Open("../fixtures/sandbox", sandbox.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	out, _ := s.Call(context.Background(), "fns.js", "echo",
		sandbox.Map{{Key: "a", Value: 1}}, time.Unix(0, 0), []byte("hi"))
	for _, v := range out.([]any) {
		fmt.Printf("%T %v\n", v, v)
	}
	// Output:
	// sandbox.Map [{a 1}]
	// time.Time 1970-01-01 00:00:00 +0000 UTC
	// []uint8 [104 105]
}
