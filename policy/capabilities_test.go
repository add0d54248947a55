package policy

import (
	"regexp"
	"strings"
	"testing"
)

func TestCapabilityTableParses(t *testing.T) {
	list, err := parseCapabilityTable(capabilityTSV)
	if err != nil {
		t.Fatalf("capabilities.tsv: %v", err)
	}
	rows := 0
	for _, line := range strings.Split(capabilityTSV, "\n") {
		if strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "#") {
			rows++
		}
	}
	if len(list) != rows || len(APIs()) != rows {
		t.Fatalf("parsed %d APIs (APIs() %d) from %d rows", len(list), len(APIs()), rows)
	}
}

func TestCapabilityTableAPIsUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range APIs() {
		if seen[a.Name] {
			t.Errorf("api %q listed twice", a.Name)
		}
		seen[a.Name] = true
		got, ok := Lookup(a.Name)
		if !ok || got.Name != a.Name || len(got.Checks) != len(a.Checks) {
			t.Errorf("Lookup(%q) = %+v, %v", a.Name, got, ok)
		}
	}
	if _, err := parseCapabilityTable("fs.x\tfs\tsync\t-\nfs.x\tfs\tsync\t-\n"); err == nil || !strings.Contains(err.Error(), "already defined on line 1") {
		t.Errorf("duplicate api: got %v", err)
	}
}

var capabilityName = regexp.MustCompile(`^[a-z]+\.[a-z]+$`)

func TestCapabilityNamesValid(t *testing.T) {
	names := map[string]bool{}
	for _, c := range Capabilities() {
		if !capabilityName.MatchString(c.Name) {
			t.Errorf("capability %q is not group.action", c.Name)
		}
		if names[c.Name] {
			t.Errorf("capability %q listed twice", c.Name)
		}
		names[c.Name] = true
		if !IsCapability(c.Name) {
			t.Errorf("IsCapability(%q) = false", c.Name)
		}
		if got, ok := CapabilityOf(c.Name); !ok || got != c {
			t.Errorf("CapabilityOf(%q) = %+v", c.Name, got)
		}
	}
	if len(CapabilityNames()) != len(names) {
		t.Errorf("CapabilityNames has %d, table %d", len(CapabilityNames()), len(names))
	}
	used := map[string]bool{}
	for _, a := range APIs() {
		for _, ch := range a.Checks {
			if !names[ch.Capability] {
				t.Errorf("api %s uses unknown capability %q", a.Name, ch.Capability)
			}
			used[ch.Capability] = true
		}
	}
	for n := range names {
		if !used[n] {
			t.Errorf("capability %s is needed by no API of the table", n)
		}
	}
	if IsCapability("fs.reed") {
		t.Error(`IsCapability("fs.reed") = true`)
	}
}

func TestCapabilityTableRejectsBadRows(t *testing.T) {
	for row, want := range map[string]string{
		"fs.x\tfs\tsync":                               "expected 4 or 5",
		"fs.x\tfs\tnope\t-":                            "form",
		"fs.x\tfs\tsync\tfs.reed(path:0)":              "unknown capability",
		"fs.x\tfs\tsync\tfs.read(none:-)":              "takes a path",
		"fs.x\tfs\tsync\tprocess.exit(path:0)":         "unknown capability",
		"fs.x\tfs\tsync\tfs.read(path:zero)":           "not an argument index",
		"fs.x\tfs\tsync\tfs.read(path:0)[sometimes]":   "condition",
		"fs.x\tfs\tsync\tfs.read(bogus:0)":             "unknown resource kind",
		"fs.x\tfs\tsync\tprocess.control(none:-)[set]": "",
	} {
		_, err := parseCapabilityTable(row + "\n")
		if want == "" {
			if err != nil {
				t.Errorf("%q: %v", row, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want error containing %q", row, err, want)
		}
	}
}

func TestSuggest(t *testing.T) {
	for in, want := range map[string]string{"fs.reed": "fs.read", "FS.READ": "fs.read", "read.fs": "fs.read",
		"env_read": "env.read", "net.conect": "net.connect", "completely-unrelated-word": ""} {
		if got := Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
