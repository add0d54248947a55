package inventory

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// readEntries fills Bin, Entries and ExportsMap from package.json. Values of the wrong
// type are ignored, as npm and Node ignore them.
func (p *Package) readEntries(pj *packageJSON) {
	if one, ok := jsonString(pj.Bin); ok {
		p.Bin = addFile(p.Bin, one)
	} else if many, ok := jsonObject(pj.Bin); ok {
		for _, v := range many {
			if s, ok := v.(string); ok {
				p.Bin = addFile(p.Bin, s)
			}
		}
	}
	slices.Sort(p.Bin)
	p.Bin = slices.Compact(p.Bin)

	main := "index.js"
	if one, ok := jsonString(pj.Main); ok && strings.TrimSpace(one) != "" {
		main = one
	}
	p.Entries = addFile(p.Entries, main)
	if one, ok := jsonString(pj.Module); ok {
		p.Entries = addFile(p.Entries, one)
	}
	// "browser": a file, or a map from files (and package names) to files or false.
	if one, ok := jsonString(pj.Browser); ok {
		p.Entries = addFile(p.Entries, one)
	} else if many, ok := jsonObject(pj.Browser); ok {
		for k, v := range many {
			if strings.HasPrefix(k, ".") {
				p.Entries = addFile(p.Entries, k)
			}
			if s, ok := v.(string); ok && strings.HasPrefix(s, ".") {
				p.Entries = addFile(p.Entries, s)
			}
		}
	}
	if len(pj.Exports) > 0 && string(pj.Exports) != "null" {
		var v any
		if json.Unmarshal(pj.Exports, &v) == nil {
			p.ExportsMap = true
			p.Entries = exportTargets(p.Entries, v)
		}
	}
	slices.Sort(p.Entries)
	p.Entries = slices.Compact(p.Entries)
}

// jsonString decodes a package.json value that should be a string.
func jsonString(raw json.RawMessage) (string, bool) {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// jsonObject decodes a package.json value that should be an object (a new map every time).
func jsonObject(raw json.RawMessage) (map[string]any, bool) {
	var m map[string]any
	if len(raw) == 0 || json.Unmarshal(raw, &m) != nil || m == nil {
		return nil, false
	}
	return m, true
}

// exportTargets adds every target of an "exports" value: strings, nested conditions and
// fallback arrays (keys are subpaths or conditions; only the values name files).
func exportTargets(out []string, v any) []string {
	switch v := v.(type) {
	case string:
		if strings.HasPrefix(v, "./") {
			out = addFile(out, v)
		}
	case []any:
		for _, x := range v {
			out = exportTargets(out, x)
		}
	case map[string]any:
		for _, x := range v {
			out = exportTargets(out, x)
		}
	}
	return out
}

// addFile appends a package-relative file named in package.json, cleaned; names that leave
// the package are dropped.
func addFile(out []string, name string) []string {
	name = strings.TrimSpace(name)
	if name == "" {
		return out
	}
	c := path.Clean(strings.TrimPrefix(name, "/"))
	if c == "." || c == ".." || strings.HasPrefix(c, "../") {
		return out
	}
	return append(out, c)
}

// addBinScripts adds to Files the "bin" files that have no source extension but are node
// scripts (a "#!" line naming node), so that what they require is seen.
func (p *Package) addBinScripts() {
	for _, b := range p.Bin {
		if sourceExts[path.Ext(b)] || slices.Contains(p.Files, b) {
			continue
		}
		f, err := os.Open(filepath.Join(p.RealDir, filepath.FromSlash(b)))
		if err != nil {
			continue
		}
		head := make([]byte, 256)
		n, _ := f.Read(head)
		f.Close()
		line, _, _ := strings.Cut(string(head[:n]), "\n")
		if strings.HasPrefix(line, "#!") && strings.Contains(line, "node") {
			p.Files = append(p.Files, b)
		}
	}
}
