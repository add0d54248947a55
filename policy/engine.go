package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/types"

	builtin "github.com/pkgbox/pkgbox/rego"
)

// Mode says what a denied decision does.
type Mode int

const (
	Enforce Mode = iota // a denied use is refused (the default)
	Warn                // a denied use is allowed, reported and marked Warn
)

func (m Mode) String() string {
	if m == Warn {
		return "warn"
	}
	return "enforce"
}

// ParseMode reads the --mode flag.
func ParseMode(s string) (Mode, error) {
	switch s {
	case "", "enforce":
		return Enforce, nil
	case "warn":
		return Warn, nil
	}
	return Enforce, fmt.Errorf("mode %q: expected enforce or warn", s)
}

// Package identifies who uses a capability. Dir is the folder holding its package.json, absolute
// or relative to the app root; the Rego input carries it relative to the app root.
type Package struct {
	Name, Version, Dir string
	App                bool
}

// Grant is one capability's grant in pkgbox.json: every resource, or those matching Patterns.
type Grant struct {
	All      bool
	Patterns []string
}

// Config is everything a policy engine is built from; see New.
type Config struct {
	AppRoot  string                      // absolute; relative patterns and Package.Dir are relative to it
	Packages map[string]map[string]Grant // pkgbox.json "packages": name → capability → grant
	App      map[string]Grant            // pkgbox.json "app"; nil: the app has every capability
	Policies []string                    // extra .rego files (--policy, "policies")
	Mode     Mode
	Report   io.Writer // JSON lines of denied (and in warn mode would-be-denied) decisions; nil: none
	AllowAll bool      // --allow-all: every package gets every capability
	PathEnv  string    // PATH used to resolve command names in grants
}

// Decision is the answer for one capability use.
type Decision struct {
	Allow   bool
	Warn    bool     // allowed only because the engine runs in warn mode
	Reasons []string // why: the grant that matched, deny messages, or the missing grant (shared: do not modify)
	Message string   // SPEC.md's denial message, when !Allow or Warn
	// ByRule: a deny rule refused a use that pkgbox.json grants; the message then quotes the rule
	// instead of suggesting a grant that would not help.
	ByRule bool
}

// Engine decides capability uses. It is safe for use from multiple goroutines.
type Engine struct {
	cfg     Config
	appRoot string // AppRoot, symlinks resolved
	env     PatternEnv

	app      map[string]*compiledGrant            // nil: app unrestricted
	packages map[string]map[string]*compiledGrant // name → capability → grant
	patterns sync.Map                             // capability+"\x00"+source → *Pattern (for Rego)

	decide      rego.PreparedEvalQuery // data.pkgbox.authz.decision
	denyReasons rego.PreparedEvalQuery // data.pkgbox.authz.deny_reasons
	check       rego.PreparedEvalQuery
	denyPartial rego.PreparedPartialQuery
	// allowInGo is set when no user policy defines a rule that authz.rego's allow depends on, so
	// the grant matchers compute allow exactly as Rego would and only deny needs Rego.
	allowInGo bool
	apiInKey  bool     // a user policy reads input.api, so decisions differ per API
	pkgTerms  sync.Map // Package → *ast.Term of input.package

	mu        sync.RWMutex
	cache     map[cacheKey]Decision
	denyCould map[capKey]bool

	reportMu  sync.Mutex
	reportErr error
}

type compiledGrant struct {
	all      bool
	patterns []*Pattern
}

type capKey struct {
	pkg        Package
	capability string
}

type cacheKey struct {
	pkg        Package
	capability string
	resource   string
	api        string
}

// maxCached bounds the decision cache; when full it starts over (a run that touches more
// distinct resources than this pays a Rego evaluation or a Go match again, nothing more).
const maxCached = 1 << 16

const (
	decisionQuery    = "data.pkgbox.authz.decision"
	denyQuery        = "data.pkgbox.authz.deny[x]"
	denyReasonsQuery = "data.pkgbox.authz.deny_reasons"
	checkQuery       = "data.pkgbox.check.deny"
)

