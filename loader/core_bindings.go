package loader

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// coreBindings gives each core builtin (loader/node/core) its Go half for a compartment.
var coreBindings = map[string]func(c *Compartment) goja.Value{
	"internal/process": func(c *Compartment) goja.Value { return c.sharedBinding("process", c.processBinding) },
	"internal/stdio":   func(c *Compartment) goja.Value { return c.sharedBinding("process", c.processBinding) },
	"console":          func(c *Compartment) goja.Value { return c.consoleBinding() },
	"tty":              func(c *Compartment) goja.Value { return c.sharedBinding("process", c.processBinding) },
	"os":               func(c *Compartment) goja.Value { return c.osBinding() },
	"async_hooks":      func(c *Compartment) goja.Value { return c.asyncHooksBinding() },
	"perf_hooks":       func(c *Compartment) goja.Value { return c.perfBinding() },
}

// goBuiltins are modules built entirely in Go.
func goBuiltins() map[string]*builtinDef {
	return map[string]*builtinDef{
		"module": {name: "module", init: func(c *Compartment, m *goja.Object) {
			_ = m.Set("exports", c.moduleConstructor())
		}},
		"process": {name: "process", init: func(c *Compartment, m *goja.Object) {
			_ = m.Set("exports", c.process())
		}},
	}
}

// sharedBinding builds a binding once per compartment and reuses it for every builtin that asks.
func (c *Compartment) sharedBinding(key string, build func() goja.Value) goja.Value {
	k := "\x00binding:" + key
	if v, ok := c.values[k]; ok {
		return v
	}
	v := build()
	c.values[k] = v
	return v
}

func (c *Compartment) consoleBinding() goja.Value {
	rt := c.rt
	vm := rt.vm
	b := vm.NewObject()
	_ = b.Set("write", rt.nativeFunc("write", 2, func(call goja.FunctionCall) goja.Value {
		rt.writeFD(int(call.Argument(0).ToInteger()), call.Argument(1), nil)
		return goja.Undefined()
	}))
	_ = b.Set("format", rt.nativeFunc("format", 1, func(call goja.FunctionCall) goja.Value {
		args, ok := call.Argument(0).(*goja.Object)
		if !ok {
			return goja.Undefined()
		}
		s, ok := fastFormat(vm, args)
		if !ok {
			return goja.Undefined()
		}
		return vm.ToValue(s)
	}))
	_ = b.Set("colors", rt.nativeFunc("colors", 1, func(call goja.FunctionCall) goja.Value {
		fd := int(call.Argument(0).ToInteger())
		return vm.ToValue(rt.isatty(fd) && rt.colorDepth() > 2)
	}))
	_ = b.Set("now", rt.nativeFunc("now", 0, func(goja.FunctionCall) goja.Value {
		return vm.ToValue(float64(time.Since(processOrigin).Nanoseconds()) / 1e6)
	}))
	return b
}

// fastFormat renders console.log arguments that are all primitives, with no format directive in
// the first one, exactly as util.format would; ok is false when util.format is needed.
func fastFormat(vm *goja.Runtime, args *goja.Object) (string, bool) {
	n := int(args.Get("length").ToInteger())
	var b strings.Builder
	for i := 0; i < n; i++ {
		v := args.Get(strconv.Itoa(i))
		if i > 0 {
			b.WriteByte(' ')
		}
		if v == nil || goja.IsUndefined(v) {
			b.WriteString("undefined")
			continue
		}
		if goja.IsNull(v) {
			b.WriteString("null")
			continue
		}
		if _, isObj := v.(*goja.Object); isObj {
			return "", false
		}
		switch x := v.Export().(type) {
		case string:
			if i == 0 && strings.IndexByte(x, '%') >= 0 && n > 1 {
				return "", false
			}
			b.WriteString(x)
		case bool:
			b.WriteString(strconv.FormatBool(x))
		case int64:
			b.WriteString(strconv.FormatInt(x, 10))
		case float64:
			if x == 0 && math.Signbit(x) {
				b.WriteString("-0")
			} else {
				b.WriteString(v.String())
			}
		case *big.Int:
			b.WriteString(x.String())
			b.WriteByte('n')
		default:
			return "", false
		}
	}
	return b.String(), true
}

func (c *Compartment) perfBinding() goja.Value {
	rt := c.rt
	vm := rt.vm
	b := vm.NewObject()
	_ = b.Set("now", rt.nativeFunc("now", 0, func(goja.FunctionCall) goja.Value {
		return vm.ToValue(float64(time.Since(processOrigin).Nanoseconds()) / 1e6)
	}))
	_ = b.Set("timeOrigin", float64(processOrigin.UnixNano())/1e6)
	return b
}
