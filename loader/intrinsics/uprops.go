package intrinsics

import (
	"strings"
	"sync"
	"unicode"
)

// generalCategories maps every General_Category name V8 accepts (long names, short names and the few
// extra aliases) to its short name.
var generalCategories = map[string]string{
	"L": "L", "Letter": "L", "LC": "LC", "Cased_Letter": "LC", "Lu": "Lu", "Uppercase_Letter": "Lu",
	"Ll": "Ll", "Lowercase_Letter": "Ll", "Lt": "Lt", "Titlecase_Letter": "Lt", "Lm": "Lm",
	"Modifier_Letter": "Lm", "Lo": "Lo", "Other_Letter": "Lo", "M": "M", "Mark": "M", "Combining_Mark": "M",
	"Mn": "Mn", "Nonspacing_Mark": "Mn", "Mc": "Mc", "Spacing_Mark": "Mc", "Me": "Me", "Enclosing_Mark": "Me",
	"N": "N", "Number": "N", "Nd": "Nd", "Decimal_Number": "Nd", "digit": "Nd", "Nl": "Nl",
	"Letter_Number": "Nl", "No": "No", "Other_Number": "No", "P": "P", "Punctuation": "P", "punct": "P",
	"Pc": "Pc", "Connector_Punctuation": "Pc", "Pd": "Pd", "Dash_Punctuation": "Pd", "Ps": "Ps",
	"Open_Punctuation": "Ps", "Pe": "Pe", "Close_Punctuation": "Pe", "Pi": "Pi", "Initial_Punctuation": "Pi",
	"Pf": "Pf", "Final_Punctuation": "Pf", "Po": "Po", "Other_Punctuation": "Po", "S": "S", "Symbol": "S",
	"Sm": "Sm", "Math_Symbol": "Sm", "Sc": "Sc", "Currency_Symbol": "Sc", "Sk": "Sk", "Modifier_Symbol": "Sk",
	"So": "So", "Other_Symbol": "So", "Z": "Z", "Separator": "Z", "Zs": "Zs", "Space_Separator": "Zs",
	"Zl": "Zl", "Line_Separator": "Zl", "Zp": "Zp", "Paragraph_Separator": "Zp", "C": "C", "Other": "C",
	"Cc": "Cc", "Control": "Cc", "cntrl": "Cc", "Cf": "Cf", "Format": "Cf", "Cs": "Cs", "Surrogate": "Cs",
	"Co": "Co", "Private_Use": "Co", "Cn": "Cn", "Unassigned": "Cn",
}

// binaryAliases maps the short names of binary properties to their long names.
var binaryAliases = map[string]string{
	"AHex": "ASCII_Hex_Digit", "Alpha": "Alphabetic", "Bidi_C": "Bidi_Control", "Bidi_M": "Bidi_Mirrored",
	"CI": "Case_Ignorable", "CWCF": "Changes_When_Casefolded", "CWCM": "Changes_When_Casemapped",
	"CWKCF": "Changes_When_NFKC_Casefolded", "CWL": "Changes_When_Lowercased",
	"CWT": "Changes_When_Titlecased", "CWU": "Changes_When_Uppercased", "DI": "Default_Ignorable_Code_Point",
	"Dep": "Deprecated", "Dia": "Diacritic", "EBase": "Emoji_Modifier_Base", "EComp": "Emoji_Component",
	"EMod": "Emoji_Modifier", "EPres": "Emoji_Presentation", "ExtPict": "Extended_Pictographic",
	"Ext": "Extender", "Gr_Base": "Grapheme_Base", "Gr_Ext": "Grapheme_Extend", "Hex": "Hex_Digit",
	"IDSB": "IDS_Binary_Operator", "IDST": "IDS_Trinary_Operator", "IDC": "ID_Continue", "IDS": "ID_Start",
	"Ideo": "Ideographic", "Join_C": "Join_Control", "LOE": "Logical_Order_Exception", "Lower": "Lowercase",
	"NChar": "Noncharacter_Code_Point", "Pat_Syn": "Pattern_Syntax", "Pat_WS": "Pattern_White_Space",
	"QMark": "Quotation_Mark", "RI": "Regional_Indicator", "STerm": "Sentence_Terminal", "SD": "Soft_Dotted",
	"Term": "Terminal_Punctuation", "UIdeo": "Unified_Ideograph", "Upper": "Uppercase",
	"VS": "Variation_Selector", "space": "White_Space", "XIDC": "XID_Continue", "XIDS": "XID_Start",
}