// New compiles the built-in policy, the user's policies and the grants once. Errors name the
// policy file and line, or the package, capability and pattern.
func New(cfg Config) (*Engine, error) {
	if !filepath.IsAbs(cfg.AppRoot) {
		return nil, fmt.Errorf("policy: app root %q: expected an absolute path", cfg.AppRoot)
	}
	root, err := RealPath("/", cfg.AppRoot)
	if err != nil {
		return nil, fmt.Errorf("policy: app root %q: %w", cfg.AppRoot, err)
	}
	e := &Engine{
		cfg:       cfg,
		appRoot:   root,
		env:       PatternEnv{AppRoot: root, PathEnv: cfg.PathEnv},
		packages:  map[string]map[string]*compiledGrant{},
		cache:     map[cacheKey]Decision{},
		denyCould: map[capKey]bool{},
	}
	if cfg.App != nil {
		if e.app, err = e.compileGrants(`"app"`, cfg.App); err != nil {
			return nil, err
		}
	}
	for name, grants := range cfg.Packages {
		if e.packages[name], err = e.compileGrants(strconv.Quote(name), grants); err != nil {
			return nil, err
		}
	}

	modules, err := e.loadModules(cfg.Policies)
	if err != nil {
		return nil, err
	}
	e.allowInGo = true
	for _, m := range modules[len(builtin.Policy):] {
		if readsAPI(m) {
			e.apiInKey = true
		}
		if definesAllowRule(m) {
			e.allowInGo = false
		}
	}
	compiler, err := compile(modules)
	if err != nil {
		return nil, err
	}
	// AST values on read: the manifest is not converted again on every evaluation.
	store := inmem.NewFromObjectWithOpts(map[string]any{"pkgbox": map[string]any{"manifest": manifestData(cfg)}},
		inmem.OptReturnASTValuesOnRead(true))
	opts := func(query string) []func(*rego.Rego) {
		return []func(*rego.Rego){
			rego.Query(query),
			rego.Compiler(compiler),
			rego.Store(store),
			rego.StrictBuiltinErrors(true),
			rego.StoreReadAST(true),
			rego.Function3(resourceMatchesDecl, e.resourceMatches),
		}
	}
	ctx := context.Background()
	if e.decide, err = rego.New(opts(decisionQuery)...).PrepareForEval(ctx); err != nil {
		return nil, regoError(err)
	}
	if e.denyReasons, err = rego.New(opts(denyReasonsQuery)...).PrepareForEval(ctx); err != nil {
		return nil, regoError(err)
	}
	if e.check, err = rego.New(opts(checkQuery)...).PrepareForEval(ctx); err != nil {
		return nil, regoError(err)
	}
	partial := append(opts(denyQuery), rego.Unknowns([]string{"input.resource", "input.api"}))
	if e.denyPartial, err = rego.New(partial...).PrepareForPartial(ctx); err != nil {
		return nil, regoError(err)
	}
	return e, nil
}

func (e *Engine) compileGrants(who string, grants map[string]Grant) (map[string]*compiledGrant, error) {
	out := make(map[string]*compiledGrant, len(grants))
	for capability, g := range grants {
		if !IsCapability(capability) {
			return nil, fmt.Errorf("policy: grant of %s: unknown capability %q", who, capability)
		}
		cg := &compiledGrant{all: g.All}
		for _, src := range g.Patterns {
			p, err := CompilePattern(capability, src, e.env)
			if err != nil {
				return nil, fmt.Errorf("policy: grant of %s %s: %w", who, capability, err)
			}
			cg.patterns = append(cg.patterns, p)
			e.patterns.Store(capability+"\x00"+src, p)
		}
		out[capability] = cg
	}
	return out, nil
}

// loadModules parses the built-in policy and the user's files (in that order).
func (e *Engine) loadModules(files []string) ([]*ast.Module, error) {
	var mods []*ast.Module
	popts := ast.ParserOptions{RegoVersion: ast.RegoV1}
	for _, name := range builtin.Policy {
		src, err := builtin.FS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("policy: built-in %s: %w", name, err)
		}
		m, err := ast.ParseModuleWithOpts("rego/"+name, string(src), popts)
		if err != nil {
			return nil, regoError(err)
		}
		mods = append(mods, m)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("policy: %w", err)
		}
		m, err := ast.ParseModuleWithOpts(f, string(src), popts)
		if err != nil {
			return nil, regoError(err)
		}
		mods = append(mods, m)
	}
	return mods, nil
}

