package loader

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// Engine patches that V8 or Node have and real packages rely on, installed before lockdown after
// the intrinsics package (Intl, RegExp, WeakRef, ...). They hold no authority.
var enginePatchSource = `(function (asyncIterator) {
  'use strict';
  Object.defineProperty(Symbol, 'asyncIterator', { value: asyncIterator, writable: false, enumerable: false, configurable: false });
  // Node defines these (V8 does not yet); lowered 'using' declarations and Node's streams use them.
  for (const name of ['dispose', 'asyncDispose']) {
    if (!Symbol[name]) Object.defineProperty(Symbol, name, { value: Symbol.for('nodejs.' + name), writable: false, enumerable: false, configurable: false });
  }
})`

var enginePatchProgram = goja.MustCompile("engine.js", enginePatchSource, true)

func installEnginePatches(vm *goja.Runtime) error {
	fn, err := vm.RunProgram(enginePatchProgram)
	if err != nil {
		return err
	}
	call, _ := goja.AssertFunction(fn)
	_, err = call(goja.Undefined(), goja.NewSymbol("Symbol.asyncIterator"))
	return err
}

// gojaFrame matches the position suffix goja writes in stack traces: "file:3:14(27)".
var gojaFrame = regexp.MustCompile(`:(\d+):(\d+)\(\d+\)`)

// v8Stack rewrites a goja stack string into V8's layout ("    at f (file:1:2)"), which is what
// users, tests and stack-parsing packages expect.
func v8Stack(s string) string {
	if !strings.Contains(s, "\tat ") {
		return s
	}
	s = strings.ReplaceAll(s, "\tat ", "    at ")
	s = gojaFrame.ReplaceAllString(s, ":$1:$2")
	return strings.TrimRight(s, "\n")
}

// frameString formats one captured frame like V8.
func frameString(f *goja.StackFrame) string {
	pos := f.Position()
	name := f.FuncName()
	file := pos.Filename
	if file == "" {
		if name == "<native>" || name == "<anonymous>" {
			return "<anonymous>"
		}
		return name + " (native)"
	}
	loc := file + ":" + strconv.Itoa(pos.Line) + ":" + strconv.Itoa(pos.Column)
	if name == "<anonymous>" {
		return loc
	}
	return name + " (" + loc + ")"
}
