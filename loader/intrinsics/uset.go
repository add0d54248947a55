package intrinsics

import (
	"sort"
	"unicode"
)

// uset is a set of code points as sorted, disjoint, non-adjacent inclusive ranges [lo0, hi0, lo1, hi1, ...].
type uset []uint32

const maxRune = 0x10FFFF

func fromTable(t *unicode.RangeTable) uset {
	var s uset
	for _, r := range t.R16 {
		for c := uint32(r.Lo); c <= uint32(r.Hi); {
			if r.Stride == 1 {
				s = append(s, c, uint32(r.Hi))
				break
			}
			s = append(s, c, c)
			if uint32(r.Hi)-c < uint32(r.Stride) {
				break
			}
			c += uint32(r.Stride)
		}
	}
	for _, r := range t.R32 {
		for c := r.Lo; c <= r.Hi; {
			if r.Stride == 1 {
				s = append(s, c, r.Hi)
				break
			}
			s = append(s, c, c)
			if r.Hi-c < r.Stride {
				break
			}
			c += r.Stride
		}
	}
	return s.normalize()
}

// normalize sorts and merges overlapping or adjacent ranges.
func (s uset) normalize() uset {
	n := len(s) / 2
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return s[2*idx[a]] < s[2*idx[b]] })
	out := make(uset, 0, len(s))
	for _, i := range idx {
		lo, hi := s[2*i], s[2*i+1]
		if k := len(out); k > 0 && lo <= out[k-1]+1 {
			if hi > out[k-1] {
				out[k-1] = hi
			}
			continue
		}
		out = append(out, lo, hi)
	}
	return out
}

func union(sets ...uset) uset {
	var all uset
	for _, s := range sets {
		all = append(all, s...)
	}
	return all.normalize()
}

// complement is taken over all code points except the surrogates, which pkgbox's regexp engines never see
// as characters of a string.
func (s uset) complement() uset {
	var out uset
	next := uint32(0)
	for i := 0; i < len(s); i += 2 {
		if s[i] > next {
			out = append(out, next, s[i]-1)
		}
		next = s[i+1] + 1
	}
	if next <= maxRune {
		out = append(out, next, maxRune)
	}
	return out.minusRange(0xD800, 0xDFFF)
}

func (s uset) minusRange(lo, hi uint32) uset {
	var out uset
	for i := 0; i < len(s); i += 2 {
		a, b := s[i], s[i+1]
		if b < lo || a > hi {
			out = append(out, a, b)
			continue
		}
		if a < lo {
			out = append(out, a, lo-1)
		}
		if b > hi {
			out = append(out, hi+1, b)
		}
	}
	return out
}

func (s uset) minus(t uset) uset {
	return s.intersect(t.complement())
}

func (s uset) intersect(t uset) uset {
	var out uset
	i, j := 0, 0
	for i < len(s) && j < len(t) {
		lo := max(s[i], t[j])
		hi := min(s[i+1], t[j+1])
		if lo <= hi {
			out = append(out, lo, hi)
		}
		if s[i+1] < t[j+1] {
			i += 2
		} else {
			j += 2
		}
	}
	return out
}

func (s uset) contains(c uint32) bool {
	i := sort.Search(len(s)/2, func(k int) bool { return s[2*k+1] >= c })
	return i < len(s)/2 && s[2*i] <= c
}