// regoError lists OPA's errors as FILE:LINE: message, one per line.
func regoError(err error) error {
	var errs ast.Errors
	if !errors.As(err, &errs) || len(errs) == 0 {
		return fmt.Errorf("policy: Rego: %w", err)
	}
	lines := make([]string, 0, len(errs))
	for _, e := range errs {
		where := "?"
		if e.Location != nil {
			where = e.Location.File + ":" + strconv.Itoa(e.Location.Row)
		}
		lines = append(lines, where+": "+e.Message+" ("+e.Code+")")
	}
	return fmt.Errorf("policy: Rego: %s", strings.Join(lines, "\n"))
}

// forbiddenBuiltins are built-ins whose answer depends on the network, the clock, randomness or
// the OPA process, beyond those OPA itself marks non-deterministic: a decision must depend only on
// its input and data (SPEC.md "Rego").
var forbiddenBuiltins = map[string]bool{
	"http.send": true, "net.lookup_ip_addr": true, "opa.runtime": true, "time.now_ns": true,
	"rand.intn": true, "uuid.rfc4122": true, "io.jwt.decode_verify": true,
	"crypto.x509.parse_and_verify_certificates":              true,
	"crypto.x509.parse_and_verify_certificates_with_options": true,
	"providers.aws.sign_req":                                 true,
}

// compile compiles the policy modules once, for every prepared query, with the sandboxed
// built-ins and pkgbox.resource_matches.
func compile(modules []*ast.Module) (*ast.Compiler, error) {
	set := make(map[string]*ast.Module, len(modules))
	for i, m := range modules {
		// Keyed by position too: two --policy flags may name the same file.
		set[strconv.Itoa(i)+":"+m.Package.Location.File] = m
	}
	c := newCompiler()
	if c.Compile(set); c.Failed() {
		return nil, regoError(c.Errors)
	}
	return c, nil
}

func newCompiler() *ast.Compiler {
	caps := sandboxCapabilities()
	decl := &ast.Builtin{Name: resourceMatchesDecl.Name, Description: resourceMatchesDecl.Description, Decl: resourceMatchesDecl.Decl}
	caps.Builtins = append(caps.Builtins, decl)
	return ast.NewCompiler().
		WithCapabilities(caps).
		WithBuiltins(map[string]*ast.Builtin{decl.Name: decl}).
		WithDefaultRegoVersion(ast.RegoV1)
}

func sandboxCapabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	keep := make([]*ast.Builtin, 0, len(caps.Builtins))
	for _, b := range caps.Builtins {
		if b.Nondeterministic || forbiddenBuiltins[b.Name] {
			continue
		}
		keep = append(keep, b)
	}
	caps.Builtins = keep
	caps.AllowNet = []string{}
	return caps
}

var resourceMatchesDecl = &rego.Function{
	Name: "pkgbox.resource_matches",
	Description: "Reports whether a pkgbox.json pattern of a capability covers a resource (SPEC.md " +
		"pattern rules: path globs against real paths, the /proc /sys /dev rule, host:port, commands, env prefixes).",
	Decl: types.NewFunction(
		types.Args(types.S, types.S, types.NewObject(nil, types.NewDynamicProperty(types.S, types.A))),
		types.B),
}

// resourceMatches implements pkgbox.resource_matches with the same matchers the Go fast path
// uses; patterns not in the manifest (written in a user policy) are compiled on first use.
func (e *Engine) resourceMatches(_ rego.BuiltinContext, capTerm, patTerm, resTerm *ast.Term) (*ast.Term, error) {
	capability, ok1 := capTerm.Value.(ast.String)
	pattern, ok2 := patTerm.Value.(ast.String)
	if !ok1 || !ok2 {
		return nil, errors.New("pkgbox.resource_matches: expected (capability string, pattern string, resource object)")
	}
	key := string(capability) + "\x00" + string(pattern)
	var p *Pattern
	if v, ok := e.patterns.Load(key); ok {
		p = v.(*Pattern)
	} else {
		var err error
		if p, err = CompilePattern(string(capability), string(pattern), e.env); err != nil {
			return nil, fmt.Errorf("pkgbox.resource_matches: %w", err)
		}
		e.patterns.Store(key, p)
	}
	r, err := resourceFromTerm(resTerm)
	if err != nil {
		return nil, err
	}
	return ast.BooleanTerm(p.Match(normalizeResource(r))), nil
}

