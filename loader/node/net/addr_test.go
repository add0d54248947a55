package net

import "testing"

func TestNormalizeHostSeesEverySpellingOfAnAddress(t *testing.T) {
	cases := map[string]string{
		"2130706433": "127.0.0.1", "0x7f.1": "127.0.0.1", "0177.0.0.1": "127.0.0.1", "0x7f000001": "127.0.0.1",
		"127.1": "127.0.0.1", "[::ffff:127.0.0.1]": "127.0.0.1", "::ffff:7f00:1": "127.0.0.1",
		"[0:0:0:0:0:0:0:1]": "::1", "fe80::1%eth0": "fe80::1", "Example.COM.": "example.com",
		"1.2.3.4.5": "1.2.3.4.5", "256.1.1.1": "256.1.1.1", "08.1.1.1": "08.1.1.1",
	}
	for in, want := range cases {
		if got, _ := normalizeHost(in); got != want {
			t.Errorf("normalizeHost(%q) = %q, want %q", in, got, want)
		}
	}
	if got := dialTarget(mustIP("0.0.0.0")).String(); got != "127.0.0.1" {
		t.Errorf("a connect to 0.0.0.0 goes to %s, want 127.0.0.1", got)
	}
}

func mustIP(s string) []byte {
	_, ip := normalizeHost(s)
	return ip
}
