package loader

import (
	"github.com/pkgbox/pkgbox/policy"
	"strings"

	"github.com/dop251/goja"
)

// environment is the process environment, shared by every compartment; each compartment sees it
// through its own process.env view filtered by env.read and env.write.
type environment struct {
	vars  map[string]string
	order []string
}

func newEnvironment(kv []string) *environment {
	e := &environment{vars: map[string]string{}}
	for _, s := range kv {
		k, v, ok := strings.Cut(s, "=")
		if !ok || k == "" {
			continue
		}
		if _, dup := e.vars[k]; !dup {
			e.order = append(e.order, k)
		}
		e.vars[k] = v
	}
	return e
}

func (e *environment) set(k, v string) {
	if _, ok := e.vars[k]; !ok {
		e.order = append(e.order, k)
	}
	e.vars[k] = v
}

func (e *environment) unset(k string) {
	if _, ok := e.vars[k]; !ok {
		return
	}
	delete(e.vars, k)
	for i, x := range e.order {
		if x == k {
			e.order = append(e.order[:i], e.order[i+1:]...)
			break
		}
	}
}

// List returns KEY=VALUE pairs, for child processes.
func (e *environment) List() []string {
	out := make([]string, 0, len(e.order))
	for _, k := range e.order {
		out = append(out, k+"="+e.vars[k])
	}
	return out
}

// envView is one compartment's process.env. Reads of variables the compartment may not read
// behave as if they were unset; enumeration lists only readable names.
type envView struct {
	c *Compartment
	// readable remembers the gate's answer for each name asked: a package that tests a
	// variable in a loop asks once (so --report and warn mode list it once per package).
	readable map[string]bool
}

// mayRead asks the gate whether the compartment may read key, set or not: a run in warn mode
// then records that the package reads a variable even where it is unset, so that a manifest
// learnt from that run (init --from-report) grants it where it is set (NODE_ENV in production).
func (v *envView) mayRead(key string) bool {
	if ok, asked := v.readable[key]; asked {
		return ok
	}
	ok := v.c.allowed(capEnvRead, policy.Resource{Name: key}, "process.env")
	if v.readable == nil {
		v.readable = map[string]bool{}
	}
	v.readable[key] = ok
	return ok
}

func (v *envView) Get(key string) goja.Value {
	if !v.mayRead(key) {
		return nil
	}
	val, ok := v.c.rt.env.vars[key]
	if !ok {
		return nil
	}
	return v.c.rt.vm.ToValue(val)
}

func (v *envView) Set(key string, val goja.Value) bool {
	v.c.check(capEnvWrite, policy.Resource{Name: key}, "process.env")
	// Node stores every value as a string.
	v.c.rt.env.set(key, val.String())
	return true
}

func (v *envView) Has(key string) bool {
	if !v.mayRead(key) {
		return false
	}
	_, ok := v.c.rt.env.vars[key]
	return ok
}

func (v *envView) Delete(key string) bool {
	if _, ok := v.c.rt.env.vars[key]; !ok {
		return true
	}
	v.c.check(capEnvWrite, policy.Resource{Name: key}, "process.env")
	v.c.rt.env.unset(key)
	return true
}

func (v *envView) Keys() []string {
	keys := make([]string, 0, len(v.c.rt.env.order))
	for _, k := range v.c.rt.env.order {
		if v.mayRead(k) {
			keys = append(keys, k)
		}
	}
	return keys
}