// goBinary lists the binary properties that V8 supports and Go's unicode.Properties carries as is.
var goBinary = map[string]bool{
	"ASCII_Hex_Digit": true, "Bidi_Control": true, "Dash": true, "Deprecated": true, "Diacritic": true,
	"Extender": true, "Hex_Digit": true, "IDS_Binary_Operator": true, "IDS_Trinary_Operator": true,
	"Ideographic": true, "Join_Control": true, "Logical_Order_Exception": true,
	"Noncharacter_Code_Point": true, "Pattern_Syntax": true, "Pattern_White_Space": true,
	"Quotation_Mark": true, "Radical": true, "Regional_Indicator": true, "Sentence_Terminal": true,
	"Soft_Dotted": true, "Terminal_Punctuation": true, "Unified_Ideograph": true, "Variation_Selector": true,
	"White_Space": true,
}

// scriptAliases maps ISO 15924 codes (the short Script property values) to the long names Go uses.
var scriptAliases = map[string]string{
	"Adlm": "Adlam", "Ahom": "Ahom", "Hluw": "Anatolian_Hieroglyphs", "Arab": "Arabic", "Armn": "Armenian",
	"Avst": "Avestan", "Bali": "Balinese", "Bamu": "Bamum", "Bass": "Bassa_Vah", "Batk": "Batak",
	"Beng": "Bengali", "Bhks": "Bhaiksuki", "Bopo": "Bopomofo", "Brah": "Brahmi", "Brai": "Braille",
	"Bugi": "Buginese", "Buhd": "Buhid", "Cans": "Canadian_Aboriginal", "Cari": "Carian",
	"Aghb": "Caucasian_Albanian", "Cakm": "Chakma", "Cham": "Cham", "Cher": "Cherokee", "Chrs": "Chorasmian",
	"Zyyy": "Common", "Copt": "Coptic", "Qaac": "Coptic", "Xsux": "Cuneiform", "Cprt": "Cypriot",
	"Cpmn": "Cypro_Minoan", "Cyrl": "Cyrillic", "Dsrt": "Deseret", "Deva": "Devanagari", "Diak": "Dives_Akuru",
	"Dogr": "Dogra", "Dupl": "Duployan", "Egyp": "Egyptian_Hieroglyphs", "Elba": "Elbasan", "Elym": "Elymaic",
	"Ethi": "Ethiopic", "Geor": "Georgian", "Glag": "Glagolitic", "Goth": "Gothic", "Gran": "Grantha",
	"Grek": "Greek", "Gujr": "Gujarati", "Gong": "Gunjala_Gondi", "Guru": "Gurmukhi", "Hani": "Han",
	"Hang": "Hangul", "Rohg": "Hanifi_Rohingya", "Hano": "Hanunoo", "Hatr": "Hatran", "Hebr": "Hebrew",
	"Hira": "Hiragana", "Armi": "Imperial_Aramaic", "Zinh": "Inherited", "Qaai": "Inherited",
	"Phli": "Inscriptional_Pahlavi", "Prti": "Inscriptional_Parthian", "Java": "Javanese", "Kthi": "Kaithi",
	"Knda": "Kannada", "Kana": "Katakana", "Kawi": "Kawi", "Kali": "Kayah_Li", "Khar": "Kharoshthi",
	"Kits": "Khitan_Small_Script", "Khmr": "Khmer", "Khoj": "Khojki", "Sind": "Khudawadi", "Laoo": "Lao",
	"Latn": "Latin", "Lepc": "Lepcha", "Limb": "Limbu", "Lina": "Linear_A", "Linb": "Linear_B", "Lisu": "Lisu",
	"Lyci": "Lycian", "Lydi": "Lydian", "Mahj": "Mahajani", "Maka": "Makasar", "Mlym": "Malayalam",
	"Mand": "Mandaic", "Mani": "Manichaean", "Marc": "Marchen", "Gonm": "Masaram_Gondi", "Medf": "Medefaidrin",
	"Mtei": "Meetei_Mayek", "Mend": "Mende_Kikakui", "Merc": "Meroitic_Cursive", "Mero": "Meroitic_Hieroglyphs",
	"Plrd": "Miao", "Modi": "Modi", "Mong": "Mongolian", "Mroo": "Mro", "Mult": "Multani", "Mymr": "Myanmar",
	"Nbat": "Nabataean", "Nagm": "Nag_Mundari", "Nand": "Nandinagari", "Talu": "New_Tai_Lue", "Newa": "Newa",
	"Nkoo": "Nko", "Nshu": "Nushu", "Hmnp": "Nyiakeng_Puachue_Hmong", "Ogam": "Ogham", "Olck": "Ol_Chiki",
	"Hung": "Old_Hungarian", "Ital": "Old_Italic", "Narb": "Old_North_Arabian", "Perm": "Old_Permic",
	"Xpeo": "Old_Persian", "Sogo": "Old_Sogdian", "Sarb": "Old_South_Arabian", "Orkh": "Old_Turkic",
	"Ougr": "Old_Uyghur", "Orya": "Oriya", "Osge": "Osage", "Osma": "Osmanya", "Hmng": "Pahawh_Hmong",
	"Palm": "Palmyrene", "Pauc": "Pau_Cin_Hau", "Phag": "Phags_Pa", "Phnx": "Phoenician",
	"Phlp": "Psalter_Pahlavi", "Rjng": "Rejang", "Runr": "Runic", "Samr": "Samaritan", "Saur": "Saurashtra",
	"Shrd": "Sharada", "Shaw": "Shavian", "Sidd": "Siddham", "Sgnw": "SignWriting", "Sinh": "Sinhala",
	"Sogd": "Sogdian", "Sora": "Sora_Sompeng", "Soyo": "Soyombo", "Sund": "Sundanese", "Sylo": "Syloti_Nagri",
	"Syrc": "Syriac", "Tglg": "Tagalog", "Tagb": "Tagbanwa", "Tale": "Tai_Le", "Lana": "Tai_Tham",
	"Tavt": "Tai_Viet", "Takr": "Takri", "Taml": "Tamil", "Tnsa": "Tangsa", "Tang": "Tangut", "Telu": "Telugu",
	"Thaa": "Thaana", "Thai": "Thai", "Tibt": "Tibetan", "Tfng": "Tifinagh", "Tirh": "Tirhuta", "Toto": "Toto",
	"Ugar": "Ugaritic", "Vaii": "Vai", "Vith": "Vithkuqi", "Wcho": "Wancho", "Wara": "Warang_Citi",
	"Yezi": "Yezidi", "Yiii": "Yi", "Zanb": "Zanabazar_Square", "Zzzz": "Unknown",
}

