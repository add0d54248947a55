package intrinsics

import (
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/text/language"
)

// localeObj is the Go state of an Intl.Locale: its canonical tag.
type localeObj struct {
	tag string
}

var localeOptionKeys = []struct{ option, key string }{
	{"calendar", "ca"}, {"collation", "co"}, {"hourCycle", "hc"}, {"caseFirst", "kf"}, {"numeric", "kn"},
	{"numberingSystem", "nu"},
}

func (r *realm) installLocale() *goja.Object {
	ctor, proto := r.newClass(classDef{
		name: "Intl.Locale", short: "Locale", length: 1, requireNew: true,
		init: func(this *goja.Object, args []goja.Value) {
			v := argAt(args, 0)
			var tag string
			switch x := v.(type) {
			case goja.String:
				tag = x.String()
			case *goja.Object:
				if lo := r.locales.get(x); lo != nil {
					tag = lo.tag
				} else {
					tag = r.str(x)
				}
			default:
				r.typeError("First argument to Intl.Locale constructor can't be empty or missing")
			}
			canon, ok := canonicalizeTag(tag)
			if !ok {
				r.rangeError("Incorrect locale information provided")
			}
			op := r.options(argAt(args, 1), "Intl.Locale")
			base, ext := splitUnicodeExtension(canon)
			if ext == nil {
				ext = map[string]string{}
			}
			for _, k := range []string{"language", "script", "region"} {
				if s := op.str(k, nil, ""); s != "" {
					base = replaceSubtag(base, k, s)
				}
			}
			for _, k := range localeOptionKeys {
				if k.option == "numeric" {
					if b, ok := op.boolean("numeric"); ok {
						ext["kn"] = map[bool]string{true: "true", false: "false"}[b]
					}
					continue
				}
				if s := op.str(k.option, nil, ""); s != "" {
					ext[k.key] = s
				}
			}
			r.locales.put(this, &localeObj{tag: joinUnicodeExtension(base, ext)})
		},
	})
	tagOf := func(c goja.FunctionCall, m string) *localeObj {
		return receiver(r, &r.locales, c.This, "Intl.Locale.prototype."+m)
	}
	r.method(proto, "toString", 0, func(c goja.FunctionCall) goja.Value { return r.vm.ToValue(tagOf(c, "toString").tag) })
	r.method(proto, "maximize", 0, func(c goja.FunctionCall) goja.Value {
		lo := tagOf(c, "maximize")
		base, ext := splitUnicodeExtension(lo.tag)
		o := r.vm.CreateObject(proto)
		r.locales.put(o, &localeObj{tag: joinUnicodeExtension(maximizeTag(base), ext)})
		return o
	})
	r.method(proto, "minimize", 0, func(c goja.FunctionCall) goja.Value {
		lo := tagOf(c, "minimize")
		base, ext := splitUnicodeExtension(lo.tag)
		o := r.vm.CreateObject(proto)
		r.locales.put(o, &localeObj{tag: joinUnicodeExtension(minimizeTag(base), ext)})
		return o
	})
	getters := []struct {
		name string
		get  func(base string, ext map[string]string) goja.Value
	}{
		{"language", func(b string, _ map[string]string) goja.Value { l, _, _ := strings.Cut(b, "-"); return r.vm.ToValue(l) }},
		{"script", func(b string, _ map[string]string) goja.Value { return r.optString(subtagOf(b, "script")) }},
		{"region", func(b string, _ map[string]string) goja.Value { return r.optString(subtagOf(b, "region")) }},
		{"baseName", func(b string, _ map[string]string) goja.Value { return r.vm.ToValue(b) }},
		{"calendar", func(_ string, e map[string]string) goja.Value { return r.optString(e["ca"]) }},
		{"caseFirst", func(_ string, e map[string]string) goja.Value { return r.optString(e["kf"]) }},
		{"collation", func(_ string, e map[string]string) goja.Value { return r.optString(e["co"]) }},
		{"hourCycle", func(_ string, e map[string]string) goja.Value { return r.optString(e["hc"]) }},
		{"numeric", func(_ string, e map[string]string) goja.Value { return r.vm.ToValue(e["kn"] == "true") }},
		{"numberingSystem", func(_ string, e map[string]string) goja.Value { return r.optString(e["nu"]) }},
	}
	for _, g := range getters {
		r.getter(proto, g.name, func(c goja.FunctionCall) goja.Value {
			base, ext := splitUnicodeExtension(tagOf(c, g.name).tag)
			return g.get(base, ext)
		})
	}
	return ctor
}

func (r *realm) optString(s string) goja.Value {
	if s == "" {
		return goja.Undefined()
	}
	return r.vm.ToValue(s)
}

// subtagOf finds the script (4 letters) or region (2 letters or 3 digits) subtag of a base tag.
func subtagOf(base, kind string) string {
	parts := strings.Split(base, "-")
	for _, p := range parts[1:] {
		switch {
		case kind == "script" && len(p) == 4 && p[0] > '9':
			return p
		case kind == "region" && (len(p) == 2 || len(p) == 3 && p[0] <= '9'):
			return p
		}
	}
	return ""
}

func replaceSubtag(base, kind, value string) string {
	parts := strings.Split(base, "-")
	if kind == "language" {
		parts[0] = strings.ToLower(value)
		return strings.Join(parts, "-")
	}
	if cur := subtagOf(base, kind); cur != "" {
		for i, p := range parts {
			if p == cur {
				parts[i] = value
			}
		}
		c, _ := canonicalizeTag(strings.Join(parts, "-"))
		return c
	}
	pos := 1
	if kind == "region" && subtagOf(base, "script") != "" {
		pos = 2
	}
	parts = append(parts[:pos], append([]string{value}, parts[pos:]...)...)
	c, _ := canonicalizeTag(strings.Join(parts, "-"))
	return c
}

func joinUnicodeExtension(base string, ext map[string]string) string {
	if len(ext) == 0 {
		return base
	}
	keys := make(map[string]bool, len(ext))
	for k := range ext {
		keys[k] = true
	}
	var b strings.Builder
	b.WriteString(base + "-u")
	for _, k := range sortedKeys(keys) {
		b.WriteString("-" + k)
		if v := ext[k]; v != "true" {
			b.WriteString("-" + v)
		}
	}
	return b.String()
}

// maximizeTag adds likely subtags (CLDR's, through x/text).
func maximizeTag(base string) string {
	t, err := language.Parse(base)
	if err != nil {
		return base
	}
	b, _ := t.Base()
	s, _ := t.Script()
	reg, _ := t.Region()
	out := b.String() + "-" + s.String() + "-" + reg.String()
	parts := strings.Split(base, "-")
	for _, p := range parts[1:] {
		if len(p) >= 5 || len(p) == 4 && p[0] <= '9' {
			out += "-" + p // variants
		}
	}
	return out
}

// minimizeTag removes the subtags that maximizing would add back.
func minimizeTag(base string) string {
	max := maximizeTag(base)
	lang, _, _ := strings.Cut(base, "-")
	for _, cand := range []string{lang, lang + "-" + subtagOf(max, "region"), lang + "-" + subtagOf(max, "script")} {
		if maximizeTag(cand) == max {
			return cand
		}
	}
	return base
}
