package web

import "strings"

// parseForm is the application/x-www-form-urlencoded parser; it returns names and values
// interleaved, the layout url.js keeps.
func parseForm(s string) []string {
	var out []string
	for len(s) > 0 {
		seq := s
		if i := strings.IndexByte(s, '&'); i >= 0 {
			seq, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if seq == "" {
			continue
		}
		name, value := seq, ""
		if i := strings.IndexByte(seq, '='); i >= 0 {
			name, value = seq[:i], seq[i+1:]
		}
		out = append(out, formDecode(name), formDecode(value))
	}
	return out
}

func formDecode(s string) string {
	if strings.IndexByte(s, '+') < 0 && strings.IndexByte(s, '%') < 0 {
		return s
	}
	b := percentDecode(strings.ReplaceAll(s, "+", " "))
	return decodeUTF8(b)
}

// serializeForm is the application/x-www-form-urlencoded serializer over interleaved pairs.
func serializeForm(list []string) string {
	n := 0
	for _, s := range list {
		n += len(s) + 1
	}
	b := make([]byte, 0, n+n/4)
	for i := 0; i+1 < len(list); i += 2 {
		if i > 0 {
			b = append(b, '&')
		}
		b = appendPercentEncoded(b, list[i], formSet, true)
		b = append(b, '=')
		b = appendPercentEncoded(b, list[i+1], formSet, true)
	}
	return string(b)
}
