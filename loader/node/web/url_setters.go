package web

import "strings"

// The URL attributes a setter can change; the numbers are shared with url.js.
const (
	setHref = iota
	setProtocol
	setUsername
	setPassword
	setHost
	setHostname
	setPort
	setPathname
	setSearch
	setHash
)

// applySetter runs the URL Standard's setter for one attribute on a copy of u. Setters never
// throw; like the standard (and ada), a state machine that fails half-way keeps what it had
// already set, such as the hostname of "example.com:99999".
func applySetter(u *urlRecord, which int, value string) *urlRecord {
	c := *u
	c.path = append([]string(nil), u.path...)
	switch which {
	case setProtocol:
		parseURL(value+":", nil, &c, schemeStartState)
	case setUsername:
		if c.cannotHaveCredentialsOrPort() {
			return u
		}
		c.username = percentEncode(value, userinfoSet)
	case setPassword:
		if c.cannotHaveCredentialsOrPort() {
			return u
		}
		c.password = percentEncode(value, userinfoSet)
	case setHost, setHostname:
		if c.opaque {
			return u
		}
		state := hostState
		if which == setHostname {
			state = hostnameState
		}
		parseURL(value, nil, &c, state)
	case setPort:
		if c.cannotHaveCredentialsOrPort() {
			return u
		}
		if value == "" {
			c.port = -1
		} else {
			parseURL(value, nil, &c, portState)
		}
	case setPathname:
		if c.opaque {
			return u
		}
		c.path = c.path[:0]
		parseURL(value, nil, &c, pathStartState)
	case setSearch:
		if value == "" {
			c.query, c.hasQuery = "", false
			c.stripOpaqueTrailingSpaces()
			return &c
		}
		c.query, c.hasQuery = "", true
		parseURL(strings.TrimPrefix(value, "?"), nil, &c, queryState)
	case setHash:
		if value == "" {
			c.fragment, c.hasFrag = "", false
			c.stripOpaqueTrailingSpaces()
			return &c
		}
		c.fragment, c.hasFrag = "", true
		parseURL(strings.TrimPrefix(value, "#"), nil, &c, fragmentState)
	}
	return &c
}

// stripOpaqueTrailingSpaces keeps a URL with an opaque path re-parsable once its query or
// fragment goes away (the URL Standard's "potentially strip trailing spaces").
func (u *urlRecord) stripOpaqueTrailingSpaces() {
	if !u.opaque || u.hasFrag || u.hasQuery {
		return
	}
	u.opaquePath = strings.TrimRight(u.opaquePath, " ")
}