func resourceFromTerm(t *ast.Term) (Resource, error) {
	obj, ok := t.Value.(ast.Object)
	if !ok {
		return Resource{}, errors.New("pkgbox.resource_matches: expected the resource as an object")
	}
	var r Resource
	str := func(k string) string {
		if v := obj.Get(ast.StringTerm(k)); v != nil {
			if s, ok := v.Value.(ast.String); ok {
				return string(s)
			}
		}
		return ""
	}
	strs := func(k string) []string {
		var out []string
		if v := obj.Get(ast.StringTerm(k)); v != nil {
			if a, ok := v.Value.(*ast.Array); ok {
				a.Foreach(func(t *ast.Term) {
					if s, ok := t.Value.(ast.String); ok {
						out = append(out, string(s))
					}
				})
			}
		}
		return out
	}
	r.Path, r.Host, r.Unix, r.Command, r.Name = str("path"), str("host"), str("unix"), str("command"), str("name")
	r.IPs, r.Args = strs("ips"), strs("args")
	if v := obj.Get(ast.StringTerm("port")); v != nil {
		n, ok := v.Value.(ast.Number)
		if !ok {
			return r, errors.New("pkgbox.resource_matches: resource.port: expected a number")
		}
		i, ok := n.Int()
		if !ok {
			return r, errors.New("pkgbox.resource_matches: resource.port: expected an integer")
		}
		r.Port = i
	}
	return r, nil
}

// allowRules are the rules of authz.rego that its allow depends on.
var allowRules = map[string]bool{"decision": true, "allow_reasons": true, "grant": true,
	"app_unrestricted": true, "deny_reasons": true}

var authzPath = ast.MustParseRef("data.pkgbox.authz")

// definesAllowRule reports whether a user module adds to a rule that authz.rego's allow depends
// on (a Rego grant: `allow_reasons contains ...`), so the Go matchers alone cannot compute allow.
func definesAllowRule(m *ast.Module) bool {
	if !m.Package.Path.Equal(authzPath) {
		return false
	}
	for _, r := range m.Rules {
		if name, ok := r.Head.Ref()[0].Value.(ast.Var); ok && allowRules[string(name)] {
			return true
		}
	}
	return false
}

// readsAPI reports whether a module refers to input.api (or to input as a whole, or with a
// computed key), so decisions must be cached per API.
func readsAPI(m *ast.Module) bool {
	found := false
	ast.WalkRefs(m, func(ref ast.Ref) bool {
		if !ref[0].Equal(ast.InputRootDocument) {
			return false
		}
		if len(ref) == 1 {
			found = true
			return true
		}
		s, ok := ref[1].Value.(ast.String)
		if !ok || s == "api" {
			found = true
		}
		return found
	})
	// a bare `input` term (not a ref with a key) also hands the whole input over
	ast.WalkTerms(m, func(t *ast.Term) bool {
		if r, ok := t.Value.(ast.Ref); ok && len(r) == 1 && r[0].Equal(ast.InputRootDocument) {
			found = true
		}
		return found
	})
	return found
}

func manifestData(cfg Config) map[string]any {
	grants := func(g map[string]Grant) map[string]any {
		out := make(map[string]any, len(g))
		for c, x := range g {
			if x.All {
				out[c] = true
				continue
			}
			ps := make([]any, len(x.Patterns))
			for i, p := range x.Patterns {
				ps[i] = p
			}
			out[c] = ps
		}
		return out
	}
	pkgs := make(map[string]any, len(cfg.Packages))
	for name, g := range cfg.Packages {
		pkgs[name] = grants(g)
	}
	m := map[string]any{"packages": pkgs}
	if cfg.App != nil {
		m["app"] = grants(cfg.App)
	}
	return m
}

// normalizeResource repeats the cheap part of normalisation, so a builtin that forgot it cannot
// slip past a pattern: paths cleaned, hosts canonical. Symlinks are the caller's job (RealPath).
func normalizeResource(r Resource) Resource {
	if r.Path != "" {
		r.Path = filepath.Clean(r.Path)
	}
	if r.Unix != "" {
		r.Unix = filepath.Clean(r.Unix)
	}
	if r.Command != "" {
		r.Command = filepath.Clean(r.Command)
	}
	if r.Host != "" {
		r.Host = NormalizeHost(r.Host)
	}
	if len(r.IPs) > 0 {
		ips := make([]string, len(r.IPs))
		for i, ip := range r.IPs {
			ips[i] = NormalizeHost(ip)
		}
		r.IPs = ips
	}
	return r
}

