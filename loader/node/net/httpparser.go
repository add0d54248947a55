package net

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// maxHeaderSize is Node's default --max-http-header-size.
const maxHeaderSize = 16 * 1024

// Parser events. execute returns them as one flat array [kind, value, kind, value, ...]: an
// array per event would cost goja an iterator per event in http.js.
const (
	evHeaders  = 1 // 1, info
	evBody     = 2 // 2, Buffer
	evComplete = 3 // 3, rawTrailers or undefined
	evUpgrade  = 4 // 4, Buffer of the bytes after the head
)

type parseState int

const (
	stHead parseState = iota
	stBodyLength
	stBodyEOF
	stChunkSize
	stChunkData
	stChunkDataEnd
	stTrailers
	stUpgraded
	stDead
)

// httpParser is an incremental HTTP/1.1 parser (requests or responses). It does the byte work
// Node's llhttp does — heads, Content-Length and chunked bodies, keep-alive and upgrade — and
// leaves the message objects to http.js.
type httpParser struct {
	request bool
	state   parseState
	buf     []byte
	remain  int64
	// noBody is set by the client before a response to HEAD (or a 1xx/204/304 status).
	noBody    bool
	keepAlive bool
	trailers  []string
	// noUpgrade: a server with no 'upgrade' listener handles an Upgrade request as a normal one.
	noUpgrade bool
}

type parseError struct{ code, reason string }

func (e *parseError) Error() string { return e.reason }

func (b *binding) newParser(request bool) *goja.Object {
	p := &httpParser{request: request}
	o := b.vm.NewObject()
	// execute(bytes) -> [event, value, event, value, ...]; throws {code, reason, events} on
	// malformed input.
	b.method(o, "execute", 1, func(call goja.FunctionCall) goja.Value {
		data, ok := b.bytesArg(call.Argument(0))
		if !ok {
			panic(b.vm.NewTypeError("net binding: execute needs bytes"))
		}
		evs, err := p.execute(data)
		out := b.events(evs)
		if err != nil {
			info := b.vm.NewObject()
			b.set(info, "code", err.code)
			b.set(info, "reason", err.reason)
			b.set(info, "events", out)
			panic(info)
		}
		return out
	})
	// finish(): the connection ended; completes a read-until-close body.
	b.method(o, "finish", 0, func(goja.FunctionCall) goja.Value {
		switch p.state {
		case stBodyEOF:
			p.state = stHead
			return b.events([]event{{kind: evComplete}})
		case stHead:
			if len(p.buf) == 0 {
				return b.events(nil)
			}
		case stUpgraded, stDead:
			return b.events(nil)
		}
		info := b.vm.NewObject()
		b.set(info, "code", "HPE_INVALID_EOF_STATE")
		b.set(info, "reason", "Invalid EOF state")
		panic(info)
	})
	b.method(o, "setUpgrade", 1, func(call goja.FunctionCall) goja.Value {
		p.noUpgrade = !call.Argument(0).ToBoolean()
		return goja.Undefined()
	})
	b.method(o, "setNoBody", 1, func(call goja.FunctionCall) goja.Value {
		p.noBody = call.Argument(0).ToBoolean()
		return goja.Undefined()
	})
	// reset() readies the parser for another message after an upgrade was declined (1xx etc.).
	b.method(o, "reset", 0, func(goja.FunctionCall) goja.Value {
		p.state = stHead
		return goja.Undefined()
	})
	b.method(o, "remaining", 0, func(goja.FunctionCall) goja.Value {
		rest := p.buf
		p.buf = nil
		return b.h.NewBuffer(append([]byte(nil), rest...))
	})
	return o
}

func (b *binding) bytesArg(v goja.Value) ([]byte, bool) {
	if s, ok := v.Export().(string); ok {
		return []byte(s), true
	}
	return host.Bytes(b.vm, v)
}

type event struct {
	kind int
	head *head
	data []byte
}

type head struct {
	method, url, statusMessage string
	status, major, minor       int
	raw                        []string
	keepAlive, upgrade         bool
	// expect is the Expect header as req.headers shows it (duplicates joined with ", "), so that
	// the server need not build req.headers for every request to look for it.
	expect string
}

func (b *binding) events(evs []event) goja.Value {
	out := make([]any, 0, 2*len(evs))
	for _, e := range evs {
		switch e.kind {
		case evHeaders:
			h := e.head
			info := b.vm.NewObject()
			b.set(info, "versionMajor", h.major)
			b.set(info, "versionMinor", h.minor)
			if h.method != "" {
				b.set(info, "method", h.method)
				b.set(info, "url", h.url)
			} else {
				b.set(info, "statusCode", h.status)
				b.set(info, "statusMessage", h.statusMessage)
			}
			b.set(info, "rawHeaders", h.raw)
			b.set(info, "shouldKeepAlive", h.keepAlive)
			b.set(info, "upgrade", h.upgrade)
			if h.expect != "" {
				b.set(info, "expect", h.expect)
			}
			out = append(out, evHeaders, info)
		case evBody, evUpgrade:
			out = append(out, e.kind, b.h.NewBuffer(e.data))
		case evComplete:
			var tr goja.Value = goja.Undefined()
			if e.head != nil {
				arr := make([]any, len(e.head.raw))
				for i, s := range e.head.raw {
					arr[i] = s
				}
				tr = b.vm.NewArray(arr...)
			}
			out = append(out, evComplete, tr)
		}
	}
	return b.vm.NewArray(out...)
}

