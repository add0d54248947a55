package net

import (
	"context"
	"net"
	"strings"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/policy"
)

// lookup is dns.lookup: the system resolver (hosts file included) after the net.resolve gate.
func (b *binding) lookup(call goja.FunctionCall) goja.Value {
	raw := call.Argument(0).String()
	fam := int(call.Argument(1).ToInteger())
	api := call.Argument(2).String()
	cb, ok := goja.AssertFunction(call.Argument(3))
	if !ok {
		panic(b.vm.NewTypeError("net binding: lookup needs a callback"))
	}
	name, ip := normalizeHost(raw)
	if d := b.h.Check("net.resolve", policy.Resource{Host: name}, api); d != nil {
		b.later(cb, b.denied(d))
		return goja.Undefined()
	}
	if ip != nil {
		b.later(cb, goja.Null(), b.addrList([]net.IP{ip}))
		return goja.Undefined()
	}
	release := b.h.Hold()
	go func() {
		ips, err := lookupIP(fam, name)
		b.h.Post(func() {
			defer release()
			if err != nil {
				info := b.errInfo(err, "getaddrinfo", "", 0)
				b.set(info, "hostname", raw)
				b.call(cb, info)
				return
			}
			b.call(cb, goja.Null(), b.addrList(ips))
		})
	}()
	return goja.Undefined()
}

func (b *binding) addrList(ips []net.IP) goja.Value {
	out := make([]any, len(ips))
	for i, ip := range ips {
		f := 6
		if ip.To4() != nil {
			f = 4
		}
		out[i] = b.vm.NewArray(ip.String(), f)
	}
	return b.vm.NewArray(out...)
}

func (b *binding) later(cb goja.Callable, args ...goja.Value) {
	b.h.Post(func() { b.call(cb, args...) })
}

func (b *binding) call(cb goja.Callable, args ...goja.Value) {
	if _, err := cb(goja.Undefined(), args...); err != nil {
		panic(err)
	}
}

// resolve is dns.resolve*(host) and dns.reverse(ip) (rrtype "PTR" on an address).
func (b *binding) resolve(call goja.FunctionCall) goja.Value {
	raw := call.Argument(0).String()
	rr := call.Argument(1).String()
	api := call.Argument(2).String()
	cb, ok := goja.AssertFunction(call.Argument(3))
	if !ok {
		panic(b.vm.NewTypeError("net binding: resolve needs a callback"))
	}
	name, _ := normalizeHost(raw)
	if d := b.h.Check("net.resolve", policy.Resource{Host: name}, api); d != nil {
		b.later(cb, b.denied(d))
		return goja.Undefined()
	}
	release := b.h.Hold()
	go func() {
		res, err := query(rr, name)
		b.h.Post(func() {
			defer release()
			if err != nil {
				sys := "query" + strings.ToUpper(rr[:1]) + strings.ToLower(rr[1:])
				if rr == "AAAA" {
					sys = "queryAaaa"
				}
				if rr == "REVERSE" {
					sys = "getHostByAddr"
				}
				info := b.errInfo(err, sys, "", 0)
				b.set(info, "hostname", raw)
				b.call(cb, info)
				return
			}
			b.call(cb, goja.Null(), b.records(res))
		})
	}()
	return goja.Undefined()
}

// record is one answer in a form records() turns into Node's shape.
type record struct {
	s      string
	fields [][2]any // objects (MX, SRV)
	list   []string // TXT chunks
}

func query(rr, name string) ([]record, error) {
	ctx := context.Background()
	r := net.DefaultResolver
	var out []record
	switch rr {
	case "A", "AAAA":
		network := "ip4"
		if rr == "AAAA" {
			network = "ip6"
		}
		ips, err := r.LookupIP(ctx, network, name)
		if err != nil {
			return nil, err
		}
		for _, ip := range ips {
			out = append(out, record{s: ip.String()})
		}
	case "MX":
		mx, err := r.LookupMX(ctx, name)
		if err != nil {
			return nil, err
		}
		for _, m := range mx {
			out = append(out, record{fields: [][2]any{{"exchange", strings.TrimSuffix(m.Host, ".")}, {"priority", int(m.Pref)}}})
		}
	case "TXT":
		txt, err := r.LookupTXT(ctx, name)
		if err != nil {
			return nil, err
		}
		for _, t := range txt {
			out = append(out, record{list: []string{t}})
		}
	case "CNAME":
		c, err := r.LookupCNAME(ctx, name)
		if err != nil {
			return nil, err
		}
		out = append(out, record{s: strings.TrimSuffix(c, ".")})
	case "NS":
		ns, err := r.LookupNS(ctx, name)
		if err != nil {
			return nil, err
		}
		for _, n := range ns {
			out = append(out, record{s: strings.TrimSuffix(n.Host, ".")})
		}
	case "SRV":
		_, srv, err := r.LookupSRV(ctx, "", "", name)
		if err != nil {
			return nil, err
		}
		for _, s := range srv {
			out = append(out, record{fields: [][2]any{{"name", strings.TrimSuffix(s.Target, ".")}, {"port", int(s.Port)},
				{"priority", int(s.Priority)}, {"weight", int(s.Weight)}}})
		}
	case "PTR", "REVERSE":
		names, err := r.LookupAddr(ctx, name)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			out = append(out, record{s: strings.TrimSuffix(n, ".")})
		}
	default:
		return nil, &net.DNSError{Err: "unsupported record type " + rr, Name: name, IsNotFound: true}
	}
	return out, nil
}

func (b *binding) records(rs []record) goja.Value {
	out := make([]any, len(rs))
	for i, r := range rs {
		switch {
		case r.fields != nil:
			o := b.vm.NewObject()
			for _, f := range r.fields {
				b.set(o, f[0].(string), f[1])
			}
			out[i] = o
		case r.list != nil:
			arr := make([]any, len(r.list))
			for j, s := range r.list {
				arr[j] = s
			}
			out[i] = b.vm.NewArray(arr...)
		default:
			out[i] = r.s
		}
	}
	return b.vm.NewArray(out...)
}