// resourceKey is a Resource as one string for the cache: every field, since a user policy may
// look at any of them.
func resourceKey(r Resource) string {
	if r.IPs == nil && r.Args == nil {
		switch {
		case r.Host == "" && r.Unix == "" && r.Command == "" && r.Name == "":
			return "p" + r.Path
		case r.Path == "" && r.Unix == "" && r.Command == "" && r.Name == "" && r.Port == 0:
			return "h" + r.Host
		case r.Path == "" && r.Host == "" && r.Unix == "" && r.Command == "":
			return "e" + r.Name
		}
	}
	var b strings.Builder
	for _, s := range []string{r.Path, r.Host, strconv.Itoa(r.Port), r.Unix, r.Command, r.Name} {
		b.WriteString(s)
		b.WriteByte(0)
	}
	for _, s := range r.IPs {
		b.WriteString(s)
		b.WriteByte(1)
	}
	b.WriteByte(0)
	for _, s := range r.Args {
		b.WriteString(strconv.Quote(s))
		b.WriteByte(1)
	}
	return b.String()
}

// Decide answers whether package p may use capability on resource r through api. Errors while
// deciding are denials whose reasons say what failed.
func (e *Engine) Decide(p Package, capability string, r Resource, api string) Decision {
	if e.cfg.AllowAll {
		return Decision{Allow: true, Reasons: []string{"--allow-all"}}
	}
	r = normalizeResource(r)
	key := cacheKey{pkg: p, capability: capability, resource: resourceKey(r)}
	if e.apiInKey {
		key.api = api
	}
	e.mu.RLock()
	d, ok := e.cache[key]
	e.mu.RUnlock()
	if !ok {
		d = e.decideUncached(p, capability, r, api)
		e.mu.Lock()
		if len(e.cache) >= maxCached {
			clear(e.cache)
		}
		e.cache[key] = d
		e.mu.Unlock()
	}
	if !d.Allow || d.Warn {
		// The message names the API of this call, which the cache key may leave out.
		if d.ByRule {
			d.Message = RuleDenialMessage(p, capability, r, api, d.Reasons)
		} else {
			d.Message = DenialMessage(p, capability, r, api)
		}
		d.Reasons = slices.Clone(d.Reasons)
		e.report(p, capability, r, api, d)
	}
	return d
}

func (e *Engine) decideUncached(p Package, capability string, r Resource, api string) Decision {
	var d Decision
	switch {
	case !IsCapability(capability):
		d = Decision{Reasons: []string{fmt.Sprintf("unknown capability %q", capability)}}
	case badResource(capability, r) != "":
		d = Decision{Reasons: []string{badResource(capability, r)}}
	case !e.allowInGo:
		d = e.regoDecision(p, capability, r, api)
		d.ByRule = !d.Allow && len(d.Reasons) > 0 && e.goDecision(p, capability, r).Allow
	case !e.denyCouldFire(p, capability):
		d = e.goDecision(p, capability, r)
	default:
		d = e.goDecision(p, capability, r)
		if reasons, err := e.denials(p, capability, r, api); err != nil {
			d = Decision{Reasons: []string{"policy error (denied): " + err.Error()}}
		} else if len(reasons) > 0 {
			d = Decision{Reasons: reasons, ByRule: d.Allow}
		}
	}
	if !d.Allow && e.cfg.Mode == Warn {
		d.Allow, d.Warn = true, true
	}
	return d
}

// badResource rejects resources the builtins must never produce (relative paths): deciding on
// them would judge a different file than the one used.
func badResource(capability string, r Resource) string {
	c, _ := CapabilityOf(capability)
	switch {
	case c.Resource == ResourcePath && !filepath.IsAbs(r.Path):
		return fmt.Sprintf("resource path %q is not absolute", r.Path)
	case r.Unix != "" && !filepath.IsAbs(r.Unix):
		return fmt.Sprintf("unix socket path %q is not absolute", r.Unix)
	case c.Resource == ResourceCommand && !filepath.IsAbs(r.Command):
		return fmt.Sprintf("command %q is not an absolute path", r.Command)
	}
	return ""
}

