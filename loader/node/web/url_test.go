package web

import (
	"testing"
)

// FuzzParseURL checks that no input makes the parser or a setter panic, and that a parsed URL's
// serialization parses back to itself (the URL Standard guarantees it; ada relies on it too).
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"https://user:pw@example.com:8080/p/a?x=1#h", "file:///C:/x/../y", "data:text/plain,x",
		"http://[::1]:3/", "non-special://h/..//p", "http://0x7f.1/", "sc:\\../", "http://ñ.com/", "a:/.//", "  \t"} {
		f.Add(s, "http://base/dir/file", "new")
	}
	f.Fuzz(func(t *testing.T, input, base, value string) {
		b, _ := parseURL(base, nil, nil, noOverride)
		u, ok := parseURL(input, b, nil, noOverride)
		if !ok {
			return
		}
		href := u.serialize(nil)
		again, ok := parseURL(href, nil, nil, noOverride)
		if !ok {
			t.Fatalf("%q parsed to %q, which does not parse", input, href)
		}
		if h2 := again.serialize(nil); h2 != href {
			t.Fatalf("%q: %q reparses to %q", input, href, h2)
		}
		for which := setProtocol; which <= setHash; which++ {
			c := applySetter(u, which, value)
			if _, ok := parseURL(c.serialize(nil), nil, nil, noOverride); !ok {
				t.Fatalf("setter %d with %q on %q gave unparsable %q", which, value, href, c.serialize(nil))
			}
		}
	})
}

// TestSpecWhereAda292Differs pins the places where Node 20's ada 2.9.2 departs from the URL
// Standard and later ada versions follow it; we follow the standard there.
func TestSpecWhereAda292Differs(t *testing.T) {
	cases := []struct {
		href, value, want string
		which             int
	}{
		{"foo://path/to", ":80", "foo://path/to", setHost},                           // node: foo://:80/to
		{"https://domain.com:3000", "\n\n\t\t", "https://domain.com:3000/", setPort}, // node: drops the port
		{"foo://path/to", "/..", "foo://path/", setPathname},                         // node: foo://path
	}
	for _, c := range cases {
		u, ok := parseURL(c.href, nil, nil, noOverride)
		if !ok {
			t.Fatalf("%q does not parse", c.href)
		}
		if got := applySetter(u, c.which, c.value).serialize(nil); got != c.want {
			t.Errorf("setter %d of %q on %q = %q, want %q", c.which, c.value, c.href, got, c.want)
		}
	}
	if u, _ := parseURL("foo://h/..", nil, nil, noOverride); u.serialize(nil) != "foo://h/" {
		t.Errorf(`"foo://h/.." = %q, want "foo://h/" (node gives "foo://h")`, u.serialize(nil))
	}
}

func TestFormRoundTrip(t *testing.T) {
	list := parseForm("a=1&b=%zz&c+d=%E2%82%AC&&=&x&%FF=%C3")
	want := []string{"a", "1", "b", "%zz", "c d", "€", "", "", "x", "", "\uFFFD", "\uFFFD"}
	if len(list) != len(want) {
		t.Fatalf("parseForm = %q, want %q", list, want)
	}
	for i := range want {
		if list[i] != want[i] {
			t.Fatalf("parseForm = %q, want %q", list, want)
		}
	}
	if got := serializeForm([]string{"a b", "~*'!", "é", "&="}); got != "a+b=%7E*%27%21&%C3%A9=%26%3D" {
		t.Errorf("serializeForm = %q", got)
	}
}