func (p *httpParser) execute(data []byte) ([]event, *parseError) {
	if p.state == stDead {
		return nil, &parseError{"HPE_CLOSED_CONNECTION", "Data after `Connection: close`"}
	}
	if p.state == stUpgraded {
		p.buf = append(p.buf, data...)
		return nil, nil
	}
	p.buf = append(p.buf, data...)
	var evs []event
	for {
		switch p.state {
		case stHead:
			// Leading CRLFs between messages are ignored, as llhttp does.
			for len(p.buf) >= 2 && p.buf[0] == '\r' && p.buf[1] == '\n' {
				p.buf = p.buf[2:]
			}
			end := bytes.Index(p.buf, []byte("\r\n\r\n"))
			if end < 0 {
				if len(p.buf) > maxHeaderSize {
					p.state = stDead
					return evs, &parseError{"HPE_HEADER_OVERFLOW", "Header overflow"}
				}
				return evs, nil
			}
			if end > maxHeaderSize {
				p.state = stDead
				return evs, &parseError{"HPE_HEADER_OVERFLOW", "Header overflow"}
			}
			h, bodyLen, chunked, err := p.parseHead(string(p.buf[:end]))
			p.buf = p.buf[end+4:]
			if err != nil {
				p.state = stDead
				return evs, err
			}
			evs = append(evs, event{kind: evHeaders, head: h})
			p.keepAlive = h.keepAlive
			if h.upgrade {
				p.state = stUpgraded
				evs = append(evs, event{kind: evUpgrade, data: append([]byte(nil), p.buf...)})
				p.buf = nil
				return evs, nil
			}
			noBody := p.noBody
			p.noBody = false
			if !p.request && (h.status/100 == 1 || h.status == 204 || h.status == 304) {
				noBody = true
			}
			switch {
			case noBody:
				evs = append(evs, p.complete())
			case chunked:
				p.state = stChunkSize
			case bodyLen > 0:
				p.state, p.remain = stBodyLength, bodyLen
			case bodyLen == 0 || p.request:
				evs = append(evs, p.complete())
			default:
				p.state = stBodyEOF
			}
		case stBodyLength:
			if len(p.buf) == 0 {
				return evs, nil
			}
			n := int64(len(p.buf))
			if n > p.remain {
				n = p.remain
			}
			evs = append(evs, event{kind: evBody, data: append([]byte(nil), p.buf[:n]...)})
			p.buf = p.buf[n:]
			p.remain -= n
			if p.remain == 0 {
				evs = append(evs, p.complete())
			}
		case stBodyEOF:
			if len(p.buf) > 0 {
				evs = append(evs, event{kind: evBody, data: append([]byte(nil), p.buf...)})
				p.buf = nil
			}
			return evs, nil
		case stChunkSize:
			i := bytes.Index(p.buf, []byte("\r\n"))
			if i < 0 {
				if len(p.buf) > 1024 {
					p.state = stDead
					return evs, &parseError{"HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size"}
				}
				return evs, nil
			}
			line := string(p.buf[:i])
			if j := strings.IndexByte(line, ';'); j >= 0 {
				line = line[:j]
			}
			size, err := strconv.ParseInt(strings.TrimSpace(line), 16, 64)
			if err != nil || size < 0 {
				p.state = stDead
				return evs, &parseError{"HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size"}
			}
			p.buf = p.buf[i+2:]
			if size == 0 {
				p.state = stTrailers
				p.trailers = nil
			} else {
				p.state, p.remain = stChunkData, size
			}
		case stChunkData:
			if len(p.buf) == 0 {
				return evs, nil
			}
			n := int64(len(p.buf))
			if n > p.remain {
				n = p.remain
			}
			evs = append(evs, event{kind: evBody, data: append([]byte(nil), p.buf[:n]...)})
			p.buf = p.buf[n:]
			p.remain -= n
			if p.remain == 0 {
				p.state = stChunkDataEnd
			}
		case stChunkDataEnd:
			if len(p.buf) < 2 {
				return evs, nil
			}
			if p.buf[0] != '\r' || p.buf[1] != '\n' {
				p.state = stDead
				return evs, &parseError{"HPE_STRICT", "Expected CRLF after chunk"}
			}
			p.buf = p.buf[2:]
			p.state = stChunkSize
		case stTrailers:
			i := bytes.Index(p.buf, []byte("\r\n"))
			if i < 0 {
				return evs, nil
			}
			line := string(p.buf[:i])
			p.buf = p.buf[i+2:]
			if line == "" {
				ev := p.complete()
				if len(p.trailers) > 0 {
					ev.head = &head{raw: p.trailers}
				}
				evs = append(evs, ev)
				continue
			}
			if k, v, ok := strings.Cut(line, ":"); ok {
				p.trailers = append(p.trailers, k, strings.TrimSpace(v))
			}
		default:
			return evs, nil
		}
	}
}