// propertyClasses caches the rendered class body of each property expression ("L", "Script=Greek", ...),
// built on first use: the tables are large and most programs use a handful of properties.
var propertyClasses sync.Map // key: expression + "\x00" + "p" or "P"; value: string

var (
	assignedOnce sync.Once
	assignedSet  uset
)

func assigned() uset {
	assignedOnce.Do(func() {
		var all []uset
		for name, t := range unicode.Categories {
			if len(name) == 2 && name != "Cn" {
				all = append(all, fromTable(t))
			}
		}
		assignedSet = union(all...)
	})
	return assignedSet
}

// resolveProperty returns the code points of a \p{...} body, or ok=false for a name V8 rejects.
func resolveProperty(expr string) (set uset, ok bool) {
	if name, value, hasEq := strings.Cut(expr, "="); hasEq {
		switch name {
		case "General_Category", "gc":
			if short, ok := generalCategories[value]; ok {
				return categorySet(short), true
			}
		case "Script", "sc":
			if long, ok := scriptName(value); ok {
				return scriptSet(long), true
			}
		case "Script_Extensions", "scx":
			if long, ok := scriptName(value); ok {
				if ext := nodeScriptExtensions(long); ext != nil {
					return uset(ext), true
				}
				return scriptSet(long), true
			}
		}
		return nil, false
	}
	if short, ok := generalCategories[expr]; ok {
		return categorySet(short), true
	}
	return binarySet(expr)
}