// goDecision is authz.rego's allow computed with the same matchers, for (package, capability)
// pairs where partial evaluation showed that no deny rule can fire.
func (e *Engine) goDecision(p Package, capability string, r Resource) Decision {
	if p.App && e.app == nil {
		return Decision{Allow: true, Reasons: []string{`the app has every capability (pkgbox.json has no "app" section)`}}
	}
	g := e.grantOf(p, capability)
	if g == nil {
		return Decision{Reasons: []string{"no grant in pkgbox.json covers this use"}}
	}
	if g.all {
		return Decision{Allow: true, Reasons: []string{fmt.Sprintf("pkgbox.json grants %s: true", capability)}}
	}
	var reasons []string
	for _, pat := range g.patterns {
		if pat.Match(r) {
			reasons = append(reasons, fmt.Sprintf("pkgbox.json grants %s: %s", capability, strconv.Quote(pat.Source)))
		}
	}
	if len(reasons) == 0 {
		return Decision{Reasons: []string{"no grant in pkgbox.json covers this use"}}
	}
	sort.Strings(reasons)
	return Decision{Allow: true, Reasons: reasons}
}

func (e *Engine) grantOf(p Package, capability string) *compiledGrant {
	if p.App {
		return e.app[capability]
	}
	return e.packages[p.Name][capability]
}

// denyCouldFire partially evaluates data.pkgbox.authz.deny with the package and capability known
// and the resource and API unknown: no remaining query means no deny rule can fire for this pair,
// so the grant matchers alone decide. Any error counts as "could fire" (Rego then decides).
func (e *Engine) denyCouldFire(p Package, capability string) bool {
	k := capKey{p, capability}
	e.mu.RLock()
	could, ok := e.denyCould[k]
	e.mu.RUnlock()
	if ok {
		return could
	}
	pq, err := e.denyPartial.Partial(context.Background(), rego.EvalInput(map[string]any{
		"package":    e.packageInput(p),
		"capability": capability,
	}))
	could = err != nil || len(pq.Queries) > 0
	e.mu.Lock()
	e.denyCould[k] = could
	e.mu.Unlock()
	return could
}

func (e *Engine) packageTerm(p Package) *ast.Term {
	if t, ok := e.pkgTerms.Load(p); ok {
		return t.(*ast.Term)
	}
	in := e.packageInput(p)
	t := ast.ObjectTerm(
		ast.Item(ast.InternedTerm("name"), ast.StringTerm(p.Name)),
		ast.Item(ast.InternedTerm("version"), ast.StringTerm(p.Version)),
		ast.Item(ast.InternedTerm("dir"), ast.StringTerm(in["dir"].(string))),
		ast.Item(ast.InternedTerm("app"), ast.BooleanTerm(p.App)),
	)
	e.pkgTerms.Store(p, t)
	return t
}

// resourceTerm is r in the shape of SPEC.md's Rego input.resource for capability.
func resourceTerm(capability string, r Resource) *ast.Term {
	strs := func(list []string) *ast.Term {
		ts := make([]*ast.Term, len(list))
		for i, s := range list {
			ts[i] = ast.StringTerm(s)
		}
		return ast.ArrayTerm(ts...)
	}
	c, _ := CapabilityOf(capability)
	var items [][2]*ast.Term
	switch c.Resource {
	case ResourcePath:
		items = append(items, ast.Item(ast.InternedTerm("path"), ast.StringTerm(r.Path)))
	case ResourceHostPort:
		if r.Unix != "" {
			items = append(items, ast.Item(ast.InternedTerm("unix"), ast.StringTerm(r.Unix)))
			break
		}
		items = append(items, ast.Item(ast.InternedTerm("host"), ast.StringTerm(r.Host)),
			ast.Item(ast.InternedTerm("port"), ast.IntNumberTerm(r.Port)))
		if r.IPs != nil {
			items = append(items, ast.Item(ast.InternedTerm("ips"), strs(r.IPs)))
		}
	case ResourceHost:
		items = append(items, ast.Item(ast.InternedTerm("host"), ast.StringTerm(r.Host)))
		if r.IPs != nil {
			items = append(items, ast.Item(ast.InternedTerm("ips"), strs(r.IPs)))
		}
	case ResourceCommand:
		items = append(items, ast.Item(ast.InternedTerm("command"), ast.StringTerm(r.Command)),
			ast.Item(ast.InternedTerm("args"), strs(r.Args)))
	case ResourceEnv:
		items = append(items, ast.Item(ast.InternedTerm("name"), ast.StringTerm(r.Name)))
	}
	return ast.ObjectTerm(items...)
}