// complete ends a message: the parser waits for the next one, or refuses more after close.
func (p *httpParser) complete() event {
	if p.keepAlive {
		p.state = stHead
	} else {
		p.state = stDead
		if p.request {
			// A server reads nothing after a request that closes the connection.
			p.buf = nil
		}
	}
	return event{kind: evComplete}
}

func tokenChar(c byte) bool {
	return c > 32 && c < 127 && !strings.ContainsRune("()<>@,;:\\\"/[]?={}", rune(c))
}

func (p *httpParser) parseHead(text string) (*head, int64, bool, *parseError) {
	lines := strings.Split(text, "\r\n")
	h := &head{}
	first := lines[0]
	var version string
	if p.request {
		parts := strings.SplitN(first, " ", 3)
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
			return nil, 0, false, &parseError{"HPE_INVALID_METHOD", "Invalid method encountered"}
		}
		for i := 0; i < len(parts[0]); i++ {
			if !tokenChar(parts[0][i]) {
				return nil, 0, false, &parseError{"HPE_INVALID_METHOD", "Invalid method encountered"}
			}
		}
		h.method, h.url, version = parts[0], parts[1], parts[2]
	} else {
		parts := strings.SplitN(first, " ", 3)
		if len(parts) < 2 {
			return nil, 0, false, &parseError{"HPE_INVALID_CONSTANT", "Expected HTTP/"}
		}
		version = parts[0]
		st, err := strconv.Atoi(parts[1])
		if err != nil || len(parts[1]) != 3 {
			return nil, 0, false, &parseError{"HPE_INVALID_STATUS", "Invalid status code"}
		}
		h.status = st
		if len(parts) == 3 {
			h.statusMessage = parts[2]
		}
	}
	if len(version) != 8 || !strings.HasPrefix(version, "HTTP/") || version[6] != '.' ||
		version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9' {
		return nil, 0, false, &parseError{"HPE_INVALID_VERSION", "Invalid HTTP version"}
	}
	h.major, h.minor = int(version[5]-'0'), int(version[7]-'0')
	var bodyLen int64 = -1
	chunked, connClose, connKeep, connUpgrade, hasUpgrade, seenExpect := false, false, false, false, false, false
	for _, line := range lines[1:] {
		if line == "" {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			// obsolete line folding: joins the previous value
			if len(h.raw) >= 2 {
				h.raw[len(h.raw)-1] += " " + strings.TrimSpace(line)
				continue
			}
			return nil, 0, false, &parseError{"HPE_INVALID_HEADER_TOKEN", "Invalid header value char"}
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || k == "" {
			return nil, 0, false, &parseError{"HPE_INVALID_HEADER_TOKEN", "Invalid header token"}
		}
		for i := 0; i < len(k); i++ {
			if !tokenChar(k[i]) {
				return nil, 0, false, &parseError{"HPE_INVALID_HEADER_TOKEN", "Invalid header token"}
			}
		}
		v = strings.Trim(v, " \t")
		h.raw = append(h.raw, k, v)
		switch strings.ToLower(k) {
		case "content-length":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 || (bodyLen >= 0 && n != bodyLen) {
				return nil, 0, false, &parseError{"HPE_UNEXPECTED_CONTENT_LENGTH", "Invalid content-length"}
			}
			bodyLen = n
		case "transfer-encoding":
			enc := strings.ToLower(v)
			if strings.HasSuffix(strings.TrimSpace(enc), "chunked") {
				chunked = true
			}
		case "connection":
			for _, t := range strings.Split(strings.ToLower(v), ",") {
				switch strings.TrimSpace(t) {
				case "close":
					connClose = true
				case "keep-alive":
					connKeep = true
				case "upgrade":
					connUpgrade = true
				}
			}
		case "upgrade":
			hasUpgrade = true
		case "expect":
			if seenExpect {
				h.expect += ", "
			}
			h.expect += v
			seenExpect = true
		}
	}
	if chunked && bodyLen >= 0 {
		if p.request {
			// Request smuggling guard (RFC 9112 6.1): both framings is an error.
			return nil, 0, false, &parseError{"HPE_UNEXPECTED_CONTENT_LENGTH", "Content-Length can't be present with Transfer-Encoding"}
		}
		bodyLen = -1
	}
	if h.major > 1 || (h.major == 1 && h.minor >= 1) {
		h.keepAlive = !connClose
	} else {
		h.keepAlive = connKeep && !connClose
	}
	if p.request {
		h.upgrade = (connUpgrade && hasUpgrade && !p.noUpgrade) || h.method == "CONNECT"
	} else {
		h.upgrade = h.status == 101
		if !chunked && bodyLen < 0 && !p.noBody && h.status/100 != 1 && h.status != 204 && h.status != 304 {
			h.keepAlive = false // the body runs until the connection closes
		}
	}
	return h, bodyLen, chunked, nil
}