func scriptName(v string) (string, bool) {
	if long, ok := scriptAliases[v]; ok {
		return long, true
	}
	if _, ok := unicode.Scripts[v]; ok {
		return v, true
	}
	return "", v == "Unknown"
}

func scriptSet(long string) uset {
	if long == "Unknown" {
		var all []uset
		for _, t := range unicode.Scripts {
			all = append(all, fromTable(t))
		}
		return union(all...).complement()
	}
	return fromTable(unicode.Scripts[long])
}

func categorySet(short string) uset {
	switch short {
	case "LC":
		return union(fromTable(unicode.Lu), fromTable(unicode.Ll), fromTable(unicode.Lt))
	case "Cn":
		return assigned().complement()
	case "C":
		return union(fromTable(unicode.C), assigned().complement()).minusRange(0xD800, 0xDFFF)
	case "Cs":
		return nil // lone surrogates never reach the engines as characters
	}
	return fromTable(unicode.Categories[short])
}

func binarySet(name string) (uset, bool) {
	if long, ok := binaryAliases[name]; ok {
		name = long
	}
	switch name {
	case "Any":
		return uset{0, maxRune}.minusRange(0xD800, 0xDFFF), true
	case "ASCII":
		return uset{0, 0x7F}, true
	case "Assigned":
		return assigned().minusRange(0xD800, 0xDFFF), true
	}
	if goBinary[name] {
		return fromTable(unicode.Properties[name]), true
	}
	if r := nodeBinaryProperty(name); r != nil {
		return uset(r), true
	}
	return nil, false
}

// propertyClass returns the inside of a character class (no brackets) matching \p{expr}, or the
// complement for \P{expr}.
func propertyClass(expr string, negated bool) (string, bool) {
	key := expr + "\x00p"
	if negated {
		key = expr + "\x00P"
	}
	if v, ok := propertyClasses.Load(key); ok {
		return v.(string), true
	}
	set, ok := resolveProperty(expr)
	if !ok {
		return "", false
	}
	if negated {
		set = set.complement()
	}
	body := renderClass(set)
	propertyClasses.Store(key, body)
	return body, true
}

// renderClass writes ranges in a form both of goja's engines (Go regexp after goja's translation, and
// regexp2) read the same way under the u flag: ASCII letters and digits as themselves, other ASCII and C1
// controls as \x/\u escapes, everything else as the literal character (astral ones included, since under u
// both engines match by code point). An empty set renders as "", which the caller handles.
func renderClass(s uset) string {
	var b strings.Builder
	b.Grow(len(s) * 4)
	for i := 0; i < len(s); i += 2 {
		writeClassChar(&b, s[i])
		if s[i+1] != s[i] {
			if s[i+1] > s[i]+1 {
				b.WriteByte('-')
			}
			writeClassChar(&b, s[i+1])
		}
	}
	return b.String()
}

const hexDigits = "0123456789ABCDEF"

func writeClassChar(b *strings.Builder, c uint32) {
	switch {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
		b.WriteByte(byte(c))
	case c < 0x80:
		b.WriteString(`\x`)
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	case c < 0xA0:
		b.WriteString(`\u00`)
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	default:
		b.WriteRune(rune(c))
	}
}
