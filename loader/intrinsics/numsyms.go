package intrinsics

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// numberSymbols are the locale data a number format needs. x/text keeps CLDR's number data in internal
// packages, so it is read back by formatting probe values through its public printer once per locale and
// numbering system (cached: the probe costs tens of microseconds).
type numberSymbols struct {
	digits       [10]string
	decimal      string
	group        string
	minus        string
	plus         string
	primaryGroup int // digits in the group next to the decimal point (3; 0 = no grouping)
	secondGroup  int // digits in the other groups (3, or 2 for the Indian system)
	minGrouping  int // digits the integer part must exceed before grouping applies (1 or 2)
	percentPre   string
	percentPost  string
	percentSign  string
}

var numberSymbolCache sync.Map // tag string → *numberSymbols

// numberingSystems maps the numbering systems pkgbox supports to their digits.
var numberingSystems = map[string]string{
	"latn": "0123456789", "arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹", "beng": "০১২৩৪৫৬৭৮৯",
	"deva": "०१२३४५६७८९", "fullwide": "０１２３４５６７８９", "gujr": "૦૧૨૩૪૫૬૭૮૯", "guru": "੦੧੨੩੪੫੬੭੮੯",
	"hanidec": "〇一二三四五六七八九", "khmr": "០១២៣៤៥៦៧៨៩", "knda": "೦೧೨೩೪೫೬೭೮೯", "laoo": "໐໑໒໓໔໕໖໗໘໙",
	"mlym": "൦൧൨൩൪൫൬൭൮൯", "mymr": "၀၁၂၃၄၅၆၇၈၉", "orya": "୦୧୨୩୪୫୬୭୮୯", "tamldec": "௦௧௨௩௪௫௬௭௮௯",
	"telu": "౦౧౨౩౪౫౬౭౮౯", "thai": "๐๑๒๓๔๕๖๗๘๙", "tibt": "༠༡༢༣༤༥༦༧༨༩",
}

func digitsOf(system string) ([10]string, bool) {
	var out [10]string
	s, ok := numberingSystems[system]
	if !ok {
		return out, false
	}
	i := 0
	for _, r := range s {
		out[i] = string(r)
		i++
	}
	return out, true
}

// numberingSystemOf names the numbering system of a digit set.
func numberingSystemOf(d [10]string) string {
	joined := strings.Join(d[:], "")
	for name, s := range numberingSystems {
		if s == joined {
			return name
		}
	}
	return "latn"
}

func symbolsFor(locale, nu string) *numberSymbols {
	key := locale + "|" + nu
	if v, ok := numberSymbolCache.Load(key); ok {
		return v.(*numberSymbols)
	}
	tag := language.Make(locale)
	if locale == "en" {
		tag = language.AmericanEnglish // same symbols; the probe below is the slow path
	}
	s := probeSymbols(tag)
	applySymbolOverrides(locale, s)
	if nu != "" {
		if d, ok := digitsOf(nu); ok {
			s.digits = d
			if nu == "arab" || nu == "arabext" {
				s.decimal, s.group = "٫", "٬"
			}
		}
	}
	numberSymbolCache.Store(key, s)
	return s
}

func probeSymbols(tag language.Tag) *numberSymbols {
	p := message.NewPrinter(tag)
	s := &numberSymbols{plus: "+", percentSign: "%"}
	for i := 0; i < 10; i++ {
		s.digits[i] = p.Sprint(number.Decimal(i))
	}
	isDigit := func(r string) bool {
		for _, d := range s.digits {
			if d == r {
				return true
			}
		}
		return false
	}
	// 1234567.5 shows both separators and both group sizes.
	probe := p.Sprint(number.Decimal(1234567.5, number.MaxFractionDigits(1)))
	var runs []int // lengths of digit runs
	var seps []string
	cur, sep := 0, ""
	for _, r := range probe {
		if isDigit(string(r)) {
			if sep != "" {
				seps = append(seps, sep)
				sep = ""
			}
			cur++
			continue
		}
		if cur > 0 {
			runs = append(runs, cur)
			cur = 0
		}
		sep += string(r)
	}
	runs = append(runs, cur)
	s.decimal = "."
	if len(seps) > 0 {
		s.decimal = seps[len(seps)-1]
	}
	intRuns := runs[:len(runs)-1]
	if len(seps) > 1 {
		s.group = seps[0]
		s.primaryGroup = intRuns[len(intRuns)-1]
		s.secondGroup = s.primaryGroup
		if len(intRuns) > 2 {
			s.secondGroup = intRuns[len(intRuns)-2]
		}
	}
	s.minGrouping = 1
	if s.group != "" && !strings.Contains(p.Sprint(number.Decimal(1234)), s.group) {
		s.minGrouping = 2
	}
	neg := p.Sprint(number.Decimal(-1))
	s.minus = strings.TrimSuffix(neg, s.digits[1])
	if s.minus == "" || s.minus == neg {
		s.minus = "-"
	}
	pct := p.Sprint(number.Percent(0.25))
	two, five := s.digits[2], s.digits[5]
	if i := strings.Index(pct, two+five); i >= 0 {
		s.percentPre = pct[:i]
		s.percentPost = pct[i+len(two)+len(five):]
	} else {
		s.percentPost = "%"
	}
	for _, part := range []string{s.percentPre, s.percentPost} {
		for _, r := range part {
			if r == '%' || r == '٪' || r == '‰' {
				s.percentSign = string(r)
			}
		}
	}
	return s
}

// group inserts separators into an integer digit string (already in locale digits, one rune each).
func (s *numberSymbols) groupDigits(intPart string, mode string) []string {
	n := utf8.RuneCountInString(intPart)
	if s.primaryGroup == 0 || mode == "false" {
		return []string{intPart}
	}
	min := s.minGrouping
	switch mode {
	case "always":
		min = 1
	case "min2":
		min = 2
	}
	if n < s.primaryGroup+min {
		return []string{intPart}
	}
	runes := []rune(intPart)
	var groups []string
	end := n
	size := s.primaryGroup
	for end > 0 {
		start := end - size
		if start < 0 {
			start = 0
		}
		groups = append([]string{string(runes[start:end])}, groups...)
		end = start
		size = s.secondGroup
	}
	return groups
}

// applySymbolOverrides corrects x/text's CLDR data where the newer CLDR in node's ICU differs.
func applySymbolOverrides(locale string, s *numberSymbols) {
	base, _ := splitUnicodeExtension(locale)
	lang, _, _ := strings.Cut(base, "-")
	switch lang {
	case "fr":
		s.group = "\u202f"
		s.percentPre, s.percentPost = "", "\u00a0%"
	case "es", "it", "pl":
		s.minGrouping = 2
	case "pt":
		if base == "pt-PT" {
			s.minGrouping = 2
		}
	case "ar":
		s.digits = [10]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
		s.decimal, s.group = ".", ","
		s.minus = "\u200e-"
		s.percentPre, s.percentPost, s.percentSign = "", "\u200e%\u200e", "%"
	}
}
