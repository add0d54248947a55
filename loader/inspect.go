package loader

import (
	"github.com/dop251/goja"
)

// inspectValue renders v like util.inspect does, through the app compartment's util module.
func (rt *Runtime) inspectValue(v goja.Value) string {
	if s, ok := rt.utilInspect(v); ok {
		return s
	}
	if v == nil {
		return "undefined"
	}
	return v.String()
}

// inspectForError renders an uncaught error as Node prints it: its stack (in V8's layout) and any
// extra own properties.
func (rt *Runtime) inspectForError(v goja.Value) string {
	if obj, ok := v.(*goja.Object); ok {
		if st, ok := obj.Get("stack").Export().(string); ok {
			_ = obj.DefineDataProperty("stack", rt.vm.ToValue(v8Stack(st)), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
	}
	if s, ok := rt.utilInspect(v); ok {
		return s
	}
	if obj, ok := v.(*goja.Object); ok {
		if st := obj.Get("stack"); st != nil {
			return st.String()
		}
	}
	return v.String()
}

func (rt *Runtime) utilInspect(v goja.Value) (s string, ok bool) {
	if rt.app == nil || rt.builtins["util"] == nil {
		return "", false
	}
	defer func() {
		if r := recover(); r != nil {
			s, ok = "", false
		}
	}()
	util, isObj := rt.app.builtinExports("util").(*goja.Object)
	if !isObj {
		return "", false
	}
	inspect, isFn := goja.AssertFunction(util.Get("inspect"))
	if !isFn {
		return "", false
	}
	out, err := inspect(util, v)
	if err != nil {
		return "", false
	}
	return out.String(), true
}
