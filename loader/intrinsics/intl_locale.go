package intrinsics

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// defaultLocale is what node reports under LANG=C.UTF-8. pkgbox does not read the host's locale: output
// must not change with the machine it runs on, and the environment is a capability.
const defaultLocale = "en-US"

// canonicalizeTag validates a BCP 47 language tag the way V8 does (letters, digits and hyphens, no empty
// subtags) and returns its canonical form.
func canonicalizeTag(s string) (string, bool) {
	if s == "" || len(s) > 255 || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return "", false
		}
	}
	first, _, _ := strings.Cut(s, "-")
	if len(first) < 2 || len(first) > 8 || len(first) == 4 {
		return "", false
	}
	for i := 0; i < len(first); i++ {
		if first[i] >= '0' && first[i] <= '9' {
			return "", false
		}
	}
	t, err := language.Parse(s)
	if err == nil {
		return t.String(), true
	}
	if _, unknown := err.(language.ValueError); !unknown {
		return "", false
	}
	// Well-formed but unknown to x/text ("xx", "en-ZZ"): canonical casing only, as V8 does.
	parts := strings.Split(strings.ToLower(s), "-")
	for i := 1; i < len(parts); i++ {
		if len(parts[i-1]) == 1 {
			break // extensions and private use stay lower case
		}
		switch {
		case len(parts[i]) == 4 && parts[i][0] > '9':
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		case len(parts[i]) == 2:
			parts[i] = strings.ToUpper(parts[i])
		}
	}
	return strings.Join(parts, "-"), true
}