func (e *Engine) packageInput(p Package) map[string]any {
	dir := p.Dir
	if filepath.IsAbs(dir) {
		if rel, err := filepath.Rel(e.appRoot, dir); err == nil {
			dir = rel
		} else if rel, err := filepath.Rel(e.cfg.AppRoot, dir); err == nil {
			dir = rel
		}
	}
	return map[string]any{"name": p.Name, "version": p.Version, "dir": filepath.ToSlash(dir), "app": p.App}
}

// inputValue is SPEC.md's Rego input, built as an AST value: handing OPA a map costs a
// conversion per evaluation.
func (e *Engine) inputValue(p Package, capability string, r Resource, api string) ast.Value {
	return ast.NewObject(
		ast.Item(ast.InternedTerm("package"), e.packageTerm(p)),
		ast.Item(ast.InternedTerm("capability"), ast.StringTerm(capability)),
		ast.Item(ast.InternedTerm("resource"), resourceTerm(capability, r)),
		ast.Item(ast.InternedTerm("api"), ast.StringTerm(api)),
	)
}

// denials evaluates data.pkgbox.authz.deny_reasons: the messages of the deny rules that fire.
func (e *Engine) denials(p Package, capability string, r Resource, api string) ([]string, error) {
	rs, err := e.denyReasons.Eval(context.Background(), rego.EvalParsedInput(e.inputValue(p, capability, r, api)))
	if err != nil {
		return nil, err
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return nil, errors.New(denyReasonsQuery + " is undefined")
	}
	list, ok := rs[0].Expressions[0].Value.([]any)
	if !ok {
		return nil, fmt.Errorf("%s is %T, expected a list", denyReasonsQuery, rs[0].Expressions[0].Value)
	}
	return messages(list), nil
}

func messages(list []any) []string {
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		} else {
			b, _ := json.Marshal(x)
			out = append(out, string(b))
		}
	}
	return out
}

func (e *Engine) regoDecision(p Package, capability string, r Resource, api string) Decision {
	rs, err := e.decide.Eval(context.Background(), rego.EvalParsedInput(e.inputValue(p, capability, r, api)))
	if err != nil {
		return Decision{Reasons: []string{"policy error (denied): " + err.Error()}}
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return Decision{Reasons: []string{"policy error (denied): data.pkgbox.authz.decision is undefined"}}
	}
	obj, ok := rs[0].Expressions[0].Value.(map[string]any)
	if !ok {
		return Decision{Reasons: []string{fmt.Sprintf("policy error (denied): decision is %T, expected an object", rs[0].Expressions[0].Value)}}
	}
	allow, ok := obj["allow"].(bool)
	if !ok {
		return Decision{Reasons: []string{"policy error (denied): decision.allow is not a boolean"}}
	}
	list, _ := obj["reasons"].([]any)
	return Decision{Allow: allow, Reasons: messages(list)}
}

// Unrestricted reports whether p may use capability on every resource, so a builtin can skip
// per-resource checks (process.env enumeration, for example): under --allow-all, or when the
// app has no "app" section or a grant is `true`, and no deny rule (built-in or user) can fire for
// this package and capability.
func (e *Engine) Unrestricted(p Package, capability string) bool {
	if e.cfg.AllowAll {
		return true
	}
	if !IsCapability(capability) {
		return false
	}
	whole := p.App && e.app == nil
	if !whole {
		g := e.grantOf(p, capability)
		whole = g != nil && g.all
	}
	return whole && !e.denyCouldFire(p, capability)
}

// CheckManifest evaluates data.pkgbox.check.deny with the manifest as input (`pkgbox check`) and
// returns its messages, sorted. manifestJSON is the manifest as JSON-shaped Go values (what
// encoding/json decodes into any) or raw JSON bytes.
func (e *Engine) CheckManifest(manifestJSON any) ([]string, error) {
	if b, ok := manifestJSON.([]byte); ok {
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			return nil, fmt.Errorf("policy: manifest: %w", err)
		}
		manifestJSON = v
	}
	rs, err := e.check.Eval(context.Background(), rego.EvalInput(manifestJSON))
	if err != nil {
		return nil, fmt.Errorf("policy: evaluating %s: %w", checkQuery, err)
	}
	if len(rs) == 0 {
		return nil, nil // no rule defines the set: nothing is forbidden
	}
	list, ok := rs[0].Expressions[0].Value.([]any)
	if !ok {
		return nil, fmt.Errorf("policy: %s is %T, expected a set of messages", checkQuery, rs[0].Expressions[0].Value)
	}
	out := messages(list)
	sort.Strings(out)
	return out, nil
}

