package loader

import (
	"encoding/base64"
	"strings"

	"github.com/dop251/goja"
)

// atob and btoa follow the HTML standard's forgiving-base64 rules, as Node's do.

func (rt *Runtime) invalidCharacter(msg string) *goja.Object {
	c := rt.app
	if c != nil {
		if ctor, ok := c.globalValue("DOMException").(*goja.Object); ok {
			if e, err := rt.vm.New(ctor, rt.vm.ToValue(msg), rt.vm.ToValue("InvalidCharacterError")); err == nil {
				return e
			}
		}
	}
	return rt.nodeError("Error", "ERR_INVALID_CHARACTER", msg)
}

func (rt *Runtime) atob(call goja.FunctionCall) goja.Value {
	if len(call.Arguments) == 0 {
		panic(rt.nodeError("TypeError", "ERR_MISSING_ARGS", `The "input" argument must be specified`))
	}
	s := call.Argument(0).String()
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\f', '\r':
			continue
		}
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r == '/' || r == '=') {
			panic(rt.invalidCharacter("Invalid character"))
		}
		b.WriteRune(r)
	}
	in := b.String()
	if len(in)%4 == 0 {
		in = strings.TrimSuffix(strings.TrimSuffix(in, "="), "=")
	}
	if len(in)%4 == 1 || strings.Contains(in, "=") {
		panic(rt.invalidCharacter("The string to be decoded is not correctly encoded."))
	}
	data, err := base64.RawStdEncoding.Strict().DecodeString(in)
	if err != nil {
		// Non-zero trailing bits are allowed by the forgiving algorithm.
		data, err = base64.RawStdEncoding.DecodeString(in)
		if err != nil {
			panic(rt.invalidCharacter("The string to be decoded is not correctly encoded."))
		}
	}
	runes := make([]rune, len(data))
	for i, c := range data {
		runes[i] = rune(c)
	}
	return rt.vm.ToValue(string(runes))
}

func (rt *Runtime) btoa(call goja.FunctionCall) goja.Value {
	if len(call.Arguments) == 0 {
		panic(rt.nodeError("TypeError", "ERR_MISSING_ARGS", `The "input" argument must be specified`))
	}
	s := call.Argument(0).String()
	data := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			panic(rt.invalidCharacter("Invalid character"))
		}
		data = append(data, byte(r))
	}
	return rt.vm.ToValue(base64.StdEncoding.EncodeToString(data))
}