// canonicalizeLocaleList is ECMA-402's CanonicalizeLocaleList.
func (r *realm) canonicalizeLocaleList(v goja.Value) []string {
	if isUndef(v) {
		return nil
	}
	var items []goja.Value
	if s, ok := v.(goja.String); ok {
		items = []goja.Value{s}
	} else if lo := r.locales.get(v); lo != nil {
		return []string{lo.tag}
	} else {
		if goja.IsNull(v) {
			r.typeError("Cannot convert undefined or null to object")
		}
		o := v.ToObject(r.vm)
		n := int(getProp(o, "length").ToInteger())
		for i := 0; i < n; i++ {
			key := strconv.Itoa(i)
			if !hasProperty(o, key) {
				continue
			}
			items = append(items, o.Get(key))
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, it := range items {
		var tag string
		switch x := it.(type) {
		case goja.String:
			tag = x.String()
		case *goja.Object:
			if lo := r.locales.get(x); lo != nil {
				tag = lo.tag
			} else {
				tag = r.str(x)
			}
		default:
			r.typeError("Language ID should be string or object.")
		}
		c, ok := canonicalizeTag(tag)
		if !ok {
			r.rangeError("Incorrect locale information provided")
		}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// getProp is Get that answers undefined for a missing property (goja's Object.Get answers nil).
func getProp(o *goja.Object, name string) goja.Value {
	if v := o.Get(name); v != nil {
		return v
	}
	return goja.Undefined()
}

func hasProperty(o *goja.Object, key string) bool {
	for p := o; p != nil; p = p.Prototype() {
		for _, k := range p.GetOwnPropertyNames() {
			if k == key {
				return true
			}
		}
	}
	return false
}

// availability says which locales a service has data for.
type availability func(tag string) bool

// anyKnownLanguage accepts tags whose language, script and region x/text knows by name: the services
// backed by x/text's CLDR tables (numbers, plural rules, collation, segmentation) cover those.
func anyKnownLanguage(tag string) bool {
	t, err := language.Parse(tag)
	if err != nil {
		return false
	}
	base, _ := t.Base()
	if base.String() == "und" || display.English.Languages().Name(base) == "" {
		return false
	}
	if s, conf := t.Script(); conf == language.Exact && display.English.Scripts().Name(s) == "" {
		return false
	}
	if reg, conf := t.Region(); conf == language.Exact && display.English.Regions().Name(reg) == "" {
		return false
	}
	return true
}

// englishOnly is the availability of the services whose data pkgbox carries for English alone.
func englishOnly(tag string) bool {
	if tag == "en" {
		return true
	}
	if !strings.HasPrefix(tag, "en-") {
		return false
	}
	return anyKnownLanguage(tag)
}

// resolvedLocale is the outcome of locale negotiation: the locale without extensions, plus the Unicode
// extension keywords the request carried.
type resolvedLocale struct {
	locale string
	ext    map[string]string // "nu" → "arab", "hc" → "h23", ...
}

// splitUnicodeExtension removes a -u- extension, returning its keywords.
func splitUnicodeExtension(tag string) (string, map[string]string) {
	parts := strings.Split(tag, "-")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "u" {
			continue
		}
		end := i + 1
		for end < len(parts) && len(parts[end]) != 1 {
			end++
		}
		ext := map[string]string{}
		key := ""
		for _, p := range parts[i+1 : end] {
			if len(p) == 2 {
				key = p
				ext[key] = "true"
				continue
			}
			if key != "" {
				if ext[key] == "true" {
					ext[key] = p
				} else {
					ext[key] += "-" + p
				}
			}
		}
		rest := append(append([]string{}, parts[:i]...), parts[end:]...)
		return strings.Join(rest, "-"), ext
	}
	return tag, nil
}

// lookupLocale is RFC 4647 Lookup: the longest prefix of a requested tag that avail accepts, or the
// default locale.
func lookupLocale(requested []string, avail availability) resolvedLocale {
	if res, ok := lookupFound(requested, avail); ok {
		return res
	}
	return resolvedLocale{locale: defaultLocale}
}

func lookupFound(requested []string, avail availability) (resolvedLocale, bool) {
	for _, req := range requested {
		base, ext := splitUnicodeExtension(req)
		cand := base
		for cand != "" {
			if avail(cand) {
				return resolvedLocale{locale: cand, ext: ext}, true
			}
			i := strings.LastIndexByte(cand, '-')
			if i < 0 {
				break
			}
			cand = cand[:i]
			if j := strings.LastIndexByte(cand, '-'); j >= 0 && j == len(cand)-2 {
				cand = cand[:j] // a singleton cannot end a tag
			}
		}
	}
	return resolvedLocale{}, false
}

// supportedLocalesOf implements the static supportedLocalesOf method of each service.
func (r *realm) supportedLocalesOf(ctor *goja.Object, avail availability) {
	r.method(ctor, "supportedLocalesOf", 1, func(c goja.FunctionCall) goja.Value {
		req := r.canonicalizeLocaleList(c.Argument(0))
		r.options(c.Argument(1), "Intl").str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
		var out []string
		for _, t := range req {
			if _, ok := lookupFound([]string{t}, avail); ok {
				out = append(out, t)
			}
		}
		return r.strings(out)
	})
}

// optionsObject is ECMA-402's CoerceOptionsToObject: undefined becomes no options (nil), other
// primitives are boxed.
func (r *realm) optionsObject(v goja.Value) *goja.Object {
	if isUndef(v) {
		return nil
	}
	if goja.IsNull(v) {
		r.typeError("Cannot convert undefined or null to object")
	}
	return v.ToObject(r.vm)
}

// options reads one service's options object with ECMA-402's GetOption semantics.
type options struct {
	r   *realm
	o   *goja.Object
	svc string // "Intl.NumberFormat", for messages
}

func (r *realm) options(v goja.Value, svc string) options {
	return options{r: r, o: r.optionsObject(v), svc: svc}
}

func (op options) get(name string) goja.Value {
	if op.o == nil {
		return goja.Undefined()
	}
	return op.o.Get(name)
}

// str is GetOption with type "string": an allowed value or the fallback, RangeError otherwise.
func (op options) str(name string, allowed []string, fallback string) string {
	v := op.get(name)
	if isUndef(v) {
		return fallback
	}
	s := op.r.str(v)
	if allowed != nil && !contains(allowed, s) {
		op.r.rangeError("Value %s out of range for %s options property %s", s, op.svc, name)
	}
	return s
}

// boolean is GetOption with type "boolean"; present reports whether the option was given.
func (op options) boolean(name string) (val, present bool) {
	v := op.get(name)
	if isUndef(v) {
		return false, false
	}
	return v.ToBoolean(), true
}

// number is GetNumberOption: an integer in [lo, hi], fallback when absent.
func (op options) number(name string, lo, hi, fallback int) (int, bool) {
	v := op.get(name)
	if isUndef(v) {
		return fallback, false
	}
	f := v.ToFloat()
	if f != f || f < float64(lo) || f > float64(hi) {
		op.r.rangeError("%s value is out of range.", name)
	}
	return int(math.Floor(f)), true
}

func contains(list []string, s string) bool {
	for _, a := range list {
		if a == s {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