// ResourceString is a resource as denial messages, reports and grants name it: the path,
// "unix:PATH", "host:port" (IPv6 in brackets), the host, the command or the variable; "" when the
// capability takes none.
func ResourceString(r Resource) string {
	switch {
	case r.Path != "":
		return r.Path
	case r.Unix != "":
		return "unix:" + r.Unix
	case r.Host != "":
		h := r.Host
		if strings.Contains(h, ":") {
			h = "[" + h + "]"
		}
		if r.Port != 0 {
			return h + ":" + strconv.Itoa(r.Port)
		}
		return h
	case r.Command != "":
		return r.Command
	case r.Name != "":
		return r.Name
	}
	return ""
}

// DenialMessage is SPEC.md's denial text:
//
//	pkgbox: denied: package "name@version" cap "resource" (api) — grant it in pkgbox.json: "name": {"cap": ["resource"]}
//
// with `true` as the grant when the capability takes no resource, and "the app" / "app" for the
// app's own code.
func DenialMessage(p Package, capability string, r Resource, api string) string {
	use, grantKey, grant := describeUse(p, capability, r, api)
	return use + " — grant it in pkgbox.json: " + jsonString(grantKey) + ": {" + jsonString(capability) + ": " + grant + "}"
}

// RuleDenialMessage is the denial text when a deny rule (built-in or an organisation's) refused a
// use pkgbox.json grants: the rule's message replaces the grant suggestion.
//
//	pkgbox: denied: package "name@version" cap "resource" (api) — refused by policy: no package may spawn
func RuleDenialMessage(p Package, capability string, r Resource, api string, reasons []string) string {
	use, _, _ := describeUse(p, capability, r, api)
	return use + " — refused by policy: " + strings.Join(reasons, "; ")
}

// describeUse is the common head of denial messages, and the grant that would allow the use.
func describeUse(p Package, capability string, r Resource, api string) (use, grantKey, grant string) {
	var b strings.Builder
	b.WriteString("pkgbox: denied: ")
	grantKey = p.Name
	if p.App {
		b.WriteString("the app ")
		grantKey = "app"
	} else {
		label := p.Name
		if p.Version != "" {
			label += "@" + p.Version
		}
		b.WriteString("package " + jsonString(label) + " ")
	}
	b.WriteString(capability)
	res := ResourceString(r)
	grant = "true"
	if res != "" {
		b.WriteString(" " + jsonString(res))
		grant = "[" + jsonString(res) + "]"
	}
	b.WriteString(" (" + api + ")")
	return b.String(), grantKey, grant
}

// jsonString quotes s as JSON without HTML escaping, so the grant can be pasted into pkgbox.json.
func jsonString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

type reportLine struct {
	Package    string   `json:"package"`
	Version    string   `json:"version"`
	App        bool     `json:"app,omitempty"`
	Capability string   `json:"capability"`
	Resource   string   `json:"resource"`
	API        string   `json:"api"`
	Allowed    bool     `json:"allowed"`
	Mode       string   `json:"mode"`
	Reasons    []string `json:"reasons"`
}

func (e *Engine) report(p Package, capability string, r Resource, api string, d Decision) {
	if e.cfg.Report == nil {
		return
	}
	line, err := json.Marshal(reportLine{
		Package: p.Name, Version: p.Version, App: p.App, Capability: capability,
		Resource: ResourceString(r), API: api, Allowed: d.Allow, Mode: e.cfg.Mode.String(),
		Reasons: d.Reasons,
	})
	if err != nil {
		return
	}
	line = append(line, '\n')
	e.reportMu.Lock()
	defer e.reportMu.Unlock()
	if _, err := e.cfg.Report.Write(line); err != nil && e.reportErr == nil {
		e.reportErr = err
	}
}

// ReportError is the first error writing the report, if any.
func (e *Engine) ReportError() error {
	e.reportMu.Lock()
	defer e.reportMu.Unlock()
	return e.reportErr
}
