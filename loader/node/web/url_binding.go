package web

import (
	"encoding/binary"
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/net/idna"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// urlBinding is what url.js reaches Go through. Parsing returns the serialization and writes the
// component offsets into one shared buffer per compartment, which url.js copies right away: no
// Go value outlives the call, and a URL costs JavaScript one string and twelve numbers.
func urlBinding(h host.Host) *goja.Object {
	vm := h.VM()
	shared := make([]byte, numOffsets*4)
	publish := func(u *urlRecord) goja.Value {
		var offs [numOffsets]uint32
		href := u.serialize(&offs)
		for i, v := range offs {
			binary.NativeEndian.PutUint32(shared[i*4:], v)
		}
		return vm.ToValue(href)
	}
	// parseWithBase parses input against an optional base string, as new URL(input, base) does.
	parseWithBase := func(input, base goja.Value) (*urlRecord, bool) {
		var b *urlRecord
		if base != nil && !goja.IsUndefined(base) {
			var ok bool
			if b, ok = parseURL(base.String(), nil, nil, noOverride); !ok {
				return nil, false
			}
		}
		return parseURL(input.String(), b, nil, noOverride)
	}

	o := vm.NewObject()
	must(o.Set("offsets", vm.NewArrayBuffer(shared)))
	must(o.Set("parse", h.Func("parse", 2, func(call goja.FunctionCall) goja.Value {
		u, ok := parseWithBase(call.Argument(0), call.Argument(1))
		if !ok {
			return goja.Undefined()
		}
		return publish(u)
	})))
	must(o.Set("canParse", h.Func("canParse", 2, func(call goja.FunctionCall) goja.Value {
		_, ok := parseWithBase(call.Argument(0), call.Argument(1))
		return vm.ToValue(ok)
	})))
	// update(href, which, value) runs a setter on a serialization url.js produced earlier.
	must(o.Set("update", h.Func("update", 3, func(call goja.FunctionCall) goja.Value {
		u, ok := parseURL(call.Argument(0).String(), nil, nil, noOverride)
		if !ok {
			panic(vm.NewTypeError("URL update: the stored href is not a valid URL"))
		}
		return publish(applySetter(u, int(call.Argument(1).ToInteger()), call.Argument(2).String()))
	})))
	must(o.Set("origin", h.Func("origin", 1, func(call goja.FunctionCall) goja.Value {
		u, ok := parseURL(call.Argument(0).String(), nil, nil, noOverride)
		if !ok {
			return vm.ToValue("null")
		}
		return vm.ToValue(u.origin())
	})))
	must(o.Set("domainToASCII", h.Func("domainToASCII", 1, func(call goja.FunctionCall) goja.Value {
		host, _ := hostnameForDomain(call.Argument(0).String())
		return vm.ToValue(host)
	})))
	must(o.Set("domainToUnicode", h.Func("domainToUnicode", 1, func(call goja.FunctionCall) goja.Value {
		host, ok := hostnameForDomain(call.Argument(0).String())
		if !ok {
			return vm.ToValue("")
		}
		return vm.ToValue(hostToUnicode(host))
	})))
	must(o.Set("parseParams", h.Func("parseParams", 1, func(call goja.FunctionCall) goja.Value {
		pairs := parseForm(call.Argument(0).String())
		vals := make([]any, len(pairs))
		for i, s := range pairs {
			vals[i] = s
		}
		return vm.NewArray(vals...)
	})))
	must(o.Set("serializeParams", h.Func("serializeParams", 1, func(call goja.FunctionCall) goja.Value {
		var list []string
		if err := vm.ExportTo(call.Argument(0), &list); err != nil {
			panic(vm.NewTypeError("serializeParams: expected an array of strings"))
		}
		return vm.ToValue(serializeForm(list))
	})))
	// toUSV replaces lone surrogates with U+FFFD (WebIDL's USVString conversion).
	must(o.Set("toUSV", h.Func("toUSV", 1, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(call.Argument(0).String())
	})))
	return o
}

// hostnameForDomain is how Node's url.domainToASCII works: the hostname setter of "ws://x".
func hostnameForDomain(domain string) (string, bool) {
	if domain == "" {
		return "", false
	}
	u, _ := parseURL("ws://x", nil, nil, noOverride)
	before := u.host
	c := *u
	if _, ok := parseURL(domain, nil, &c, hostnameState); !ok && c.host == before {
		return "", false
	}
	return c.host, true
}

// hostToUnicode decodes each punycode label, keeping a label that does not decode as it is.
func hostToUnicode(host string) string {
	labels := strings.Split(host, ".")
	for i, l := range labels {
		if strings.HasPrefix(l, "xn--") {
			if u, err := idna.Punycode.ToUnicode(l); err == nil {
				labels[i] = u
			}
		}
	}
	return strings.Join(labels, ".")
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
