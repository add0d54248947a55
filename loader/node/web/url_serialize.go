package web

import "strconv"

// Offsets into a serialized URL, as the JavaScript URL object keeps them. A serialization is
// always ASCII, so byte offsets are also UTF-16 offsets.
const (
	offProtocolEnd = iota // after "scheme:"
	offUsernameStart
	offUsernameEnd
	offPasswordStart
	offPasswordEnd
	offHostStart
	offHostEnd
	offPortEnd // equal to offHostEnd when there is no port
	offPathStart
	offSearchStart // index of "?", or where the path ends
	offHashStart   // index of "#", or the length
	offHasOpaquePath
	numOffsets
)

func (u *urlRecord) serialize(offs *[numOffsets]uint32) string {
	b := make([]byte, 0, 64)
	b = append(b, u.scheme...)
	b = append(b, ':')
	mark := func(i int) {
		if offs != nil {
			offs[i] = uint32(len(b))
		}
	}
	mark(offProtocolEnd)
	if u.hasHost {
		b = append(b, '/', '/')
		mark(offUsernameStart)
		b = append(b, u.username...)
		mark(offUsernameEnd)
		mark(offPasswordStart)
		if u.password != "" {
			b = append(b, ':')
			mark(offPasswordStart)
			b = append(b, u.password...)
		}
		mark(offPasswordEnd)
		if u.includesCredentials() {
			b = append(b, '@')
		}
		mark(offHostStart)
		b = append(b, u.host...)
		mark(offHostEnd)
		if u.port >= 0 {
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(u.port), 10)
		}
		mark(offPortEnd)
	} else {
		for _, i := range []int{offUsernameStart, offUsernameEnd, offPasswordStart, offPasswordEnd,
			offHostStart, offHostEnd, offPortEnd} {
			mark(i)
		}
	}
	if u.opaque {
		mark(offPathStart)
		b = append(b, u.opaquePath...)
	} else {
		if !u.hasHost && len(u.path) > 1 && u.path[0] == "" {
			b = append(b, '/', '.')
		}
		mark(offPathStart)
		for _, seg := range u.path {
			b = append(b, '/')
			b = append(b, seg...)
		}
	}
	mark(offSearchStart)
	if u.hasQuery {
		b = append(b, '?')
		b = append(b, u.query...)
	}
	mark(offHashStart)
	if u.hasFrag {
		b = append(b, '#')
		b = append(b, u.fragment...)
	}
	if offs != nil {
		offs[offHasOpaquePath] = 0
		if u.opaque {
			offs[offHasOpaquePath] = 1
		}
	}
	return string(b)
}

// origin is the ASCII serialization of the URL's origin.
func (u *urlRecord) origin() string {
	switch u.scheme {
	case "http", "https", "ws", "wss", "ftp":
		s := u.scheme + "://" + u.host
		if u.port >= 0 {
			s += ":" + strconv.Itoa(u.port)
		}
		return s
	case "blob":
		inner, ok := parseURL(u.pathString(), nil, nil, noOverride)
		if ok && (inner.scheme == "http" || inner.scheme == "https") {
			return inner.origin()
		}
	}
	return "null"
}

func (u *urlRecord) pathString() string {
	if u.opaque {
		return u.opaquePath
	}
	n := 0
	for _, s := range u.path {
		n += len(s) + 1
	}
	b := make([]byte, 0, n)
	for _, s := range u.path {
		b = append(b, '/')
		b = append(b, s...)
	}
	return string(b)
}
